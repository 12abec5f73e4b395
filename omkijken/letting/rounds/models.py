"""Allocation rounds and the allocations (VERA *toewijzingen*) an accepted round makes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omkijken.letting.adverts.models import Advert
from omkijken.letting.channels import CHANNEL_VALUES, Channel


class Passendheid(models.TextChoices):
    """VERA PASSENDHEIDSSOORT of an allocation, as the engine's result gives it."""

    PAS = "PAS", _("passend")
    NIE = "NIE", _("not passend (exception)")
    NVT = "NVT", _("not applicable")


class Justification(models.TextChoices):
    """VERA reference codes that justify a non-passende allocation (the engine proposes one)."""

    BIJ = "BIJ", _("special family circumstances")
    HER = "HER", _("urban renewal (herstructurering)")
    HHV = "HHV", _("rehousing after a calamity (herhuisvesting)")


def passendheid_label(code: str) -> str:
    return str(dict(Passendheid.choices).get(code, code))


def justification_label(code: str) -> str:
    return str(dict(Justification.choices).get(code, code))


class Round(models.Model):
    """An allocation round: vacancies allocated together by the engine. The snapshot sent to the
    engine and its result are kept, so every decision can be explained later."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposal")
        ACCEPTED = "accepted", _("Accepted")
        DISCARDED = "discarded", _("Discarded")

    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="rounds",
        limit_choices_to={"kind": "corporation"},
    )
    name = models.CharField(_("name"), max_length=120)
    round_date = models.DateField(_("reference date"))
    method = models.CharField(
        _("method"),
        max_length=10,
        default="optimal",
        choices=[
            ("optimal", _("Optimal (priority, mix and quota)")),
            ("greedy", _("Greedy (advert by advert)")),
        ],
    )
    adverts = models.ManyToManyField(Advert, verbose_name=_("adverts"), related_name="rounds")
    snapshot = models.JSONField(_("round sent to the engine"), default=dict)
    result = models.JSONField(_("engine result"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    changed = models.BooleanField(_("changed by the officer"), default=False)
    change_reason = models.TextField(_("reason for the change"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("allocation round")
        verbose_name_plural = _("allocation rounds")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="round_status_valid", condition=Q(status__in=["proposed", "accepted", "discarded"])
            ),
            models.CheckConstraint(
                name="round_change_has_reason", condition=Q(changed=False) | ~Q(change_reason="")
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Allocation(models.Model):
    """An accepted assignment of a vacancy to a household (VERA *toewijzing*)."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="allocations"
    )
    advert = models.ForeignKey(
        Advert, verbose_name=_("advert"), on_delete=models.PROTECT, related_name="allocations"
    )
    unit = models.ForeignKey(
        "portfolio.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        "residents.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    passendheid = models.CharField(_("passendheid"), max_length=3)  # VERA PAS | NIE | NVT
    justification = models.CharField(_("justification (VERA)"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["round_id", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="allocation_unit_once_per_round"),
            models.UniqueConstraint(
                fields=["round", "household"], name="allocation_household_once_per_round"
            ),
            models.CheckConstraint(name="allocation_channel_valid", condition=Q(channel__in=CHANNEL_VALUES)),
            models.CheckConstraint(
                name="allocation_passendheid_valid", condition=Q(passendheid__in=["PAS", "NIE", "NVT"])
            ),
        ]

    def __str__(self) -> str:
        return f"Allocation #{self.pk}"

    @property
    def passendheid_label(self) -> str:
        return passendheid_label(self.passendheid)

    @property
    def justification_label(self) -> str:
        return justification_label(self.justification) if self.justification else ""
