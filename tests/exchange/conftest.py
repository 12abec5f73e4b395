"""Letting data for the exchange tests, added inside each test's transaction (rolled back after):
registrations, an accepted round with allocations on three channels, and offers in every status.
Built with the models directly, so these tests do not depend on the round and offer services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from omkijken.accounts.models import Organisation, User
from omkijken.demo.personas import CARE_PARTNER, CORPORATION
from omkijken.letting.channels import Channel
from omkijken.letting.models import Advert, Allocation, Offer, Registration, Round
from omkijken.portfolio.models import Complex, Unit
from omkijken.residents.models import Household, Lease, Person, TargetGroupStatus


@dataclass
class World:
    corporation: Organisation
    officer: User
    complex: Complex
    households: list[Household]
    units: list[Unit]
    allocations: list[Allocation]
    offers: list[Offer]


def make_unit(complex_: Complex, code: str, number: int, **extra: object) -> Unit:
    values = {
        "complex": complex_,
        "code": code,
        "street": "Uitwisselingslaan",
        "house_number": number,
        "postcode": "3999XZ",
        "city": "Vechtstad",
        "floor": 2,
        "rooms": 3,
        "floor_area": 64,
        "net_rent": Decimal("612.40"),
        **extra,
    }
    return Unit.objects.create(**values)


def make_household(corporation: Organisation, reference: str, name: str) -> Household:
    household = Household.objects.create(corporation=corporation, reference=reference, name=name)
    Person.objects.create(
        household=household,
        first_name="Noor",
        name_prefix="van",
        last_name=name.split()[-1],
        birth_date=dt.date(1990, 5, 17),
        email=f"{reference.lower()}@example.org",
        phone="06-12345678",
        is_main_tenant=True,
    )
    Person.objects.create(
        household=household, first_name="Sem", last_name=name.split()[-1], birth_date=dt.date(2015, 2, 1)
    )
    return household


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    corporation = Organisation.objects.get(name=CORPORATION)
    officer = User.objects.get(username="verhuur")
    complex_ = Complex.objects.filter(corporation=corporation).order_by("code").first()
    assert complex_ is not None
    today = timezone.localdate()
    households = [make_household(corporation, f"UITW-{i}", f"Huishouden Uitwisseling{i}") for i in range(4)]
    Registration.objects.create(
        household=households[0],
        registration_date=dt.date(2015, 3, 1),
        household_size=2,
        yearly_income=Decimal("31234.50"),
        needs=["LIFT"],
        external_id="ERP-0",
    )
    Registration.objects.create(
        household=households[1],
        registration_date=dt.date(2019, 9, 12),
        household_size=3,
        yearly_income=Decimal("1234.56"),
        urgency_category="MED",
        urgency_valid_until=today + dt.timedelta(days=120),
    )
    Registration.objects.create(
        household=households[2],
        registration_date=dt.date(2010, 1, 31),
        household_size=1,
        yearly_income=Decimal("22000"),
        pension_age=True,
        urgency_category="MAN",
        urgency_valid_until=today + dt.timedelta(days=30),
        status=Registration.Status.ENDED,
    )
    partner = Organisation.objects.get(name=CARE_PARTNER)
    TargetGroupStatus.objects.create(
        household=households[1], target_group="DAK", care_partner=partner, start_date=dt.date(2020, 1, 1)
    )
    units = [make_unit(complex_, f"UITW-{i}", 100 + i) for i in range(5)]
    units[1].wheelchair_accessible = True
    units[1].has_lift = True
    units[1].house_number_suffix = "A"
    units[1].save()
    adverts = [
        Advert.objects.create(
            corporation=corporation,
            unit=unit,
            channels=["REGULAR"],
            criteria="Wachttijd",
            starts_on=today - dt.timedelta(days=30),
            ends_on=today - dt.timedelta(days=16),
            status=Advert.Status.ALLOCATED,
        )
        for unit in units
    ]
    round_ = Round.objects.create(
        corporation=corporation, name="Ronde uitwisseling", round_date=today, status=Round.Status.ACCEPTED
    )
    channels = [Channel.REGULAR, Channel.DIRECT, Channel.GOOD_NEIGHBOUR]
    allocations = [
        Allocation.objects.create(
            round=round_,
            advert=adverts[i],
            unit=units[i],
            household=households[i],
            channel=channels[i],
            passendheid="PAS" if i != 2 else "NIE",
            justification="BIJ" if i == 2 else "",
        )
        for i in range(3)
    ]
    lease = Lease.objects.create(
        unit=units[0], household=households[0], start_date=today, net_rent=units[0].net_rent
    )
    offers = [
        Offer.objects.create(
            corporation=corporation,
            unit=units[0],
            household=households[0],
            advert=adverts[0],
            allocation=allocations[0],
            status=Offer.Status.ACCEPTED,
            respond_by=today,
            lease=lease,
            decided_at=timezone.now(),
            external_id="ERP-OFFER-1",
        ),
        Offer.objects.create(
            corporation=corporation,
            unit=units[1],
            household=households[1],
            advert=adverts[1],
            status=Offer.Status.VIEWING,
            respond_by=today + dt.timedelta(days=7),
            viewing_at=timezone.now() + dt.timedelta(days=2),
        ),
        Offer.objects.create(
            corporation=corporation,
            unit=units[2],
            household=households[3],
            status=Offer.Status.DECLINED,
            reason_code="HUU",
            respond_by=today,
        ),
        Offer.objects.create(
            corporation=corporation,
            unit=units[3],
            household=households[3],
            status=Offer.Status.WITHDRAWN,
            reason_code="REA",
            respond_by=today,
        ),
        Offer.objects.create(
            corporation=corporation,
            unit=units[4],
            household=households[2],
            status=Offer.Status.NO_RESPONSE,
            respond_by=today,
        ),
    ]
    return World(corporation, officer, complex_, households, units, allocations, offers)
