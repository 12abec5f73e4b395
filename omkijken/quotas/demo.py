"""Demo step of quotas: the municipality's yearly task for Woonhaven, this year and last."""

from __future__ import annotations

from omkijken.demo.personas import CORPORATION, MUNICIPALITY
from omkijken.demo.plan import DemoPlan, bulk
from omkijken.quotas.models import Quota


def plan_quotas(plan: DemoPlan) -> None:
    municipality, woonhaven = plan.organisation_by_name[MUNICIPALITY], plan.organisation_by_name[CORPORATION]
    figures = {
        plan.today.year: {"*": 300, "STH": 120, "DAK": 80, "UIT": 60},
        plan.today.year - 1: {"*": 280, "STH": 135, "DAK": 70, "UIT": 50},
    }
    for year, by_group in figures.items():
        for group, required in by_group.items():
            plan.quotas.append(
                Quota(
                    municipality=municipality,
                    corporation=woonhaven,
                    year=year,
                    target_group=group,
                    required=required,
                )
            )


def write_quotas(plan: DemoPlan) -> None:
    bulk(Quota, plan.quotas)
