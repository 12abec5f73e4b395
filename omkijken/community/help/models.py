"""Help between neighbours: questions a resident posts and what neighbours offer."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class HelpKind(models.TextChoices):
    PRACTICAL = "practical", _("Practical help")
    PAPERWORK = "paperwork", _("Letters and forms")
    COMPANY = "company", _("Company")
    TRANSPORT = "transport", _("Transport")


class HelpRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLAIMED = "claimed", _("A neighbour is helping")
        CLOSED = "closed", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    complex = models.ForeignKey("portfolio.Complex", on_delete=models.CASCADE, related_name="+")
    requester = models.ForeignKey(
        "residents.Person", verbose_name=_("asked by"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind of help"), max_length=20, choices=HelpKind.choices)
    title = models.CharField(_("what do you need help with?"), max_length=120)
    description = models.TextField(_("tell a bit more"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    helper = models.ForeignKey(
        "residents.Person",
        verbose_name=_("helped by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked at"))
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_note = models.CharField(_("short note"), max_length=300, blank=True)
    # How the pair reaches each other once a neighbour takes the request (issue 13 part 9): only
    # the asker and the helper see it, only what each chose to share.
    share_house_number = models.BooleanField(_("my house number"), default=True)
    share_phone = models.BooleanField(_("my phone number"), default=False)
    helper_shares_phone = models.BooleanField(_("helper shows their phone number"), default=False)

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="help_status_valid", condition=Q(status__in=["open", "claimed", "closed", "cancelled"])
            ),
            models.CheckConstraint(
                name="help_claimed_has_helper",
                condition=~Q(status="claimed") | (Q(helper__isnull=False) & Q(claimed_at__isnull=False)),
            ),
            models.CheckConstraint(
                name="help_open_has_no_helper", condition=~Q(status="open") | Q(helper__isnull=True)
            ),
            models.CheckConstraint(name="help_not_self", condition=~Q(helper=F("requester"))),
        ]
        indexes = [models.Index(fields=["complex", "status", "created_at"])]

    def __str__(self) -> str:
        return self.title


class HelpOffer(models.Model):
    complex = models.ForeignKey("portfolio.Complex", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("residents.Person", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of help"), max_length=20, choices=HelpKind.choices)
    description = models.CharField(_("what can you offer?"), max_length=300)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("help offer")
        verbose_name_plural = _("help offers")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.description
