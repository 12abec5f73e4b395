"""Hard rule 4 and the mix floor count households, not homes (issue #11, part 2), and rule 6 in its
strict reading (part 4). Each figure below is worked out by hand in the comments."""

from __future__ import annotations

from omkijken.engine.allocation import allocate, verify
from tests.engine.helpers import assigned


def _empty_homes_round(round_builder, *, with_regular: bool):
    # Complex K: 2 vulnerable and 6 regular households live there (8 households), target 25% with a
    # 5% tolerance: cap 30%. Four vacancies: k1 (DIRECT, nominee N1), k2 (REGULAR, household R1 when
    # ``with_regular``), k3 and k4 (nobody responds: they stay empty).
    b = (
        round_builder()
        .complex("K", vulnerable=2, regular=6, mix=(0.25, 0.05))
        .unit("k1", complex="K", channels=("DIRECT",))
        .unit("k2", complex="K", channels=("REGULAR",))
        .unit("k3", complex="K", channels=("REGULAR",))
        .unit("k4", complex="K", channels=("REGULAR",))
        .nominee("N1", ["k1"])
    )
    if with_regular:
        b = b.household("R1", ["k2"])
    return b.build()


def test_the_cap_binds_when_counted_over_households_and_empty_homes_count_in_neither_part(round_builder):
    # given: counted over homes (8 + 4 = 12) the cap would be floor(0.30 * 12) = 3 and N1 would fit
    # (3 vulnerable). Counted over households, k3 and k4 (and k2) stay empty: with N1 there would be
    # 9 households, cap floor(0.30 * 9) = floor(2.7) = 2 < 3 vulnerable: N1 may not be placed.
    doc = _empty_homes_round(round_builder, with_regular=False)
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {}
    reasons = {u["unit"]: u["code"] for u in result["unassigned_units"]}
    assert reasons["k1"] == "BLOCKED_MIX"
    mix = result["metrics"]["mix"]["K"]
    assert (mix["vulnerable_after"], mix["households_after"], mix["cap"]) == (2, 8, 2)
    assert mix["share_after"] == 0.25
    assert verify(doc, result) == []
    # and the reading over homes is refused by the verifier: N1 in k1 is 3 of 9 households
    result["assignments"] = [
        {"unit": "k1", "candidate": "N1", "channel": "DIRECT", "passendheid": "PAS", "justification": None}
    ]
    violations = verify(doc, result)
    assert [v.rule for v in violations] == [4]
    assert "3 vulnerable of 9 households" in violations[0].message


def test_a_regular_household_placed_makes_room_for_a_vulnerable_one(round_builder):
    # given: R1 takes k2, so with N1 in k1 there are 10 households: cap floor(0.30 * 10) = 3, and
    # 2 + 1 = 3 vulnerable fit (share 30%, at the cap)
    doc = _empty_homes_round(round_builder, with_regular=True)
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"k1": "N1", "k2": "R1"}
    mix = result["metrics"]["mix"]["K"]
    assert (mix["vulnerable_after"], mix["households_after"], mix["cap"]) == (3, 10, 3)
    assert mix["share_after"] == 0.3
    assert verify(doc, result) == []
    # and greedy, advert by advert, counts the households placed so far: k1 comes before k2, so
    # N1 would be 3 of 9 households then, and greedy leaves k1 empty, which the verifier calls waste
    baseline = allocate(doc, method="greedy")
    assert assigned(baseline) == {"k2": "R1"}
    assert [(v.rule, v.unit) for v in verify(doc, baseline)] == [(6, "k1")]


def test_the_mix_floor_is_counted_over_households(round_builder):
    # given: 2 vulnerable and 5 regular households (7), target 30% with 5% tolerance: floor 25%.
    # Two vacancies: m1 goes to R1, m2 gets no response and stays empty. Over households after the
    # round: 8, floor ceil(0.25 * 8) = 2, 2 vulnerable: no shortfall. (Over homes, 9, the floor
    # would be ceil(2.25) = 3 and the complex one short.)
    doc = (
        round_builder()
        .complex("M", vulnerable=2, regular=5, mix=(0.30, 0.05))
        .unit("m1", complex="M")
        .unit("m2", complex="M")
        .household("R1", ["m1"])
        .build()
    )
    # when
    result = allocate(doc)
    # then
    mix = result["metrics"]["mix"]["M"]
    assert (mix["households_after"], mix["floor"], mix["shortfall"]) == (8, 2, 0)
    assert result["metrics"]["objective"]["mix_shortfall"] == 0
    assert result["metrics"]["bound"] <= result["metrics"]["objective"]["weighted"]


def _move_round(round_builder):
    # R1 responded to u2 first and u1 second; nobody else responded. Greedy, advert by advert, gives
    # u1 to R1 and then leaves u2 empty, although R1 prefers it.
    return round_builder().complex("C1").unit("u1").unit("u2").household("R1", ["u2", "u1"]).build()


def test_rule_6_strictly_a_household_holding_a_home_it_likes_less_could_take_the_empty_one(round_builder):
    # given: the greedy result, u1 to R1, u2 empty
    doc = _move_round(round_builder)
    baseline = allocate(doc, method="greedy")
    assert assigned(baseline) == {"u1": "R1"}
    # when
    violations = verify(doc, baseline)
    # then: wasted, in the strict reading
    assert [(v.rule, v.unit, v.candidate) for v in violations] == [(6, "u2", "R1")]
    assert "holds a home it ranked lower" in violations[0].message
    # and the optimal method gives R1 the home it prefers; u1 is empty because R1 ranked u2 higher
    result = allocate(doc)
    assert assigned(result) == {"u2": "R1"}
    assert verify(doc, result) == []
    assert {u["unit"]: u["code"] for u in result["unassigned_units"]} == {"u1": "ALL_PREFERRED_OTHER"}


def test_an_empty_home_a_household_would_rather_have_is_explained_when_a_rule_keeps_it_away(round_builder):
    # given: R1 ranks e1 first, but its rent (1,000) is above R1's aftoppingsgrens and the round has
    # no passend exceptions; R1 gets k1. e1 stays empty and R1 could not move there.
    doc = (
        round_builder()
        .complex("C1")
        .unit("e1", rent=1000.0)
        .unit("k1", rent=600.0)
        .household("R1", ["e1", "k1"], income=20000)
        .build()
    )
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"k1": "R1"}
    empty = {u["unit"]: u for u in result["unassigned_units"]}
    assert empty["e1"]["code"] == "MOVE_BLOCKED"
    assert (
        "hoger op zijn lijst" in empty["e1"]["reason"]
        and "ruimte voor uitzonderingen" in empty["e1"]["reason"]
    )
    assert "ranked this home above the home it got" in empty["e1"]["reason_en"]
    assert verify(doc, result) == []
