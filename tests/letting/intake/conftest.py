"""Fixtures of the intake tests: personas, a fresh vacancy with an advert, an applicant."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from omkijken.accounts.models import Organisation, User
from omkijken.letting.adverts import services
from omkijken.letting.models import Advert, Registration
from omkijken.residents.models import Lease, TargetGroupStatus
from omkijken.residents.selectors import valid_on
from tests.factories import make_household, make_login, persona_person, persona_user


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
def draft_advert(db):  # type: ignore[no-untyped-def]
    """A draft advert for a home in Vliethof whose lease the officer has just ended."""
    return services.on_lease_ended(actor=persona_user("verhuur"), lease=regular_lease("Vliethof"))


@pytest.fixture
def published_advert(draft_advert):  # type: ignore[no-untyped-def]
    advert = draft_advert
    today = timezone.localdate()
    services.advert_update(
        actor=persona_user("verhuur"),
        advert=advert,
        channels=["REGULAR"],
        criteria=advert.criteria,
        starts_on=today,
        ends_on=today + dt.timedelta(days=14),
        override_reason="Test: regular letting for this home.",
    )
    services.advert_publish(actor=persona_user("verhuur"), advert=advert)
    advert.refresh_from_db()
    return advert


@pytest.fixture
def applicant(db):  # type: ignore[no-untyped-def]
    """The applicant persona zoeker, with an active registration."""
    household = persona_person("zoeker").household
    assert Registration.objects.filter(household=household, status="active").exists()
    return persona_user("zoeker")


@pytest.fixture
def make_applicant():  # type: ignore[no-untyped-def]
    """A new applicant login with its own household (and a registration unless told otherwise)."""

    def make(username: str, *, registered: bool = True, corporation: str = "Woonhaven") -> User:
        org = Organisation.objects.get(name=corporation)
        email = f"{username}@example.org"
        login = make_login(username=username, organisation=org, email=email, first_name=username.title())
        make_household(
            corporation=org,
            reference=f"T-{username}",
            name=f"Huishouden {username}",
            first_name=username.title(),
            birth_date=dt.date(1990, 1, 1),
            email=email,
            user=login,
            registered_on=dt.date(2020, 1, 1) if registered else None,
        )
        return login

    return make
