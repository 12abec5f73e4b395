"""The round builder: the allocation-round document built from the database.

``build_round`` is the one place where the database meets the engine (``omkijken.engine``). It
uses a constant number of queries, independent of the number of vacancies or households, so a
round over hundreds of vacancies and thousands of households builds in a fraction of a second.

Identifiers in the round document map back to primary keys: ``u<unit>``, ``h<household>``,
``c<complex>``, ``s<section>``, ``p<organisation>``; :mod:`omkijken.letting.rounds.ids` is the
mapping's one home.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum

from omkijken.accounts.models import Organisation
from omkijken.engine.rules import MissingRule, resolve_rules
from omkijken.letting.adverts.models import Advert, Registration, Response
from omkijken.letting.channels import Channel
from omkijken.letting.intake.models import MotivationApplication
from omkijken.letting.nominations.models import IncomeClass, Nomination
from omkijken.letting.offers.models import Offer
from omkijken.letting.rounds import ids
from omkijken.portfolio.models import Complex, Section, Unit
from omkijken.projects.models import CarePartnerAgreement, Project
from omkijken.quotas.models import Quota
from omkijken.residents.models import Lease, TargetGroupStatus
from omkijken.residents.selectors import valid_on, vulnerable_exists

ROUND_FORMAT = "omkijken.allocation-round/1"

# Adverts that may go into a round: published (still open for responses) or closed for responses.
ROUND_ADVERT_STATUSES = (Advert.Status.PUBLISHED, Advert.Status.CLOSED)


def nominee_income(*, income_class: str, size: int, senior: bool, year: int) -> float:
    """A nominee's yearly income as the engine needs it, derived from the income class only.

    PASSEND: exactly the passend-toewijzen limit for the size and pension age (the limits are
    inclusive, 'tot en met', so this still qualifies); DAEB: one euro above that limit; ABOVE: one
    euro above the DAEB limit."""
    rules = resolve_rules(year, None)
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
    for project in (
        Project.objects.filter(complexes__in=complex_ids)
        .values("complexes", "target_vulnerable_share", "tolerance")
        .order_by("pk")
    ):
        mix.setdefault(
            project["complexes"],
            {
                "target_vulnerable_share": float(project["target_vulnerable_share"]),
                "tolerance": float(project["tolerance"]),
            },
        )

    # -- who lives there now (1 query, grouped) --------------------------------------------------
    open_status_partner = TargetGroupStatus.objects.filter(
        valid_on(on), household_id=OuterRef("household_id")
    ).values("care_partner_id")[:1]
    occupied: dict[int, list[int]] = {c: [0, 0] for c in complex_ids}
    section_occupied: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    current: dict[tuple[int, int], int] = defaultdict(int)
    for lease in (
        Lease.objects.filter(valid_on(on), unit__complex_id__in=complex_ids)
        .annotate(vulnerable=vulnerable_exists(on), status_partner=Subquery(open_status_partner))
        .values("unit__complex_id", "unit__section_id", "vulnerable", "care_partner_id", "status_partner")
        # households, as rule 4 counts them: a home is one household even on the day one lease ends
        # and the next starts (portfolio.selectors.occupied_homes counts it so too)
        .annotate(n=Count("unit_id", distinct=True))
        .order_by()
    ):
        index = 0 if lease["vulnerable"] else 1
        occupied[lease["unit__complex_id"]][index] += lease["n"]
        if lease["unit__section_id"]:
            section_occupied[lease["unit__section_id"]][index] += lease["n"]
        partner = lease["care_partner_id"] or lease["status_partner"]
        if partner:
            current[(partner, lease["unit__complex_id"])] += lease["n"]

    complexes_doc = []
    sections_by_complex: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for s in sections:
        vul, regular = section_occupied.get(s["pk"], (0, 0))
        sections_by_complex[s["complex_id"]].append(
            {
                "id": ids.section_id(s["pk"]),
                "occupied": {"vulnerable": vul, "regular": regular},
                "max_vulnerable": s["max_vulnerable"],
            }
        )
    for cid in complex_ids:
        doc: dict[str, Any] = {
            "id": ids.complex_id(cid),
            "occupied": {"vulnerable": occupied[cid][0], "regular": occupied[cid][1]},
            "mix": mix.get(cid),
            "sections": sections_by_complex.get(cid, []),
        }
        if municipality.get(cid):
            doc["municipality"] = municipality[cid]
        complexes_doc.append(doc)

    units_doc = [
        {
            "id": ids.unit_id(u.pk),
            "complex": ids.complex_id(u.complex_id),
            "section": ids.section_id(u.section_id) if u.section_id else None,
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
        good_neighbour[household_id].append(ids.complex_id(complex_id))

    candidates: list[dict[str, Any]] = []
    for household_id in sorted(responses):
        reg = registrations[household_id]
        urgency = None
        if reg["urgency_category"]:
            valid_until = reg["urgency_valid_until"]
            # Registration's check constraint: an urgency category always has a valid-until date.
            assert valid_until is not None
            urgency = {
                "category": reg["urgency_category"],
                "valid_until": valid_until.isoformat(),
            }
        candidates.append(
            {
                "id": ids.household_id(household_id),
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
                "responses": [ids.unit_id(pk) for pk in responses[household_id]],
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
                "id": ids.household_id(n["household_id"]),
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
                "partner": ids.partner_id(partner) if partner else None,
                "nominated_on": n["nominated_on"].isoformat(),
                "responses": [ids.unit_id(pk) for pk in dict.fromkeys(unit_ids)],
            }
        )

    # -- care partners (1 query) --------------------------------------------------------------------
    capacity: dict[int, dict[str, int]] = defaultdict(dict)
    for agreement in (
        CarePartnerAgreement.objects.filter(complex_id__in=complex_ids, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .values("care_partner_id", "complex_id", "capacity")
    ):
        key = ids.complex_id(agreement["complex_id"])
        capacity[agreement["care_partner_id"]][key] = (
            capacity[agreement["care_partner_id"]].get(key, 0) + agreement["capacity"]
        )
    care_partners = []
    for partner in sorted(set(capacity) | partners_used):
        care_partners.append(
            {
                "id": ids.partner_id(partner),
                "capacity": capacity.get(partner, {}),
                "current": {
                    ids.complex_id(cid): current[(partner, cid)]
                    for cid in complex_ids
                    if current.get((partner, cid))
                },
            }
        )

    # -- quotas (2 queries) ---------------------------------------------------------------------------
    quotas = _round_quotas(corporation=corporation, year=year, direct_units=len(direct_units))

    return {
        "format": ROUND_FORMAT,
        "id": name or f"{corporation.pk}-{on.isoformat()}",
        "date": on.isoformat(),
        "rules": {},  # every value from the engine's rule table of the year (omkijken.engine.rules)
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


def quota_year(
    *, corporation: Organisation, year: int, excluding_round: int | None = None
) -> list[QuotaYear]:
    """The corporation's municipal quota for a year and how much of it is realised: vulnerable
    households (a target-group status in force when their lease started) whose lease with the
    corporation started that year. ``excluding_round`` leaves out the leases that follow from that
    round's allocations (the round's page counts them as placed by the round)."""
    # A group's task may be set per half-year (status holders): the year's task is their sum.
    required = list(
        Quota.objects.filter(corporation=corporation, year=year)
        .values("target_group")
        .annotate(total=Sum("required"))
        .values_list("target_group", "total")
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
    leases = Lease.objects.filter(unit__complex__corporation=corporation, start_date__year=year)
    if excluding_round is not None:
        leases = leases.exclude(offer__allocation__round_id=excluding_round)
    realised: dict[str, int] = defaultdict(int)
    for target_group, n in (
        leases.annotate(group=Subquery(group))
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
