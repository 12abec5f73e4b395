"""Demo step of quotas: the municipality's task for Woonhaven over four years.

Status holders' task is set per half-year from three years ago on (as the national task is),
the other groups' per year. The figures are of the size the demo's lettings can meet in part,
so the backlog and the forecast have something to say. Each figure has its first history row.
"""

from __future__ import annotations

from omkijken.demo.personas import CORPORATION, MUNICIPALITY
from omkijken.demo.plan import DemoPlan, bulk
from omkijken.quotas.models import Period, Quota, QuotaChange

# years before this one -> {group: required} ; status holders per half-year as (H1, H2)
FIGURES: dict[int, dict[str, int | tuple[int, int]]] = {
    3: {"*": 80, "STH": 25, "DAK": 15, "UIT": 10},
    2: {"*": 85, "STH": (10, 10), "DAK": 15, "UIT": 10},
    1: {"*": 90, "STH": (10, 10), "DAK": 18, "UIT": 12},
    0: {"*": 100, "STH": (12, 12), "DAK": 20, "UIT": 12},
}


def plan_quotas(plan: DemoPlan) -> None:
    municipality, woonhaven = plan.organisation_by_name[MUNICIPALITY], plan.organisation_by_name[CORPORATION]
    for back, by_group in FIGURES.items():
        year = plan.today.year - back
        for group, figure in by_group.items():
            periods = (
                [(Period.YEAR, figure)]
                if isinstance(figure, int)
                else list(zip((Period.H1, Period.H2), figure, strict=True))
            )
            for period, required in periods:
                plan.quotas.append(
                    Quota(
                        municipality=municipality,
                        corporation=woonhaven,
                        year=year,
                        period=period,
                        target_group=group,
                        required=required,
                    )
                )


def write_quotas(plan: DemoPlan) -> None:
    bulk(Quota, plan.quotas)
    at = plan.at(plan.today.replace(month=1, day=1), 9)
    bulk(
        QuotaChange,
        [
            QuotaChange(
                quota=q,
                source=QuotaChange.Source.IMPORT,
                new_required=q.required,
                at=plan.at(q.bounds[0].replace(month=1, day=1) if q.year < plan.today.year else at.date(), 9),
            )
            for q in plan.quotas
        ],
    )
