"""Golden numbers on a small hand-made dataset: realisation by the counting rule and backlog."""

from __future__ import annotations

import datetime as dt

import pytest

from omkijken.accounts.models import Organisation, Role
from omkijken.portfolio.models import Neighbourhood
from omkijken.quotas.models import Quota
from omkijken.quotas.selectors import quota_overview
from omkijken.residents.models import LeaseType
from tests.factories import (
    make_complex,
    make_household,
    make_lease,
    make_login,
    make_target_group_status,
    make_unit,
)

D = dt.date
SINCE = D(2023, 1, 1)


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    municipality = Organisation.objects.create(
        name="Proefstad", kind="municipality", municipality_code="9999"
    )
    corporation = Organisation.objects.create(name="Proefwonen", kind="corporation")
    partner = Organisation.objects.create(name="Proefzorg", kind="care_partner")
    buurt = Neighbourhood.objects.create(
        municipality_code="9999", municipality_name="Proefstad", district_code="WK999901",
        district_name="Proefwijk", code="BU99990101", name="Proefbuurt",
    )  # fmt: skip
    complex_ = make_complex(corporation=corporation, code="P1", name="Proefflat", neighbourhood=buurt)
    units = [make_unit(complex=complex_, code=f"P1-{i}", house_number=i) for i in range(1, 13)]
    seq = iter(range(1, 100))

    def tenant(group: str | None = None, since: D = SINCE, until: D | None = None):  # type: ignore[no-untyped-def]
        h = make_household(corporation=corporation, reference=f"PW{next(seq):03d}", name="Proef")
        if group:
            make_target_group_status(household=h, target_group=group, start_date=since, end_date=until)
        return h

    a, b, c, d = tenant("DAK"), tenant("DAK"), tenant("DAK"), tenant("DAK", D(2025, 1, 1))
    make_lease(unit=units[0], household=a, start_date=D(2024, 3, 10), end_date=D(2025, 5, 31))
    make_lease(unit=units[1], household=b, start_date=D(2024, 5, 1))
    # omklap: counted once at the start, not at the flip
    make_lease(
        unit=units[2], household=c, start_date=D(2025, 2, 1), lease_type=LeaseType.OMKLAP,
        care_partner=partner, flip_date=D(2025, 11, 1),
    )  # fmt: skip
    make_lease(unit=units[3], household=d, start_date=D(2025, 4, 15))
    # a moves within the portfolio: not a new placement
    make_lease(unit=units[4], household=a, start_date=D(2025, 6, 1))
    e, f = tenant("STH", D(2025, 1, 1)), tenant("STH", D(2025, 1, 1))
    make_lease(unit=units[5], household=e, start_date=D(2025, 3, 1))
    make_lease(unit=units[6], household=f, start_date=D(2025, 8, 1))
    make_lease(unit=units[7], household=tenant(), start_date=D(2025, 3, 1))  # not vulnerable
    make_lease(
        unit=units[8], household=tenant("DAK", D(2025, 9, 1)), start_date=D(2025, 7, 1)
    )  # status later
    make_lease(
        unit=units[9], household=tenant("DAK", D(2023, 1, 1), D(2024, 12, 31)), start_date=D(2025, 1, 10)
    )
    # j comes back after more than 90 days away: a new placement
    j = tenant("DAK", D(2022, 1, 1))
    make_lease(unit=units[10], household=j, start_date=D(2023, 1, 1), end_date=D(2024, 6, 30))
    make_lease(unit=units[11], household=j, start_date=D(2025, 7, 1))
    for year, period, group, required in [
        (2024, "Y", "DAK", 4), (2025, "Y", "DAK", 3), (2025, "Y", "*", 6),
        (2025, "H1", "STH", 2), (2025, "H2", "STH", 2),
    ]:  # fmt: skip
        Quota.objects.create(
            municipality=municipality, corporation=corporation, year=year, period=period,
            target_group=group, required=required,
        )  # fmt: skip
    officer = make_login(username="proefverhuur", organisation=corporation, role=Role.LETTING_OFFICER)
    gemeente = make_login(username="proefgemeente", organisation=municipality, role=Role.MUNICIPAL_OFFICER)
    return officer, gemeente


def test_realisation_and_backlog_match_the_hand_counted_figures(world) -> None:  # type: ignore[no-untyped-def]
    # given the hand-made lettings of Proefwonen, seen by its letting officer early in 2026
    officer, _ = world

    # when the 2024 and 2025 tasks are read
    y2024 = quota_overview(officer, year=2024, on=D(2026, 1, 15))
    y2025 = quota_overview(officer, year=2025, on=D(2026, 1, 15))
    assert y2024 is not None and y2025 is not None
    lines = {(ln.target_group, ln.quota.period): ln for ln in y2025.lines}

    # then 2024 housed a and b (2 of 4), and the shortfall of 2 carries into 2025
    (dak_2024,) = y2024.lines
    assert (dak_2024.realised, dak_2024.shortfall) == (2, 2)
    dak = lines[("DAK", "Y")]
    # c (omklap, once), d and j (back after > 90 days); not a's move, the late status or the ended one
    assert (dak.required, dak.backlog_in, dak.due, dak.realised, dak.shortfall) == (3, 2, 5, 3, 2)
    assert [n for _m, n in dak.by_month] == [0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    assert lines[("*", "Y")].realised == 5
    # status holders per half-year: H1's shortfall of 1 carries into H2
    h1, h2 = lines[("STH", "H1")], lines[("STH", "H2")]
    assert (h1.realised, h1.shortfall) == (1, 1)
    assert (h2.backlog_in, h2.due, h2.realised) == (1, 3, 1)


def test_the_municipality_sees_small_realisations_suppressed(world) -> None:  # type: ignore[no-untyped-def]
    # given the same lettings, seen by the municipal officer
    _, gemeente = world

    # when the 2025 task is read
    overview = quota_overview(gemeente, year=2025, on=D(2026, 1, 15))

    # then every count under 5 is hidden, and the backlog that would give it away too
    assert overview is not None and overview.aggregated
    by_group = {(ln.target_group, ln.quota.period): ln for ln in overview.lines}
    assert by_group[("DAK", "Y")].realised is None and by_group[("DAK", "Y")].backlog_in is None
    assert all(n is None or n >= 5 for ln in overview.lines for _m, n in ln.by_month)
