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
    t2024 = load_table(2024)
    # then
    assert t2024["passend_income_limit.multi_senior"].value is None
    with pytest.raises(MissingRule):
        resolve_rules(2024, None).get("passend_income_limit.multi_senior")


def test_the_2026_aftoppingsgrenzen_live_in_the_table_with_their_source():
    # given / when: the 2026 table (letting's round code no longer supplies them)
    t2026 = load_table(2026)
    # then: the official figures for 1 January 2026, each with its source
    assert t2026["aftoppingsgrens.low"].value == 713.44
    assert t2026["aftoppingsgrens.high"].value == 764.68
    assert "huurtoeslag 2026" in t2026["aftoppingsgrens.low"].source.lower()


def test_a_round_that_needs_an_unknown_value_must_supply_it(round_builder):
    # given: a two-person household at pension age under the DAEB limit in 2024 (its passend limit
    # is unknown in the 2024 table)
    doc = (
        round_builder(date="2024-03-01")
        .complex("C1")
        .unit("U1", rent=600.0)
        .household("H", ["U1"], size=2, senior=True)
        .build()
    )
    # when
    with pytest.raises(RoundError) as exc:
        load_round(doc)
    # then
    assert exc.value.path == "rules.passend_income_limit.multi_senior"
    assert "candidates[0]" in exc.value.message


def test_a_2026_round_of_a_low_income_household_needs_no_rules_from_the_round(round_builder):
    # given
    doc = round_builder(date="2026-03-01").complex("C1").unit("U1", rent=700.0).household("H", ["U1"]).build()
    # when
    result = allocate(doc)
    # then: 700 is within the lage aftoppingsgrens of 713.44
    assert result["assignments"][0]["passendheid"] == "PAS"


def test_a_round_override_supplies_and_overrides_values(round_builder):
    # given
    doc = round_builder(date="2026-03-01").complex("C1").unit("U1", rent=700.0).household("H", ["U1"]).build()
    doc["rules"] = {"aftoppingsgrens": {"low": 699.0, "high": 764.0}}
    # when
    result = allocate(doc)
    # then: the round's own aftoppingsgrens (699) replaces the table's, so 700 is too much
    assert result["assignments"] == []
    assert result["unassigned_units"][0]["unit"] == "U1"
