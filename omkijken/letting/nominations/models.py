"""Nominations for direct mediation (special-category data).

A nomination carries only what letting needs (size, income class, target-group code, dates, a
consent *reference*); it is read only through ``omkijken.letting.nominations.selectors``, which
logs every person-level read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from omkijken.residents.models import TargetGroup


class IncomeClass(models.TextChoices):
    """Income class for passendheid: all letting needs to know of a nominee's income."""

    PASSEND = "passend", _("At or below the passend-toewijzen limit")
    DAEB = "daeb", _("Above the passend limit, at or below the DAEB limit")
    ABOVE = "above", _("Above the DAEB limit")


class ExistingHomeReason(models.TextChoices):
    """Why a client who already has a home (a current lease) is nominated: a choice, never free
    text, so no care content can be put in it."""

    MOVES_ON = "MOVES_ON", _("moves on from a training or care home")
    LEASE_ENDS = "LEASE_ENDS", _("the current lease is ending")
    UNSUITABLE = "UNSUITABLE", _("the current home no longer suits the household")


class Nomination(models.Model):
    """SPECIAL-CATEGORY DATA: a care partner (or the municipality, for status holders) nominates
    a client it judges ready. Only what letting needs; never care content. Read only through
    ``omkijken.letting.nominations.selectors`` (logged); a care partner sees only its own nominations."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACTIVE = "active", _("Looking for a home")
        HOUSED = "housed", _("Housed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = ("submitted", "active")

    nominator = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("nominated by"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="received_nominations",
        limit_choices_to={"kind": "corporation"},
    )
    household = models.ForeignKey(
        "residents.Household", verbose_name=_("household"), on_delete=models.PROTECT, related_name="+"
    )
    target_group = models.CharField(_("target group"), max_length=4, choices=TargetGroup.choices)
    household_size = models.PositiveSmallIntegerField(_("household size"))
    income_class = models.CharField(_("income class"), max_length=10, choices=IncomeClass.choices)
    pension_age = models.BooleanField(_("pension age (AOW) reached"), default=False)
    needs = models.JSONField(_("needs (unit features)"), default=list, blank=True)
    complexes = models.JSONField(
        _("acceptable complexes, most preferred first (ids)"), default=list, blank=True
    )
    nominated_on = models.DateField(_("nomination date"))
    support_until = models.DateField(_("support period until"), null=True, blank=True)
    consent_reference = models.CharField(_("consent reference"), max_length=60)
    existing_home_reason = models.CharField(
        _("reason to nominate a client who already has a home"),
        max_length=10,
        blank=True,
        choices=ExistingHomeReason.choices,
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    # When it was withdrawn or led to a lease: the retention clock of a nomination that did not
    # lead to a lease (omkijken.privacy).
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        default_permissions = ()
        ordering = ["nominated_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="nomination_target_group_valid",
                condition=Q(target_group__in=[t.value for t in TargetGroup]),
            ),
            models.CheckConstraint(name="nomination_size_positive", condition=Q(household_size__gte=1)),
            models.CheckConstraint(
                name="nomination_support_after_nomination",
                condition=Q(support_until__isnull=True) | Q(support_until__gte=F("nominated_on")),
            ),
            models.CheckConstraint(name="nomination_consent_given", condition=~Q(consent_reference="")),
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(status__in=["submitted", "active"]),
                name="one_open_nomination_per_household",
            ),
        ]

    def __str__(self) -> str:
        return f"Nomination #{self.pk}"
