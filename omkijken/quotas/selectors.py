"""Aggregates for the municipality and for quota (taakstelling) reporting.

Municipal officers see aggregates only, every count through the one disclosure control in
``omkijken.quotas.suppression`` (suppression under 5, a second hidden cell, rounding to 5);
corporation staff see their own figures exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import Organisation, Role, User
from omkijken.accounts.policy import can
from omkijken.portfolio.models import Neighbourhood, Unit
from omkijken.projects.models import Project
from omkijken.projects.tasks.models import Milestone
from omkijken.quotas.forecast_model import (
    DEFAULT_RUNS,
    DEFAULT_SEED,
    ComplexTurnover,
    ForecastInputs,
    Handover,
    PeriodFigures,
    PipelineItem,
    carry_over,
    months_between,
    simulate,
)
from omkijken.quotas.models import Quota, QuotaChange
from omkijken.quotas.pipeline import PipelineEntry, pipeline_entries
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

    # Housed per quota period, by the counting rule of the taakstelling (placements(), below).
    quotas = list(
        Quota.objects.filter(quota_scope, year=year)
        .select_related("corporation", "municipality")
        .order_by("corporation__name", "target_group", "period")
    )
    balance, _per_quota = _series_balances(quotas, on)
    quota_cells = protect({str(q.pk): balance[q.pk][1] for q in quotas}, for_municipality=municipal)
    quota_rows = [
        QuotaRow(
            corporation=q.corporation,
            target_group=q.target_group,
            target_group_label=str(q.get_target_group_display())
            if q.period == "Y"
            else f"{q.get_target_group_display()} ({q.get_period_display()})",
            required=q.required,
            housed=quota_cells[str(q.pk)],
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


# --- taakstelling: periods, realisation, backlog, forecast (issue 14) --------------------------
#
# The counting rule (docs/quotas.md, and shown on the quota page):
#
# * A placement is a lease of a home of the corporation in the municipality, counted on the
#   lease's start date (its month is the month of realisation).
# * It counts for a target group when the household held a target-group status for that group
#   on the lease's start date; it counts once for "*" when it held any. A household in two
#   groups counts once in each, and once in "*".
# * Omklap: the lease counts once, at its start (the care partner being the first lessee); the
#   flip to the household's own name counts nothing.
# * A move within the portfolio is not a placement: a lease does not count when the same
#   household held another lease in a home of the same corporation that started earlier and
#   ran until at most MOVE_WINDOW_DAYS before this lease's start (or still runs). The same rule
#   keeps an omklap that an ERP writes as two leases from counting twice.

MOVE_WINDOW_DAYS = 90
HISTORY_MONTHS = 24  # lease-end and letting history the forecast learns from
PROJECT_PHASES_UNDER_CONSTRUCTION = ("initiative", "development", "recruitment", "opening")
SIGNED_LEASE_PROBABILITY = 0.97
NOMINATION_WAIT_MONTHS = 6.0  # a nomination's stated mean time to a home
SHARE_PRIOR_WEIGHT = 10  # lettings of the corporation's average a complex's own share is shrunk to


@dataclass(frozen=True)
class Placement:
    """One counted placement (see the counting rule above)."""

    corporation_id: int
    municipality_code: str
    complex_id: int
    household_id: int
    start: dt.date
    groups: tuple[str, ...]  # target-group codes in force on the start date, without "*"


def placements(
    *,
    corporation_ids: list[int] | None,
    municipality_codes: list[str] | None,
    start: dt.date,
    end: dt.date,
) -> list[Placement]:
    """Placements whose lease starts in ``start``..``end`` (inclusive), for vulnerable
    households only, by the counting rule above. ``None`` for a filter means no filter."""
    leases = Lease.objects.filter(start_date__gte=start, start_date__lte=end)
    if corporation_ids is not None:
        leases = leases.filter(unit__complex__corporation_id__in=corporation_ids)
    if municipality_codes is not None:
        leases = leases.filter(unit__complex__neighbourhood__municipality_code__in=municipality_codes)
    # Only leases of households in a target group on the start date (the database filters).
    in_group = TargetGroupStatus.objects.filter(
        household_id=OuterRef("household_id"), start_date__lte=OuterRef("start_date")
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("start_date")))
    leases = leases.filter(Exists(in_group))
    rows = list(
        leases.values_list(
            "household_id",
            "start_date",
            "unit__complex__corporation_id",
            "unit__complex__neighbourhood__municipality_code",
            "unit__complex_id",
        ).order_by()
    )
    if not rows:
        return []
    household_ids = {r[0] for r in rows}
    # The households as a subquery (not a list of ids: tens of thousands of parameters are slow).
    households = leases.values("household_id")
    statuses: dict[int, list[tuple[str, dt.date, dt.date | None]]] = {}
    for household_id, group, s_start, s_end in (
        TargetGroupStatus.objects.filter(household_id__in=households)
        .values_list("household_id", "target_group", "start_date", "end_date")
        .order_by()
    ):
        statuses.setdefault(household_id, []).append((group, s_start, s_end))
    earlier: dict[int, list[tuple[int, dt.date, dt.date | None]]] = {}
    for household_id, corporation_id, l_start, l_end in (
        Lease.objects.filter(household_id__in=households)
        .values_list("household_id", "unit__complex__corporation_id", "start_date", "end_date")
        .order_by()
    ):
        earlier.setdefault(household_id, []).append((corporation_id or 0, l_start, l_end))
    household_ids &= statuses.keys()
    window = dt.timedelta(days=MOVE_WINDOW_DAYS)
    result: list[Placement] = []
    for household_id, lease_start, corporation_id, code, complex_id in rows:
        if household_id not in household_ids:
            continue
        groups = tuple(
            sorted(
                {
                    g
                    for g, s, e in statuses[household_id]
                    if s <= lease_start and (e is None or e >= lease_start)
                }
            )
        )
        if not groups:
            continue
        moved = any(
            c == corporation_id and s < lease_start and (e is None or e >= lease_start - window)
            for c, s, e in earlier.get(household_id, ())
        )
        if moved:
            continue
        result.append(Placement(corporation_id or 0, code, complex_id, household_id, lease_start, groups))
    return result


def _count(placements_: list[Placement], group: str) -> int:
    return sum(1 for p in placements_ if group == "*" or group in p.groups)


@dataclass(frozen=True)
class QuotaLine:
    """One quota period of one corporation and target group, with its realisation.

    ``required`` is the figure the municipality set; ``backlog_in`` the shortfall carried over
    from the period before (forecast_model.carry_over); ``due`` their sum; ``realised`` the
    placements counted so far (None when suppressed for the municipality); ``by_month`` the
    placements per calendar month of the period (None entries suppressed)."""

    quota: Quota
    corporation: Organisation
    municipality: Organisation
    target_group: str
    target_group_label: str
    period_label: str
    start: dt.date
    end: dt.date
    required: int
    backlog_in: int | None
    realised: int | None
    by_month: list[tuple[dt.date, int | None]]
    acknowledged_by: User | None
    acknowledged_at: dt.datetime | None

    @property
    def due(self) -> int | None:
        return None if self.backlog_in is None else self.required + self.backlog_in

    @property
    def shortfall(self) -> int | None:
        if self.due is None or self.realised is None:
            return None
        return max(0, self.due - self.realised)

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


@dataclass(frozen=True)
class QuotaOverview:
    """The quota page's figures for one year: ``lines`` per corporation × target group ×
    period, ordered by corporation, group and period; ``aggregated`` is True for the
    municipality (counts under the threshold suppressed)."""

    year: int
    on: dt.date
    lines: list[QuotaLine]
    aggregated: bool
    move_window_days: int = MOVE_WINDOW_DAYS


def quota_scope(actor: User) -> Q | None:
    """The quotas an actor may see: a municipal officer its municipality's, corporation staff
    their corporation's; None for anyone else."""
    org = actor.organisation
    if org is None or not can(actor, "view_quotas"):
        return None
    if actor.role == Role.MUNICIPAL_OFFICER:
        return Q(municipality=org)
    return Q(corporation=org)


def _month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    months, d = [], start.replace(day=1)
    while d <= end:
        months.append(d)
        d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def _series_balances(
    quotas: list[Quota], on: dt.date, found: list[Placement] | None = None
) -> tuple[dict[int, tuple[int, int]], dict[int, list[Placement]]]:
    """For each quota: (backlog_in, realised) by the carry-over rule, and its placements.
    ``found``: the placements already read (from the quotas' first day at least), if any."""
    by_series: dict[tuple[int, int, str], list[Quota]] = {}
    for q in quotas:
        by_series.setdefault((q.municipality_id, q.corporation_id, q.target_group), []).append(q)
    if not quotas:
        return {}, {}
    first = min(q.bounds[0] for q in quotas)
    last = max(q.bounds[1] for q in quotas)
    corporation_ids = sorted({q.corporation_id for q in quotas})
    codes = sorted({q.municipality.municipality_code for q in quotas})
    if found is None:
        found = placements(
            corporation_ids=corporation_ids, municipality_codes=codes, start=first, end=min(last, on)
        )
    found = [p for p in found if p.start <= on]
    by_corp_code: dict[tuple[int, str], list[Placement]] = {}
    for p in found:
        by_corp_code.setdefault((p.corporation_id, p.municipality_code), []).append(p)
    balance: dict[int, tuple[int, int]] = {}
    per_quota: dict[int, list[Placement]] = {}
    for (_m, corporation_id, group), series in by_series.items():
        series.sort(key=lambda q: q.bounds[0])
        pool = by_corp_code.get((corporation_id, series[0].municipality.municipality_code), [])
        figures = []
        for q in series:
            start, end = q.bounds
            mine = [p for p in pool if start <= p.start <= end and (group == "*" or group in p.groups)]
            per_quota[q.pk] = mine
            figures.append(PeriodFigures(start, end, q.required, len(mine)))
        for q, b in zip(series, carry_over(figures, on=on), strict=True):
            balance[q.pk] = (b.backlog_in, b.realised)
    return balance, per_quota


def quota_overview(
    actor: User, *, year: int, corporation: Organisation | None = None, on: dt.date | None = None
) -> QuotaOverview | None:
    """The taakstelling of ``year`` as the actor may see it, with backlog and realisation.
    Earlier periods are read too (back to five years) because backlog carries over."""
    on = on or timezone.localdate()
    scope = quota_scope(actor)
    if scope is None:
        return None
    quotas = Quota.objects.filter(scope, year__gte=year - 5, year__lte=year).select_related(
        "corporation", "municipality", "acknowledged_by"
    )
    if corporation is not None:
        quotas = quotas.filter(corporation=corporation)
    all_quotas = list(quotas)
    balance, per_quota = _series_balances(all_quotas, on)
    aggregated = actor.role == Role.MUNICIPAL_OFFICER
    labels = {"*": str(_("Any vulnerable household")), **{c: str(lbl) for c, lbl in TargetGroup.choices}}
    of_year = sorted(
        (q for q in all_quotas if q.year == year),
        key=lambda q: (q.corporation.name, q.target_group != "*", q.target_group, q.bounds[0]),
    )
    realised_cells: dict[str, Cell] = {}
    if aggregated:
        realised_cells = suppress({str(q.pk): balance[q.pk][1] for q in of_year})
    lines = []
    for q in of_year:
        backlog_in, realised = balance[q.pk]
        start, end = q.bounds
        months = _month_starts(start, end)
        counts = dict.fromkeys(months, 0)
        for p in per_quota[q.pk]:
            counts[p.start.replace(day=1)] += 1
        by_month: list[tuple[dt.date, int | None]] = [(m, counts[m]) for m in months]
        shown_realised: int | None = realised
        shown_backlog: int | None = backlog_in
        if aggregated:
            shown_realised = realised_cells[str(q.pk)].value
            month_cells = suppress({m.isoformat(): n for m, n in counts.items()})
            by_month = [(m, month_cells[m.isoformat()].value) for m in months]
            if shown_realised is None:
                shown_backlog = None
        lines.append(
            QuotaLine(
                quota=q,
                corporation=q.corporation,
                municipality=q.municipality,
                target_group=q.target_group,
                target_group_label=labels.get(q.target_group, q.target_group),
                period_label=q.period_label,
                start=start,
                end=end,
                required=q.required,
                backlog_in=shown_backlog,
                realised=shown_realised,
                by_month=by_month,
                acknowledged_by=q.acknowledged_by,
                acknowledged_at=q.acknowledged_at,
            )
        )
    return QuotaOverview(year=year, on=on, lines=lines, aggregated=aggregated)


def quota_history(actor: User, *, year: int) -> list[QuotaChange]:
    """The changes (and acknowledgements) of the actor's quotas of ``year``, newest first."""
    scope = quota_scope(actor)
    if scope is None:
        return []
    return list(
        QuotaChange.objects.filter(quota__in=Quota.objects.filter(scope, year=year))
        .select_related("quota", "quota__corporation", "by")
        .order_by("-at", "-id")[:200]
    )


def quotas_for(actor: User) -> QuerySet[Quota]:
    """The quotas an actor may see, for fetching one by id (another organisation's: 404)."""
    scope = quota_scope(actor)
    return Quota.objects.none() if scope is None else Quota.objects.filter(scope)


# --- forecast ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupForecast:
    """The forecast of one target group's period, summed over the corporations in scope.

    ``required`` is the task set, ``backlog_in`` what was carried over, ``due`` their sum;
    ``realised`` the placements up to ``on``; ``low``/``mid``/``high`` the 10th/50th/90th
    percentile of the placements expected by the period's end (realised included);
    ``probability_met`` the share of simulated futures reaching ``due``; ``cumulative`` the
    realised placements by the end of each month up to ``on`` (for the plot); the ``expected_*``
    figures are the mean contribution of each source of placements."""

    target_group: str
    label: str
    period_label: str
    start: dt.date
    end: dt.date
    required: int
    backlog_in: int
    realised: int
    low: int
    mid: int
    high: int
    probability_met: float
    verdict: str
    cumulative: list[tuple[dt.date, int]]
    expected_pipeline: float
    expected_turnover: float
    expected_projects: float
    pipeline_items: int
    realised_suppressed: bool = False  # for the municipality: a count under the threshold

    @property
    def due(self) -> int:
        return self.required + self.backlog_in

    @property
    def backlog_expected(self) -> int:
        """The shortfall at the period's end if the middle forecast comes true."""
        return max(0, self.due - self.mid)


@dataclass(frozen=True)
class Forecast:
    """``forecast()``'s answer: one :class:`GroupForecast` per target group with a quota in
    ``year`` (for status holders with half-year periods: the half containing ``on``)."""

    year: int
    on: dt.date
    seed: int
    runs: int
    lag_months: float
    groups: list[GroupForecast]


def _forecast_quotas(actor: User | None, year: int, corporation: Organisation | None) -> list[Quota]:
    qs = Quota.objects.filter(year__gte=year - 5, year__lte=year).select_related(
        "municipality", "corporation"
    )
    if actor is not None:
        scope = quota_scope(actor)
        if scope is None:
            return []
        qs = qs.filter(scope)
    if corporation is not None:
        qs = qs.filter(corporation=corporation)
    return list(qs)


def _pick_period(quotas: list[Quota], on: dt.date) -> list[Quota]:
    """Of one group's quotas of a year, those of the period containing ``on`` (the last period
    before it, or the first after)."""
    by_period: dict[str, list[Quota]] = {}
    for q in quotas:
        by_period.setdefault(q.period, []).append(q)
    ordered = sorted(by_period.values(), key=lambda qs: qs[0].bounds[0])
    for qs in ordered:
        start, end = qs[0].bounds
        if start <= on <= end:
            return qs
    past = [qs for qs in ordered if qs[0].bounds[1] < on]
    return past[-1] if past else ordered[0]


LAG_SAMPLE = 2_000


def _lag_months(unit_ids: Any, on: dt.date, since: dt.date) -> float:
    """Median time from a lease's end to the next lease of the same home, in months, over the
    most recent LAG_SAMPLE lease ends of the history window that were let again by ``on``; two
    months when the history holds no re-letting."""
    following = (
        Lease.objects.filter(
            unit_id=OuterRef("unit_id"), start_date__gt=OuterRef("end_date"), start_date__lte=on
        )
        .order_by("start_date")
        .values("start_date")[:1]
    )
    recent = (
        Lease.objects.filter(unit_id__in=unit_ids, end_date__gte=since, end_date__lt=on)
        .order_by("-end_date", "-pk")
        .values_list("pk", flat=True)[: LAG_SAMPLE * 2]
    )
    gaps = sorted(
        (nxt - end).days
        for end, nxt in Lease.objects.filter(pk__in=list(recent))
        .annotate(nxt=Subquery(following))
        .exclude(nxt=None)
        .order_by("-end_date", "-pk")
        .values_list("end_date", "nxt")[:LAG_SAMPLE]
    )
    if not gaps:
        return 2.0
    return min(6.0, max(0.5, gaps[len(gaps) // 2] / 30.4375))


def forecast(
    actor_or_none: User | None,
    *,
    year: int,
    seed: int = DEFAULT_SEED,
    on: dt.date | None = None,
    corporation: Organisation | None = None,
    runs: int = DEFAULT_RUNS,
    historical: bool = False,
) -> Forecast:
    """Will the task of ``year`` be met? A seeded simulation (``forecast_model.simulate``) fed
    with what is known on ``on``: realised placements, the letting pipeline, turnover per
    complex from lease-end history and the key handovers of projects under construction.

    ``actor_or_none`` scopes it (None: every quota, for the command line). ``historical=True``
    uses only what the records say was known on ``on`` (the backtest): the letting pipeline's
    past state is not kept, so turnover is counted from ``on`` itself instead of after the lag
    (in a steady state the homes vacated in the lag before ``on`` are the pipeline)."""
    on = on or timezone.localdate()
    quotas = _forecast_quotas(actor_or_none, year, corporation)
    labels = {"*": str(_("Any vulnerable household")), **{c: str(lbl) for c, lbl in TargetGroup.choices}}
    of_year: dict[str, list[Quota]] = {}
    for q in quotas:
        if q.year == year:
            of_year.setdefault(q.target_group, []).append(q)
    if not of_year:
        return Forecast(year, on, seed, runs, 2.0, [])
    corporation_ids = sorted({q.corporation_id for qs in of_year.values() for q in qs})
    codes = sorted({q.municipality.municipality_code for qs in of_year.values() for q in qs})
    units = Unit.objects.filter(
        complex__corporation_id__in=corporation_ids, complex__neighbourhood__municipality_code__in=codes
    )
    unit_ids = units.values("id")
    since = on - dt.timedelta(days=round(HISTORY_MONTHS * 30.4375))
    period_end = max(q.bounds[1] for qs in of_year.values() for q in qs)
    # One read of every placement the forecast needs: the quotas' periods (for the backlog), the
    # history window, and (live) the leases signed to start later in the period.
    found = placements(
        corporation_ids=sorted({q.corporation_id for q in quotas}),
        municipality_codes=sorted({q.municipality.municipality_code for q in quotas}),
        start=min(since, *(q.bounds[0] for q in quotas)),
        end=on if historical else max(on, period_end),
    )
    balance, _per_quota = _series_balances(quotas, on, found)
    lag = _lag_months(unit_ids, on, since)

    # Turnover per complex: lease ends per home per month, and lettings by group, over the window.
    homes = dict(units.values_list("complex_id").annotate(n=Count("id")).order_by())
    ended = Q(end_date__gte=since, end_date__lt=on)
    let = Q(start_date__gte=since, start_date__lte=on)
    ends: dict[int, int] = {}
    lettings: dict[int, int] = {}
    for complex_id, n_ended, n_let in (
        Lease.objects.filter(ended | let, unit_id__in=unit_ids)
        .values("unit__complex_id")
        .annotate(e=Count("id", filter=ended), n=Count("id", filter=let))
        .values_list("unit__complex_id", "e", "n")
        .order_by()
    ):
        ends[complex_id], lettings[complex_id] = n_ended, n_let
    history = [p for p in found if since <= p.start <= on and p.corporation_id in corporation_ids]
    total_lettings = sum(lettings.values())

    # Projects under construction: key handovers ahead, their empty homes, their target share.
    let_units = Lease.objects.filter(start_date__lte=on).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on)
    )
    handovers: list[tuple[dt.date, int, float]] = []
    projects = Project.objects.filter(
        corporation_id__in=corporation_ids, phase__in=PROJECT_PHASES_UNDER_CONSTRUCTION
    ).prefetch_related("complexes")
    milestones: dict[int, list[dt.date]] = {}
    for project_id, day in Milestone.objects.filter(
        project__in=projects, kind=Milestone.Kind.KEY_HANDOVER, on__gt=on
    ).values_list("project_id", "on"):
        milestones.setdefault(project_id, []).append(day)
    with_handover = [p for p in projects if milestones.get(p.pk)]
    # One grouped count of the empty homes per complex for every such project (not one per project).
    empty_by_complex: dict[int, int] = dict(
        units.filter(complex__in={c.pk for p in with_handover for c in p.complexes.all()})
        .exclude(pk__in=let_units.values("unit_id"))
        .values_list("complex_id")
        .annotate(n=Count("id"))
    )
    for project in with_handover:
        days = milestones[project.pk]
        empty = sum(empty_by_complex.get(c.pk, 0) for c in project.complexes.all())
        for day in days:
            handovers.append((day, empty // len(days), float(project.target_vulnerable_share)))

    # The letting pipeline.
    pipeline: list[PipelineEntry] = []
    signed = [p for p in found if on < p.start <= period_end and p.corporation_id in corporation_ids]
    for p in signed:
        for g in p.groups:
            pipeline.append(
                PipelineEntry(p.corporation_id, p.household_id, g, "lease", SIGNED_LEASE_PROBABILITY)
            )
    if not historical:
        signed_households = {p.household_id for p in signed}
        pipeline.extend(
            e
            for e in pipeline_entries(corporation_ids, on, period_end)
            if e.household_id not in signed_households
        )

    groups: list[GroupForecast] = []
    order = sorted(of_year, key=lambda g: (g != "*", g))
    for group in order:
        chosen = _pick_period(of_year[group], on)
        start, end = chosen[0].bounds
        required = sum(q.required for q in chosen)
        backlog_in = sum(balance[q.pk][0] for q in chosen)
        chosen_corporations = {q.corporation_id for q in chosen}
        in_period = [
            p for p in found if start <= p.start <= min(end, on) and p.corporation_id in chosen_corporations
        ]
        realised = _count(in_period, group)
        remaining = months_between(on, end)
        # Share of lettings that went to this group, per complex shrunk to the overall share.
        placed_by_complex: dict[int, int] = {}
        for p in history:
            if group == "*" or group in p.groups:
                placed_by_complex[p.complex_id] = placed_by_complex.get(p.complex_id, 0) + 1
        overall = sum(placed_by_complex.values()) / total_lettings if total_lettings else 0.0
        turnover = [
            ComplexTurnover(
                homes=n,
                monthly_rate=ends.get(c, 0) / (n * HISTORY_MONTHS),
                group_share=(placed_by_complex.get(c, 0) + SHARE_PRIOR_WEIGHT * overall)
                / (lettings.get(c, 0) + SHARE_PRIOR_WEIGHT),
            )
            for c, n in homes.items()
        ]
        vulnerable_history = len(history)
        group_of_vulnerable = (
            1.0
            if group == "*"
            else (_count(history, group) / vulnerable_history if vulnerable_history else 0.0)
        )
        group_handovers = [
            Handover(months_between(on, day), n, share * group_of_vulnerable) for day, n, share in handovers
        ]
        items = [
            PipelineItem(e.probability)
            for e in pipeline
            if (group == "*" or e.target_group == group)
            and e.corporation_id in {q.corporation_id for q in chosen}
        ]
        if group == "*":  # a household counts once for "*", by its most likely entry
            best: dict[tuple[int, int], float] = {}
            for e in pipeline:
                key = (e.corporation_id, e.household_id)
                best[key] = max(best.get(key, 0.0), e.probability)
            items = [PipelineItem(p) for p in best.values()]
        result = simulate(
            ForecastInputs(
                required=required + backlog_in,
                realised=realised,
                remaining_months=remaining,
                pipeline=items,
                turnover=turnover,
                handovers=group_handovers,
                # The backtest has no pipeline (its past state is not kept): the homes that
                # fell vacant in the lag before ``on`` stand for it, so no lag is taken off.
                lag_months=0.0 if historical else lag,
            ),
            runs=runs,
            seed=seed,
        )
        cumulative: list[tuple[dt.date, int]] = []
        running = 0
        counts: dict[dt.date, int] = {}
        for p in in_period:
            if group == "*" or group in p.groups:
                counts[p.start.replace(day=1)] = counts.get(p.start.replace(day=1), 0) + 1
        for month in _month_starts(start, min(end, on)):
            running += counts.get(month, 0)
            month_end = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            cumulative.append((min(month_end, on), running))
        groups.append(
            GroupForecast(
                target_group=group,
                label=labels.get(group, group),
                period_label=chosen[0].period_label,
                start=start,
                end=end,
                required=required,
                backlog_in=backlog_in,
                realised=realised,
                low=result.low,
                mid=result.mid,
                high=result.high,
                probability_met=result.probability_met,
                verdict=result.verdict,
                cumulative=cumulative,
                expected_pipeline=result.expected_pipeline,
                expected_turnover=result.expected_turnover,
                expected_projects=result.expected_projects,
                pipeline_items=len(items),
            )
        )
    if actor_or_none is not None and actor_or_none.role == Role.MUNICIPAL_OFFICER:
        groups = _suppressed_for_municipality(groups)
    return Forecast(year, on, seed, runs, round(lag, 2), groups)


def _suppressed_for_municipality(groups: list[GroupForecast]) -> list[GroupForecast]:
    """The municipality sees aggregates only: realised counts pass through suppress() across
    the groups; the cumulative line is shown per quarter, and only when no quarter's count is
    hidden (monthly points would give small monthly counts away by differencing); otherwise
    only its last point, when that is shown."""
    cells = suppress({g.target_group: g.realised for g in groups})
    shown = []
    for g in groups:
        hidden = cells[g.target_group].suppressed
        quarters = [(d, n) for d, n in g.cumulative if d.month % 3 == 0 and d == _month_end(d)]
        if g.cumulative and g.cumulative[-1] not in quarters:
            quarters.append(g.cumulative[-1])
        steps, before = {}, 0
        for d, n in quarters:
            steps[d.isoformat()] = n - before
            before = n
        step_cells = suppress(steps) if steps else {}
        if hidden:
            cumulative: list[tuple[dt.date, int]] = []
        elif any(c.suppressed for c in step_cells.values()):
            cumulative = g.cumulative[-1:]
        else:
            cumulative = quarters
        shown.append(replace(g, cumulative=cumulative, realised_suppressed=hidden))
    return shown


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class BacktestRow:
    target_group: str
    due: int
    low: int
    mid: int
    high: int
    actual: int

    @property
    def error(self) -> int:
        return self.mid - self.actual

    @property
    def within(self) -> bool:
        return self.low <= self.actual <= self.high


@dataclass(frozen=True)
class Backtest:
    """A forecast made on ``on`` with only what was known then, against what happened by the
    period's end. ``mean_absolute_error`` is over the groups, in households;
    ``mean_absolute_percentage_error`` relative to what happened (groups with none left out)."""

    year: int
    on: dt.date
    rows: list[BacktestRow]

    @property
    def mean_absolute_error(self) -> float:
        return round(sum(abs(r.error) for r in self.rows) / len(self.rows), 2) if self.rows else 0.0

    @property
    def mean_absolute_percentage_error(self) -> float:
        rows = [r for r in self.rows if r.actual]
        return round(100 * sum(abs(r.error) / r.actual for r in rows) / len(rows), 1) if rows else 0.0

    @property
    def coverage(self) -> float:
        return round(sum(r.within for r in self.rows) / len(self.rows), 2) if self.rows else 0.0


def backtest(*, year: int, on: dt.date, seed: int = DEFAULT_SEED, runs: int = DEFAULT_RUNS) -> Backtest:
    """Forecast ``year`` from ``on`` as if it were that day, and compare with the placements
    counted by the end of each group's period."""
    made = forecast(None, year=year, seed=seed, on=on, runs=runs, historical=True)
    rows = []
    quotas = _forecast_quotas(None, year, None)
    corporation_ids = sorted({q.corporation_id for q in quotas if q.year == year})
    codes = sorted({q.municipality.municipality_code for q in quotas if q.year == year})
    for g in made.groups:
        happened = placements(
            corporation_ids=corporation_ids, municipality_codes=codes, start=g.start, end=g.end
        )
        rows.append(
            BacktestRow(g.target_group, g.due, g.low, g.mid, g.high, _count(happened, g.target_group))
        )
    return Backtest(year, on, rows)
