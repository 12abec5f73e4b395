"""Reads for allocation rounds: the round document built from the database, the single-vacancy
ranking, and what a round's page shows.

``build_round`` is the one place where the database meets the engine (``omkijken.engine``). It
uses a constant number of queries, independent of the number of vacancies or households, so a
round over hundreds of vacancies and thousands of households builds in a fraction of a second.

Identifiers in the round document map back to primary keys: ``u<unit>``, ``h<household>``,
``c<complex>``, ``s<section>``, ``p<organisation>``; see :func:`pk_of`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from omkijken.accounts.models import AccessEvent, Organisation, User
from omkijken.accounts.policy import can
from omkijken.engine.rules import MissingRule, assess_financial, household_limits, resolve_rules
from omkijken.engine.texts import euro, passed_over_text
from omkijken.letting.models import (
    Advert,
    Channel,
    IncomeClass,
    MotivationApplication,
    Nomination,
    Offer,
    Registration,
    Response,
    Round,
)
from omkijken.portfolio.models import Complex, Section, Unit
from omkijken.projects.models import CarePartnerAgreement, Project
from omkijken.quotas.models import Quota
from omkijken.residents.models import Household, Lease, TargetGroupStatus
from omkijken.residents.selectors import valid_on, vulnerable_exists

ROUND_FORMAT = "omkijken.allocation-round/1"

# Rule values the engine's built-in tables mark as unknown (it refuses to guess them) and that the
# corporation's letting policy supplies to every round of that year. Data, keyed by rule year.
# 2026 aftoppingsgrenzen: Rijksoverheid, 'Huurtoeslag 2026' (laag € 713,44, hoog € 764,68);
# VERIFY against the Staatscourant before production use.
ROUND_RULES: dict[int, dict[str, Any]] = {
    2026: {"aftoppingsgrens": {"low": 713.44, "high": 764.68}},
}

# Adverts that may go into a round: published (still open for responses) or closed for responses.
ROUND_ADVERT_STATUSES = (Advert.Status.PUBLISHED, Advert.Status.CLOSED)


def pk_of(engine_id: str) -> int:
    """The primary key behind an engine id such as ``u123`` or ``h456``."""
    return int(engine_id[1:])


def rules_for(year: int) -> dict[str, Any]:
    return {
        key: (dict(value) if isinstance(value, dict) else value)
        for key, value in ROUND_RULES.get(year, {}).items()
    }


def nominee_income(*, income_class: str, size: int, senior: bool, year: int) -> float:
    """A nominee's yearly income as the engine needs it, derived from the income class only.

    PASSEND: exactly the passend-toewijzen limit for the size and pension age (the limits are
    inclusive, 'tot en met', so this still qualifies); DAEB: one euro above that limit; ABOVE: one
    euro above the DAEB limit."""
    rules = resolve_rules(year, rules_for(year))
    cls = "single" if size == 1 else "multi"
    try:
        passend = rules.get(f"passend_income_limit.{cls}{'_senior' if senior else ''}")
    except MissingRule:
        passend = rules.get(f"passend_income_limit.{cls}")
    if income_class == IncomeClass.PASSEND:
        return float(passend)
    if income_class == IncomeClass.DAEB:
        return float(passend) + 1
    return float(rules.get(f"daeb_income_limit.{cls}")) + 1


def _open_adverts(adverts: Iterable[Advert] | QuerySet[Advert]) -> list[Advert]:
    if isinstance(adverts, QuerySet):
        return list(adverts.only("pk", "unit_id", "channels", "corporation_id", "status"))
    return list(adverts)


def build_round(
    *, corporation: Organisation, adverts: Iterable[Advert] | QuerySet[Advert], on: dt.date, name: str = ""
) -> dict[str, Any]:
    """The engine's round document (``omkijken.allocation-round/1``) for these adverts on a date.

    * complexes of the adverts' units, with the households living there on ``on`` counted as
      vulnerable (open target-group status) or regular; ``mix`` from the project holding the
      complex; sections with their caps;
    * units: net rent, features, household-size range, the advert's channels;
    * candidates: households with an active registration that responded (not withdrawn), most
      preferred response first; and the open nominations to the corporation, whose responses are
      the round's DIRECT units in the nomination's order of complexes (all DIRECT units when the
      nomination names none). A household with an open nomination competes only as a nominee;
      a household with a live offer is left out (it is already being helped);
    * care partners: capacity per complex from their agreements in force, current clients;
    * quotas: the remaining yearly quota (required minus vulnerable households housed this year),
      capped by the number of DIRECT units in the round.
    """
    year = on.year
    adverts = [a for a in _open_adverts(adverts) if a.corporation_id == corporation.pk]
    unit_channels = {a.unit_id: list(a.channels) for a in adverts}

    # -- units (1 query) ----------------------------------------------------------------------
    units = list(
        Unit.objects.filter(pk__in=unit_channels)
        .only(
            "pk",
            "complex_id",
            "section_id",
            "floor",
            "rooms",
            "net_rent",
            "has_lift",
            "wheelchair_accessible",
            "min_household_size",
            "max_household_size",
        )
        .order_by("complex_id", "pk")
    )
    complex_ids = sorted({u.complex_id for u in units})

    # -- complexes, sections, mix (3 queries) -----------------------------------------------------
    municipality = dict(
        Complex.objects.filter(pk__in=complex_ids).values_list("pk", "neighbourhood__municipality_code")
    )
    sections = list(
        Section.objects.filter(complex_id__in=complex_ids)
        .values("pk", "complex_id", "max_vulnerable")
        .order_by("pk")
    )
    mix: dict[int, dict[str, float]] = {}
    for row in (
        Project.objects.filter(complexes__in=complex_ids)
        .values("complexes", "target_vulnerable_share", "tolerance")
        .order_by("pk")
    ):
        mix.setdefault(
            row["complexes"],
            {
                "target_vulnerable_share": float(row["target_vulnerable_share"]),
                "tolerance": float(row["tolerance"]),
            },
        )

    # -- who lives there now (1 query, grouped) --------------------------------------------------
    open_status_partner = TargetGroupStatus.objects.filter(
        valid_on(on), household_id=OuterRef("household_id")
    ).values("care_partner_id")[:1]
    occupied: dict[int, list[int]] = {c: [0, 0] for c in complex_ids}
    section_occupied: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    current: dict[tuple[int, int], int] = defaultdict(int)
    for row in (
        Lease.objects.filter(valid_on(on), unit__complex_id__in=complex_ids)
        .annotate(vulnerable=vulnerable_exists(on), status_partner=Subquery(open_status_partner))
        .values("unit__complex_id", "unit__section_id", "vulnerable", "care_partner_id", "status_partner")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        index = 0 if row["vulnerable"] else 1
        occupied[row["unit__complex_id"]][index] += row["n"]
        if row["unit__section_id"]:
            section_occupied[row["unit__section_id"]][index] += row["n"]
        partner = row["care_partner_id"] or row["status_partner"]
        if partner:
            current[(partner, row["unit__complex_id"])] += row["n"]

    complexes_doc = []
    sections_by_complex: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for s in sections:
        vul, reg = section_occupied.get(s["pk"], (0, 0))
        sections_by_complex[s["complex_id"]].append(
            {
                "id": f"s{s['pk']}",
                "occupied": {"vulnerable": vul, "regular": reg},
                "max_vulnerable": s["max_vulnerable"],
            }
        )
    for cid in complex_ids:
        doc: dict[str, Any] = {
            "id": f"c{cid}",
            "occupied": {"vulnerable": occupied[cid][0], "regular": occupied[cid][1]},
            "mix": mix.get(cid),
            "sections": sections_by_complex.get(cid, []),
        }
        if municipality.get(cid):
            doc["municipality"] = municipality[cid]
        complexes_doc.append(doc)

    units_doc = [
        {
            "id": f"u{u.pk}",
            "complex": f"c{u.complex_id}",
            "section": f"s{u.section_id}" if u.section_id else None,
            "floor": u.floor,
            "rooms": u.rooms,
            "rent": float(u.net_rent),
            "household_size": {"min": u.min_household_size, "max": u.max_household_size},
            "features": u.features,
            "channels": unit_channels[u.pk],
        }
        for u in units
    ]
    direct_units = [u for u in units if Channel.DIRECT in unit_channels[u.pk]]

    # -- nominees (1 query) -------------------------------------------------------------------------
    nominations = list(
        Nomination.objects.filter(corporation=corporation, status__in=Nomination.OPEN_STATUSES)
        .values(
            "household_id",
            "target_group",
            "household_size",
            "income_class",
            "pension_age",
            "needs",
            "complexes",
            "nominated_on",
            "nominator_id",
            "nominator__kind",
        )
        .order_by("nominated_on", "pk")
    )
    nominee_ids = {n["household_id"] for n in nominations}

    # -- households with a live offer are already being helped (1 query) -------------------------
    busy = set(
        Offer.objects.filter(
            corporation=corporation, status__in=(Offer.Status.OFFERED, Offer.Status.VIEWING)
        ).values_list("household_id", flat=True)
    )

    # -- responders (2 queries) -------------------------------------------------------------------
    responses: dict[int, list[int]] = defaultdict(list)
    for household_id, unit_id in (
        Response.objects.filter(
            advert_id__in=[a.pk for a in adverts],
            withdrawn=False,
            household__registration__status=Registration.Status.ACTIVE,
        )
        .order_by("household_id", "preference", "pk")
        .values_list("household_id", "advert__unit_id")
    ):
        if household_id in nominee_ids or household_id in busy:
            continue
        if unit_id not in responses[household_id]:
            responses[household_id].append(unit_id)
    registrations = {
        r["household_id"]: r
        for r in Registration.objects.filter(household_id__in=list(responses)).values(
            "household_id",
            "registration_date",
            "household_size",
            "yearly_income",
            "pension_age",
            "urgency_category",
            "urgency_valid_until",
            "needs",
        )
    }
    # -- approved good neighbours (1 query) ------------------------------------------------------
    good_neighbour: dict[int, list[str]] = defaultdict(list)
    for household_id, complex_id in MotivationApplication.objects.filter(
        household_id__in=list(responses),
        complex_id__in=complex_ids,
        status=MotivationApplication.Status.APPROVED,
    ).values_list("household_id", "complex_id"):
        good_neighbour[household_id].append(f"c{complex_id}")

    candidates: list[dict[str, Any]] = []
    for household_id in sorted(responses):
        reg = registrations[household_id]
        urgency = None
        if reg["urgency_category"]:
            urgency = {
                "category": reg["urgency_category"],
                "valid_until": reg["urgency_valid_until"].isoformat(),
            }
        candidates.append(
            {
                "id": f"h{household_id}",
                "household": {
                    "size": reg["household_size"],
                    "income": float(reg["yearly_income"]),
                    "senior": reg["pension_age"],
                },
                "registration_date": reg["registration_date"].isoformat(),
                "urgency": urgency,
                "needs": sorted(set(reg["needs"] or [])),
                "target_group": None,
                "good_neighbour": sorted(set(good_neighbour.get(household_id, []))),
                "partner": None,
                "nominated_on": None,
                "responses": [f"u{unit_id}" for unit_id in responses[household_id]],
            }
        )

    partners_used: set[int] = set()
    by_complex: dict[int, list[int]] = defaultdict(list)
    for u in direct_units:
        by_complex[u.complex_id].append(u.pk)
    for n in nominations:
        if n["household_id"] in busy:
            continue
        wanted = [int(c) for c in (n["complexes"] or []) if str(c).isdigit()]
        order = wanted if wanted else sorted(by_complex)
        unit_ids = [pk for cid in order for pk in by_complex.get(cid, [])]
        if not unit_ids:
            continue
        partner = n["nominator_id"] if n["nominator__kind"] == Organisation.Kind.CARE_PARTNER else None
        if partner:
            partners_used.add(partner)
        candidates.append(
            {
                "id": f"h{n['household_id']}",
                "household": {
                    "size": n["household_size"],
                    "income": nominee_income(
                        income_class=n["income_class"],
                        size=n["household_size"],
                        senior=n["pension_age"],
                        year=year,
                    ),
                    "senior": n["pension_age"],
                },
                "registration_date": None,
                "urgency": None,
                "needs": sorted(set(n["needs"] or [])),
                "target_group": n["target_group"],
                "good_neighbour": [],
                "partner": f"p{partner}" if partner else None,
                "nominated_on": n["nominated_on"].isoformat(),
                "responses": [f"u{pk}" for pk in dict.fromkeys(unit_ids)],
            }
        )

    # -- care partners (1 query) --------------------------------------------------------------------
    capacity: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        CarePartnerAgreement.objects.filter(complex_id__in=complex_ids, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .values("care_partner_id", "complex_id", "capacity")
    ):
        key = f"c{row['complex_id']}"
        capacity[row["care_partner_id"]][key] = capacity[row["care_partner_id"]].get(key, 0) + row["capacity"]
    care_partners = []
    for partner in sorted(set(capacity) | partners_used):
        care_partners.append(
            {
                "id": f"p{partner}",
                "capacity": capacity.get(partner, {}),
                "current": {
                    f"c{cid}": current[(partner, cid)] for cid in complex_ids if current.get((partner, cid))
                },
            }
        )

    # -- quotas (2 queries) ---------------------------------------------------------------------------
    quotas = _round_quotas(corporation=corporation, year=year, direct_units=len(direct_units))

    return {
        "format": ROUND_FORMAT,
        "id": name or f"{corporation.pk}-{on.isoformat()}",
        "date": on.isoformat(),
        "rules": rules_for(year),
        "complexes": complexes_doc,
        "units": units_doc,
        "candidates": candidates,
        "care_partners": care_partners,
        "quotas": quotas,
    }


@dataclass(frozen=True)
class QuotaYear:
    target_group: str
    required: int
    realised: int

    @property
    def remaining(self) -> int:
        return max(0, self.required - self.realised)


def quota_year(*, corporation: Organisation, year: int) -> list[QuotaYear]:
    """The corporation's municipal quota for a year and how much of it is realised: vulnerable
    households (a target-group status in force when their lease started) whose lease with the
    corporation started that year."""
    required = list(
        Quota.objects.filter(corporation=corporation, year=year)
        .values_list("target_group", "required")
        .order_by("target_group")
    )
    if not required:
        return []
    group = (
        TargetGroupStatus.objects.filter(
            household_id=OuterRef("household_id"), start_date__lte=OuterRef("start_date")
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("start_date")))
        .values("target_group")[:1]
    )
    realised: dict[str, int] = defaultdict(int)
    for target_group, n in (
        Lease.objects.filter(unit__complex__corporation=corporation, start_date__year=year)
        .annotate(group=Subquery(group))
        .exclude(group=None)
        .values("group")
        .annotate(n=Count("pk"))
        .values_list("group", "n")
        .order_by()
    ):
        realised[target_group] += n
        realised["*"] += n
    return [QuotaYear(tg, req, realised.get(tg, 0)) for tg, req in required]


def _round_quotas(*, corporation: Organisation, year: int, direct_units: int) -> list[dict[str, Any]]:
    return [
        {"target_group": q.target_group, "min": min(q.remaining, direct_units)}
        for q in quota_year(corporation=corporation, year=year)
        if min(q.remaining, direct_units) > 0
    ]


# --- What pages show --------------------------------------------------------------------------


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


def round_candidates(actor: User, *, complex_id: int | None = None) -> QuerySet[Advert]:
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


def _reason(item: dict[str, Any]) -> str:
    if translation.get_language() and translation.get_language().startswith("en"):
        return str(item.get("reason_en") or item.get("reason", ""))
    return str(item.get("reason", ""))


def _log_nominee_reads(actor: User, households: Sequence[Household], *, view: str) -> None:
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
    complex_name: str
    target: float
    tolerance: float
    homes: int
    vulnerable_before: int
    vulnerable_after: int

    @property
    def share_before(self) -> float:
        return self.vulnerable_before / self.homes if self.homes else 0.0

    @property
    def share_after(self) -> float:
        return self.vulnerable_after / self.homes if self.homes else 0.0

    @property
    def lower(self) -> float:
        return max(0.0, self.target - self.tolerance)

    @property
    def upper(self) -> float:
        return min(1.0, self.target + self.tolerance)

    @property
    def in_band(self) -> bool:
        return self.lower - 1e-9 <= self.share_after <= self.upper + 1e-9


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


@dataclass
class QuotaRow:
    target_group: str
    required_year: int
    realised_year: int
    round_min: int
    placed: int

    @property
    def remaining_after(self) -> int:
        return max(0, self.required_year - self.realised_year - self.placed)


@dataclass
class RoundView:
    round: Round
    rows: list[UnitRow]
    mix: list[MixEffect]
    quotas: list[QuotaRow]
    filled: int


def mix_effect(
    snapshot: dict[str, Any], assignments: Sequence[dict[str, Any]], names: dict[int, str]
) -> list[MixEffect]:
    """Per mixed complex: homes, vulnerable households before and after the assignments (the
    engine's definitions: N = occupied + this round's vacancies)."""
    vulnerable = {c["id"] for c in snapshot["candidates"] if c.get("target_group")}
    unit_complex = {u["id"]: u["complex"] for u in snapshot["units"]}
    vacancies: dict[str, int] = defaultdict(int)
    for u in snapshot["units"]:
        vacancies[u["complex"]] += 1
    placed: dict[str, int] = defaultdict(int)
    for a in assignments:
        if a["candidate"] in vulnerable:
            placed[unit_complex[a["unit"]]] += 1
    out = []
    for c in snapshot["complexes"]:
        if not c.get("mix"):
            continue
        occ = c["occupied"]
        before = occ["vulnerable"]
        out.append(
            MixEffect(
                complex_name=names.get(pk_of(c["id"]), c["id"]),
                target=c["mix"]["target_vulnerable_share"],
                tolerance=c["mix"]["tolerance"],
                homes=occ["vulnerable"] + occ["regular"] + vacancies[c["id"]],
                vulnerable_before=before,
                vulnerable_after=before + placed[c["id"]],
            )
        )
    return out


def quota_placed(snapshot: dict[str, Any], assignments: Sequence[dict[str, Any]]) -> dict[str, int]:
    groups = {c["id"]: c.get("target_group") for c in snapshot["candidates"]}
    placed: dict[str, int] = defaultdict(int)
    for a in assignments:
        group = groups.get(a["candidate"])
        if group:
            placed[group] += 1
            placed["*"] += 1
    return placed


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
    for uid in unit_ids:
        if uid in units:
            by_unit[f"u{uid}"] = UnitRow(unit=units[uid], advert_id=adverts.get(uid))
    responders: dict[str, list[Household]] = defaultdict(list)
    for c in snapshot.get("candidates", []):
        for uid in c["responses"]:
            if uid in by_unit and pk_of(c["id"]) in households:
                responders[uid].append(households[pk_of(c["id"])])
    for uid, row in by_unit.items():
        row.responders = responders.get(uid, [])
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
            row.passed_over.append(PassedOver(household=household, reason=_reason(p), code=p.get("code", "")))
            if p["candidate"] in nominee_ids and household:
                shown_nominees[household.pk] = household
    for item in result.get("unassigned_units", []):
        row = by_unit.get(item["unit"])
        if row is not None:
            row.unassigned_reason = _reason(item)
    _log_nominee_reads(actor, list(shown_nominees.values()), view=view)

    names = dict(
        Complex.objects.filter(pk__in={u.complex_id for u in units.values()}).values_list("pk", "name")
    )
    assignments = result.get("assignments", [])
    mix = mix_effect(snapshot, assignments, names) if snapshot else []
    placed = quota_placed(snapshot, assignments) if snapshot else {}
    round_min = {q["target_group"]: q["min"] for q in snapshot.get("quotas", [])}
    quotas = [
        QuotaRow(
            target_group=q.target_group,
            required_year=q.required,
            realised_year=q.realised,
            round_min=round_min.get(q.target_group, 0),
            placed=placed.get(q.target_group, 0) if rnd.status != Round.Status.ACCEPTED else 0,
        )
        for q in quota_year(corporation=rnd.corporation, year=rnd.round_date.year)
    ]
    rows = sorted(
        by_unit.values(), key=lambda r: (r.unit.complex.name, r.unit.street, r.unit.house_number, r.unit.pk)
    )
    return RoundView(round=rnd, rows=rows, mix=mix, quotas=quotas, filled=len(assignments))


# --- Single vacancy ---------------------------------------------------------------------------


@dataclass
class RankRow:
    household: Household
    position: int | None  # rank in the unit's channels among eligible households (1 = first)
    channel: str
    eligible: bool
    reason: str
    outcome: str = ""

    @property
    def channel_label(self) -> str:
        return str(Channel(self.channel).label)


@dataclass
class RankView:
    advert: Advert
    rows: list[RankRow]
    winner: Household | None
    winner_channel: str
    unassigned_reason: str
    snapshot: dict[str, Any]

    @property
    def winner_channel_label(self) -> str:
        return str(Channel(self.winner_channel).label) if self.winner_channel else ""


def channel_of(c: dict[str, Any], unit: dict[str, Any]) -> str | None:
    """The channel in which a candidate competes for a unit (None: in none of its channels)."""
    channels = unit["channels"]
    if c.get("target_group"):
        return Channel.DIRECT if Channel.DIRECT in channels else None
    if Channel.GOOD_NEIGHBOUR in channels and unit["complex"] in c.get("good_neighbour", []):
        return Channel.GOOD_NEIGHBOUR
    if Channel.REGULAR in channels:
        return Channel.REGULAR
    return None


def eligibility_reason(
    snapshot: dict[str, Any], c: dict[str, Any], unit: dict[str, Any]
) -> tuple[str | None, str]:
    """(code, text) why a candidate is not eligible for a unit, or (None, '') when it is (rule 2);
    the texts are the engine's, in the user's language."""
    en = bool(translation.get_language() and translation.get_language().startswith("en"))

    def text(code: str, params: tuple[tuple[str, str], ...]) -> str:
        _rule, nl_text, en_text = passed_over_text(code, params)
        return en_text if en else nl_text

    size = c["household"]["size"]
    lo, hi = unit["household_size"]["min"], unit["household_size"]["max"]
    if not lo <= size <= hi:
        return "SIZE", text("SIZE", (("min", str(lo)), ("max", str(hi)), ("size", str(size))))
    missing = sorted(set(c.get("needs", [])) - set(unit.get("features", [])))
    if missing:
        return "NEEDS", text("NEEDS", (("missing", ", ".join(missing)),))
    year = dt.date.fromisoformat(snapshot["date"]).year
    rules = resolve_rules(year, snapshot.get("rules"))
    income = float(c["household"]["income"])
    try:
        limits = household_limits(rules, size, bool(c["household"].get("senior")), income)
        _pas, exc = assess_financial(income, float(unit["rent"]), limits, rules.get("daeb_rent_limit"))
    except MissingRule:
        return None, ""
    if exc.value == "PASSEND":
        return "PASSEND", text(
            "PASSEND", (("limit", euro(limits.aftopping)), ("rent", euro(float(unit["rent"]))))
        )
    if exc.value == "DAEB":
        return "DAEB", text("DAEB", (("limit", euro(limits.daeb_limit)),))
    return None, ""


def passendheid_of(snapshot: dict[str, Any], c: dict[str, Any], unit: dict[str, Any]) -> str:
    year = dt.date.fromisoformat(snapshot["date"]).year
    rules = resolve_rules(year, snapshot.get("rules"))
    income = float(c["household"]["income"])
    limits = household_limits(rules, c["household"]["size"], bool(c["household"].get("senior")), income)
    pas, _exc = assess_financial(income, float(unit["rent"]), limits, rules.get("daeb_rent_limit"))
    return pas.value


def _rank_key(c: dict[str, Any], channel: str, on: str) -> tuple[Any, ...]:
    if channel == Channel.DIRECT:
        return (c.get("nominated_on") or "9999-12-31", c["id"])
    if channel == Channel.GOOD_NEIGHBOUR:
        return (c.get("registration_date") or "9999-12-31", c["id"])
    urgency = c.get("urgency")
    urgent = bool(urgency and urgency["valid_until"] >= on)
    return (0 if urgent else 1, c.get("registration_date") or "9999-12-31", c["id"])


CHANNEL_ORDER = {Channel.DIRECT: 0, Channel.GOOD_NEIGHBOUR: 1, Channel.REGULAR: 2}


def rank_vacancy(*, actor: User, advert: Advert, on: dt.date) -> RankView:
    """Every household that responded to one vacancy, ranked in the vacancy's channels, each with
    whether it is eligible and why not; and what the engine would do with this vacancy alone."""
    from omkijken.engine.allocation import allocate

    if not can(actor, "view_letting"):
        raise PermissionDenied
    if advert.corporation_id != getattr(actor.organisation, "pk", None):
        raise Http404
    snapshot = build_round(
        corporation=advert.corporation, adverts=[advert], on=on, name=f"advert-{advert.pk}"
    )
    result = (
        allocate(snapshot)
        if snapshot["units"]
        else {"assignments": [], "unassigned_units": [], "explanations": []}
    )
    unit = snapshot["units"][0] if snapshot["units"] else None
    households = Household.objects.in_bulk([pk_of(c["id"]) for c in snapshot["candidates"]])
    rows: list[RankRow] = []
    if unit is not None:
        keyed = []
        for c in snapshot["candidates"]:
            channel = channel_of(c, unit)
            code, reason = (None, "")
            if channel is None:
                code = "CHANNEL"
                reason = _("Does not compete in this home's channels (%(channels)s).") % {
                    "channels": ", ".join(str(Channel(ch).label) for ch in unit["channels"])
                }
                channel = Channel.DIRECT if c.get("target_group") else Channel.REGULAR
            else:
                code, reason = eligibility_reason(snapshot, c, unit)
            keyed.append((code is None, channel, c, reason))
        keyed.sort(key=lambda k: (not k[0], CHANNEL_ORDER[k[1]], _rank_key(k[2], k[1], snapshot["date"])))
        position = 0
        for eligible, channel, c, reason in keyed:
            household = households.get(pk_of(c["id"]))
            if household is None:
                continue
            if eligible:
                position += 1
            rows.append(
                RankRow(
                    household=household,
                    position=position if eligible else None,
                    channel=channel,
                    eligible=eligible,
                    reason=reason,
                )
            )
    winner = None
    winner_channel = ""
    for a in result.get("assignments", []):
        winner = households.get(pk_of(a["candidate"]))
        winner_channel = a["channel"]
    passed = {p["candidate"]: _reason(p) for e in result.get("explanations", []) for p in e["passed_over"]}
    for row in rows:
        key = f"h{row.household.pk}"
        if winner is not None and row.household.pk == winner.pk:
            row.outcome = _("Would get this home.")
        elif key in passed:
            row.outcome = passed[key]
    unassigned_reason = next((_reason(u) for u in result.get("unassigned_units", [])), "")
    nominees = [
        households[pk_of(c["id"])]
        for c in snapshot["candidates"]
        if c.get("target_group") and pk_of(c["id"]) in households
    ]
    _log_nominee_reads(actor, nominees, view="rank_vacancy")
    return RankView(
        advert=advert,
        rows=rows,
        winner=winner,
        winner_channel=winner_channel,
        unassigned_reason=unassigned_reason,
        snapshot=snapshot,
    )


def money(value: float | Decimal) -> str:
    return euro(float(value))


# --- Offers and key handovers -------------------------------------------------------------------


def offers_for(actor: User) -> QuerySet[Offer]:
    """The corporation's offers, for staff who may see letting."""
    if not can(actor, "view_letting"):
        raise PermissionDenied
    return Offer.objects.filter(corporation=actor.organisation).select_related(
        "unit", "unit__complex", "household", "created_by"
    )


def offer_detail(actor: User, pk: int) -> Offer:
    found = (
        offers_for(actor)
        .select_related("lease", "advert", "allocation")
        .prefetch_related("events", "events__by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def key_handovers_for(actor: User, *, on: dt.date) -> QuerySet[Any]:
    """Key handovers from ``on`` onwards: a letting officer sees the corporation's, a building
    manager only those in the complexes they manage."""
    from omkijken.accounts.models import Role
    from omkijken.letting.models import KeyHandover

    if not can(actor, "view_key_handovers"):
        raise PermissionDenied
    handovers = KeyHandover.objects.filter(
        offer__corporation=actor.organisation, at__date__gte=on
    ).select_related(
        "offer", "offer__unit", "offer__unit__complex", "offer__household", "offer__lease", "with_user"
    )
    if actor.role == Role.BUILDING_MANAGER:
        handovers = handovers.filter(offer__unit__complex__managers=actor)
    return handovers.order_by("at", "pk")


def allocations_without_offer(rnd: Round) -> dict[int, int]:
    """unit id -> allocation id of an accepted round's allocations that have no offer yet."""
    from omkijken.letting.models import Allocation

    return dict(Allocation.objects.filter(round=rnd, offers__isnull=True).values_list("unit_id", "pk"))
