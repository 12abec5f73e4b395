"""The demo world: deterministic, shaped like the reference projects, and usable by every persona.

The full demo (about 5,500 homes) is checked on its plan: ``plan_demo`` draws exactly the rows that
``build_demo`` writes (the small build below proves the written counts equal the planned ones),
without the 3-4 s of writing them to the database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count
from django.test import RequestFactory
from django.utils import translation

from omkijken.accounts.models import Membership, Organisation, User
from omkijken.demo.personas import (
    CARE_PARTNER,
    CORPORATION,
    DEMO_PASSWORD,
    MUNICIPALITY,
    MUNICIPALITY_CODE,
    OTHER_CORPORATION,
    PERSONAS,
)
from omkijken.demo.plan import DEFAULT_SEED, DemoPlan
from omkijken.demo.world import DemoSummary, build_demo, delete_demo, plan_demo
from omkijken.portfolio.demo import DE_BRUG, DREEFHOVEN, HET_KOMPAS, VLIETHOF
from omkijken.portfolio.models import Complex, Neighbourhood, Section, Unit
from omkijken.projects.models import (
    PHASE_ORDER,
    CarePartnerAgreement,
    Phase,
    PhaseChange,
    Project,
    WorkingGroup,
)
from omkijken.quotas.models import Quota, QuotaChange
from omkijken.residents.models import Household, Lease, LeaseType, Person, TargetGroupStatus
from tests.demo.conftest import TODAY

POSTCODE = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")


def canonical_dump() -> dict[str, list[tuple[Any, ...]]]:
    """Everything the demo writes that a person would notice, in a stable order (ids left out)."""

    def rows(queryset: Any, *fields: str) -> list[tuple[Any, ...]]:
        return sorted(queryset.values_list(*fields), key=repr)

    return {
        "neighbourhoods": rows(Neighbourhood.objects, "code", "name", "district_code", "district_name"),
        "complexes": rows(Complex.objects, "corporation__name", "code", "name", "street", "building_type", "storeys"),
        "units": rows(
            Unit.objects, "complex__code", "code", "street", "house_number", "house_number_suffix", "postcode",
            "floor", "rooms", "floor_area", "net_rent", "daeb_label", "section__name",
        ),
        "households": rows(Household.objects, "corporation__name", "reference", "name", "created_at"),
        "persons": rows(
            Person.objects, "household__reference", "first_name", "name_prefix", "last_name", "birth_date", "email",
            "phone", "is_main_tenant", "user__username",
        ),
        "leases": rows(
            Lease.objects, "unit__complex__code", "unit__code", "household__reference", "lease_type",
            "care_partner__name", "start_date", "end_date", "flip_date", "net_rent",
        ),
        "statuses": rows(
            TargetGroupStatus.objects, "household__reference", "target_group", "care_partner__name", "start_date",
            "consent_reference", "recorded_at",
        ),
        "projects": rows(Project.objects, "name", "phase", "target_vulnerable_share", "tolerance", "complexes__name"),
        "phase_changes": rows(PhaseChange.objects, "project__name", "from_phase", "to_phase", "at"),
        "memberships": rows(Membership.objects, "user__username", "organisation__name", "role", "created_at"),
    }  # fmt: skip


def vulnerable_share(complex_: Complex) -> float:
    """Open target-group statuses over homes, as the project monitor counts them."""
    clients = TargetGroupStatus.objects.filter(end_date__isnull=True).values("household_id")
    vulnerable = Lease.objects.filter(unit__complex=complex_, household_id__in=clients).count()
    return vulnerable / complex_.units.count()


def plan_shares(plan: DemoPlan) -> dict[str, float]:
    """Vulnerable households over homes per complex name, read off a plan."""
    clients = {id(status.household) for status in plan.statuses}
    homes = Counter(unit.complex.name for unit in plan.units)
    vulnerable = Counter(lease.unit.complex.name for lease in plan.leases if id(lease.household) in clients)
    return {name: vulnerable[name] / count for name, count in homes.items()}


# --- determinism --------------------------------------------------------------------------------
@pytest.mark.django_db
def test_building_the_small_demo_twice_with_the_same_seed_gives_identical_data() -> None:
    # given a database without the demo world
    delete_demo()

    # when the small demo is built, dumped, deleted and built again with the same seed and day
    build_demo(size="small", seed=7, today=TODAY)
    first = canonical_dump()
    delete_demo()
    build_demo(size="small", seed=7, today=TODAY)
    second = canonical_dump()

    # then both builds hold the same addresses, households, persons, leases and statuses
    assert first == second
    assert len(first["units"]) > 300 and len(first["statuses"]) > 30


def test_another_seed_gives_other_households_in_the_same_shape() -> None:
    # given two plans of the small demo that differ only in the seed
    one = plan_demo(size="small", seed=1, today=TODAY)
    other = plan_demo(size="small", seed=2, today=TODAY)

    # when their households and homes are compared
    names_one = [h.name for h in one.households]
    names_other = [h.name for h in other.households]

    # then the people differ but the named complexes and the counts of homes do not
    assert names_one != names_other
    assert len(one.units) == len(other.units)
    assert {c.name for c in one.complexes} & {c.name for c in other.complexes} >= {
        VLIETHOF,
        DE_BRUG,
        HET_KOMPAS,
    }


def test_planning_the_full_demo_twice_gives_the_same_plan(full_plan: DemoPlan) -> None:
    # given the plan of the full demo
    def dump(plan: DemoPlan) -> list[tuple[Any, ...]]:
        return [
            *(
                (u.complex.code, u.code, u.street, u.house_number, u.house_number_suffix, u.postcode)
                for u in plan.units
            ),
            *((h.reference, h.name) for h in plan.households),
            *(
                (le.unit.code, le.household.reference, le.lease_type, le.start_date, le.flip_date)
                for le in plan.leases
            ),
            *((s.household.reference, s.target_group, s.consent_reference) for s in plan.statuses),
        ]

    # when it is planned again with the same seed and day
    again = plan_demo(size="full", seed=DEFAULT_SEED, today=TODAY)

    # then it is the same
    assert dump(again) == dump(full_plan)


# --- the full demo's shape (on its plan) -------------------------------------------------------
def test_the_full_demo_has_about_5500_woonhaven_homes_in_about_40_complexes(full_plan: DemoPlan) -> None:
    # given the plan of the full demo
    complexes = [c for c in full_plan.complexes if c.corporation.name == CORPORATION]
    units = [u for u in full_plan.units if u.complex.corporation.name == CORPORATION]
    let = {id(le.unit) for le in full_plan.leases}

    # when its homes are counted by complex and building type
    per_complex = Counter(u.complex.name for u in units)
    types = Counter(c.building_type for c in complexes)

    # then it is the size of Woonhaven in Overvliet, with the reference complexes at their real size
    assert 38 <= len(complexes) <= 46
    assert 5_300 <= len(units) <= 5_700
    assert 0.93 <= sum(id(u) in let for u in units) / len(units) <= 0.96
    assert per_complex[VLIETHOF] == 188 and per_complex[DE_BRUG] == 101 and per_complex[HET_KOMPAS] == 121
    ten_storey_gallery_flats = [
        c for c in complexes if c.building_type == Complex.BuildingType.GALLERY_FLAT and c.storeys >= 10
    ]
    assert len(ten_storey_gallery_flats) >= 6
    assert types[Complex.BuildingType.STAIRWELL] >= 15 and types[Complex.BuildingType.TERRACED] >= 5
    homes_per_section = Counter(id(u.section) for u in units)
    own_sections = [s for s in full_plan.sections if s.complex.corporation.name == CORPORATION]
    for kind, size in {(s.kind, homes_per_section[id(s)]) for s in own_sections}:
        if kind == Section.Kind.GALLERY:
            assert 12 <= size <= 16
        if kind == Section.Kind.STAIRWELL:
            assert size in (6, 8)
    counts = full_plan.counts()
    assert counts["residents.Household"] == counts["residents.Lease"]
    assert 1.6 <= counts["residents.Person"] / counts["residents.Household"] <= 2.6


def test_the_full_demo_concentrates_vulnerable_households_in_the_projects(full_plan: DemoPlan) -> None:
    # given the plan of the full demo
    shares = plan_shares(full_plan)
    project_complexes = {VLIETHOF, DE_BRUG, HET_KOMPAS, DREEFHOVEN}
    regular = [
        (c.name, shares[c.name])
        for c in full_plan.complexes
        if c.corporation.name == CORPORATION and c.name not in project_complexes
    ]

    # when the shares of the projects and the regular stock are compared
    regular_homes = [u for u in full_plan.units if u.complex.name not in project_complexes]
    regular_share = sum(shares[u.complex.name] for u in regular_homes) / len(regular_homes)

    # then the new builds sit at 30 %, Vliethof near 21 %, Het Kompas below its band, the rest sparse
    assert 0.28 <= shares[DE_BRUG] <= 0.32
    assert 0.19 <= shares[VLIETHOF] <= 0.23
    assert shares[HET_KOMPAS] < 0.25
    assert 0.05 <= regular_share <= 0.10
    assert all(share <= 0.16 for _, share in regular)
    assert sum(share >= 0.12 for _, share in regular) >= 2  # a couple of hard-pressed flats


def test_the_full_demo_homes_have_valid_addresses_and_social_rents(full_plan: DemoPlan) -> None:
    # given the homes of the full demo
    units = full_plan.units

    # when their addresses and rents are inspected
    addresses = Counter((u.postcode, u.house_number, u.house_number_suffix) for u in units)
    daeb = [u.net_rent for u in units if u.daeb_label == Unit.DaebLabel.DAEB]
    non_daeb = [u.net_rent for u in units if u.daeb_label == Unit.DaebLabel.NON_DAEB]

    # then every address is unique with a valid postcode, and rents are social with a few exceptions
    assert all(POSTCODE.match(u.postcode) for u in units)
    assert max(addresses.values()) == 1
    assert Decimal("450") <= min(daeb) and max(daeb) <= Decimal("900")
    assert 10 <= len(non_daeb) <= 0.02 * len(units) and min(non_daeb) > Decimal("935")
    assert all(
        u.has_lift == (u.complex.storeys >= 4 and u.complex.building_type != "terraced") for u in units
    )
    assert any(u.wheelchair_accessible and u.floor == 0 for u in units)
    assert all(1 <= u.rooms <= 5 and u.min_household_size <= u.max_household_size for u in units)


def test_the_full_demo_leases_mix_regular_temporary_omklap_and_driehoek(full_plan: DemoPlan) -> None:
    # given the leases of the full demo
    types = Counter(le.lease_type for le in full_plan.leases)
    starts = [le.start_date for le in full_plan.leases]

    # when they are counted by type
    share = {kind: count / len(full_plan.leases) for kind, count in types.items()}

    # then most are regular, some temporary, and care leases belong to care partners' clients
    assert share[LeaseType.REGULAR] > 0.8 and 0.02 < share[LeaseType.TEMPORARY] < 0.12
    assert types[LeaseType.OMKLAP] > 50 and types[LeaseType.DRIEHOEK] > 50
    assert min(starts) >= TODAY.replace(year=TODAY.year - 25) and max(starts) <= TODAY
    for lease in full_plan.leases:
        if lease.lease_type == LeaseType.OMKLAP:
            assert lease.flip_date is not None
            months = (
                (lease.flip_date.year - lease.start_date.year) * 12
                + lease.flip_date.month
                - lease.start_date.month
            )
            assert months == 36 and lease.care_partner is not None
        if lease.lease_type == LeaseType.TEMPORARY:
            assert lease.end_date is not None and lease.end_date >= TODAY


# --- the small demo in the database ------------------------------------------------------------
def test_the_small_demo_has_the_shape_of_the_full_one(small_demo: DemoSummary) -> None:
    # given the small demo as of TODAY
    woonhaven = Complex.objects.filter(corporation__name=CORPORATION)

    # when its portfolio is counted
    units = Unit.objects.filter(complex__corporation__name=CORPORATION)
    let = Lease.objects.filter(unit__in=units).count()

    # then it is a smaller Overvliet with the same kinds of buildings, written exactly as planned
    assert 6 <= woonhaven.count() <= 8
    assert 350 <= units.count() <= 450
    assert 0.93 <= let / units.count() <= 0.96
    assert set(woonhaven.values_list("building_type", flat=True)) == set(Complex.BuildingType.values)
    assert Neighbourhood.objects.filter(municipality_code=MUNICIPALITY_CODE).count() == 10
    assert all(n.code.startswith(n.district_code.replace("WK", "BU")) for n in Neighbourhood.objects.all())
    assert Unit.objects.count() == small_demo.counts["portfolio.Unit"]
    assert Person.objects.count() == small_demo.counts["residents.Person"]
    assert TargetGroupStatus.objects.count() == small_demo.counts["residents.TargetGroupStatus"]
    assert small_demo.elapsed < 10


def test_every_persona_can_log_in_with_the_demo_password(small_demo: DemoSummary) -> None:
    # given the small demo and a login request
    request = RequestFactory().post("/login/")

    for persona in PERSONAS.values():
        # when the persona logs in with the demo password
        user = authenticate(request, username=persona.username, password=DEMO_PASSWORD)

        # then it is that persona, with its one role in its organisation
        assert isinstance(user, User), persona.username
        assert user.organisation is not None
        assert (user.first_name, user.last_name) == (persona.first_name, persona.last_name)
        assert (user.role, user.organisation.name) == (persona.role, persona.organisation)
    admin = User.objects.get(username="admin")
    assert admin.is_staff and not admin.is_superuser
    assert not User.objects.filter(is_superuser=True).exists()
    assert User.objects.exclude(username__in=PERSONAS).count() >= 3


def test_vliethof_de_brug_and_het_kompas_exist_with_their_projects_and_targets(
    small_demo: DemoSummary,
) -> None:
    # given the small demo
    # when the three reference complexes and their projects are looked up
    vliethof = Complex.objects.get(name=VLIETHOF)
    de_brug = Complex.objects.get(name=DE_BRUG)
    het_kompas = Complex.objects.get(name=HET_KOMPAS)

    # then Vliethof is the 188-home gallery flat of Nieuwe Buren, the new builds run 30/70 projects
    assert vliethof.units.count() == 188 and vliethof.building_type == Complex.BuildingType.GALLERY_FLAT
    expected = {
        vliethof: (Phase.OPERATION, Decimal("0.210")),
        de_brug: (Phase.OPERATION, Decimal("0.300")),
        het_kompas: (Phase.OPENING, Decimal("0.300")),
    }
    for complex_, (phase, target) in expected.items():
        project = Project.objects.get(complexes=complex_)
        assert (project.phase, project.target_vulnerable_share, project.tolerance) == (
            phase,
            target,
            Decimal("0.050"),
        )
        assert project.leader is not None and project.leader.username == "projectleider"
        assert project.agreements.filter(care_partner__name=CARE_PARTNER, support_months=36).exists()
        assert complex_.sections.filter(max_vulnerable__isnull=True).count() == 0
    assert de_brug.year_built == 2020 and het_kompas.units.filter(leases__isnull=False).exists()
    early = Project.objects.filter(
        corporation__name=CORPORATION, phase__in=[Phase.INITIATIVE, Phase.DEVELOPMENT]
    )
    assert early.count() == 1


def test_the_demo_shows_a_section_over_its_cap_and_a_project_below_its_band(small_demo: DemoSummary) -> None:
    # given the small demo
    clients = TargetGroupStatus.objects.filter(end_date__isnull=True).values("household_id")

    # when the vulnerable households are counted per capped section and per project complex
    over_cap = [
        section
        for section in Section.objects.filter(max_vulnerable__isnull=False, complex__name=DE_BRUG)
        if Lease.objects.filter(unit__section=section, household_id__in=clients).count()
        > (section.max_vulnerable or 0)
    ]
    de_brug = Project.objects.get(complexes__name=DE_BRUG)
    het_kompas = Project.objects.get(complexes__name=HET_KOMPAS)
    vliethof = Project.objects.get(complexes__name=VLIETHOF)

    # then one section of De Brug is over its cap, and Het Kompas sits below target minus tolerance
    assert len(over_cap) == 1
    assert (
        de_brug.lower_limit
        <= Decimal(vulnerable_share(Complex.objects.get(name=DE_BRUG)))
        <= de_brug.upper_limit
    )
    assert Decimal(vulnerable_share(Complex.objects.get(name=VLIETHOF))) >= vliethof.lower_limit
    assert Decimal(vulnerable_share(Complex.objects.get(name=HET_KOMPAS))) < het_kompas.lower_limit


def test_no_person_shares_a_name_with_a_persona_other_than_the_personas_own(small_demo: DemoSummary) -> None:
    # given the small demo
    persons = Person.objects.select_related("user")

    # when every person's full name is compared with the personas' names
    persona_names = {f"{p.first_name} {p.last_name}": p.username for p in PERSONAS.values()}
    clashes = [
        (person.full_name, person.user.username if person.user else None)
        for person in persons
        if person.full_name in persona_names
        and (not person.user or person.user.username != persona_names[person.full_name])
    ]

    # then only the resident personas' own Person rows carry a persona's name
    assert clashes == []
    assert {p.user.username for p in persons if p.user} == {"buur", "bewoner"}


def test_the_resident_personas_live_in_vliethof_and_de_brug(small_demo: DemoSummary) -> None:
    # given the small demo
    buur = Person.objects.get(user__username="buur")
    bewoner = Person.objects.get(user__username="bewoner")

    # when their homes, leases and statuses are looked up
    buur_lease = Lease.objects.get(household=buur.household)
    bewoner_lease = Lease.objects.get(household=bewoner.household)
    bewoner_status = TargetGroupStatus.objects.get(household=bewoner.household)

    # then buur is a regular main tenant in Vliethof and bewoner an omklap client of the care partner in De Brug
    assert buur.is_main_tenant and buur_lease.unit.complex.name == VLIETHOF
    assert buur_lease.lease_type == LeaseType.REGULAR
    assert not TargetGroupStatus.objects.filter(household=buur.household).exists()
    assert bewoner.is_main_tenant and bewoner_lease.unit.complex.name == DE_BRUG
    assert bewoner_status.care_partner is not None and bewoner_lease.care_partner is not None
    assert (bewoner_status.target_group, bewoner_status.care_partner.name) == ("DAK", CARE_PARTNER)
    assert bewoner_lease.lease_type == LeaseType.OMKLAP and bewoner_lease.care_partner.name == CARE_PARTNER
    assert bewoner_lease.flip_date is not None and bewoner_lease.flip_date > TODAY > bewoner_lease.start_date
    assert re.match(r"^TOE-\d{4}-\d{4}$", bewoner_status.consent_reference)


def test_the_building_manager_manages_vliethof_and_de_brug_but_not_every_complex(
    small_demo: DemoSummary,
) -> None:
    # given the small demo
    managed = Complex.objects.filter(managers__username="beheerder")

    # when the complexes the building manager manages are listed
    names = set(managed.values_list("name", flat=True))

    # then they include Vliethof and De Brug, and some of Woonhaven's complexes are someone else's
    assert {VLIETHOF, DE_BRUG} <= names and 4 <= len(names) <= 7
    assert (
        Complex.objects.filter(corporation__name=CORPORATION).exclude(managers__username="beheerder").exists()
    )
    assert set(managed.values_list("corporation__name", flat=True)) == {CORPORATION}


def test_the_other_corporation_has_its_own_complexes_households_and_project(small_demo: DemoSummary) -> None:
    # given the small demo
    other = Organisation.objects.get(name=OTHER_CORPORATION)

    # when its records are counted
    complexes = Complex.objects.filter(corporation=other)
    households = Household.objects.filter(corporation=other)

    # then it has a few complexes of its own, let to its own households, and one project
    assert 2 <= complexes.count() <= 3
    assert households.count() > 10
    assert (
        not Lease.objects.filter(household__in=households).exclude(unit__complex__corporation=other).exists()
    )
    assert Project.objects.filter(corporation=other).count() == 1
    assert households.exclude(pk__in=TargetGroupStatus.objects.values("household_id")).exists()


def test_working_groups_phase_history_agreements_and_quotas_are_complete(small_demo: DemoSummary) -> None:
    # given the small demo
    projects = Project.objects.annotate(groups=Count("working_groups"))

    # when each project's working groups and phase history are read
    for project in projects:
        changes = list(project.phase_changes.order_by("at"))

        # then it has the three working groups, each with one chair, and a history up to its phase
        assert project.groups == 3
        for group in WorkingGroup.objects.filter(project=project):
            assert group.memberships.filter(is_chair=True).count() == 1
        assert [c.to_phase for c in changes] == PHASE_ORDER[: PHASE_ORDER.index(project.phase) + 1]
        assert [c.from_phase for c in changes[1:]] == [c.to_phase for c in changes[:-1]]
        assert all(c.at.date() <= TODAY for c in changes)
    agreement = CarePartnerAgreement.objects.get(complex__name=DE_BRUG)
    assert agreement.room.startswith("Ruimte") and agreement.contact_name and agreement.contact_phone
    quotas = {
        (q.year, q.period, q.target_group): q.required
        for q in Quota.objects.filter(municipality__name=MUNICIPALITY)
    }
    assert quotas[(TODAY.year, "Y", "*")] == 100 and quotas[(TODAY.year, "H1", "STH")] == 12
    assert quotas[(TODAY.year - 3, "Y", "STH")] == 25  # status holders per half-year since
    assert {year for year, _, _ in quotas} == {TODAY.year - n for n in range(4)}
    assert QuotaChange.objects.filter(quota__municipality__name=MUNICIPALITY).count() == len(quotas)
    association = Organisation.objects.get(kind=Organisation.Kind.RESIDENTS_ASSOCIATION)
    assert association.corporation is not None and association.corporation.name == CORPORATION


def test_no_creation_time_comes_from_the_wall_clock(small_demo: DemoSummary) -> None:
    # given the small demo built as of TODAY
    end_of_today = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)

    # when the recorded creation times are collected
    times = [
        *Household.objects.values_list("created_at", flat=True),
        *TargetGroupStatus.objects.values_list("recorded_at", flat=True),
        *Membership.objects.values_list("created_at", flat=True),
        *PhaseChange.objects.values_list("at", flat=True),
    ]

    # then none lies after the day the demo was built for
    assert times and max(times) < end_of_today


# --- the management command --------------------------------------------------------------------
@pytest.mark.django_db
def test_the_demo_command_changes_nothing_when_the_demo_exists() -> None:
    # given the session's demo world
    before = canonical_dump()
    out = StringIO()

    # when the command runs without --reset
    with translation.override("en"):
        call_command("demo", "--size", "small", stdout=out)

    # then it says so and leaves the data alone
    assert "already exists" in out.getvalue()
    assert canonical_dump() == before


@pytest.mark.django_db
def test_the_demo_command_with_reset_rebuilds_and_lists_the_personas_and_password() -> None:
    # given the session's demo world
    out = StringIO()

    # when the command rebuilds it
    with translation.override("en"):
        call_command("demo", "--reset", "--size", "small", stdout=out)

    # then there is one demo world again and the output tells how to log in
    text = out.getvalue()
    assert Organisation.objects.filter(name=CORPORATION).count() == 1
    assert Complex.objects.filter(name=VLIETHOF).count() == 1
    assert "Deleted the existing demo data" in text and DEMO_PASSWORD in text
    assert all(username in text for username in PERSONAS)
