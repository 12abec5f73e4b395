from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from omkijken.accounts.models import Organisation, Role, User
from omkijken.monitoring.models import Indicator, IndicatorTarget, LeaseEnding
from omkijken.portfolio.models import Complex, Neighbourhood
from tests.factories import (
    make_complex,
    make_household,
    make_lease,
    make_login,
    make_target_group_status,
    make_unit,
)


@dataclass
class Golden:
    corporation: Organisation
    complex: Complex
    leader: User
    officer: User  # a municipal officer of the golden municipality


@pytest.fixture
def golden(db) -> Golden:  # type: ignore[no-untyped-def]
    """A hand-made corporation in its own municipality (see tests/monitoring/test_golden_numbers.py
    for the figures it must give for 2025)."""
    corporation = Organisation.objects.create(name="Proefwonen", kind=Organisation.Kind.CORPORATION)
    municipality = Organisation.objects.create(
        name="Gemeente Proefdorp", kind=Organisation.Kind.MUNICIPALITY, municipality_code="9901"
    )
    buurt = Neighbourhood.objects.create(
        municipality_code="9901",
        municipality_name="Proefdorp",
        district_code="WK990101",
        district_name="Centrum",
        code="BU99010101",
        name="Proefbuurt",
    )
    complex_ = make_complex(corporation=corporation, code="P1", name="Proefhof", neighbourhood=buurt)
    units = [
        make_unit(complex=complex_, code=f"U{i}", house_number=i, postcode="9999PP") for i in range(1, 17)
    ]
    leader = make_login(username="golden-leader", organisation=corporation, role=Role.PROJECT_LEADER)
    officer = make_login(username="golden-gemeente", organisation=municipality, role=Role.MUNICIPAL_OFFICER)
    IndicatorTarget.objects.create(
        corporation=corporation,
        indicator=Indicator.CARE_NEED_SHARE,
        share=Decimal("0.300"),
        valid_from=dt.date(2020, 1, 1),
    )

    def household(ref: str, *, vulnerable_from: dt.date | None = None):  # type: ignore[no-untyped-def]
        h = make_household(corporation=corporation, reference=ref, name=f"Huishouden {ref}")
        if vulnerable_from is not None:
            make_target_group_status(household=h, start_date=vulnerable_from)
        return h

    # 2025: ten allocations; three to households with a care need on the start date, one to a
    # household whose target group began only after its lease started.
    for i in range(10):
        start = dt.date(2025, 1 + i, 1)
        vulnerable_from = dt.date(2024, 1, 1) if i < 3 else (dt.date(2025, 12, 1) if i == 3 else None)
        make_lease(
            unit=units[i], household=household(f"A{i}", vulnerable_from=vulnerable_from), start_date=start
        )
    # Four vulnerable tenancies from 1 January 2023 (units 10-13; unit 14 for the move within).
    since = dt.date(2022, 6, 1)
    start = dt.date(2023, 1, 1)
    a = household("SA", vulnerable_from=since)
    make_lease(unit=units[10], household=a, start_date=start)  # still housed
    b = household("SB", vulnerable_from=since)
    evicted = make_lease(unit=units[11], household=b, start_date=start, end_date=dt.date(2023, 6, 30))
    LeaseEnding.objects.create(lease=evicted, reason=LeaseEnding.Reason.EVICTION)
    c = household("SC", vulnerable_from=since)
    moved = make_lease(unit=units[12], household=c, start_date=start, end_date=dt.date(2023, 5, 31))
    LeaseEnding.objects.create(lease=moved, reason=LeaseEnding.Reason.MOVED_WITHIN)
    make_lease(unit=units[14], household=c, start_date=dt.date(2023, 6, 1))  # moved within: still housed
    d = household("SD", vulnerable_from=since)
    left = make_lease(unit=units[13], household=d, start_date=start, end_date=dt.date(2024, 3, 31))
    LeaseEnding.objects.create(lease=left, reason=LeaseEnding.Reason.MOVED_AWAY)
    return Golden(corporation, complex_, leader, officer)


@pytest.fixture
def monitoring_demo(db) -> None:  # type: ignore[no-untyped-def]
    """The monitoring layer of the demo on the small world (rolled back with the test)."""
    from omkijken.monitoring.demo import build_monitoring_demo

    build_monitoring_demo(seed=2026)
