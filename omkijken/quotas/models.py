"""The municipality's yearly quota (taakstelling) of vulnerable households a corporation houses."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omkijken.residents.models import TargetGroup


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
    target_group = models.CharField(
        _("target group"),
        max_length=4,
        help_text=_("A target-group code, or * for any vulnerable household."),
        choices=[("*", _("Any vulnerable household")), *TargetGroup.choices],
    )
    required = models.PositiveIntegerField(_("households to house"))

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["-year", "target_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "corporation", "year", "target_group"], name="quota_unique"
            ),
            models.CheckConstraint(name="quota_year_sane", condition=Q(year__gte=2000) & Q(year__lte=2100)),
            models.CheckConstraint(
                name="quota_target_group_valid",
                condition=Q(target_group__in=["*", *[t.value for t in TargetGroup]]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.target_group}: {self.required}"
