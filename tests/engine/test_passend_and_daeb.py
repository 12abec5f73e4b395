"""Passend toewijzen and DAEB limits, inclusive ("tot en met"), from the 2025 table."""

from __future__ import annotations

from omkijken.engine.allocation import allocate, verify
from tests.engine.helpers import assigned, passed_over

# 2025: passend single 28,375 (senior 27,775); aftopping laag 682.96; DAEB single 49,669; huurgrens 900.07


def test_income_exactly_at_the_passend_limit_keeps_the_aftoppingsgrens_and_one_euro_above_does_not(
    round_builder,
):
    # given: rent 700 is above the low aftoppingsgrens; AT earns exactly the limit, ABOVE one euro more
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1", rent=700.0)
        .household("AT", ["U1"], registered="2010-01-01", income=28375)
        .household("ABOVE", ["U1"], registered="2015-01-01", income=28376)
        .build()
    )
    # when
    result = allocate(doc)
    # then: AT would be a non-passende allocation (no exception budget), ABOVE is NVT
    assert assigned(result) == {"U1": "ABOVE"}
    assert result["assignments"][0]["passendheid"] == "NVT"
    entry = passed_over(result, "U1")["AT"]
    assert entry["code"] == "PASSEND"
    assert entry["rule"] == 2
    assert "682,96" in entry["reason"] and "700,00" in entry["reason"]
    assert verify(doc, result) == []


def test_rent_exactly_at_the_aftoppingsgrens_is_passend_and_one_cent_above_is_not(round_builder):
    # given
    doc = (
        round_builder()
        .complex("C1")
        .unit("AT", rent=682.96)
        .unit("ABOVE", rent=682.97)
        .household("H1", ["ABOVE", "AT"], registered="2010-01-01", income=20000)
        .household("H2", ["ABOVE"], registered="2011-01-01", income=20000)
        .build()
    )
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"AT": "H1"}
    assert result["assignments"][0]["passendheid"] == "PAS"
    assert [u["unit"] for u in result["unassigned_units"]] == ["ABOVE"]
    assert result["unassigned_units"][0]["code"] == "EXCEPTION_BUDGET"


def test_the_pension_age_limit_is_lower(round_builder):
    # given: 28,000 is above the senior single limit (27,775) but below the ordinary one (28,375)
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1", rent=700.0)
        .household("YOUNG", ["U1"], registered="2010-01-01", income=28000)
        .household("SENIOR", ["U1"], registered="2012-01-01", income=28000, senior=True)
        .build()
    )
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"U1": "SENIOR"}
    assert passed_over(result, "U1")["YOUNG"]["code"] == "PASSEND"


def test_a_passend_exception_budget_lets_a_household_in_as_a_last_resort_marked_nie(round_builder):
    # given
    doc = round_builder().complex("C1").unit("U1", rent=700.0).household("LOW", ["U1"], income=15000).build()
    doc["rules"] = {"passend_exceptions": 1}
    # when
    result = allocate(doc)
    # then
    assert result["assignments"] == [
        {"unit": "U1", "candidate": "LOW", "channel": "REGULAR", "passendheid": "NIE", "justification": "BIJ"}
    ]
    assert verify(doc, result) == []


def test_a_daeb_unit_is_not_let_above_the_daeb_income_limit_without_free_allocation_room(round_builder):
    # given
    doc = (
        round_builder()
        .complex("C1")
        .unit("U1", rent=900.07)
        .household("AT", ["U1"], income=49669, registered="2015-01-01")
        .household("RICH", ["U1"], income=49670, registered="2010-01-01")
        .build()
    )
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"U1": "AT"}
    assert passed_over(result, "U1")["RICH"]["code"] == "DAEB"


def test_above_the_daeb_huurgrens_neither_test_applies(round_builder):
    # given
    doc = (
        round_builder().complex("C1").unit("U1", rent=900.08).household("RICH", ["U1"], income=90000).build()
    )
    # when
    result = allocate(doc)
    # then
    assert result["assignments"][0]["passendheid"] == "NVT"


# Passend toewijzen follows the household, whatever the home (ALLOCATION-ROUND.md, Rules): a
# liberalised home (rent above the DAEB huurgrens, 900.07 in 2025) given to a household at or under
# its passend-toewijzen limit is NIE and needs the passend exception budget.


def test_a_liberalised_home_is_not_given_to_a_household_one_euro_under_its_limit_without_budget(
    round_builder,
):
    # given: rent 950 is above the DAEB huurgrens; UNDER earns one euro under the single limit
    # (28,375) and registered first, ABOVE one euro above it
    doc = (
        round_builder()
        .complex("C1")
        .unit("LIB", rent=950.0)
        .household("UNDER", ["LIB"], registered="2010-01-01", income=28374)
        .household("ABOVE", ["LIB"], registered="2015-01-01", income=28376)
        .build()
    )
    # when the round has no passend exception budget (the default)
    result = allocate(doc)
    # then the home goes to ABOVE, for whom passend toewijzen does not apply (NVT) ...
    assert assigned(result) == {"LIB": "ABOVE"}
    assert result["assignments"][0]["passendheid"] == "NVT"
    # ... and UNDER is told in Dutch that the rent is above its aftoppingsgrens
    entry = passed_over(result, "LIB")["UNDER"]
    assert entry["code"] == "PASSEND"
    assert entry["rule"] == 2
    assert "682,96" in entry["reason"] and "950,00" in entry["reason"]
    assert verify(doc, result) == []


def test_without_budget_a_liberalised_home_stays_empty_rather_than_go_to_a_household_under_its_limit(
    round_builder,
):
    # given only UNDER responds
    doc = (
        round_builder()
        .complex("C1")
        .unit("LIB", rent=950.0)
        .household("UNDER", ["LIB"], registered="2010-01-01", income=28374)
        .build()
    )
    # when
    result = allocate(doc)
    # then nobody gets it: the only responder would need a passend exception
    assert result["assignments"] == []
    assert [(u["unit"], u["code"]) for u in result["unassigned_units"]] == [("LIB", "EXCEPTION_BUDGET")]
    assert verify(doc, result) == []


def test_with_a_budget_of_one_the_liberalised_home_goes_to_the_household_under_its_limit_as_nie(
    round_builder,
):
    # given the same household and a passend exception budget of 1
    doc = (
        round_builder()
        .complex("C1")
        .unit("LIB", rent=950.0)
        .household("UNDER", ["LIB"], registered="2010-01-01", income=28374)
        .build()
    )
    doc["rules"] = {"passend_exceptions": 1}
    # when
    result = allocate(doc)
    # then it is a non-passende allocation within the budget, with its justification
    assert result["assignments"] == [
        {
            "unit": "LIB",
            "candidate": "UNDER",
            "channel": "REGULAR",
            "passendheid": "NIE",
            "justification": "BIJ",
        }
    ]
    assert verify(doc, result) == []


def test_the_verifier_refuses_a_liberalised_home_to_a_household_under_its_limit_without_budget(
    round_builder,
):
    # given a result that gives the liberalised home to UNDER as if passend did not apply
    doc = (
        round_builder()
        .complex("C1")
        .unit("LIB", rent=950.0)
        .household("UNDER", ["LIB"], registered="2010-01-01", income=28374)
        .build()
    )
    result = allocate(doc)
    result["assignments"] = [
        {
            "unit": "LIB",
            "candidate": "UNDER",
            "channel": "REGULAR",
            "passendheid": "NVT",
            "justification": None,
        }
    ]
    # when the result is verified, then it breaks rule 2 (or the exception budget)
    violations = verify(doc, result)
    assert violations, "the verifier accepted a non-passende allocation outside the budget"
