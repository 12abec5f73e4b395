"""Monitoring reads for pages and reports, scoped to the actor.

Corporation staff see their own complexes (a building manager those he manages); a municipal
officer sees the complexes in the municipality, as aggregates only: every count passes through
:func:`omkijken.quotas.selectors.suppress`. Definitions of every figure: docs/monitoring.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractQuarter
from django.utils import timezone

from omkijken.accounts.models import Organisation, Role, User
from omkijken.accounts.policy import can
from omkijken.community.models import Activity, ActivitySignup, CheckIn, HelpRequest, NeighbourProfile, Payout
from omkijken.letting.channels import Channel
from omkijken.letting.rounds.models import Allocation
from omkijken.monitoring import scoring
from omkijken.monitoring.models import (
    CONTACT_FIELDS,
    DJG_FIELDS,
    Indicator,
    IndicatorTarget,
    LeaseEnding,
    LeefbaarometerScore,
    MixSnapshot,
    NieuweBurenComplex,
    SurveyParticipation,
    SurveyResponse,
    SurveyRound,
)
from omkijken.portfolio.models import Complex, Neighbourhood
from omkijken.portfolio.selectors import complexes_for
from omkijken.projects.models import Project
from omkijken.quotas.selectors import SUPPRESSION_THRESHOLD, Cell, suppress
from omkijken.residents.models import Lease, LeaseType, Person, TargetGroupStatus

MIN_RESPONDENTS = SUPPRESSION_THRESHOLD  # survey results only for groups of at least this many
SUSTAINMENT_MONTHS = (12, 24, 36)


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


@dataclass(frozen=True)
class Scope:
    complexes: QuerySet[Complex]
    aggregate_only: bool  # a municipal officer: counts through suppress()


def scope_for(actor: User, *, corporation: Organisation | None = None) -> Scope | None:
    """The complexes an actor's monitoring covers, or None when the actor may not see monitoring."""
    org = actor.organisation
    if org is None or not can(actor, "view_monitoring"):
        return None
    if actor.role == Role.MUNICIPAL_OFFICER:
        complexes = Complex.objects.filter(neighbourhood__municipality_code=org.municipality_code)
        if corporation is not None:
            complexes = complexes.filter(corporation=corporation)
        return Scope(complexes, aggregate_only=True)
    complexes = complexes_for(actor)
    if corporation is not None and corporation.pk != org.pk:
        complexes = complexes.none()
    return Scope(complexes, aggregate_only=False)


def _cells(scope: Scope, counts: dict[str, int]) -> dict[str, Cell]:
    if scope.aggregate_only:
        return suppress(counts)
    return {k: Cell(v) for k, v in counts.items()}


def _share(part: Cell, whole: Cell) -> float | None:
    if part.value is None or whole.value is None or whole.value == 0:
        return None
    return part.value / whole.value


def _reference_date(year: int, on: dt.date | None) -> dt.date:
    today = on or timezone.localdate()
    return min(today, dt.date(year, 12, 31))


# ---------------------------------------------------------------------------------------------
# Portfolio indicators


@dataclass(frozen=True)
class ShareRow:
    """Allocations (lease starts) in the year and those to households with a care need."""

    label: str
    allocations: Cell
    care_need: Cell
    target: float | None

    @property
    def share(self) -> float | None:
        return _share(self.care_need, self.allocations)

    @property
    def meets_target(self) -> bool | None:
        if self.share is None or self.target is None:
            return None
        return self.share >= self.target - 1e-9


@dataclass(frozen=True)
class SustainmentRow:
    """Vulnerable tenancies that reached ``months`` months by the reference date, and those still
    housed by the corporation then without an eviction."""

    months: int
    cohort: Cell
    sustained: Cell

    @property
    def share(self) -> float | None:
        return _share(self.sustained, self.cohort)


@dataclass(frozen=True)
class TurnoverRow:
    """Households housed on 1 January and those of them whose lease ended in the year."""

    group: str
    label: str
    at_start: Cell
    departed: Cell

    @property
    def rate(self) -> float | None:
        return _share(self.departed, self.at_start)


@dataclass(frozen=True)
class QuarterRow:
    quarter: int
    activities: int
    participants: Cell
    fund_euros: Decimal
    help_done: Cell
    checkins: Cell


@dataclass(frozen=True)
class MixPoint:
    month: dt.date
    occupied: int
    vulnerable: Cell

    @property
    def share(self) -> float | None:
        if self.vulnerable.value is None or self.occupied == 0:
            return None
        return self.vulnerable.value / self.occupied


@dataclass(frozen=True)
class MixSeries:
    """One project's (or one section's) vulnerable share per month, from the monthly snapshots."""

    label: str
    target: float | None
    lower: float | None
    upper: float | None
    points: list[MixPoint]
    sections: list[MixSeries] = field(default_factory=list)


@dataclass(frozen=True)
class PortfolioIndicators:
    """Portfolio indicators of one year up to ``on`` (the reference date: today, or 31 December
    of a past year). ``aggregate_only``: counts under 5 are suppressed (``Cell.value`` None)."""

    year: int
    on: dt.date
    aggregate_only: bool
    by_corporation: list[ShareRow]
    by_neighbourhood: list[ShareRow]
    sustainment: list[SustainmentRow]
    omklap_due: Cell
    omklap_on_time: Cell
    turnover: list[TurnoverRow]
    participation: list[QuarterRow]
    mix: list[MixSeries]

    @property
    def omklap_share(self) -> float | None:
        return _share(self.omklap_on_time, self.omklap_due)


@dataclass(frozen=True)
class _LeaseFact:
    pk: int
    household_id: int
    unit_id: int
    complex_id: int
    corporation_id: int
    neighbourhood_id: int
    start: dt.date
    end: dt.date | None
    lease_type: str
    flip_date: dt.date | None


def _lease_facts(leases: QuerySet[Lease]) -> list[_LeaseFact]:
    return [
        _LeaseFact(*row)  # type: ignore[arg-type]  # the neighbourhood is never null on a complex
        for row in leases.values_list(
            "pk",
            "household_id",
            "unit_id",
            "unit__complex_id",
            "unit__complex__corporation_id",
            "unit__complex__neighbourhood_id",
            "start_date",
            "end_date",
            "lease_type",
            "flip_date",
        )
    ]


class _Statuses:
    """Target-group periods per household, loaded once, for aggregate counts only."""

    def __init__(self, household_ids: Iterable[int]) -> None:
        self.periods: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
        for household_id, start, end in TargetGroupStatus.objects.filter(
            household_id__in=list(set(household_ids))
        ).values_list("household_id", "start_date", "end_date"):
            self.periods[household_id].append((start, end))

    def vulnerable(self, household_id: int, on: dt.date) -> bool:
        return any(s <= on and (e is None or e >= on) for s, e in self.periods.get(household_id, ()))


def _target_for(corporation_id: int, on: dt.date, targets: list[IndicatorTarget]) -> float | None:
    for t in targets:
        if (
            t.corporation_id == corporation_id
            and t.valid_from <= on
            and (t.valid_until is None or t.valid_until >= on)
        ):
            return float(t.share)
    return None


def portfolio_indicators(
    actor: User, *, year: int, corporation: Organisation | None = None, on: dt.date | None = None
) -> PortfolioIndicators | None:
    """The portfolio indicators of ``year`` for what ``actor`` may see (None: no access)."""
    scope = scope_for(actor, corporation=corporation)
    if scope is None:
        return None
    ref = _reference_date(year, on)
    year_start = dt.date(year, 1, 1)
    complex_ids = scope.complexes.values("id")
    in_scope = _lease_facts(Lease.objects.filter(unit__complex_id__in=complex_ids, start_date__lte=ref))
    households = {f.household_id for f in in_scope}
    # Every lease of these households, wherever in the portfolio: "still housed" and moves within.
    all_leases = _lease_facts(Lease.objects.filter(household_id__in=households)) if households else []
    statuses = _Statuses(households)
    evicted = (
        set(
            LeaseEnding.objects.filter(
                reason=LeaseEnding.Reason.EVICTION, lease__household_id__in=households
            ).values_list("lease_id", flat=True)
        )
        if households
        else set()
    )

    by_corporation, by_neighbourhood = _care_need_shares(scope, in_scope, statuses, year_start, ref)
    sustainment = _sustainment(scope, in_scope, all_leases, statuses, evicted, ref)
    omklap = [
        f
        for f in in_scope
        if f.lease_type == LeaseType.OMKLAP and f.flip_date and year_start <= f.flip_date <= ref
    ]
    on_time = [f for f in omklap if f.end is None or (f.flip_date is not None and f.end >= f.flip_date)]
    omklap_cells = _cells(scope, {"due": len(omklap), "on_time": len(on_time)})
    if scope.aggregate_only and omklap_cells["due"].value is None:
        omklap_cells["on_time"] = Cell(None)
    return PortfolioIndicators(
        year=year,
        on=ref,
        aggregate_only=scope.aggregate_only,
        by_corporation=by_corporation,
        by_neighbourhood=by_neighbourhood,
        sustainment=sustainment,
        omklap_due=omklap_cells["due"],
        omklap_on_time=omklap_cells["on_time"],
        turnover=_turnover(scope, in_scope, statuses, year_start, ref),
        participation=_participation(scope, year, ref),
        mix=_mix_series(scope, ref),
    )


def _care_need_shares(
    scope: Scope, facts: list[_LeaseFact], statuses: _Statuses, start: dt.date, ref: dt.date
) -> tuple[list[ShareRow], list[ShareRow]]:
    started = [f for f in facts if start <= f.start <= ref]
    targets = list(IndicatorTarget.objects.filter(indicator=Indicator.CARE_NEED_SHARE))
    rows: list[list[ShareRow]] = []
    for key_of, labels in (
        (
            lambda f: f.corporation_id,
            dict(
                Organisation.objects.filter(pk__in={f.corporation_id for f in facts}).values_list(
                    "pk", "name"
                )
            ),
        ),
        (
            lambda f: f.neighbourhood_id,
            dict(
                Neighbourhood.objects.filter(pk__in={f.neighbourhood_id for f in facts}).values_list(
                    "pk", "name"
                )
            ),
        ),
    ):
        allocations: dict[str, int] = defaultdict(int)
        care: dict[str, int] = defaultdict(int)
        corp_of: dict[str, int] = {}
        for f in started:
            key = str(key_of(f))
            corp_of[key] = f.corporation_id
            allocations[key] += 1
            care[key] += statuses.vulnerable(f.household_id, f.start)
        keys = sorted(allocations, key=lambda k: labels.get(int(k), ""))
        alloc_cells = _cells(scope, {k: allocations[k] for k in keys})
        care_cells = _cells(scope, {k: care[k] for k in keys})
        is_corporation = not rows
        rows.append(
            [
                ShareRow(
                    label=str(labels.get(int(k), "")),
                    allocations=alloc_cells[k],
                    care_need=care_cells[k],
                    target=_target_for(corp_of[k], ref, targets) if is_corporation else None,
                )
                for k in keys
            ]
        )
    return rows[0], rows[1]


def _housed_on(household_leases: list[_LeaseFact], day: dt.date) -> bool:
    return any(f.start <= day and (f.end is None or f.end >= day) for f in household_leases)


def _sustainment(
    scope: Scope,
    facts: list[_LeaseFact],
    all_leases: list[_LeaseFact],
    statuses: _Statuses,
    evicted: set[int],
    ref: dt.date,
) -> list[SustainmentRow]:
    by_household: dict[int, list[_LeaseFact]] = defaultdict(list)
    for f in all_leases:
        by_household[f.household_id].append(f)
    # A vulnerable tenancy starts with the household's first lease with us while in a target group.
    first: dict[int, _LeaseFact] = {}
    for f in sorted(facts, key=lambda f: (f.start, f.pk)):
        if f.household_id not in first and statuses.vulnerable(f.household_id, f.start):
            earlier = [g for g in by_household[f.household_id] if g.start < f.start]
            if not earlier:
                first[f.household_id] = f
    counts: dict[str, int] = {}
    for months in SUSTAINMENT_MONTHS:
        cohort = sustained = 0
        for household_id, f in first.items():
            until = add_months(f.start, months)
            if until > ref:
                continue
            cohort += 1
            leases = by_household[household_id]
            evicted_before = any(g.pk in evicted and g.end is not None and g.end <= until for g in leases)
            if _housed_on(leases, until) and not evicted_before:
                sustained += 1
        counts[f"{months}:cohort"] = cohort
        counts[f"{months}:sustained"] = sustained
    rows = []
    for months in SUSTAINMENT_MONTHS:
        cells = _cells(scope, {"c": counts[f"{months}:cohort"], "s": counts[f"{months}:sustained"]})
        if cells["c"].value is None:
            cells["s"] = Cell(None)
        rows.append(SustainmentRow(months, cells["c"], cells["s"]))
    return rows


def _turnover(
    scope: Scope, facts: list[_LeaseFact], statuses: _Statuses, start: dt.date, ref: dt.date
) -> list[TurnoverRow]:
    counts = {"regular:start": 0, "regular:out": 0, "vulnerable:start": 0, "vulnerable:out": 0}
    for f in facts:
        if f.start <= start and (f.end is None or f.end >= start):
            group = "vulnerable" if statuses.vulnerable(f.household_id, start) else "regular"
            counts[f"{group}:start"] += 1
            if f.end is not None and f.end <= ref:
                counts[f"{group}:out"] += 1
    cells = _cells(scope, counts)
    from django.utils.translation import gettext as _

    labels = {"regular": _("Regular households"), "vulnerable": _("Vulnerable households")}
    return [
        TurnoverRow(g, labels[g], cells[f"{g}:start"], cells[f"{g}:out"]) for g in ("regular", "vulnerable")
    ]


def _by_quarter(rows: Iterable[tuple[int, object]]) -> dict[int, object]:
    return {int(q): v for q, v in rows}


def _participation(scope: Scope, year: int, ref: dt.date) -> list[QuarterRow]:
    complex_ids = scope.complexes.values("id")
    activities = _by_quarter(
        Activity.objects.filter(complex_id__in=complex_ids, starts_at__year=year, starts_at__date__lte=ref)
        .annotate(q=ExtractQuarter("starts_at"))
        .values_list("q")
        .annotate(n=Count("id"))
    )
    participants = _by_quarter(
        ActivitySignup.objects.filter(
            activity__complex_id__in=complex_ids, occurrence__year=year, occurrence__lte=ref
        )
        .annotate(q=ExtractQuarter("occurrence"))
        .values_list("q")
        .annotate(n=Count("person_id", distinct=True))
    )
    fund = _by_quarter(
        Payout.objects.filter(application__complex_id__in=complex_ids, paid_on__year=year, paid_on__lte=ref)
        .annotate(q=ExtractQuarter("paid_on"))
        .values_list("q")
        .annotate(n=Sum("amount"))
    )
    help_done = _by_quarter(
        HelpRequest.objects.filter(
            complex_id__in=complex_ids,
            status=HelpRequest.Status.CLOSED,
            closed_at__year=year,
            closed_at__date__lte=ref,
        )
        .annotate(q=ExtractQuarter("closed_at"))
        .values_list("q")
        .annotate(n=Count("id"))
    )
    checkins = _by_quarter(
        CheckIn.objects.filter(
            agreement__complex_id__in=complex_ids, done_at__year=year, done_at__date__lte=ref
        )
        .annotate(q=ExtractQuarter("done_at"))
        .values_list("q")
        .annotate(n=Count("id"))
    )
    last_quarter = (ref.month - 1) // 3 + 1 if ref.year == year else 4
    quarters = range(1, last_quarter + 1)

    def cells(source: dict[int, object]) -> dict[str, Cell]:
        return _cells(scope, {str(q): int(source.get(q, 0) or 0) for q in quarters})  # type: ignore[call-overload]

    p, h, c = cells(participants), cells(help_done), cells(checkins)
    return [
        QuarterRow(
            quarter=q,
            activities=int(activities.get(q, 0) or 0),  # type: ignore[call-overload]
            participants=p[str(q)],
            fund_euros=Decimal(str(fund.get(q) or 0)),
            help_done=h[str(q)],
            checkins=c[str(q)],
        )
        for q in quarters
    ]


def _mix_series(scope: Scope, ref: dt.date, months: int = 36) -> list[MixSeries]:
    since = add_months(first_of_month(ref), -(months - 1))
    projects = list(
        Project.objects.filter(complexes__in=scope.complexes)
        .distinct()
        .prefetch_related("complexes")
        .order_by("name")
    )
    snapshots = list(
        MixSnapshot.objects.filter(complex__in=scope.complexes, month__gte=since, month__lte=ref)
        .select_related("section")
        .order_by("month")
    )
    whole: dict[int, list[MixSnapshot]] = defaultdict(list)
    sections: dict[int, dict[int, list[MixSnapshot]]] = defaultdict(lambda: defaultdict(list))
    for s in snapshots:
        if s.section_id is None:
            whole[s.complex_id].append(s)
        else:
            sections[s.complex_id][s.section_id].append(s)
    visible = set(scope.complexes.values_list("id", flat=True))
    series = []
    for project in projects:
        complex_ids = [c.pk for c in project.complexes.all() if c.pk in visible]
        per_month: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
        for cid in complex_ids:
            for s in whole[cid]:
                per_month[s.month][0] += s.occupied
                per_month[s.month][1] += s.vulnerable
        section_series = []
        for cid in complex_ids:
            for rows in sections[cid].values():
                section_series.append(
                    MixSeries(
                        label=rows[0].section.name if rows[0].section else "",
                        target=None,
                        lower=None,
                        upper=None,
                        points=_points(scope, [(r.month, r.occupied, r.vulnerable) for r in rows]),
                    )
                )
        series.append(
            MixSeries(
                label=project.name,
                target=float(project.target_vulnerable_share),
                lower=float(project.lower_limit),
                upper=float(project.upper_limit),
                points=_points(scope, [(m, v[0], v[1]) for m, v in sorted(per_month.items())]),
                sections=sorted(section_series, key=lambda s: s.label),
            )
        )
    return series


def _points(scope: Scope, rows: list[tuple[dt.date, int, int]]) -> list[MixPoint]:
    cells = _cells(scope, {m.isoformat(): v for m, _o, v in rows})
    return [MixPoint(m, o, cells[m.isoformat()]) for m, o, _v in rows]


# ---------------------------------------------------------------------------------------------
# Liveability


@dataclass(frozen=True)
class SurveyResult:
    """Results of one group of responses (a round, or a neighbourhood's rounds of a year). Shown
    only when ``respondents`` reaches MIN_RESPONDENTS; otherwise every figure is None."""

    respondents: int
    loneliness: float | None  # mean De Jong Gierveld total, 0–6
    emotional: float | None  # mean emotional subscale, 0–3
    social: float | None  # mean social subscale, 0–3
    knows_three_by_name: float | None  # share knowing three or more neighbours by name
    could_ask_help: float | None  # share answering "yes"
    weekly_contact: float | None  # share talking with neighbours weekly or daily

    @property
    def shown(self) -> bool:
        return self.respondents >= MIN_RESPONDENTS


def survey_result(responses: list[dict[str, int]]) -> SurveyResult:
    n = len(responses)
    if n < MIN_RESPONDENTS:
        return SurveyResult(n, None, None, None, None, None, None)
    scores = [scoring.djg6(r) for r in responses]
    return SurveyResult(
        respondents=n,
        loneliness=sum(s[2] for s in scores) / n,
        emotional=sum(s[0] for s in scores) / n,
        social=sum(s[1] for s in scores) / n,
        knows_three_by_name=sum(r["neighbours_by_name"] >= 2 for r in responses) / n,
        could_ask_help=sum(r["could_ask_help"] == 2 for r in responses) / n,
        weekly_contact=sum(r["contact_frequency"] >= 2 for r in responses) / n,
    )


@dataclass(frozen=True)
class RoundRow:
    round: SurveyRound
    complex_name: str
    result: SurveyResult


@dataclass(frozen=True)
class NeighbourhoodYear:
    """One neighbourhood in one year: the Leefbaarometer score beside our own indicators."""

    year: int
    leefbaarometer: LeefbaarometerScore | None
    survey: SurveyResult
    vulnerable_share: float | None  # from the December (or latest) mix snapshots of the year


@dataclass(frozen=True)
class NeighbourhoodLiveability:
    neighbourhood: Neighbourhood
    years: list[NeighbourhoodYear]


@dataclass(frozen=True)
class Liveability:
    """Survey rounds up to ``year`` per complex, and per neighbourhood the Leefbaarometer scores
    beside our survey and mix figures, year by year."""

    year: int
    aggregate_only: bool
    rounds: list[RoundRow]
    neighbourhoods: list[NeighbourhoodLiveability]


def liveability(actor: User, *, year: int) -> Liveability | None:
    scope = scope_for(actor)
    if scope is None:
        return None
    rounds = list(
        SurveyRound.objects.filter(complex__in=scope.complexes, opens_on__year__lte=year)
        .select_related("complex", "complex__neighbourhood")
        .order_by("complex__name", "opens_on")
    )
    answers: dict[int, list[dict[str, int]]] = defaultdict(list)
    for row in SurveyResponse.objects.filter(round__in=rounds).values(
        "round_id", *DJG_FIELDS, *CONTACT_FIELDS
    ):
        answers[row.pop("round_id")].append(row)
    round_rows = [RoundRow(r, r.complex.name, survey_result(answers[r.pk])) for r in rounds]

    neighbourhood_ids = set(scope.complexes.values_list("neighbourhood_id", flat=True))
    scores: dict[tuple[int, int], LeefbaarometerScore] = {
        (s.neighbourhood_id, s.year): s
        for s in LeefbaarometerScore.objects.filter(neighbourhood_id__in=neighbourhood_ids, year__lte=year)
    }
    pooled: dict[tuple[int, int], list[dict[str, int]]] = defaultdict(list)
    for r in rounds:
        pooled[(r.complex.neighbourhood_id, r.opens_on.year)].extend(answers[r.pk])
    mix: dict[tuple[int, int], tuple[dt.date, int, int]] = {}
    for month, nid, occupied, vulnerable in (
        MixSnapshot.objects.filter(complex__in=scope.complexes, section__isnull=True, month__year__lte=year)
        .values_list("month", "complex__neighbourhood_id")
        .annotate(o=Sum("occupied"), v=Sum("vulnerable"))
    ):
        key = (nid, month.year)
        if key not in mix or mix[key][0] < month:
            mix[key] = (month, occupied, vulnerable)
    years_of: dict[int, set[int]] = defaultdict(set)
    for nid, y in [*scores, *pooled, *mix]:
        years_of[nid].add(y)
    neighbourhoods = []
    for n in Neighbourhood.objects.filter(pk__in=neighbourhood_ids).order_by("name"):
        years = sorted(years_of[n.pk])
        vulnerable_cells = _cells(scope, {str(y): mix[(n.pk, y)][2] for y in years if (n.pk, y) in mix})
        rows = []
        for y in years:
            share = None
            if (n.pk, y) in mix and mix[(n.pk, y)][1]:
                cell = vulnerable_cells[str(y)]
                share = None if cell.value is None else cell.value / mix[(n.pk, y)][1]
            rows.append(NeighbourhoodYear(y, scores.get((n.pk, y)), survey_result(pooled[(n.pk, y)]), share))
        neighbourhoods.append(NeighbourhoodLiveability(n, rows))
    return Liveability(year, scope.aggregate_only, round_rows, neighbourhoods)


def open_rounds_for_resident(actor: User, *, on: dt.date | None = None) -> list[tuple[SurveyRound, bool]]:
    """The open rounds of the resident's own complex, each with whether they already answered."""
    from omkijken.community.scope import resident_place

    on = on or timezone.localdate()
    place = resident_place(actor, on=on)
    if place is None:
        return []
    rounds = list(
        SurveyRound.objects.filter(complex=place.complex, opens_on__lte=on, closes_on__gte=on).order_by(
            "opens_on"
        )
    )
    answered = set(
        SurveyParticipation.objects.filter(round__in=rounds, person=place.person).values_list(
            "round_id", flat=True
        )
    )
    return [(r, r.pk in answered) for r in rounds]


def resident_round(actor: User, pk: int, *, on: dt.date | None = None) -> tuple[SurveyRound, Person] | None:
    """An open round of the resident's own complex, with the resident; None otherwise (404)."""
    from omkijken.community.scope import resident_place

    on = on or timezone.localdate()
    place = resident_place(actor, on=on)
    if place is None:
        return None
    found = SurveyRound.objects.filter(
        pk=pk, complex=place.complex, opens_on__lte=on, closes_on__gte=on
    ).first()
    return (found, place.person) if found else None


# ---------------------------------------------------------------------------------------------
# Nieuwe Buren


@dataclass(frozen=True)
class Departure:
    """A lease that ended in a Nieuwe Buren complex, and who came next in that home."""

    unit_address: str
    ended_on: dt.date
    replaced: bool  # the home is let again
    by_good_neighbour: bool  # ... to a household let through the good-neighbour channel or
    # with a member who offers help in the neighbour network


@dataclass(frozen=True)
class NieuweBurenYear:
    year: int
    departures: Cell
    replaced: Cell
    by_good_neighbour: Cell

    @property
    def share(self) -> float | None:
        """Good neighbours among the homes let again: 1.0 is "every departing tenant replaced by
        one who contributes"."""
        return _share(self.by_good_neighbour, self.replaced)


@dataclass(frozen=True)
class NieuweBurenComplexRow:
    complex: Complex
    since: dt.date
    years: list[NieuweBurenYear]
    departures: list[Departure]  # of the selected year; empty for aggregate-only actors

    @property
    def current(self) -> NieuweBurenYear | None:
        return self.years[-1] if self.years else None


@dataclass(frozen=True)
class NieuweBuren:
    year: int
    aggregate_only: bool
    complexes: list[NieuweBurenComplexRow]


def nieuwe_buren(actor: User, *, year: int, on: dt.date | None = None) -> NieuweBuren | None:
    scope = scope_for(actor)
    if scope is None:
        return None
    ref = _reference_date(year, on)
    approaches = list(
        NieuweBurenComplex.objects.filter(complex__in=scope.complexes)
        .select_related("complex")
        .order_by("complex__name")
    )
    complex_ids = [a.complex_id for a in approaches]
    leases = list(
        Lease.objects.filter(unit__complex_id__in=complex_ids, start_date__lte=ref)
        .select_related("unit")
        .order_by("unit_id", "start_date")
    )
    incoming = {(lease.unit_id, lease.household_id) for lease in leases}
    households = {h for _u, h in incoming}
    by_channel = set(
        Allocation.objects.filter(
            household_id__in=households, unit__complex_id__in=complex_ids, channel=Channel.GOOD_NEIGHBOUR
        ).values_list("unit_id", "household_id")
    )
    helpers = set(
        NeighbourProfile.objects.filter(
            is_good_neighbour=True, person__household_id__in=households
        ).values_list("person__household_id", flat=True)
    )
    per_unit: dict[int, list[Lease]] = defaultdict(list)
    for lease in leases:
        per_unit[lease.unit_id].append(lease)
    rows = []
    for approach in approaches:
        departures: dict[int, list[Departure]] = defaultdict(list)
        for unit_leases in (ls for ls in per_unit.values() if ls[0].unit.complex_id == approach.complex_id):
            for i, lease in enumerate(unit_leases):
                if lease.end_date is None or lease.end_date < approach.since or lease.end_date > ref:
                    continue
                nxt = unit_leases[i + 1] if i + 1 < len(unit_leases) else None
                good = nxt is not None and (
                    (nxt.unit_id, nxt.household_id) in by_channel or nxt.household_id in helpers
                )
                departures[lease.end_date.year].append(
                    Departure(lease.unit.address, lease.end_date, nxt is not None, good)
                )
        years = []
        for y in range(approach.since.year, year + 1):
            ds = departures.get(y, [])
            cells = _cells(
                scope,
                {
                    "d": len(ds),
                    "r": sum(d.replaced for d in ds),
                    "g": sum(d.by_good_neighbour for d in ds),
                },
            )
            years.append(NieuweBurenYear(y, cells["d"], cells["r"], cells["g"]))
        shown = [] if scope.aggregate_only else sorted(departures.get(year, []), key=lambda d: d.ended_on)
        rows.append(NieuweBurenComplexRow(approach.complex, approach.since, years, shown))
    return NieuweBuren(year, scope.aggregate_only, rows)


def participation_exists(round_: SurveyRound, person: Person) -> bool:
    return SurveyParticipation.objects.filter(round=round_, person=person).exists()


__all__ = [
    "Liveability",
    "NieuweBuren",
    "PortfolioIndicators",
    "liveability",
    "nieuwe_buren",
    "portfolio_indicators",
]
