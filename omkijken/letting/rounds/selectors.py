"""Reads for the pages of allocation rounds: which rounds and vacancies an officer may see, and
what a round's page shows (allocations, mix effect, quotas). Scoped to the actor's corporation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import translation

from omkijken.accounts.models import AccessEvent, User
from omkijken.accounts.policy import can
from omkijken.engine.allocation import mix as mix_rule
from omkijken.letting.adverts.models import Advert
from omkijken.letting.channels import Channel
from omkijken.letting.offers.models import Offer
from omkijken.letting.rounds.builder import ROUND_ADVERT_STATUSES, quota_year
from omkijken.letting.rounds.ids import household_id, pk_of, unit_id
from omkijken.letting.rounds.models import Allocation, Round, justification_label, passendheid_label
from omkijken.portfolio.models import Complex, Unit
from omkijken.portfolio.selectors import occupied_homes, vulnerable_households
from omkijken.residents.models import Household, TargetGroup

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def rounds_for(actor: User) -> QuerySet[Round]:
    if not can(actor, "view_letting"):
        raise PermissionDenied
    return Round.objects.filter(corporation=actor.organisation).select_related("created_by", "accepted_by")


def round_detail(actor: User, pk: int) -> Round:
    found = rounds_for(actor).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def advert_for(actor: User, pk: int) -> Advert:
    if not can(actor, "view_letting"):
        raise PermissionDenied
    found = (
        Advert.objects.filter(pk=pk, corporation=actor.organisation)
        .select_related("unit", "unit__complex")
        .first()
    )
    if found is None:
        raise Http404
    return found


def round_complexes(actor: User) -> QuerySet[Complex]:
    """The corporation's complexes, to narrow the vacancies of a new round to one."""
    return Complex.objects.filter(corporation=actor.organisation).order_by("name")


class Responders(TypedDict):
    """What ``round_candidates`` annotates on each advert."""

    responders: int


def round_candidates(
    actor: User, *, complex_id: int | None = None
) -> QuerySet[WithAnnotations[Advert, Responders]]:
    """Vacancies an officer may put into a round: the corporation's published or closed adverts
    whose unit has no live offer."""
    if not can(actor, "run_rounds"):
        raise PermissionDenied
    adverts = (
        Advert.objects.filter(corporation=actor.organisation, status__in=ROUND_ADVERT_STATUSES)
        .exclude(unit__offers__status__in=Offer.LIVE_STATUSES, unit__offers__lease__isnull=True)
        .select_related("unit", "unit__complex")
        .annotate(responders=Count("responses", filter=Q(responses__withdrawn=False)))
        .order_by("unit__complex__name", "unit__street", "unit__house_number", "pk")
    )
    if complex_id:
        adverts = adverts.filter(unit__complex_id=complex_id)
    return adverts


def reason_in_language(item: dict[str, Any]) -> str:
    if translation.get_language() and translation.get_language().startswith("en"):
        return str(item.get("reason_en") or item.get("reason", ""))
    return str(item.get("reason", ""))


def log_nominee_reads(actor: User, households: Sequence[Household], *, view: str) -> None:
    """Being a DIRECT candidate says a household was nominated: log each person-level read."""
    if households:
        AccessEvent.objects.bulk_create(
            [
                AccessEvent(
                    actor=actor,
                    actor_role=actor.role or "",
                    household=h,
                    corporation_id=h.corporation_id,
                    record="nomination",
                    view=view,
                    purpose=AccessEvent.Purpose.LETTING,
                )
                for h in households
            ]
        )


@dataclass
class MixEffect:
    """A round's effect on one mixed complex, counted over households as hard rule 4 counts it (the
    engine's one definition, :mod:`omkijken.engine.allocation.mix`): the households living there on
    the round date, plus the households this round places there; a home the round leaves empty
    counts in neither part."""

    complex_name: str
    target: float
    tolerance: float
    occupied: int  # occupied homes (households) on the round date (portfolio.selectors.occupied_homes)
    vacancies: int  # the complex's homes in this round
    vulnerable_before: int  # portfolio.selectors.vulnerable_households on the round date
    placed: int = 0  # households this round places in the complex
    vulnerable_placed: int = 0

    @property
    def vulnerable_after(self) -> int:
        return self.vulnerable_before + self.vulnerable_placed

    @property
    def households_after(self) -> int:
        return self.occupied + self.placed

    @property
    def share_before(self) -> float:
        return mix_rule.share(self.vulnerable_before, self.occupied)

    @property
    def share_after(self) -> float:
        return mix_rule.share(self.vulnerable_after, self.households_after)

    @property
    def cap(self) -> int:
        """The most vulnerable households among the households after the round."""
        return mix_rule.vulnerable_cap(
            mix_rule.as_fraction(self.target), mix_rule.as_fraction(self.tolerance), self.households_after
        )

    @property
    def floor(self) -> int:
        """The fewest vulnerable households among the households after the round."""
        return mix_rule.vulnerable_floor(
            mix_rule.as_fraction(self.target), mix_rule.as_fraction(self.tolerance), self.households_after
        )

    @property
    def lower(self) -> float:
        return max(0.0, self.target - self.tolerance)

    @property
    def upper(self) -> float:
        return min(1.0, self.target + self.tolerance)

    @property
    def in_band(self) -> bool:
        return self.floor <= self.vulnerable_after <= self.cap


@dataclass
class PassedOver:
    household: Household | None
    reason: str
    code: str


@dataclass
class UnitRow:
    unit: Unit
    advert_id: int | None
    household: Household | None = None
    channel: str = ""
    passendheid: str = ""
    justification: str | None = None
    unassigned_reason: str = ""
    passed_over: list[PassedOver] = field(default_factory=list)
    responders: list[Household] = field(default_factory=list)
    allocation_id: int | None = None

    @property
    def channel_label(self) -> str:
        return str(Channel(self.channel).label) if self.channel else ""

    @property
    def passendheid_label(self) -> str:
        return passendheid_label(self.passendheid) if self.passendheid else ""

    @property
    def justification_label(self) -> str:
        return justification_label(self.justification) if self.justification else ""


@dataclass
class QuotaRow:
    target_group: str
    required_year: int
    realised_year: int
    round_min: int
    placed: int

    @property
    def target_group_label(self) -> str:
        """The residents app's label of the target group ("*": every vulnerable household)."""
        return str(dict(TargetGroup.choices).get(self.target_group, self.target_group))

    @property
    def remaining_after(self) -> int:
        return max(0, self.required_year - self.realised_year - self.placed)


@dataclass(frozen=True)
class EngineFigures:
    """The engine's measures of the round's result (the proposal's, or after an officer's change
    the ones ``reassign`` measured on the changed allocation)."""

    quota_shortfall: int
    mix_shortfall: int
    unfilled: int
    rank_sum: int
    weighted: float
    bound: float | None
    gap: float | None
    remeasured: bool  # measured again after an officer's change

    @property
    def gap_percent(self) -> str:
        return f"{self.gap * 100:.2f}" if self.gap is not None else ""


def engine_figures(result: dict[str, Any]) -> EngineFigures | None:
    """The objective figures of a round's result, or None when it has none (an imported round)."""
    metrics = result.get("metrics") or {}
    objective = metrics.get("objective")
    if not objective:
        return None
    return EngineFigures(
        quota_shortfall=int(objective.get("quota_shortfall", 0)),
        mix_shortfall=int(objective.get("mix_shortfall", 0)),
        unfilled=int(objective.get("unfilled", 0)),
        rank_sum=int(objective.get("rank_sum", 0)),
        weighted=float(objective.get("weighted", 0)),
        bound=metrics.get("bound"),
        gap=metrics.get("gap"),
        remeasured=metrics.get("method") == "reassigned",
    )


@dataclass
class RoundView:
    round: Round
    rows: list[UnitRow]
    mix: list[MixEffect]
    quotas: list[QuotaRow]
    filled: int
    figures: EngineFigures | None = None


def mix_effect(
    snapshot: dict[str, Any], assignments: Sequence[dict[str, Any]], names: dict[int, str], *, on: dt.date
) -> list[MixEffect]:
    """Per mixed complex of the round: occupied homes and vulnerable households on ``on`` (the
    portfolio's one definition, as the complex page shows them), the round's vacancies there, and
    the households (vulnerable ones apart) the assignments place there."""
    vulnerable = {c["id"] for c in snapshot["candidates"] if c.get("target_group")}
    unit_complex = {u["id"]: u["complex"] for u in snapshot["units"]}
    vacancies: dict[str, int] = defaultdict(int)
    for u in snapshot["units"]:
        vacancies[u["complex"]] += 1
    placed: dict[str, int] = defaultdict(int)
    vulnerable_placed: dict[str, int] = defaultdict(int)
    for a in assignments:
        placed[unit_complex[a["unit"]]] += 1
        if a["candidate"] in vulnerable:
            vulnerable_placed[unit_complex[a["unit"]]] += 1
    mixed = [c for c in snapshot["complexes"] if c.get("mix")]
    pks = [pk_of(c["id"]) for c in mixed]
    occupied = occupied_homes(pks, on=on)
    living_vulnerable = vulnerable_households(pks, on=on)
    return [
        MixEffect(
            complex_name=names.get(pk_of(c["id"]), c["id"]),
            target=c["mix"]["target_vulnerable_share"],
            tolerance=c["mix"]["tolerance"],
            occupied=occupied.get(pk_of(c["id"]), 0),
            vacancies=vacancies[c["id"]],
            vulnerable_before=living_vulnerable.get(pk_of(c["id"]), 0),
            placed=placed[c["id"]],
            vulnerable_placed=vulnerable_placed[c["id"]],
        )
        for c in mixed
    ]


def quota_placed(snapshot: dict[str, Any], assignments: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Vulnerable households (a target group in the round's snapshot) among ``assignments``, per
    target group and in all ("*")."""
    groups = {c["id"]: c.get("target_group") for c in snapshot["candidates"]}
    placed: dict[str, int] = defaultdict(int)
    for a in assignments:
        group = groups.get(a["candidate"])
        if group:
            placed[group] += 1
            placed["*"] += 1
    return placed


def round_assignments(rnd: Round) -> list[dict[str, Any]]:
    """The round's assignments: the proposal's result, or, once accepted, its allocations."""
    if rnd.status != Round.Status.ACCEPTED:
        return list(rnd.result.get("assignments", []))
    return [
        {"unit": unit_id(unit_pk), "candidate": household_id(household_pk)}
        for unit_pk, household_pk in Allocation.objects.filter(round=rnd).values_list(
            "unit_id", "household_id"
        )
    ]


def placed_towards_quota(rnd: Round) -> dict[str, int]:
    """THE figure "placed towards the quota by this round": the vulnerable households the round
    gives a home (its proposal's assignments, or once accepted its allocations), per target group
    and in all ("*"). The same before and after accepting; leases that follow from this round's
    allocations are left out of the year's realised count (``quota_year(excluding_round=...)``), so
    no household counts twice and none drops out."""
    return quota_placed(rnd.snapshot, round_assignments(rnd)) if rnd.snapshot else {}


def round_view(actor: User, rnd: Round, *, view: str = "round_detail") -> RoundView:
    """Everything the round page shows, in a constant number of queries. Nominees appear only as
    'Direct mediation' (never their target group); each nominee shown is logged as a read."""
    snapshot, result = rnd.snapshot, rnd.result
    unit_ids = [pk_of(u["id"]) for u in snapshot.get("units", [])]
    household_ids = {pk_of(c["id"]) for c in snapshot.get("candidates", [])}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids).select_related("complex")}
    households = Household.objects.in_bulk(list(household_ids))
    adverts = dict(rnd.adverts.values_list("unit_id", "pk"))
    by_unit: dict[str, UnitRow] = {}
    for unit_pk in unit_ids:
        if unit_pk in units:
            by_unit[unit_id(unit_pk)] = UnitRow(unit=units[unit_pk], advert_id=adverts.get(unit_pk))
    responders: dict[str, list[Household]] = defaultdict(list)
    for c in snapshot.get("candidates", []):
        for uid in c["responses"]:
            if uid in by_unit and pk_of(c["id"]) in households:
                responders[uid].append(households[pk_of(c["id"])])
    for unit_key, unit_row in by_unit.items():
        unit_row.responders = responders.get(unit_key, [])
    shown_nominees: dict[int, Household] = {}
    nominee_ids = {c["id"] for c in snapshot.get("candidates", []) if c.get("target_group")}
    for a in result.get("assignments", []):
        row = by_unit.get(a["unit"])
        if row is None:
            continue
        row.household = households.get(pk_of(a["candidate"]))
        row.channel = a["channel"]
        row.passendheid = a["passendheid"]
        row.justification = a.get("justification")
        if a["candidate"] in nominee_ids and row.household:
            shown_nominees[row.household.pk] = row.household
    for e in result.get("explanations", []):
        row = by_unit.get(e["unit"])
        if row is None:
            continue
        for p in e["passed_over"]:
            household = households.get(pk_of(p["candidate"]))
            row.passed_over.append(
                PassedOver(household=household, reason=reason_in_language(p), code=p.get("code", ""))
            )
            if p["candidate"] in nominee_ids and household:
                shown_nominees[household.pk] = household
    for item in result.get("unassigned_units", []):
        row = by_unit.get(item["unit"])
        if row is not None:
            row.unassigned_reason = reason_in_language(item)
    log_nominee_reads(actor, list(shown_nominees.values()), view=view)

    names = dict(
        Complex.objects.filter(pk__in={u.complex_id for u in units.values()}).values_list("pk", "name")
    )
    assignments = result.get("assignments", [])
    mix = mix_effect(snapshot, round_assignments(rnd), names, on=rnd.round_date) if snapshot else []
    placed = placed_towards_quota(rnd)
    round_min = {q["target_group"]: q["min"] for q in snapshot.get("quotas", [])}
    quotas = [
        QuotaRow(
            target_group=q.target_group,
            required_year=q.required,
            realised_year=q.realised,
            round_min=round_min.get(q.target_group, 0),
            placed=placed.get(q.target_group, 0),
        )
        for q in quota_year(corporation=rnd.corporation, year=rnd.round_date.year, excluding_round=rnd.pk)
    ]
    rows = sorted(
        by_unit.values(), key=lambda r: (r.unit.complex.name, r.unit.street, r.unit.house_number, r.unit.pk)
    )
    return RoundView(
        round=rnd, rows=rows, mix=mix, quotas=quotas, filled=len(assignments), figures=engine_figures(result)
    )


def allocations_for(actor: User) -> QuerySet[Allocation]:
    """The allocations of the rounds the actor may see."""
    return Allocation.objects.filter(round__in=rounds_for(actor))


def allocation_ids_by_unit(rnd: Round) -> dict[int, int]:
    """unit id -> allocation id of a round."""
    return dict(Allocation.objects.filter(round=rnd).values_list("unit_id", "pk"))


def allocations_without_offer(rnd: Round) -> dict[int, int]:
    """unit id -> allocation id of an accepted round's allocations that have no offer yet."""
    return dict(Allocation.objects.filter(round=rnd, offers__isnull=True).values_list("unit_id", "pk"))


def allocation_for_offer(actor: User, pk: int) -> Allocation:
    """An allocation of one of the corporation's rounds, to make its offer (404 otherwise)."""
    found = (
        Allocation.objects.filter(pk=pk, round__corporation=actor.organisation)
        .select_related("unit", "household", "advert")
        .first()
    )
    if found is None:
        raise Http404
    return found
