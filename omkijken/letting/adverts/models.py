"""Registrations of home seekers, adverts (VERA *publicaties*) and responses (VERA *reacties*)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from omkijken.letting.channels import Channel


class Registration(models.Model):
    """A household's registration as a home seeker (VERA *inschrijving*): what ranking and
    passendheid need, nothing more."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    household = models.OneToOneField(
        "residents.Household",
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        related_name="registration",
    )
    registration_date = models.DateField(_("registration date"))
    household_size = models.PositiveSmallIntegerField(_("household size"))
    yearly_income = models.DecimalField(_("yearly household income (€)"), max_digits=10, decimal_places=2)
    pension_age = models.BooleanField(_("pension age (AOW) reached"), default=False)
    urgency_category = models.CharField(_("urgency (VERA VOORRANGDETAILSOORT)"), max_length=3, blank=True)
    urgency_valid_until = models.DateField(_("urgency valid until"), null=True, blank=True)
    needs = models.JSONField(_("needs (unit features)"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    # When the registration ended: the retention clock of its income data (omkijken.privacy).
    # Set by whoever ends it; the retention run starts the clock for one it finds ended without it.
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    external_id = models.CharField(_("external id (ERP)"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.CheckConstraint(name="registration_size_positive", condition=Q(household_size__gte=1)),
            models.CheckConstraint(
                name="registration_income_not_negative", condition=Q(yearly_income__gte=0)
            ),
            models.CheckConstraint(
                name="registration_urgency_complete",
                condition=(Q(urgency_category="") & Q(urgency_valid_until__isnull=True))
                | (~Q(urgency_category="") & Q(urgency_valid_until__isnull=False)),
            ),
            models.CheckConstraint(
                name="registration_status_valid", condition=Q(status__in=["active", "ended"])
            ),
        ]

    def __str__(self) -> str:
        return f"Registration #{self.pk}"


class Advert(models.Model):
    """A vacancy published for letting (VERA *publicatie*), with its channels and the selection
    criteria in plain Dutch (Wet goed verhuurderschap: transparent, objective, published)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed for responses")
        ALLOCATED = "allocated", _("Allocated")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = ("draft", "published", "closed")

    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="adverts",
        limit_choices_to={"kind": "corporation"},
    )
    unit = models.ForeignKey(
        "portfolio.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="adverts"
    )
    channels = models.JSONField(_("channels"), default=list)
    proposed_channels = models.JSONField(_("proposed channels"), default=list, blank=True)
    proposal_reason = models.CharField(_("why these channels were proposed"), max_length=300, blank=True)
    override_reason = models.CharField(_("reason for overriding the proposal"), max_length=300, blank=True)
    criteria = models.TextField(_("selection criteria (published)"))
    starts_on = models.DateField(_("open for responses from"))
    ends_on = models.DateField(_("open for responses until"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    external_id = models.CharField(_("external id (ERP)"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("advert")
        verbose_name_plural = _("adverts")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(name="advert_period_valid", condition=Q(ends_on__gte=F("starts_on"))),
            models.CheckConstraint(
                name="advert_status_valid",
                condition=Q(status__in=["draft", "published", "closed", "allocated", "withdrawn"]),
            ),
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(status__in=["draft", "published", "closed"]),
                name="one_open_advert_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"Advert #{self.pk}"

    @property
    def channels_display(self) -> str:
        labels = dict(Channel.choices)
        return ", ".join(str(labels.get(c, c)) for c in self.channels)


class Response(models.Model):
    """A household's response (VERA *reactie*) to an advert. ``preference`` orders a household's
    responses: 1 is most preferred."""

    advert = models.ForeignKey(
        Advert, verbose_name=_("advert"), on_delete=models.CASCADE, related_name="responses"
    )
    household = models.ForeignKey(
        "residents.Household", verbose_name=_("household"), on_delete=models.CASCADE, related_name="responses"
    )
    preference = models.PositiveSmallIntegerField(_("preference (1 = most wanted)"), default=1)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    created_at = models.DateTimeField(_("responded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["household_id", "preference", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["advert", "household"], name="one_response_per_household_per_advert"
            ),
            models.CheckConstraint(name="response_preference_positive", condition=Q(preference__gte=1)),
        ]

    def __str__(self) -> str:
        return f"Response #{self.pk}"
