"""Records for the building manager's tests: a household that just moved into Vliethof (managed by
``beheerder``) and one in a complex of another corporation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from omkijken.accounts.models import Organisation
from omkijken.demo.personas import CORPORATION, OTHER_CORPORATION
from omkijken.portfolio.models import Complex, Unit
from omkijken.residents.models import Household, Lease
from tests.browser.conftest import browser, page  # noqa: F401 - Chromium fixtures for the phone tests
from tests.factories import make_household, make_lease


@dataclass
class Newcomer:
    household: Household
    lease: Lease
    complex: Complex


def _vacant_unit(complex_: Complex, on: dt.date) -> Unit:
    from django.db.models import Exists, OuterRef, Q

    # A home none of whose leases runs on or after ``on``: the new open-ended lease from ``on`` then
    # overlaps nothing (PostgreSQL's exclusion constraint refuses overlapping leases of one home,
    # and a home can have a lease that starts later, e.g. one the demo's letting made).
    unit = (
        Unit.objects.filter(complex=complex_)
        .exclude(
            Exists(
                Lease.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), unit_id=OuterRef("pk"))
            )
        )
        .order_by("pk")
        .first()
    )
    if unit is None:  # end the first open lease to make room
        lease = Lease.objects.filter(unit__complex=complex_, end_date__isnull=True).order_by("pk").first()
        assert lease is not None
        lease.end_date = on - dt.timedelta(days=30)
        lease.save(update_fields=["end_date"])
        unit = lease.unit
    return unit


def move_in(complex_name: str, *, days_ago: int, name: str, corporation: str = CORPORATION) -> Newcomer:
    today = timezone.localdate()
    complex_ = (
        Complex.objects.get(name=complex_name)
        if corporation == CORPORATION
        else (Complex.objects.filter(corporation__name=corporation).order_by("pk").first())
    )
    assert complex_ is not None
    unit = _vacant_unit(complex_, today - dt.timedelta(days=days_ago))
    household = make_household(
        corporation=Organisation.objects.get(name=corporation),
        reference=f"T-{name}",
        name=f"Huishouden {name}",
        first_name=name,
        last_name="Nieuw",
        phone="0612345678",
    )
    lease = make_lease(unit=unit, household=household, start_date=today - dt.timedelta(days=days_ago))
    return Newcomer(household=household, lease=lease, complex=complex_)


@pytest.fixture
def newcomer() -> Newcomer:
    """A household that moved into Vliethof ten days ago."""
    return move_in("Vliethof", days_ago=10, name="Noor")


@pytest.fixture
def other_org_household() -> Newcomer:
    return move_in("", days_ago=20, name="Elders", corporation=OTHER_CORPORATION)


@pytest.fixture
def api():  # type: ignore[no-untyped-def]
    """``api("beheerder")``: a DRF test client sending that persona's token."""
    from rest_framework.test import APIClient

    from omkijken.api.services import token_issue
    from tests.factories import persona_user

    def make(username: str) -> APIClient:
        token = token_issue(user=persona_user(username))
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make
