"""Signals' test helpers: homes in the building manager's complexes and a client of the care
partner among them, found in the small demo world."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import timezone

from omkijken.demo.personas import CARE_PARTNER
from omkijken.portfolio.models import Unit
from omkijken.residents.models import Household, Lease, TargetGroupStatus
from omkijken.residents.selectors import current_lease_filter


@dataclass(frozen=True)
class ClientHome:
    unit: Unit
    household: Household


def client_home_in(complex_name: str) -> ClientHome:
    """A home in the complex whose household is a client of the demo's care partner."""
    today = timezone.localdate()
    clients = TargetGroupStatus.objects.filter(care_partner__name=CARE_PARTNER, end_date__isnull=True)
    lease = (
        Lease.objects.filter(
            current_lease_filter(today),
            unit__complex__name=complex_name,
            household_id__in=clients.values("household_id"),
        )
        .select_related("unit", "household")
        .order_by("pk")
        .first()
    )
    assert lease is not None, complex_name
    return ClientHome(unit=lease.unit, household=lease.household)


@pytest.fixture
def client_home(db) -> ClientHome:  # type: ignore[no-untyped-def]
    """A client of the care partner in Vliethof, where ``buur`` lives and ``beheerder`` works."""
    return client_home_in("Vliethof")


from tests.api.conftest import api  # noqa: E402, F401 - the API's token client, for the API tests here
from tests.browser.conftest import browser  # noqa: E402, F401 - Debian's Chromium, for the phone flow here
