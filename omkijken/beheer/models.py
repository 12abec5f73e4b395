"""The building manager's contact log: visits, phone calls and conversations with residents.

A contact moment says *that* the building manager spoke with a household, when, who was involved
and a short practical note. Never care content (no diagnoses, no support plans): the form says
so. Notes are read only by the building managers of the household's complex
(``beheer.selectors``) and deleted after the corporation's retention period for contact notes
(two years by default; ``omkijken.privacy.retention``, the command ``omkijken retention run``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ContactKind(models.TextChoices):
    WELCOME_VISIT = "welcome_visit", _("Welcome visit")
    FOLLOW_UP_VISIT = "follow_up_visit", _("Follow-up visit")
    VISIT = "visit", _("Visit")
    PHONE_CALL = "phone_call", _("Phone call")
    CONVERSATION = "conversation", _("Conversation")


VISIT_KINDS = frozenset({ContactKind.WELCOME_VISIT, ContactKind.FOLLOW_UP_VISIT, ContactKind.VISIT})


class ContactMoment(models.Model):
    complex = models.ForeignKey(
        "portfolio.Complex", verbose_name=_("complex"), on_delete=models.CASCADE, related_name="+"
    )
    household = models.ForeignKey(
        "residents.Household", verbose_name=_("household"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind of contact"), max_length=20, choices=ContactKind.choices)
    date = models.DateField(_("date"))
    involved = models.CharField(
        _("who was involved"), max_length=200, help_text=_("For example: the main tenant and her son.")
    )
    note = models.CharField(_("short note"), max_length=500, blank=True)
    # What the contact was about, in a few words; other rooms that record a contact moment (a visit
    # after a signal) put their reference here, e.g. "Signaal #12".
    subject = models.CharField(_("about"), max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                name="contact_kind_valid", condition=Q(kind__in=[k.value for k in ContactKind])
            ),
            models.CheckConstraint(name="contact_involved_not_blank", condition=~Q(involved="")),
        ]
        indexes = [
            models.Index(fields=["household", "-date"]),
            models.Index(fields=["complex", "-date"]),
            models.Index(fields=["recorded_at"]),
        ]

    def __str__(self) -> str:
        return f"ContactMoment #{self.pk}"
