"""The municipality's quota (taakstelling) of vulnerable households a corporation houses.

A quota is set per municipality × corporation × period × target group. The period is a calendar
year (``period="Y"``), or for refugee status holders (target group ``STH``) also a half-year
(``H1`` January–June, ``H2`` July–December), as the national half-yearly task for status holders
is set. Every change is kept as a :class:`QuotaChange` (who, when, old → new); the corporation
acknowledges the figure it has been given (who, when), and a later change asks for a new
acknowledgement.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omkijken.residents.models import TargetGroup

# The target groups whose task may be set per half-year.
HALF_YEAR_GROUPS = (TargetGroup.STH.value,)


class Period(models.TextChoices):
    YEAR = "Y", _("Year")
    H1 = "H1", _("First half-year")
    H2 = "H2", _("Second half-year")


def period_bounds(year: int, period: str) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) of a quota period."""
    if period == Period.H1:
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if period == Period.H2:
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


class Quota(models.Model):
    municipality = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="quotas_set",
        limit_choices_to={"kind": "municipality"},
    )
    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="quotas",
        limit_choices_to={"kind": "corporation"},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=2, choices=Period.choices, default=Period.YEAR)
    target_group = models.CharField(
        _("target group"),
        max_length=4,
        help_text=_("A target-group code, or * for any vulnerable household."),
        choices=[("*", _("Any vulnerable household")), *TargetGroup.choices],
    )
    required = models.PositiveIntegerField(_("households to house"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["-year", "target_group", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "corporation", "year", "period", "target_group"], name="quota_unique"
            ),
            models.CheckConstraint(name="quota_year_sane", condition=Q(year__gte=2000) & Q(year__lte=2100)),
            models.CheckConstraint(
                name="quota_target_group_valid",
                condition=Q(target_group__in=["*", *[t.value for t in TargetGroup]]),
            ),
            models.CheckConstraint(name="quota_period_valid", condition=Q(period__in=["Y", "H1", "H2"])),
            models.CheckConstraint(
                name="quota_half_year_only_for_status_holders",
                condition=Q(period="Y") | Q(target_group__in=list(HALF_YEAR_GROUPS)),
            ),
            models.CheckConstraint(
                name="quota_acknowledged_has_who_and_when",
                condition=Q(acknowledged_at__isnull=True) | Q(acknowledged_by__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        suffix = "" if self.period == Period.YEAR else f"-{self.period}"
        return f"{self.year}{suffix} {self.target_group}: {self.required}"

    @property
    def bounds(self) -> tuple[dt.date, dt.date]:
        return period_bounds(self.year, self.period)

    @property
    def period_label(self) -> str:
        if self.period == Period.YEAR:
            return str(self.year)
        return f"{self.year} {self.get_period_display()}"


class QuotaChange(models.Model):
    """History of a quota: every figure it had (old → new), and every acknowledgement."""

    class Kind(models.TextChoices):
        SET = "set", _("Figure set")
        ACKNOWLEDGED = "ack", _("Acknowledged")

    class Source(models.TextChoices):
        FORM = "form", _("Form")
        IMPORT = "import", _("CSV import")
        MIGRATION = "migration", _("Taken over from the yearly quota")

    quota = models.ForeignKey(
        Quota, verbose_name=_("quota"), on_delete=models.CASCADE, related_name="changes"
    )
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, default=Kind.SET)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.FORM)
    old_required = models.PositiveIntegerField(_("old figure"), null=True, blank=True)
    new_required = models.PositiveIntegerField(_("new figure"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("quota change")
        verbose_name_plural = _("quota changes")
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(name="quota_change_kind_valid", condition=Q(kind__in=["set", "ack"])),
            models.CheckConstraint(
                name="quota_change_source_valid", condition=Q(source__in=["form", "import", "migration"])
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quota}: {self.old_required} → {self.new_required}"
