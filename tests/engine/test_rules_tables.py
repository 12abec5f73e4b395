"""Rule tables are data with sources; unknown official values must come from the round."""

from __future__ import annotations

import pytest

from omkijken.engine.allocation import RoundError, allocate, load_round
from omkijken.engine.rules import MissingRule, load_table, resolve_rules


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_every_known_value_has_a_source(year):
    # given / when
    table = load_table(year)
    # then
    assert len(table) == 9
    assert all(v.source for v in table.values())


def test_unknown_official_values_are_marked_unknown():
    # given / when
    t2024, t2026 = load_table(2024), load_table(2026)
    # then
    assert t2024["passend_income_limit.multi_senior"].value is None
    assert t2026["aftoppingsgrens.low"].value is None
    assert t2026["aftoppingsgrens.high"].value is None
    with pytest.raises(MissingRule):
        resolve_rules(2026, None).get("aftoppingsgrens.low")


def test_a_2026_round_that_needs_the_aftoppingsgrens_must_supply_it(round_builder):
    # given: a low-income household responds to a DAEB unit in 2026
    doc = round_builder(date="2026-03-01").complex("C1").unit("U1", rent=700.0).household("H", ["U1"]).build()
    # when
    with pytest.raises(RoundError) as exc:
        load_round(doc)
    # then
    assert exc.value.path == "rules.aftoppingsgrens.low"
    assert "candidates[0]" in exc.value.message


def test_a_round_override_supplies_and_overrides_values(round_builder):
    # given
    doc = round_builder(date="2026-03-01").complex("C1").unit("U1", rent=700.0).household("H", ["U1"]).build()
    doc["rules"] = {"aftoppingsgrens": {"low": 713.44, "high": 764.0}}
    # when
    result = allocate(doc)
    # then
    assert result["assignments"][0]["passendheid"] == "PAS"
