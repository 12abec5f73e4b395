"""The engine re-verifies and re-measures an allocation that was changed after it ran."""

from __future__ import annotations

from omkijken.engine.allocation import allocate, reassign, verify

from .helpers import assigned


def _urgent(doc, cid: str, category: str) -> None:  # type: ignore[no-untyped-def]
    for c in doc["candidates"]:
        if c["id"] == cid:
            c["urgency"] = {"category": category, "valid_until": "2026-01-01"}


def test_an_urgent_household_put_in_by_hand_gets_the_justification_of_its_urgency(round_builder):
    # given a home above the aftoppingsgrens: the engine gives it to RICH (above the passend
    # limit, no exception needed); LOW is under the limit, urgent after a calamity (DAK)
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1", rent=700.0)
        .household("LOW", ["U1"], income=15000, urgency="2026-01-01")
        .household("RICH", ["U1"], income=35000)
        .build()
    )
    _urgent(doc, "LOW", "DAK")
    doc["rules"] = {"passend_exceptions": 1}
    assert assigned(allocate(doc)) == {"U1": "RICH"}
    # when the officer gives it to LOW (NIE, drawing on the exception budget)
    measured = reassign(doc, [{"unit": "U1", "candidate": "LOW"}])
    # then the assignment carries the justification of a calamity, not BIJ, and it is lawful
    (a,) = measured.result["assignments"]
    assert (a["candidate"], a["passendheid"], a["justification"]) == ("LOW", "NIE", "HHV")
    assert measured.lawful and verify(doc, measured.result) == []


def test_urban_renewal_gives_her(round_builder):
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1", rent=700.0)
        .household("LOW", ["U1"], income=15000, urgency="2026-01-01")
        .build()
    )
    _urgent(doc, "LOW", "HUI")
    doc["rules"] = {"passend_exceptions": 1}
    (a,) = reassign(doc, [{"unit": "U1", "candidate": "LOW"}]).result["assignments"]
    assert a["justification"] == "HER"


def test_the_figures_are_measured_on_the_changed_allocation(round_builder):
    # given a round whose quota asks one vulnerable household: the engine places the nominee N
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1", channels=("DIRECT", "REGULAR"))
        .nominee("N", ["U1"])
        .household("R", ["U1"])
        .quota("*", 1)
        .build()
    )
    proposal = allocate(doc)
    assert assigned(proposal) == {"U1": "N"}
    assert proposal["metrics"]["objective"]["quota_shortfall"] == 0
    # when the officer gives the home to R instead
    measured = reassign(doc, [{"unit": "U1", "candidate": "R"}], bound=proposal["metrics"]["bound"])
    # then it is lawful, and quota, objective and gap are those of the change
    assert measured.lawful
    m = measured.result["metrics"]
    assert m["quota"]["*"] == {"required": 1, "placed": 0}
    assert m["objective"]["quota_shortfall"] == 1
    assert m["objective"]["weighted"] > proposal["metrics"]["objective"]["weighted"]
    assert m["gap"] > 0
    assert measured.result["assignments"][0]["channel"] == "REGULAR"


def test_the_mix_figures_follow_the_change(round_builder):
    # given a mixed complex (20 regular households living there) and a nominee placed by the engine
    doc = (
        round_builder()
        .complex("C1", mix=(0.2, 0.1))
        .unit("U1", channels=("DIRECT", "REGULAR"))
        .nominee("N", ["U1"])
        .household("R", ["U1"])
        .build()
    )
    before = allocate(doc)["metrics"]["mix"]["C1"]["vulnerable_after"]
    # when the home goes to the regular household instead
    after = reassign(doc, [{"unit": "U1", "candidate": "R"}]).result["metrics"]["mix"]["C1"][
        "vulnerable_after"
    ]
    # then one vulnerable household fewer counts after the round
    assert (before, after) == (1, 0)


def test_a_change_that_breaks_a_rule_is_reported_not_raised(round_builder):
    # given: R did not respond to U2, and U1 is named twice
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1")
        .unit("U2")
        .household("R", ["U1"])
        .household("S", ["U1"])
        .build()
    )
    # when
    measured = reassign(
        doc,
        [
            {"unit": "U1", "candidate": "R"},
            {"unit": "U1", "candidate": "S"},
            {"unit": "U2", "candidate": "R"},
        ],
    )
    # then the violations name rule 1, and the measured result holds only the placeable assignment
    assert not measured.lawful
    assert {v.rule for v in measured.violations} >= {1}
    assert assigned(measured.result) == {"U1": "R"}
