"""The engine's ranking of one unit's responders (``rank_responders``), hand-checked, and the one
case where it showed the engine breaking its own priority."""

from __future__ import annotations

from typing import Any

from omkijken.engine.allocation import allocate, rank_responders, verify


def _household(size: int = 1, income: int = 28_376) -> dict[str, Any]:
    return {"size": size, "income": income, "senior": False}


def _unit(uid: str, channels: list[str], rent: float = 550.0, lo: int = 1, hi: int = 2) -> dict[str, Any]:
    return {
        "id": uid,
        "complex": "C0",
        "section": None,
        "floor": 1,
        "rooms": 2,
        "rent": rent,
        "household_size": {"min": lo, "max": hi},
        "features": [],
        "channels": channels,
    }


def _seeker(cid: str, registered: str, responses: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "id": cid,
        "household": extra.pop("household", _household()),
        "registration_date": registered,
        "urgency": extra.pop("urgency", None),
        "needs": [],
        "target_group": None,
        "good_neighbour": extra.pop("good_neighbour", []),
        "partner": None,
        "nominated_on": None,
        "responses": responses,
    }


def _nominee(cid: str, nominated: str, responses: list[str], income: int = 28_376) -> dict[str, Any]:
    return {
        "id": cid,
        "household": _household(income=income),
        "registration_date": None,
        "urgency": None,
        "needs": [],
        "target_group": "DAK",
        "good_neighbour": [],
        "partner": None,
        "nominated_on": nominated,
        "responses": responses,
    }


def _round(units: list[dict[str, Any]], candidates: list[dict[str, Any]], **rules: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "omkijken.allocation-round/1",
        "id": "golden",
        "date": "2025-06-01",
        "complexes": [{"id": "C0", "occupied": {"vulnerable": 0, "regular": 0}, "mix": None, "sections": []}],
        "units": units,
        "candidates": candidates,
        "care_partners": [],
        "quotas": [],
    }
    if rules:
        doc["rules"] = rules
    return doc


def test_one_homes_responders_are_ranked_good_neighbours_first_then_urgency_then_registration() -> None:
    # given a home for good neighbours or regular seekers, for 1 to 2 persons
    doc = _round(
        [_unit("U1", ["GOOD_NEIGHBOUR", "REGULAR"])],
        [
            _seeker("R-old", "2012-01-01", ["U1"]),
            _seeker(
                "R-urgent", "2020-01-01", ["U1"], urgency={"category": "MED", "valid_until": "2025-06-01"}
            ),
            _seeker(
                "R-expired", "2011-01-01", ["U1"], urgency={"category": "MED", "valid_until": "2025-05-31"}
            ),
            _seeker("GN-late", "2023-01-01", ["U1"], good_neighbour=["C0"]),
            _seeker("BIG", "2000-01-01", ["U1"], household=_household(size=5)),
            _nominee("N", "2025-01-01", ["U1"]),
        ],
    )
    # when the engine ranks its responders
    rows = rank_responders(doc, "U1")
    # then the approved good neighbour comes first, then the valid urgency, then by registration
    # (an urgency that expired the day before counts for nothing); the household of five and the
    # nominee, who competes in none of the home's channels, are not eligible and have no position
    assert [(r.candidate, r.position, r.channel, r.eligible, r.code) for r in rows] == [
        ("GN-late", 1, "GOOD_NEIGHBOUR", True, None),
        ("R-urgent", 2, "REGULAR", True, None),
        ("R-expired", 3, "REGULAR", True, None),
        ("R-old", 4, "REGULAR", True, None),
        ("N", None, None, False, "CHANNEL"),
        ("BIG", None, "REGULAR", False, "SIZE"),
    ]
    big = rows[-1]
    assert big.reason == (
        "Deze woning is bedoeld voor een huishouden van 1 tot en met 2 personen; uw huishouden telt 5 personen."
    )
    assert (
        big.reason_en == "This home is meant for a household of 1 to 2 persons; your household has 5 persons."
    )
    # and the engine gives the home to the first of them
    (a,) = allocate(doc)["assignments"]
    assert (a["candidate"], a["channel"]) == ("GN-late", "GOOD_NEIGHBOUR")


def test_a_household_that_needs_a_passend_exception_is_ranked_after_the_eligible_ones_with_its_reason() -> (
    None
):
    # given a home of € 682,97 (one cent above the low aftoppingsgrens of 2025) and a single person
    # of € 15.000 a year (under the passend limit), registered before a single person above it
    doc = _round(
        [_unit("U1", ["REGULAR"], rent=682.97)],
        [
            _seeker("LOW", "2010-01-01", ["U1"], household=_household(income=15_000)),
            _seeker("HIGH", "2015-01-01", ["U1"], household=_household(income=30_000)),
        ],
        passend_exceptions=1,
    )
    rows = rank_responders(doc, "U1")
    # then the household above the limit is first (NVT); the other one would be NIE and needs the
    # passend exception, so it is not eligible without one, and is told why
    assert [(r.candidate, r.position, r.eligible, r.passendheid, r.exception) for r in rows] == [
        ("HIGH", 1, True, "NVT", None),
        ("LOW", None, False, "NIE", "PASSEND"),
    ]
    assert rows[1].code == "PASSEND"
    assert "tot en met € 682,96" in rows[1].reason and "€ 682,97" in rows[1].reason
    # and the engine lets it to the first eligible household, not to the exception
    (a,) = allocate(doc)["assignments"]
    assert (a["candidate"], a["passendheid"]) == ("HIGH", "NVT")


def test_an_exception_never_gives_a_home_to_a_nominee_with_less_priority_than_one_who_wanted_it_more() -> (
    None
):
    # given two nominees nominated the same day (N1 first by id): N1 is eligible for both homes and
    # prefers U5 (rent € 682,97) to U4; N2 only wants U5 and, under the passend limit, would need the
    # round's one passend exception for it; U5 may go to regular seekers or direct mediation, and
    # no regular seeker responded
    doc = _round(
        [_unit("U4", ["DIRECT"]), _unit("U5", ["REGULAR", "DIRECT"], rent=682.97)],
        [
            _nominee("N1", "2025-01-01", ["U5", "U4"]),
            _nominee("N2", "2025-01-01", ["U5"], income=15_000),
        ],
        passend_exceptions=1,
    )
    # when the round is allocated
    result = allocate(doc)
    # then the result keeps every rule: U5 does not go to N2 while N1, who ranks higher and wanted
    # it more, holds U4 (the engine used to spend the exception on N2 here)
    assert verify(doc, result) == []
    assert ("U5", "N2") not in {(a["unit"], a["candidate"]) for a in result["assignments"]}
    # and the ranking of U5 says why: N1 is first, N2 needs the exception
    rows = rank_responders(doc, "U5")
    assert [(r.candidate, r.position, r.exception) for r in rows] == [
        ("N1", 1, None),
        ("N2", None, "PASSEND"),
    ]


def test_an_exception_goes_to_the_approved_good_neighbour_first_and_through_the_good_neighbour_channel() -> (
    None
):
    # given a home of € 682,97 open to regular seekers and good neighbours (listed in that order),
    # and two single persons under the passend limit who both need the round's one exception: a
    # regular seeker registered in 2010 and a good neighbour approved for the complex, from 2020
    doc = _round(
        [_unit("U1", ["REGULAR", "GOOD_NEIGHBOUR"], rent=682.97)],
        [
            _seeker("R", "2010-01-01", ["U1"], household=_household(income=15_000)),
            _seeker("GN", "2020-01-01", ["U1"], household=_household(income=15_000), good_neighbour=["C0"]),
        ],
        passend_exceptions=1,
    )
    # when the round is allocated
    result = allocate(doc)
    # then the good neighbour gets it through the good-neighbour channel, as its ranking row says
    # (the exception used to go to the regular seeker, through REGULAR, against the page's order)
    (a,) = result["assignments"]
    assert (a["candidate"], a["channel"], a["passendheid"]) == ("GN", "GOOD_NEIGHBOUR", "NIE")
    assert verify(doc, result) == []
    rows = rank_responders(doc, "U1")
    assert [(r.candidate, r.channel, r.exception) for r in rows] == [
        ("GN", "GOOD_NEIGHBOUR", "PASSEND"),
        ("R", "REGULAR", "PASSEND"),
    ]
