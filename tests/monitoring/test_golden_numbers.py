"""Golden numbers on a small hand-made dataset: the care-need share, tenancy sustainment and the
De Jong Gierveld loneliness score, each worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt

import pytest

from omkijken.monitoring import scoring
from omkijken.monitoring.selectors import portfolio_indicators, survey_result

pytestmark = pytest.mark.django_db
END_2025 = dt.date(2025, 12, 31)


def test_three_of_ten_allocations_to_households_with_a_care_need_meet_the_target(golden) -> None:  # type: ignore[no-untyped-def]
    # given ten leases started in 2025, three by households in a target group on the start date
    # when the project leader reads the 2025 indicators
    data = portfolio_indicators(golden.leader, year=2025, on=END_2025)
    # then the share is 3 / 10 against the 3-in-10 target, met
    assert data is not None
    [row] = data.by_corporation
    assert (row.allocations.value, row.care_need.value) == (10, 3)
    assert row.share == pytest.approx(0.3)
    assert row.target == pytest.approx(0.3)
    assert row.meets_target is True
    assert [(r.label, r.allocations.value, r.care_need.value) for r in data.by_neighbourhood] == [
        ("Proefbuurt", 10, 3)
    ]


def test_sustainment_counts_moves_within_as_housed_and_an_eviction_as_not(golden) -> None:  # type: ignore[no-untyped-def]
    # given four vulnerable tenancies from 1 January 2023: A stays, B evicted in June 2023,
    # C moved to another of our homes, D moved away in March 2024
    data = portfolio_indicators(golden.leader, year=2025, on=END_2025)
    assert data is not None
    figures = {r.months: (r.cohort.value, r.sustained.value) for r in data.sustainment}
    # then after 12 months A, C and D are housed (3 of 4); after 24 months A and C (2 of 4);
    # nobody has reached 36 months by the end of 2025
    assert figures == {12: (4, 3), 24: (4, 2), 36: (0, 0)}
    assert data.sustainment[0].share == pytest.approx(0.75)


def test_the_municipality_sees_the_same_indicators_with_counts_under_five_hidden(golden) -> None:  # type: ignore[no-untyped-def]
    # when the municipal officer of the golden municipality reads 2025
    data = portfolio_indicators(golden.officer, year=2025, on=END_2025)
    # then ten allocations show, three with a care need do not, nor the share
    assert data is not None and data.aggregate_only
    [row] = data.by_corporation
    assert row.allocations.value == 10
    assert row.care_need.suppressed and row.share is None
    # and the sustainment cohorts of four are hidden, with what was sustained
    assert all(r.cohort.suppressed and r.sustained.suppressed for r in data.sustainment)


def test_a_resident_in_the_same_municipality_sees_no_indicators(golden, persona) -> None:  # type: ignore[no-untyped-def]
    assert portfolio_indicators(persona("bewoner"), year=2025) is None


def test_the_de_jong_gierveld_score_follows_the_published_item_scoring() -> None:
    # given the answers 0 no, 1 more or less, 2 yes
    def answers(emotional: tuple[int, int, int], social: tuple[int, int, int]) -> dict[str, int]:
        keys = ("emptiness", "miss_people", "rejected", "rely_on", "trust", "close_to")
        return dict(zip(keys, (*emotional, *social), strict=True)) | {
            "neighbours_by_name": 2,
            "could_ask_help": 2,
            "contact_frequency": 1,
        }

    responses = [
        answers((0, 0, 0), (2, 2, 2)),  # not lonely: 0 + 0
        answers((1, 1, 1), (1, 1, 1)),  # "more or less" scores on both kinds: 3 + 3
        answers((2, 0, 0), (2, 2, 2)),  # emptiness: 1 + 0
        answers((0, 0, 0), (0, 1, 2)),  # no one to rely on, trust more or less: 0 + 2
        answers((2, 2, 2), (0, 0, 0)),  # most lonely: 3 + 3
    ]
    # when each is scored, and the five together
    scores = [scoring.djg6(r) for r in responses]
    result = survey_result(responses)
    # then the (emotional, social, total) scores and the means are those worked out by hand
    assert scores == [(0, 0, 0), (3, 3, 6), (1, 0, 1), (0, 2, 2), (3, 3, 6)]
    assert result.shown
    assert (result.loneliness, result.emotional, result.social) == pytest.approx((3.0, 1.4, 1.6))
    assert result.knows_three_by_name == 1.0 and result.weekly_contact == 0.0


def test_four_respondents_give_no_result() -> None:
    one = dict.fromkeys(("emptiness", "miss_people", "rejected", "rely_on", "trust", "close_to"), 1)
    one |= {"neighbours_by_name": 0, "could_ask_help": 0, "contact_frequency": 0}
    result = survey_result([one] * 4)
    assert not result.shown
    assert result.loneliness is None and result.respondents == 4
