"""Priority is a rule: a household is never passed over for a home it prefers to what it got."""

from __future__ import annotations

from omkijken.engine.allocation import allocate, verify
from tests.engine.helpers import assigned, passed_over


def test_it_gives_a_higher_ranked_household_the_home_it_prefers_even_when_listed_later(round_builder):
    # given: A ranks first and prefers U2; greedy handles U1 first and gives it to A
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1")
        .unit("U2")
        .household("A", ["U2", "U1"], registered="2010-01-01")
        .household("B", ["U1"], registered="2016-01-01")
        .build()
    )
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"U2": "A", "U1": "B"}
    assert passed_over(result, "U1")["A"]["code"] == "PREFERRED_OTHER"
    assert verify(doc, result) == []


def test_the_greedy_baseline_passes_over_the_higher_ranked_household_and_the_verifier_says_so(round_builder):
    # given
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1")
        .unit("U2")
        .household("A", ["U2", "U1"], registered="2010-01-01")
        .household("B", ["U1"], registered="2016-01-01")
        .household("C", ["U2"], registered="2018-01-01")
        .build()
    )
    # when
    result = allocate(doc, method="greedy")
    violations = verify(doc, result)
    # then
    assert assigned(result) == {"U1": "A", "U2": "C"}
    assert [v.rule for v in violations] == [5]
    assert "A" in violations[0].message


def test_a_valid_urgency_ranks_first_and_an_expired_one_does_not(round_builder):
    # given: the round is on 2025-06-01; X's urgency is valid through that day, Y's ended the day before
    doc = (
        round_builder(date="2025-06-01")
        .complex("C1")
        .unit("U1")
        .household("W", ["U1"], registered="2000-01-01")
        .household("X", ["U1"], registered="2024-01-01", urgency="2025-06-01")
        .household("Y", ["U1"], registered="2023-01-01", urgency="2025-05-31")
        .build()
    )
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"U1": "X"}
    passed = passed_over(result, "U1")
    assert passed == {}


def test_an_expired_urgency_gives_no_priority_over_longer_waiting(round_builder):
    # given
    doc = (
        round_builder(date="2025-06-01")
        .complex("C1")
        .unit("U1")
        .household("W", ["U1"], registered="2000-01-01")
        .household("Y", ["U1"], registered="2023-01-01", urgency="2025-05-31")
        .build()
    )
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"U1": "W"}


def test_good_neighbours_rank_by_registration_and_ignore_urgency(round_builder):
    # given: a GOOD_NEIGHBOUR unit; only approved households compete, urgency does not count
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1", channels=("GOOD_NEIGHBOUR",))
        .household("N1", ["U1"], registered="2012-01-01", good_neighbour=["C1"])
        .household("N2", ["U1"], registered="2014-01-01", urgency="2026-01-01", good_neighbour=["C1"])
        .household("R", ["U1"], registered="2000-01-01")
        .build()
    )
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"U1": "N1"}
    assert result["assignments"][0]["channel"] == "GOOD_NEIGHBOUR"
    assert verify(doc, result) == []


def test_nominees_rank_by_nomination_date(round_builder):
    # given
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1", channels=("DIRECT",))
        .nominee("N2", ["U1"], nominated="2025-02-01")
        .nominee("N1", ["U1"], nominated="2025-01-01")
        .build()
    )
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"U1": "N1"}
    assert result["assignments"][0]["channel"] == "DIRECT"
