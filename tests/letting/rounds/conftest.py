"""A small hand-made letting world inside the demo's corporation, so that counts are known exactly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.utils import timezone

from omkijken.accounts.models import Organisation, User
from omkijken.demo.personas import CARE_PARTNER, CORPORATION, MUNICIPALITY
from omkijken.letting.models import (
    Advert,
    MotivationApplication,
    Nomination,
    Questionnaire,
    Registration,
    Response,
)
from omkijken.portfolio.models import Complex, Neighbourhood, Section, Unit
from omkijken.projects.models import CarePartnerAgreement, Project
from omkijken.residents.models import Household, Lease, LeaseType, Person, TargetGroupStatus

TODAY = timezone.localdate()


@dataclass
class World:
    corporation: Organisation
    partner: Organisation
    complex: Complex
    plain: Complex
    section: Section
    units: dict[str, Unit] = field(default_factory=dict)
    adverts: dict[str, Advert] = field(default_factory=dict)
    households: dict[str, Household] = field(default_factory=dict)
    nomination: Nomination | None = None


def make_household(
    corporation: Organisation,
    key: str,
    *,
    size: int = 1,
    income: str = "20000",
    registered: int = 1000,
    urgency: str = "",
    urgency_until: dt.date | None = None,
    needs: list[str] | None = None,
) -> Household:
    household = Household.objects.create(
        corporation=corporation, reference=f"T-{key}", name=f"Huishouden {key}"
    )
    Person.objects.create(
        household=household,
        first_name=key,
        last_name="Test",
        birth_date=dt.date(1980, 1, 1),
        email=f"{key.lower()}@example.org",
        is_main_tenant=True,
    )
    Registration.objects.create(
        household=household,
        registration_date=TODAY - dt.timedelta(days=registered),
        household_size=size,
        yearly_income=Decimal(income),
        urgency_category=urgency,
        urgency_valid_until=urgency_until,
        needs=needs or [],
    )
    return household


def make_unit(
    complex_: Complex,
    number: int,
    *,
    section: Section | None = None,
    rent: str = "600",
    lo: int = 1,
    hi: int = 2,
    floor: int = 1,
) -> Unit:
    return Unit.objects.create(
        complex=complex_,
        section=section,
        code=f"T{complex_.pk}-{number}",
        street="Proefstraat",
        house_number=number,
        postcode="9999ZZ" if complex_.code == "T-MIX" else "9998ZZ",
        city="Vechtstad",
        floor=floor,
        rooms=2,
        net_rent=Decimal(rent),
        min_household_size=lo,
        max_household_size=hi,
    )


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    """A mixed complex (target 30 % ± 5 %) with 10 homes: 2 vulnerable and 5 regular residents, 3
    vacancies; and an ordinary complex with one vacancy open to REGULAR and DIRECT."""
    corporation = Organisation.objects.get(name=CORPORATION)
    partner = Organisation.objects.get(name=CARE_PARTNER)
    officer = User.objects.get(username="verhuur")
    hood = Neighbourhood.objects.first()
    mixed = Complex.objects.create(
        corporation=corporation,
        neighbourhood=hood,
        code="T-MIX",
        name="Proefhof",
        street="Proefstraat",
        building_type="gallery_flat",
        storeys=4,
        year_built=2020,
    )
    plain = Complex.objects.create(
        corporation=corporation,
        neighbourhood=hood,
        code="T-PLAIN",
        name="Gewoonhof",
        street="Proefstraat",
        building_type="gallery_flat",
        storeys=4,
        year_built=1970,
    )
    mixed.managers.add(User.objects.get(username="beheerder"))
    section = Section.objects.create(complex=mixed, name="Galerij 1", kind="gallery", max_vulnerable=2)
    project = Project.objects.create(
        corporation=corporation,
        name="Proefproject",
        target_vulnerable_share=Decimal("0.300"),
        tolerance=Decimal("0.050"),
    )
    project.complexes.add(mixed)
    CarePartnerAgreement.objects.create(
        project=project,
        complex=mixed,
        care_partner=partner,
        capacity=3,
        start_date=TODAY - dt.timedelta(days=400),
    )
    w = World(corporation=corporation, partner=partner, complex=mixed, plain=plain, section=section)
    # residents: 2 vulnerable (one client of the partner with an omklap lease, in the section), 5 regular
    for i in range(1, 8):
        unit = make_unit(mixed, i, section=section if i <= 3 else None)
        household = Household.objects.create(
            corporation=corporation, reference=f"T-RES{i}", name=f"Bewoner {i}"
        )
        start = TODAY - dt.timedelta(days=800)
        if i == 1:
            Lease.objects.create(
                unit=unit,
                household=household,
                lease_type=LeaseType.OMKLAP,
                care_partner=partner,
                start_date=start,
                flip_date=start + dt.timedelta(days=900),
                net_rent=unit.net_rent,
            )
        else:
            Lease.objects.create(unit=unit, household=household, start_date=start, net_rent=unit.net_rent)
        if i in (1, 4):
            TargetGroupStatus.objects.create(
                household=household,
                target_group="DAK",
                care_partner=partner if i == 1 else None,
                start_date=start,
            )
    # an ended lease does not count
    gone = make_unit(mixed, 8)
    old = Household.objects.create(corporation=corporation, reference="T-GONE", name="Vertrokken")
    Lease.objects.create(
        unit=gone,
        household=old,
        start_date=TODAY - dt.timedelta(days=900),
        end_date=TODAY - dt.timedelta(days=10),
        net_rent=gone.net_rent,
    )
    w.units = {
        "gone": gone,
        "v2": make_unit(mixed, 9),
        "v3": make_unit(mixed, 10, lo=1, hi=2, floor=0),
        "plain": make_unit(plain, 1),
    }
    channels = {
        "gone": ["GOOD_NEIGHBOUR", "DIRECT"],
        "v2": ["REGULAR"],
        "v3": ["REGULAR", "DIRECT"],
        "plain": ["REGULAR", "DIRECT"],
    }
    for key, unit in w.units.items():
        w.adverts[key] = Advert.objects.create(
            corporation=corporation,
            unit=unit,
            channels=channels[key],
            criteria="Proef.",
            starts_on=TODAY - dt.timedelta(days=20),
            ends_on=TODAY + dt.timedelta(days=5),
            status="published",
            created_by=officer,
        )
    # home seekers
    a = make_household(corporation, "A", registered=3000)
    b = make_household(corporation, "B", registered=2000)
    big = make_household(corporation, "BIG", size=5, registered=5000)
    gone_back = make_household(corporation, "W", registered=4000)
    w.households = {"A": a, "B": b, "BIG": big, "W": gone_back}
    Response.objects.create(advert=w.adverts["v2"], household=a, preference=2)
    Response.objects.create(advert=w.adverts["gone"], household=a, preference=1)
    Response.objects.create(advert=w.adverts["v2"], household=b, preference=1)
    Response.objects.create(advert=w.adverts["plain"], household=b, preference=2)
    Response.objects.create(advert=w.adverts["v2"], household=big, preference=1)
    Response.objects.create(advert=w.adverts["v3"], household=gone_back, preference=1, withdrawn=True)
    questionnaire = Questionnaire.objects.filter(corporation=corporation).first()
    MotivationApplication.objects.create(
        household=a,
        complex=mixed,
        questionnaire=questionnaire,
        status="approved",
        decision_reason="Goed.",
        decided_at=timezone.now(),
    )
    # only this world's nominee is open (the demo's own nominations are set aside for these tests)
    Nomination.objects.filter(status__in=Nomination.OPEN_STATUSES).update(status="withdrawn")
    # a nominee of the care partner (income class DAEB), wanting the plain complex then the mixed one
    nominee = Household.objects.create(corporation=corporation, reference="T-NOM", name="Huishouden N")
    Person.objects.create(
        household=nominee,
        first_name="N",
        last_name="Test",
        birth_date=dt.date(1990, 1, 1),
        email="n@example.org",
        is_main_tenant=True,
    )
    w.households["N"] = nominee
    w.nomination = Nomination.objects.create(
        nominator=partner,
        corporation=corporation,
        household=nominee,
        target_group="DAK",
        household_size=1,
        income_class="daeb",
        complexes=[plain.pk, mixed.pk],
        nominated_on=TODAY - dt.timedelta(days=30),
        support_until=TODAY + dt.timedelta(days=700),
        consent_reference="TOE-T-1",
        status="active",
    )
    # a status holder nominated by the municipality (no care partner), for the plain complex only
    holder = Household.objects.create(corporation=corporation, reference="T-STH", name="Huishouden M")
    Person.objects.create(
        household=holder,
        first_name="M",
        last_name="Test",
        birth_date=dt.date(1985, 1, 1),
        email="m@example.org",
        is_main_tenant=True,
    )
    w.households["M"] = holder
    Nomination.objects.create(
        nominator=Organisation.objects.get(name=MUNICIPALITY),
        corporation=corporation,
        household=holder,
        target_group="STH",
        household_size=1,
        income_class="passend",
        complexes=[plain.pk],
        nominated_on=TODAY - dt.timedelta(days=20),
        consent_reference="TOE-T-2",
        status="active",
    )
    return w


@pytest.fixture
def officer(db) -> User:  # type: ignore[no-untyped-def]
    return User.objects.get(username="verhuur")
