"""Exploratory talks with care partners for a project: the pipeline from a first talk to an agreement.

Privacy: a talk is about the organisation and the arrangement (target groups, number of places,
support, room, contact). There is no field for a client, and the note form says so.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    EXPLORATION = "verkenning", _("Exploration (verkenning)")
    ARRANGEMENTS = "afspraken", _("Arrangements (afspraken)")
    AGREEMENT = "overeenkomst", _("Agreement (overeenkomst)")
    ACTIVE = "actief", _("Active (actief)")
    ENDED = "beeindigd", _("Ended (beëindigd)")


STAGE_ORDER = [s.value for s in Stage]


class PartnerTalk(models.Model):
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="partner_talks"
    )
    care_partner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("care partner"),
        on_delete=models.PROTECT,
        related_name="partner_talks",
        limit_choices_to={"kind": "care_partner"},
    )
    complex = models.ForeignKey(
        "portfolio.Complex", verbose_name=_("complex"), on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.EXPLORATION)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    clients_proposed = models.PositiveSmallIntegerField(_("number of clients proposed"))
    support_offered = models.TextField(_("support offered"), blank=True)
    room = models.CharField(_("room in the building"), max_length=120, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    agreement = models.OneToOneField(
        "projects.CarePartnerAgreement",
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="talk",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner talk")
        verbose_name_plural = _("partner talks")
        ordering = ["project", "care_partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "care_partner", "complex"], name="one_partner_talk_per_partner_complex"
            ),
            models.CheckConstraint(name="partner_talk_stage_valid", condition=Q(stage__in=STAGE_ORDER)),
        ]

    def __str__(self) -> str:
        return f"{self.care_partner} – {self.project}"


class PartnerTalkNote(models.Model):
    """A dated note of one talk: about the organisation and the arrangement, never about clients."""

    talk = models.ForeignKey(
        PartnerTalk, verbose_name=_("talk"), on_delete=models.CASCADE, related_name="notes"
    )
    held_on = models.DateField(_("date of the talk"))
    text = models.TextField(_("note"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("talk note")
        verbose_name_plural = _("talk notes")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.talk} {self.held_on}"
