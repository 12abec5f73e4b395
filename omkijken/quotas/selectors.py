"""Aggregates for the municipality and for quota (taakstelling) reporting.

Municipal officers see aggregates only, every count through the one disclosure control in
``omkijken.quotas.suppression`` (suppression under 5, a second hidden cell, rounding to 5);
corporation staff see their own figures exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from omkijken.accounts.models import Organisation, Role, User
from omkijken.accounts.policy import can
from omkijken.portfolio.models import Neighbourhood, Unit
from omkijken.quotas.models import Quota
from omkijken.quotas.suppression import (  # noqa: F401  (suppress, Cell: the callers' old import path)
    SUPPRESSION_THRESHOLD,
    Cell,
    protect,
    protect_total,
    suppress,
)
from omkijken.residents.models import Lease, TargetGroup, TargetGroupStatus
from omkijken.residents.selectors import current_lease_filter, open_status_filter


@dataclass(frozen=True)
class NeighbourhoodRow:
    neighbourhood: Neighbourhood
    homes: int
    occupied: int
    vulnerable: Cell

    @property
    def share(self) -> float | None:
        if self.vulnerable.value is None or self.occupied == 0:
            return None
        return self.vulnerable.value / self.occupied


@dataclass(frozen=True)
class QuotaRow:
    corporation: Organisation
    target_group: str
    target_group_label: str
    required: int
    housed: Cell


@dataclass(frozen=True)
class MunicipalReport:
    year: int
    neighbourhoods: list[NeighbourhoodRow]
    by_target_group: dict[str, Cell]
    target_group_labels: dict[str, str]
    quotas: list[QuotaRow]
    # Totals from the exact counts, then protected like every cell.
    vulnerable_total: Cell
    target_group_total: Cell
    # True for a municipal officer: figures suppressed and rounded; False: the corporation's own.
    protected: bool
    on: dt.date
    until: dt.date


def for_municipality(actor: User) -> bool:
    """Whether this reader gets the protected figures (anyone outside the corporation)."""
    return actor.role == Role.MUNICIPAL_OFFICER


def _scope(actor: User) -> tuple[Q, Q] | None:
    """Filters on Unit and on Quota for the actor's area: a municipality its CBS code, a
    corporation its own homes."""
    org = actor.organisation
    if org is None or not can(actor, "view_municipal_report"):
        return None
    if actor.role == Role.MUNICIPAL_OFFICER:
        return Q(complex__neighbourhood__municipality_code=org.municipality_code), Q(municipality=org)
    return Q(complex__corporation=org), Q(corporation=org)


def municipal_report(
    actor: User, *, year: int | None = None, on: dt.date | None = None, until: dt.date | None = None
) -> MunicipalReport | None:
    """The figures of a year: homes and households as they are ``on`` (default today), and
    households housed from 1 January up to and including ``until`` (default the end of the year)."""
    on = on or timezone.localdate()
    year = year or on.year
    until = until or dt.date(year, 12, 31)
    scope = _scope(actor)
    if scope is None:
        return None
    municipal = for_municipality(actor)
    unit_scope, quota_scope = scope
    unit_ids = Unit.objects.filter(unit_scope).values("id")

    homes = dict(
        Unit.objects.filter(unit_scope).values_list("complex__neighbourhood_id").annotate(n=Count("id"))
    )
    # Two grouped counts rather than one with an EXISTS per lease: the second is a semi-join on
    # the open statuses (PostgreSQL ran the EXISTS once per lease, 5 s for 200,000 leases).
    current = Lease.objects.filter(current_lease_filter(on), unit_id__in=unit_ids)
    occupied: dict[int, int] = dict(
        current.values_list("unit__complex__neighbourhood_id").annotate(n=Count("id"))  # type: ignore[arg-type]
    )
    vulnerable: dict[int, int] = dict(
        current.filter(
            household_id__in=TargetGroupStatus.objects.filter(open_status_filter(on)).values("household_id")
        )
        .values_list("unit__complex__neighbourhood_id")
        .annotate(n=Count("id"))  # type: ignore[arg-type]
    )
    neighbourhoods = Neighbourhood.objects.filter(pk__in=homes.keys()).order_by("district_name", "name")
    vulnerable_cells = protect(
        {str(n.pk): vulnerable.get(n.pk, 0) for n in neighbourhoods}, for_municipality=municipal
    )
    rows = [
        NeighbourhoodRow(
            neighbourhood=n,
            homes=homes[n.pk],
            occupied=occupied.get(n.pk, 0),
            vulnerable=vulnerable_cells[str(n.pk)],
        )
        for n in neighbourhoods
    ]

    current_households = Lease.objects.filter(current_lease_filter(on), unit_id__in=unit_ids).values(
        "household_id"
    )
    by_group = dict(
        TargetGroupStatus.objects.filter(open_status_filter(on), household_id__in=current_households)
        .values_list("target_group")
        .annotate(n=Count("id"))
    )
    labels = {code: str(label) for code, label in TargetGroup.choices}
    by_target_group = protect({code: by_group.get(code, 0) for code in labels}, for_municipality=municipal)

    # Housed this year, per corporation: leases started in the year by households that were in a
    # target group when their lease started.
    in_period = Lease.objects.filter(
        unit_id__in=unit_ids, start_date__gte=dt.date(year, 1, 1), start_date__lte=until
    )
    started = in_period.values_list("household_id", "start_date", "unit__complex__corporation_id")
    starts = {household_id: (start, corporation_id) for household_id, start, corporation_id in started}
    housed: dict[tuple[int | None, str], int] = {}
    for household_id, group, start, end in TargetGroupStatus.objects.filter(
        # A subquery, not a list of ids: a year of a large corporation has tens of thousands.
        household_id__in=in_period.values("household_id")
    ).values_list("household_id", "target_group", "start_date", "end_date"):
        lease_start, corporation_id = starts[household_id]
        if start <= lease_start and (end is None or end >= lease_start):
            for key in ((corporation_id, group), (corporation_id, "*")):
                housed[key] = housed.get(key, 0) + 1
    quotas = list(
        Quota.objects.filter(quota_scope, year=year)
        .select_related("corporation")
        .order_by("corporation__name", "target_group")
    )
    quota_cells = protect(
        {
            f"{q.corporation_id}:{q.target_group}": housed.get((q.corporation_id, q.target_group), 0)
            for q in quotas
        },
        for_municipality=municipal,
    )
    quota_rows = [
        QuotaRow(
            corporation=q.corporation,
            target_group=q.target_group,
            target_group_label=str(q.get_target_group_display()),
            required=q.required,
            housed=quota_cells[f"{q.corporation_id}:{q.target_group}"],
        )
        for q in quotas
    ]
    return MunicipalReport(
        year=year,
        neighbourhoods=rows,
        by_target_group=by_target_group,
        target_group_labels=labels,
        quotas=quota_rows,
        vulnerable_total=protect_total(
            sum(vulnerable.get(n.pk, 0) for n in neighbourhoods), for_municipality=municipal
        ),
        target_group_total=protect_total(
            sum(by_group.get(code, 0) for code in labels), for_municipality=municipal
        ),
        protected=municipal,
        on=on,
        until=until,
    )
