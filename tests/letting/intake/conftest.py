"""Fixtures of the intake tests: personas, a fresh vacancy with an advert, an applicant."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from omkijken.accounts.models import Membership, Organisation, Role, User
from omkijken.letting.adverts import services
from omkijken.letting.models import Advert, Registration
from omkijken.residents.models import Household, Lease, Person, TargetGroupStatus
from omkijken.residents.selectors import valid_on


def regular_lease(complex_name: str) -> Lease:
    """An open-ended lease of a regular (not vulnerable) household in the complex, with no open advert."""
    today = timezone.localdate()
    vulnerable = TargetGroupStatus.objects.values("household_id")
    lease = (
        Lease.objects.filter(valid_on(today), unit__complex__name=complex_name, end_date__isnull=True)
        .exclude(household_id__in=vulnerable)
        .exclude(unit__adverts__status__in=Advert.OPEN_STATUSES)
        .exclude(household__members__user__isnull=False)
        .order_by("pk")
        .first()
    )
    assert lease is not None
    return lease


@pytest.fixture
def draft_advert(persona):  # type: ignore[no-untyped-def]
    """A draft advert for a home in Vliethof whose lease the officer has just ended."""
    return services.on_lease_ended(actor=persona("verhuur"), lease=regular_lease("Vliethof"))


@pytest.fixture
def published_advert(draft_advert, persona):  # type: ignore[no-untyped-def]
    advert = draft_advert
    today = timezone.localdate()
    services.advert_update(
        actor=persona("verhuur"),
        advert=advert,
        channels=["REGULAR"],
        criteria=advert.criteria,
        starts_on=today,
        ends_on=today + dt.timedelta(days=14),
        override_reason="Test: regular letting for this home.",
    )
    services.advert_publish(actor=persona("verhuur"), advert=advert)
    advert.refresh_from_db()
    return advert


@pytest.fixture
def applicant(persona):  # type: ignore[no-untyped-def]
    """The applicant persona zoeker, with an active registration."""
    zoeker = persona("zoeker")
    household = Person.objects.get(user=zoeker).household
    assert Registration.objects.filter(household=household, status="active").exists()
    return zoeker


@pytest.fixture
def make_applicant():  # type: ignore[no-untyped-def]
    """A new applicant login with its own household (and a registration unless told otherwise)."""

    def make(username: str, *, registered: bool = True, corporation: str = "Woonhaven") -> User:
        org = Organisation.objects.get(name=corporation)
        login = User.objects.create(
            username=username, first_name=username.title(), email=f"{username}@example.org"
        )
        Membership.objects.create(user=login, organisation=org, role=Role.APPLICANT)
        household = Household.objects.create(
            corporation=org, reference=f"T-{username}", name=f"Huishouden {username}"
        )
        Person.objects.create(
            household=household,
            first_name=username.title(),
            last_name="Test",
            birth_date=dt.date(1990, 1, 1),
            email=f"{username}@example.org",
            is_main_tenant=True,
            user=login,
        )
        if registered:
            Registration.objects.create(
                household=household,
                registration_date=dt.date(2020, 1, 1),
                household_size=1,
                yearly_income=Decimal("25000"),
            )
        return login

    return make
