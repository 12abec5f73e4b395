"""A small hand-made letting world inside the demo's corporation, so that counts are known exactly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.utils import timezone

from omkijken.accounts.models import Organisation, User
from omkijken.demo.personas import CARE_PARTNER, CORPORATION, MUNICIPALITY
from omkijken.letting.models import Advert, MotivationApplication, Nomination, Questionnaire, Response
from omkijken.portfolio.models import Complex, Neighbourhood, Section, Unit
from omkijken.projects.models import CarePartnerAgreement, Project
from omkijken.residents.models import Household, LeaseType
from tests.factories import (
    make_advert,
    make_complex,
    make_household,
    make_lease,
    make_nomination,
    make_section,
    make_target_group_status,
    make_unit,
    persona_user,
)

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


def seeker(corporation: Organisation, key: str, *, registered: int, size: int = 1) -> Household:
    """A home seeker registered ``registered`` days ago, with an income of 20,000."""
    return make_household(
        corporation=corporation,
        reference=f"T-{key}",
        name=f"Huishouden {key}",
        first_name=key,
        email=f"{key.lower()}@example.org",
        registered_on=TODAY - dt.timedelta(days=registered),
        household_size=size,
        yearly_income="20000",
    )


def nominee(corporation: Organisation, key: str, reference: str, born: dt.date) -> Household:
    """A nominee's household: a main tenant, no registration."""
    return make_household(
        corporation=corporation,
        reference=reference,
        name=f"Huishouden {key}",
        first_name=key,
        birth_date=born,
        email=f"{key.lower()}@example.org",
    )


def home(complex_: Complex, number: int, *, section: Section | None = None, floor: int = 1) -> Unit:
    """A home for one or two persons at 600 a month."""
    return make_unit(
        complex=complex_,
        section=section,
        code=f"T{complex_.pk}-{number}",
        house_number=number,
        postcode="9999ZZ" if complex_.code == "T-MIX" else "9998ZZ",
        floor=floor,
        net_rent="600",
        max_household_size=2,
    )


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    """A mixed complex (target 30 % ± 5 %) with 10 homes: 2 vulnerable and 5 regular residents, 3
    vacancies; and an ordinary complex with one vacancy open to REGULAR and DIRECT."""
    corporation = Organisation.objects.get(name=CORPORATION)
    partner = Organisation.objects.get(name=CARE_PARTNER)
    officer = persona_user("verhuur")
    hood = Neighbourhood.objects.first()
    mixed = make_complex(corporation=corporation, neighbourhood=hood, code="T-MIX", name="Proefhof")
    plain = make_complex(
        corporation=corporation, neighbourhood=hood, code="T-PLAIN", name="Gewoonhof", year_built=1970
    )
    mixed.managers.add(persona_user("beheerder"))
    section = make_section(complex=mixed, max_vulnerable=2)
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
        unit = home(mixed, i, section=section if i <= 3 else None)
        household = Household.objects.create(
            corporation=corporation, reference=f"T-RES{i}", name=f"Bewoner {i}"
        )
        start = TODAY - dt.timedelta(days=800)
        if i == 1:
            make_lease(
                unit=unit,
                household=household,
                start_date=start,
                lease_type=LeaseType.OMKLAP,
                care_partner=partner,
                flip_date=start + dt.timedelta(days=900),
            )
        else:
            make_lease(unit=unit, household=household, start_date=start)
        if i in (1, 4):
            make_target_group_status(
                household=household, start_date=start, care_partner=partner if i == 1 else None
            )
    # an ended lease does not count
    gone = home(mixed, 8)
    old = Household.objects.create(corporation=corporation, reference="T-GONE", name="Vertrokken")
    make_lease(
        unit=gone,
        household=old,
        start_date=TODAY - dt.timedelta(days=900),
        end_date=TODAY - dt.timedelta(days=10),
    )
    w.units = {"gone": gone, "v2": home(mixed, 9), "v3": home(mixed, 10, floor=0), "plain": home(plain, 1)}
    channels = {
        "gone": ["GOOD_NEIGHBOUR", "DIRECT"],
        "v2": ["REGULAR"],
        "v3": ["REGULAR", "DIRECT"],
        "plain": ["REGULAR", "DIRECT"],
    }
    for key, unit in w.units.items():
        w.adverts[key] = make_advert(
            unit=unit,
            channels=channels[key],
            starts_on=TODAY - dt.timedelta(days=20),
            ends_on=TODAY + dt.timedelta(days=5),
            created_by=officer,
        )
    # home seekers
    a = seeker(corporation, "A", registered=3000)
    b = seeker(corporation, "B", registered=2000)
    big = seeker(corporation, "BIG", size=5, registered=5000)
    gone_back = seeker(corporation, "W", registered=4000)
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
    w.households["N"] = nominee(corporation, "N", "T-NOM", dt.date(1990, 1, 1))
    w.nomination = make_nomination(
        nominator=partner,
        corporation=corporation,
        household=w.households["N"],
        income_class="daeb",
        complexes=[plain.pk, mixed.pk],
        nominated_on=TODAY - dt.timedelta(days=30),
        support_until=TODAY + dt.timedelta(days=700),
        consent_reference="TOE-T-1",
        status="active",
    )
    # a status holder nominated by the municipality (no care partner), for the plain complex only
    w.households["M"] = nominee(corporation, "M", "T-STH", dt.date(1985, 1, 1))
    make_nomination(
        nominator=Organisation.objects.get(name=MUNICIPALITY),
        corporation=corporation,
        household=w.households["M"],
        target_group="STH",
        complexes=[plain.pk],
        nominated_on=TODAY - dt.timedelta(days=20),
        consent_reference="TOE-T-2",
        status="active",
    )
    return w


@pytest.fixture
def officer(db) -> User:  # type: ignore[no-untyped-def]
    return persona_user("verhuur")
