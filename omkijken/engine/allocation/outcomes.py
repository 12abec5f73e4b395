"""What happened to each household of a round, and why: the reasons an explanation letter gives.

:func:`household_outcomes` reads a round and a result (the engine's, or an officer's change
re-verified by :func:`omkijken.engine.allocation.reassign`) and works out, per household and per
home it responded to and wanted more than the one it got, a *reason code* with the parameters a
letter may show. It starts from the result's explanations (``explanations[]``: every responder that
ranked above the winner) and completes them with the engine's own rule functions for the
households the result does not explain (those that ranked below the winner, and responders to
homes that stayed empty), so that there is one definition of each rule.

The parameters hold only the household's own data (income, size, registration date, its place in
the order) and the published facts of the home; never anything about another household.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from omkijken.engine.allocation.core import Caps, Rankings, caps_after, eligibility, rankings
from omkijken.engine.allocation.model import (
    DIRECT,
    GOOD_NEIGHBOUR,
    REGULAR,
    Candidate,
    Round,
    Unit,
    competes,
    load_round,
)
from omkijken.engine.rules import Exception_

__all__ = [
    "COMPOSITION_CODES",
    "DIRECT",
    "ELIGIBILITY_CODES",
    "GOOD_NEIGHBOUR",
    "NOT_APPROVED",
    "NOT_FILLED",
    "RANKED_LOWER",
    "REGULAR",
    "HouseholdOutcome",
    "UnitOutcome",
    "household_outcomes",
]

# Letter codes: the engine's explanation codes plus the cases the engine does not explain.
RANKED_LOWER = "RANKED_LOWER"  # competed in the channel the home went to, ranked below the winner
NOT_APPROVED = "NOT_APPROVED"  # good-neighbour home, motivation not approved for the complex
NOT_FILLED = "NOT_FILLED"  # the home stayed empty although nothing we know of stood in the way

ELIGIBILITY_CODES = frozenset({"SIZE", "NEEDS", "PASSEND", "DAEB", NOT_APPROVED})
COMPOSITION_CODES = frozenset({"MIX", "SECTION", "PARTNER"})


@dataclass(frozen=True)
class UnitOutcome:
    """Why a household did not get one home it responded to."""

    unit: str  # the round's unit id
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class HouseholdOutcome:
    candidate: str  # the round's candidate id
    allocated: str | None  # unit id it got, if any
    not_allocated: tuple[UnitOutcome, ...]  # homes it wanted more than the one it got (or all)

    @property
    def kind(self) -> str:
        """The ``Letter.Kind`` value for this outcome."""
        if self.allocated is not None:
            return "allocated"
        if self.not_allocated and all(o.code in ELIGIBILITY_CODES for o in self.not_allocated):
            return "ineligible"
        return "passed_over"


def household_outcomes(
    round_: Mapping[str, Any] | Round, result: Mapping[str, Any]
) -> dict[str, HouseholdOutcome]:
    """Per candidate id that responded to at least one home: what happened and why.

    ``result`` may be a changed result (the officer's change, re-verified): the explanations are
    taken from it where it has them and recomputed with the engine's rule functions otherwise.
    """
    rnd = load_round(round_)
    rk = rankings(rnd)
    holder = [-1] * len(rnd.units)
    channel: dict[int, str] = {}
    for a in result.get("assignments", []):
        ui, ci = rnd.unit_index.get(a["unit"]), rnd.candidate_index.get(a["candidate"])
        if ui is None or ci is None:
            continue
        holder[ui] = ci
        channel[ui] = a.get("channel") or rnd.units[ui].channels[0]
    held = {ci: ui for ui, ci in enumerate(holder) if ci >= 0}
    caps = caps_after(rnd, holder)
    explained: dict[tuple[str, str], str] = {}
    for e in result.get("explanations", []):
        for p in e.get("passed_over", []):
            explained[(e["unit"], p["candidate"])] = p["code"]

    out: dict[str, HouseholdOutcome] = {}
    for c in rnd.candidates:
        if not c.responses:
            continue
        got = held.get(c.index, -1)
        got_pref = rnd.pref(c.index, got) if got >= 0 else len(c.responses)
        items: list[UnitOutcome] = []
        for pos, ui in enumerate(c.responses):
            if ui == got or pos > got_pref:
                continue  # its own home, or homes it wanted less than the one it got
            u = rnd.units[ui]
            code, params = _classify(
                rnd, rk, caps, c, ui, holder[ui], channel.get(ui), got, explained.get((u.id, c.id))
            )
            items.append(UnitOutcome(u.id, code, params))
        out[c.id] = HouseholdOutcome(c.id, rnd.units[got].id if got >= 0 else None, tuple(items))
    return out


def _classify(
    rnd: Round,
    rk: Rankings,
    caps: Caps,
    c: Candidate,
    ui: int,
    h: int,
    ch: str | None,
    got: int,
    engine_code: str | None,
) -> tuple[str, dict[str, Any]]:
    """(letter code, own-data parameters) for candidate ``c`` and unit index ``ui``."""
    u = rnd.units[ui]
    el = eligibility(rnd, c, u)
    own = {"income": c.income, "size": c.size}
    if el.code == "SIZE":
        return "SIZE", {"min": u.size_min, "max": u.size_max, "size": c.size}
    if el.code == "NEEDS":
        return "NEEDS", {"missing": sorted(c.needs - u.features)}
    if not any(competes(c, u, o) for o in u.channels):
        if c.target_group is None and GOOD_NEIGHBOUR in u.channels:
            return NOT_APPROVED, {}
        return "CHANNEL", {}
    lim = c.limits
    if el.exception is Exception_.PASSEND and lim is not None:  # (an exception implies limits)
        return "PASSEND", {**own, "passend_limit": lim.passend_limit, "limit": lim.aftopping, "rent": u.rent}
    if el.exception is Exception_.DAEB and lim is not None:
        return "DAEB", {**own, "limit": lim.daeb_limit}
    if got >= 0 and rnd.pref(c.index, got) < rnd.pref(c.index, ui):
        return "PREFERRED_OTHER", {}
    if engine_code in ("ASSIGNED_EARLIER", "UNJUSTIFIED", "PREFERRED_OTHER"):
        return engine_code, {}
    if engine_code in COMPOSITION_CODES:
        return engine_code, {}
    if h < 0:  # the home stayed empty
        blocked = _move_blocked(rnd, caps, c, u, got, h)
        return (blocked, {}) if blocked else (NOT_FILLED, {})
    if ch is None or not competes(c, u, ch):
        return (engine_code, {}) if engine_code in COMPOSITION_CODES else ("CHANNEL", {})
    if rk.rank(ch, c.index) < rk.rank(ch, h):
        # ranked above the winner but not explained: a change by the officer or a rule-4 block
        blocked = _move_blocked(rnd, caps, c, u, got, h)
        return (blocked, {}) if blocked else ("UNJUSTIFIED", {})
    competitors = sorted(
        (ci for ci, _pos in rnd.responders[ui] if competes(rnd.candidates[ci], u, ch)),
        key=lambda ci: rk.rank(ch, ci),
    )
    return RANKED_LOWER, {
        "channel": ch,
        "position": competitors.index(c.index) + 1,
        "total": len(competitors),
        "registration_date": c.registration_date,
        "urgent": c.urgent,
    }


def _move_blocked(rnd: Round, caps: Caps, c: Candidate, u: Unit, got: int, h: int) -> str | None:
    """Rule 4 for ``c`` taking ``u`` in place of its holder ``h`` (or -1) and leaving its own home
    ``got`` (or -1): the mix counted over the households after that move (:class:`.core.Caps`)."""
    if h >= 0:
        caps.place(rnd.candidates[h], u, -1)
    if got >= 0:
        caps.place(c, rnd.units[got], -1)
    blocked = caps.blocked(c, u)
    if blocked is None and got >= 0 and c.target_group is None:
        blocked = caps.leaving_breaks(rnd.units[got])
    if got >= 0:
        caps.place(c, rnd.units[got])
    if h >= 0:
        caps.place(rnd.candidates[h], u)
    return blocked
