"""Letting data for the exchange tests, added inside each test's transaction (rolled back after):
registrations, an accepted round with allocations on three channels, and offers in every status.
Built with the models directly, so these tests do not depend on the round and offer services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from omkijken.accounts.models import Organisation, User
from omkijken.demo.personas import CARE_PARTNER, CORPORATION
from omkijken.letting.channels import Channel
from omkijken.letting.models import Advert, Allocation, Offer, Registration, Round
from omkijken.portfolio.models import Complex, Unit
from omkijken.residents.models import Household
from tests.factories import (
    make_advert,
    make_household,
    make_lease,
    make_person,
    make_registration,
    make_target_group_status,
    make_unit,
    persona_user,
)


@dataclass
class World:
    corporation: Organisation
    officer: User
    complex: Complex
    households: list[Household]
    units: list[Unit]
    allocations: list[Allocation]
    offers: list[Offer]


def exchange_unit(complex_: Complex, code: str, number: int, **extra: Any) -> Unit:
    """A three-room home of 64 m² at 612.40; ``extra`` overrides any field."""
    values: dict[str, Any] = {
        "street": "Uitwisselingslaan",
        "postcode": "3999XZ",
        "floor": 2,
        "rooms": 3,
        "floor_area": 64,
        "net_rent": "612.40",
        "max_household_size": 6,
        **extra,
    }
    return make_unit(complex=complex_, code=code, house_number=number, **values)


def exchange_household(corporation: Organisation, reference: str, name: str) -> Household:
    """A household of two: the main tenant Noor (with e-mail and phone) and a child, Sem."""
    last_name = name.split()[-1]
    household = make_household(
        corporation=corporation,
        reference=reference,
        name=name,
        first_name="Noor",
        name_prefix="van",
        last_name=last_name,
        birth_date=dt.date(1990, 5, 17),
        email=f"{reference.lower()}@example.org",
        phone="06-12345678",
    )
    make_person(household=household, first_name="Sem", last_name=last_name, birth_date=dt.date(2015, 2, 1))
    return household


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    corporation = Organisation.objects.get(name=CORPORATION)
    officer = persona_user("verhuur")
    complex_ = Complex.objects.filter(corporation=corporation).order_by("code").first()
    assert complex_ is not None
    today = timezone.localdate()
    households = [
        exchange_household(corporation, f"UITW-{i}", f"Huishouden Uitwisseling{i}") for i in range(4)
    ]
    make_registration(
        household=households[0],
        registration_date=dt.date(2015, 3, 1),
        household_size=2,
        yearly_income="31234.50",
        needs=["LIFT"],
        external_id="ERP-0",
    )
    make_registration(
        household=households[1],
        registration_date=dt.date(2019, 9, 12),
        household_size=3,
        yearly_income="1234.56",
        urgency_category="MED",
        urgency_valid_until=today + dt.timedelta(days=120),
    )
    make_registration(
        household=households[2],
        registration_date=dt.date(2010, 1, 31),
        yearly_income="22000",
        pension_age=True,
        urgency_category="MAN",
        urgency_valid_until=today + dt.timedelta(days=30),
        status=Registration.Status.ENDED,
    )
    partner = Organisation.objects.get(name=CARE_PARTNER)
    make_target_group_status(household=households[1], care_partner=partner, start_date=dt.date(2020, 1, 1))
    accessible = {"wheelchair_accessible": True, "has_lift": True, "house_number_suffix": "A"}
    units = [
        exchange_unit(complex_, f"UITW-{i}", 100 + i, **(accessible if i == 1 else {})) for i in range(5)
    ]
    adverts = [
        make_advert(
            unit=unit,
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
    lease = make_lease(unit=units[0], household=households[0], start_date=today)
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
