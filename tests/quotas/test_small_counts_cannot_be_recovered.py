"""The municipality's figures keep small counts hidden, within a table, across two tables and
across two reads (issue 16 part 7: "the municipal report leaks hidden counts").

The attacker knows the method (it is documented): each attack below enumerates every true state
of a small hand-made municipality that would publish exactly what the officer saw, and checks
what those states have in common."""

from __future__ import annotations

import itertools

import pytest

from omkijken.accounts.models import Role
from omkijken.quotas.selectors import municipal_report, suppress
from omkijken.residents.models import TargetGroup
from tests.factories import make_login
from tests.quotas.vechtdal import NAMES, Municipality

pytestmark = pytest.mark.django_db

RANGE = range(0, 21)


def published(report) -> tuple:  # type: ignore[no-untyped-def]
    """Everything about vulnerable households the officer's page shows, in a comparable form."""
    hoods = tuple((row.neighbourhood.name, row.vulnerable.value) for row in report.neighbourhoods)
    groups = tuple((code, cell.value) for code, cell in report.by_target_group.items())
    return hoods, groups


def would_publish(counts: tuple[int, int, int]) -> tuple:
    """What the page would show if the three neighbourhoods held these counts of vulnerable
    households, all formerly homeless (the attacker's strongest assumption)."""
    hoods = suppress(dict(zip(NAMES, counts, strict=True)))
    groups = suppress({code: (sum(counts) if code == "DAK" else 0) for code in TargetGroup.values})
    return (
        tuple((name, hoods[name].value) for name in NAMES),
        tuple((code, groups[code].value) for code in TargetGroup.values),
    )


def consistent_states(seen: tuple) -> list[tuple[int, int, int]]:
    return [state for state in itertools.product(RANGE, repeat=3) if would_publish(state) == seen]


def test_a_count_under_five_is_hidden_and_a_second_cell_is_hidden_with_it() -> None:
    cells = suppress({"a": 12, "b": 3, "c": 7})
    assert cells["b"].suppressed  # primary: 3 < 5
    assert cells["c"].suppressed  # secondary: the smallest shown cell, or 12 + total would give b
    assert cells["a"].value == 10  # shown, rounded to a multiple of 5


def test_a_table_with_two_small_counts_needs_no_secondary_cell() -> None:
    cells = suppress({"a": 12, "b": 3, "c": 1})
    assert [cells[k].suppressed for k in "abc"] == [False, True, True]


def test_subtracting_one_table_from_another_does_not_give_the_hidden_neighbourhoods() -> None:
    # given 10 vulnerable households in Aabuurt, 3 in Beebuurt and none in Ceebuurt
    place = Municipality()
    place.house("Aabuurt", vulnerable=10)
    place.house("Beebuurt", vulnerable=3)
    place.house("Ceebuurt", vulnerable=0)
    # when the officer reads the page
    report = municipal_report(place.officer)
    assert report is not None
    seen = published(report)
    # then the two small neighbourhoods are hidden
    hood = {row.neighbourhood.name: row.vulnerable for row in report.neighbourhoods}
    assert hood["Beebuurt"].suppressed and hood["Ceebuurt"].suppressed
    # and the subtraction "target-group total minus the shown neighbourhoods" is not the hidden sum
    target_group_total = sum(c.value or 0 for c in report.by_target_group.values())
    shown = sum(c.value or 0 for c in hood.values())
    assert target_group_total - shown != 3
    # and no state the page is consistent with pins the hidden neighbourhoods' sum down
    states = consistent_states(seen)
    assert (10, 3, 0) in states
    assert len({b + c for _a, b, c in states}) >= 5


def test_two_reads_around_one_new_household_do_not_tell_its_neighbourhood() -> None:
    # given the same municipality, read once
    place = Municipality()
    place.house("Aabuurt", vulnerable=10)
    place.house("Beebuurt", vulnerable=3)
    place.house("Ceebuurt", vulnerable=0)
    before = published(municipal_report(place.officer))
    # when one formerly homeless household moves into Aabuurt and the officer reads again
    place.house("Aabuurt", vulnerable=1, regular=0)
    after = published(municipal_report(place.officer))
    # then every neighbourhood could have received it: for each, some state fits both reads
    possible = {
        name
        for state in consistent_states(before)
        for i, name in enumerate(NAMES)
        if would_publish(tuple(n + (1 if j == i else 0) for j, n in enumerate(state))) == after
    }
    assert possible == set(NAMES)


def test_the_corporation_reads_its_own_figures_exactly(persona) -> None:  # type: ignore[no-untyped-def]
    # given 3 vulnerable households of Vechtdal Wonen in Beebuurt
    place = Municipality()
    place.house("Beebuurt", vulnerable=3)
    leader = make_login(username="leider-vechtdal", organisation=place.corporation, role=Role.PROJECT_LEADER)
    # when its project leader reads the report
    report = municipal_report(leader)
    assert report is not None
    # then the 3 is shown as 3
    assert {row.neighbourhood.name: row.vulnerable.value for row in report.neighbourhoods} == {"Beebuurt": 3}
    assert not report.protected
