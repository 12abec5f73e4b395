"""Rule 4: complex mix cap, section cap, care-partner capacity; and the channel decision."""

from __future__ import annotations

from omkijken.engine.allocation import allocate, verify
from tests.engine.helpers import assigned, passed_over


def test_a_mix_cap_blocks_a_nominee_and_the_explanation_says_so(round_builder):
    # given: 8 households now and 2 vacancies, target 0.30 + 0.05 -> cap 3 over 9 or 10 households
    # after the round, and 3 vulnerable already live there
    doc = (
        round_builder()
        .complex("C1", vulnerable=3, regular=5, mix=(0.30, 0.05))
        .unit("U1", channels=("REGULAR", "DIRECT"))
        .unit("U2", channels=("DIRECT",))
        .nominee("N1", ["U1"])
        .nominee("N2", ["U2"])
        .household("R1", ["U1"])
        .quota("*", 1)
        .build()
    )
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"U1": "R1"}
    entry = passed_over(result, "U1")["N1"]
    assert entry["code"] == "MIX" and entry["rule"] == 4
    assert "complex" in entry["reason"]
    assert {u["unit"]: u["code"] for u in result["unassigned_units"]} == {"U2": "BLOCKED_MIX"}
    assert result["metrics"]["quota"]["*"] == {"required": 1, "placed": 0}
    # U2 stays empty: 3 vulnerable of the 9 households after the round (an empty home counts in
    # neither part of the share)
    assert result["metrics"]["mix"]["C1"]["share_after"] == 0.333333
    assert verify(doc, result) == []


def test_a_section_cap_sends_a_nominee_to_another_section(round_builder):
    # given: section P1 already has its one vulnerable household
    sections = [
        {"id": "P1", "occupied": {"vulnerable": 1, "regular": 5}, "max_vulnerable": 1},
        {"id": "P2", "occupied": {"vulnerable": 0, "regular": 6}, "max_vulnerable": 2},
    ]
    doc = (
        round_builder()
        .complex("C1", vulnerable=1, regular=11, sections=sections)
        .unit("U1", channels=("DIRECT",), section="P1")
        .unit("U2", channels=("DIRECT",), section="P2")
        .nominee("N1", ["U1", "U2"], nominated="2025-01-01")
        .nominee("N2", ["U1"], nominated="2025-02-01")
        .build()
    )
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"U2": "N1"}
    assert result["unassigned_units"][0]["code"] == "BLOCKED_MIX"
    assert verify(doc, result) == []


def test_a_partner_at_capacity_blocks_its_client_and_the_unit_goes_to_the_next_nominee(round_builder):
    # given
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1", channels=("DIRECT",))
        .partner("ZP1", {"C1": 2}, {"C1": 2})
        .nominee("N1", ["U1"], nominated="2025-01-01", partner="ZP1")
        .nominee("N2", ["U1"], nominated="2025-02-01")
        .build()
    )
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"U1": "N2"}
    entry = passed_over(result, "U1")["N1"]
    assert entry["code"] == "PARTNER" and entry["rule"] == 4
    assert verify(doc, result) == []


def test_a_multi_channel_vacancy_goes_direct_because_the_quota_needs_it(round_builder):
    # given
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1", channels=("REGULAR", "DIRECT"))
        .nominee("N1", ["U1"])
        .household("R1", ["U1"])
        .quota("DAK", 1)
        .build()
    )
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"U1": "N1"}
    assert result["assignments"][0]["channel"] == "DIRECT"
    assert result["metrics"]["quota"]["DAK"] == {"required": 1, "placed": 1}
    assert verify(doc, result) == []


def test_a_multi_channel_vacancy_goes_regular_when_the_quota_does_not_need_it(round_builder):
    # given
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1", channels=("REGULAR", "DIRECT"))
        .nominee("N1", ["U1"])
        .household("R1", ["U1"])
        .build()
    )
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"U1": "R1"}
    assert result["assignments"][0]["channel"] == "REGULAR"
    assert passed_over(result, "U1")["N1"]["code"] == "CHANNEL"
    assert verify(doc, result) == []


def test_a_direct_unit_nobody_can_take_falls_back_to_its_regular_channel(round_builder):
    # given: the only nominee needs a lift the unit lacks
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1", channels=("DIRECT", "REGULAR"))
        .nominee("N1", ["U1"])
        .household("R1", ["U1"])
        .quota("*", 1)
        .build()
    )
    doc["candidates"][0]["needs"] = ["LIFT"]
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"U1": "R1"}
    assert verify(doc, result) == []


def test_the_verifier_reports_a_broken_mix_cap(round_builder):
    # given: a hand-made result that puts a nominee into a full complex
    doc = (
        round_builder()
        .complex("C1", vulnerable=3, regular=6, mix=(0.30, 0.05))
        .unit("U1", channels=("DIRECT",))
        .nominee("N1", ["U1"])
        .build()
    )
    result = allocate(doc)
    result["assignments"] = [
        {"unit": "U1", "candidate": "N1", "channel": "DIRECT", "passendheid": "PAS", "justification": None}
    ]
    # when
    violations = verify(doc, result)
    # then
    assert [v.rule for v in violations] == [4]
