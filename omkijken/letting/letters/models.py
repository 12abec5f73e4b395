"""Explanation letters sent to households."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from omkijken.letting.rounds.models import Round


class Letter(models.Model):
    """An explanation of a decision sent to a household (HTML e-mail and PDF). Generated from the
    engine's explanation; holds no special-category data about anyone else."""

    class Kind(models.TextChoices):
        ALLOCATED = "allocated", _("Allocated")
        PASSED_OVER = "passed_over", _("Passed over")
        INELIGIBLE = "ineligible", _("Not eligible")
        MOTIVATION_DECISION = "motivation", _("Motivation decision")
        OFFER_WITHDRAWN = "withdrawn", _("Offer withdrawn")

    household = models.ForeignKey(
        "residents.Household", verbose_name=_("household"), on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    round = models.ForeignKey(
        Round,
        verbose_name=_("round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="letters",
    )
    unit = models.ForeignKey(
        "portfolio.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, default="nl")
    subject = models.CharField(_("subject"), max_length=200)
    body_html = models.TextField(_("letter (HTML)"))
    body_text = models.TextField(_("letter (text)"))
    sent_to = models.EmailField(_("sent to"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Letter #{self.pk}"
