"""Letting (woonruimteverdeling): from vacancy to key handover.

Django registers the app's models from here. Each sub-context keeps its own models: registrations,
adverts and responses in ``adverts``; the good-neighbour motivation intake in ``intake``;
care-partner nominations in ``nominations``; allocation rounds and allocations in ``rounds``;
offers and key handovers in ``offers``; letters in ``letters``. Imports (``ImportBatch``) stay
here for the exchange.

Privacy: nothing here stores care content. A nomination is special-category data and is read
only through ``omkijken.letting.nominations.selectors``, which logs every person-level read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from omkijken.letting.adverts.models import Advert, Registration, Response
from omkijken.letting.intake.models import (
    IntakeStep,
    MotivationApplication,
    MotivationScore,
    Question,
    Questionnaire,
)
from omkijken.letting.letters.models import Letter
from omkijken.letting.nominations.models import Nomination
from omkijken.letting.offers.models import KeyHandover, Offer, OfferEvent
from omkijken.letting.rounds.models import Allocation, Round

__all__ = [
    "Advert",
    "Allocation",
    "ImportBatch",
    "IntakeStep",
    "KeyHandover",
    "Letter",
    "MotivationApplication",
    "MotivationScore",
    "Nomination",
    "Offer",
    "OfferEvent",
    "Question",
    "Questionnaire",
    "Registration",
    "Response",
    "Round",
]


class ImportBatch(models.Model):
    """One file imported from the corporation's systems (CSV from the ERP, or VERA WRV JSON).
    All-or-nothing: a batch row exists only for an import that was applied."""

    class Kind(models.TextChoices):
        CSV_UNITS = "csv_units", _("Units (CSV)")
        CSV_HOUSEHOLDS = "csv_households", _("Households (CSV)")
        VERA = "vera", _("VERA WRV JSON")

    corporation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("corporation"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    filename = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("records created"), default=0)
    updated = models.PositiveIntegerField(_("records updated"), default=0)
    unchanged = models.PositiveIntegerField(_("records unchanged"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"ImportBatch #{self.pk}"
