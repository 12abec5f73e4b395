"""An objection (bezwaar) of a household against the outcome of an accepted allocation round."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omkijken.letting.letters.models import Letter
from omkijken.letting.rounds.models import Round


class Objection(models.Model):
    """A household's objection to a round's outcome. Its grounds are the household's own words about
    the decision; the form asks nothing about health or support, and the decision's reason is
    written for the household to read."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld")
        REJECTED = "rejected", _("Rejected")

    class Via(models.TextChoices):
        ONLINE = "online", _("Online, on the household's own page")
        PAPER = "paper", _("On paper, registered by the letting officer")

    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="objections",
        limit_choices_to={"kind": "corporation"},
    )
    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="objections"
    )
    household = models.ForeignKey(
        "residents.Household",
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        related_name="objections",
    )
    letter = models.ForeignKey(
        Letter,
        verbose_name=_("letter objected to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="objections",
    )
    via = models.CharField(_("received"), max_length=10, choices=Via.choices)
    grounds = models.TextField(_("grounds of the objection"))
    received_on = models.DateField(_("received on"))
    deadline = models.DateField(_("time limit for objecting"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    lodged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lodged or registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_mailed_to = models.EmailField(_("decision mailed to"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="objection_status_valid", condition=Q(status__in=["open", "upheld", "rejected"])
            ),
            models.CheckConstraint(name="objection_via_valid", condition=Q(via__in=["online", "paper"])),
            models.CheckConstraint(name="objection_grounds_given", condition=~Q(grounds="")),
            models.CheckConstraint(
                name="objection_in_time", condition=Q(received_on__lte=models.F("deadline"))
            ),
            models.CheckConstraint(
                name="objection_decided_with_reason",
                condition=Q(status="open", decided_at__isnull=True)
                | (~Q(status="open") & ~Q(decision_reason="") & Q(decided_at__isnull=False)),
            ),
            models.UniqueConstraint(
                fields=["round", "household"],
                condition=Q(status="open"),
                name="objection_one_open_per_household_and_round",
            ),
        ]

    def __str__(self) -> str:
        return f"Objection #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
