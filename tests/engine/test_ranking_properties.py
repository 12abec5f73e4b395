"""The engine's ranking of one unit's responders (``rank_responders``, which the ranking page and an
officer's change of a round show and use) agrees with what the engine does with the round.

On random rounds, for every unit:

* the rows are the unit's responders, eligible ones first, each channel in the engine's own ranking
  (``core.rankings``) and eligibility (``core.eligibility``), positions 1, 2, ... on the eligible rows;
* a unit the engine assigns goes to a household whose row shows the assignment's channel and
  passendheid, and that is eligible or needs an exception (which the round then grants);
* and nobody ranked above that household in its channel (on the open side: approved good
  neighbours first, then the REGULAR order, as the page lists them) could have taken the unit: no
  such row is eligible, holds no home it prefers and, on the direct side, fits rule 4 (the mix, the
  section, the care partner's capacity, counted after the round as the verifier counts it). So an
  eligible holder on the open side is exactly the first eligible row of its side that holds no
  home it prefers, and on the direct side the first such row that rule 4 lets in. A household that
  needs an exception is ranked after the eligible rows but is not owed the home: it can hold the
  unit while an eligible row below it in the channel's ranking holds a home it likes less. (Where
  the optimal method keeps greedy's result, lawful and better, greedy took a unit's channels in the
  unit's order: then the holder is on its row's side, the result passes the verifier, and its
  channel may be REGULAR for an approved good neighbour.)
* a unit the engine leaves empty has no eligible row in an open channel whose household got nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omkijken.engine.allocation import RankedResponder, allocate, load_round, rank_responders, verify
from omkijken.engine.allocation.core import Allocation, caps_after, eligibility, rankings
from omkijken.engine.allocation.explain import swap_blocked

from .test_allocation_properties import rounds

ORDER = {"DIRECT": 0, "GOOD_NEIGHBOUR": 1, "REGULAR": 2}
MORE_CHANNELS = [
    ["GOOD_NEIGHBOUR"],
    ["DIRECT", "GOOD_NEIGHBOUR", "REGULAR"],
    ["REGULAR", "GOOD_NEIGHBOUR", "DIRECT"],
]


@st.composite
def any_channel_order(draw: st.DrawFn, max_units: int = 8, max_households: int = 12) -> dict[str, Any]:
    """The allocation property tests' rounds, with each unit's channels in any order, and also
    units for good neighbours only or for all three channels."""
    doc: dict[str, Any] = draw(rounds(max_units=max_units, max_households=max_households))
    for u in doc["units"]:
        channels = draw(st.sampled_from([u["channels"], *MORE_CHANNELS]))
        u["channels"] = draw(st.permutations(channels))
    return doc


def _side(channel: str | None) -> str | None:
    if channel is None:
        return None
    return "direct" if channel == "DIRECT" else "open"


def _check_ranking(doc: dict[str, Any]) -> None:
    result = allocate(doc)
    rnd = load_round(doc)
    rk = rankings(rnd)
    responses = {c["id"]: c["responses"] for c in doc["candidates"]}
    held = {a["candidate"]: a["unit"] for a in result["assignments"]}
    holder = {a["unit"]: a for a in result["assignments"]}
    alloc = Allocation.empty(rnd)
    for a in result["assignments"]:
        alloc.assign(rnd.unit_index[a["unit"]], rnd.candidate_index[a["candidate"]], a["channel"])
    caps = caps_after(rnd, alloc.holder)
    greedy = result["metrics"].get("strategy") == "greedy"
    if greedy:
        assert verify(doc, result) == []

    def prefers_other(row: RankedResponder, unit: str) -> bool:
        mine = held.get(row.candidate)
        pref = responses[row.candidate]
        return mine is not None and pref.index(mine) < pref.index(unit)

    for u in doc["units"]:
        uid = u["id"]
        rows = rank_responders(doc, uid)
        ui = rnd.unit_index[uid]
        # the rows: the unit's responders, in the engine's eligibility and channel rankings
        assert sorted(r.candidate for r in rows) == sorted(
            c["id"] for c in doc["candidates"] if uid in c["responses"]
        )
        for r in rows:
            el = eligibility(rnd, rnd.candidates[rnd.candidate_index[r.candidate]], rnd.units[ui])
            assert r.eligible == (el.plain and r.channel is not None)
            assert r.channel is None or r.channel in u["channels"]
        keys = [
            (
                not r.eligible,
                ORDER[r.channel or ("DIRECT" if _is_nominee(doc, r.candidate) else "REGULAR")],
                rk.rank(
                    r.channel or ("DIRECT" if _is_nominee(doc, r.candidate) else "REGULAR"),
                    rnd.candidate_index[r.candidate],
                ),
            )
            for r in rows
        ]
        assert keys == sorted(keys)
        assert [r.position for r in rows if r.eligible] == list(range(1, sum(r.eligible for r in rows) + 1))
        assert all(r.position is None for r in rows if not r.eligible)

        a = holder.get(uid)
        if a is None:
            # an empty unit: no open-side household that could take it is left without a home
            for r in rows:
                if r.eligible and _side(r.channel) == "open":
                    assert r.candidate in held, (uid, r)
            continue
        (mine,) = [r for r in rows if r.candidate == a["candidate"]]
        assert mine.passendheid == a["passendheid"]
        assert mine.eligible or mine.exception is not None
        if greedy:
            # greedy's advert-by-advert result, kept only when it is lawful and better (verified
            # above), takes a unit's channels in the unit's order: an approved good neighbour may
            # get a home through REGULAR, where it competes too, ranked as REGULAR ranks it
            assert _side(mine.channel) == _side(a["channel"])
            continue
        assert mine.channel == a["channel"], (uid, mine, a)
        side = _side(a["channel"])

        def key(r: RankedResponder) -> tuple[int, int]:
            assert r.channel is not None
            return ORDER[r.channel], rk.rank(r.channel, rnd.candidate_index[r.candidate])

        claimants = [
            r
            for r in rows
            if r.eligible
            and _side(r.channel) == side
            and not prefers_other(r, uid)
            and r is not mine
            and (
                side == "open" or swap_blocked(rnd, alloc, caps, rnd.candidate_index[r.candidate], ui) is None
            )
        ]
        # nobody above the holder in its channel's ranking could have taken the unit
        assert [r for r in claimants if key(r) < key(mine)] == [], (uid, a, claimants)


def _is_nominee(doc: dict[str, Any], cid: str) -> bool:
    return any(c["id"] == cid and c.get("target_group") for c in doc["candidates"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_channel_order())
def test_the_ranking_of_every_unit_agrees_with_the_engines_rankings_and_its_allocation(doc):  # type: ignore[no-untyped-def]
    _check_ranking(doc)


@pytest.mark.slow
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_channel_order(max_units=14, max_households=25))
def test_the_same_holds_on_many_larger_random_rounds(doc):  # type: ignore[no-untyped-def]
    _check_ranking(doc)
