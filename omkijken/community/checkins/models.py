"""The calling rota (phone tree): who calls whom, and the calls made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class CheckInAgreement(models.Model):
    """A regular phone call (the phone tree): who calls whom, how often, when the next call is due."""

    complex = models.ForeignKey("portfolio.Complex", on_delete=models.CASCADE, related_name="+")
    resident = models.ForeignKey(
        "residents.Person", verbose_name=_("who is called"), on_delete=models.CASCADE, related_name="+"
    )
    caller = models.ForeignKey(
        "residents.Person", verbose_name=_("who calls"), on_delete=models.CASCADE, related_name="+"
    )
    every_days = models.PositiveSmallIntegerField(_("every how many days"), default=7)
    next_due_at = models.DateTimeField(_("next call"))
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("check-in agreement")
        verbose_name_plural = _("check-in agreements")
        ordering = ["next_due_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="checkin_interval_range", condition=Q(every_days__gte=1) & Q(every_days__lte=31)
            ),
            models.CheckConstraint(name="checkin_not_self", condition=~Q(caller=F("resident"))),
        ]

    def __str__(self) -> str:
        return f"CheckInAgreement #{self.pk}"


class CheckIn(models.Model):
    """One call made. Only whether the resident was reached: never what was said."""

    agreement = models.ForeignKey(CheckInAgreement, on_delete=models.CASCADE, related_name="calls")
    due_at = models.DateTimeField(_("was due"))
    done_at = models.DateTimeField(_("called at"))
    reached = models.BooleanField(_("reached"), default=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-done_at"]
        constraints = [
            # One record per call: the call that was due is logged once.
            models.UniqueConstraint(fields=["agreement", "due_at"], name="one_record_per_call"),
        ]

    def __str__(self) -> str:
        return f"CheckIn #{self.pk}"
