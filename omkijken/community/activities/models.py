"""Activities of a complex, who signs up and comes, and the secret address of its calendar feed."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Activity(models.Model):
    class Recurrence(models.TextChoices):
        NONE = "", _("Once")
        WEEKLY = "WEEKLY", _("Every week")
        MONTHLY = "MONTHLY", _("Every month")

    complex = models.ForeignKey("portfolio.Complex", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("name of the activity"), max_length=120)
    description = models.TextField(_("what will we do?"), max_length=2000, blank=True)
    location = models.CharField(_("where"), max_length=120)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    recurrence = models.CharField(_("repeats"), max_length=10, choices=Recurrence.choices, blank=True)
    repeat_until = models.DateField(_("repeat until"), null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(_("maximum number of people"), null=True, blank=True)
    organiser = models.ForeignKey(
        "residents.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(name="activity_ends_after_start", condition=Q(ends_at__gt=F("starts_at"))),
            models.CheckConstraint(
                name="activity_recurrence_valid", condition=Q(recurrence__in=["", "WEEKLY", "MONTHLY"])
            ),
            models.CheckConstraint(
                name="activity_capacity_positive", condition=Q(capacity__isnull=True) | Q(capacity__gte=1)
            ),
            models.CheckConstraint(
                name="recurring_activity_has_end",
                condition=Q(recurrence="") | Q(repeat_until__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ActivitySignup(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signups")
    person = models.ForeignKey("residents.Person", on_delete=models.CASCADE, related_name="+")
    occurrence = models.DateField(_("date"))
    attended = models.BooleanField(_("was there"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            models.UniqueConstraint(fields=["activity", "person", "occurrence"], name="signup_once")
        ]

    def __str__(self) -> str:
        return f"ActivitySignup #{self.pk}"


def _feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of a complex's iCalendar feed (calendar apps cannot log in)."""

    complex = models.OneToOneField("portfolio.Complex", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=_feed_token)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"CalendarFeed #{self.pk}"
