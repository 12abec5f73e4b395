"""The verifier: checks a result against hard rules 1–6 of the exchange format, without the solver.

It rebuilds the allocation from the result's assignments and tests each rule from the round alone:

1. each unit and household at most once, only a unit the household responded to;
2. eligibility (size, needs), the passendheid the rules give, a justification code on ``NIE``, and
   the exception budgets (``passend_exceptions`` for NIE, ``daeb_free_allocations`` for DAEB units
   let above the DAEB income limit);
3. the household competes in the assignment's channel;
4. complex cap (the vulnerable share counted over the households after the round, :mod:`.mix`),
   section cap and care-partner capacity after the round (a complex, section or partner already
   over its limit may receive no vulnerable household);
5. no higher-ranked responder in the unit's channel that is eligible without an exception and holds
   nothing it prefers is passed over, unless the swap would break rule 4 (exceptions are granted,
   never owed: a household that needs one is not passed over in the sense of rule 5);
6. an empty unit has no responder, unassigned or holding a home it ranked lower (the strict
   reading: it could move), who competes in one of its channels, is eligible (or needs an exception
   while budget remains), fits rule 4 (the home it leaves included), and could take it without
   passing over a household with more priority.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from omkijken.engine.allocation.core import Allocation, Rankings, caps_after, eligibility, rankings
from omkijken.engine.allocation.explain import UNJUSTIFIED_CODES, classify_passed_over
from omkijken.engine.allocation.model import Round, RoundError, competes, load_round, validate_schema
from omkijken.engine.rules import Exception_, Passendheid


@dataclass(frozen=True, slots=True)
class Violation:
    rule: int  # 0: the result document itself is malformed
    message: str
    unit: str | None = None
    candidate: str | None = None

    def __str__(self) -> str:
        return f"rule {self.rule}: {self.message}" if self.rule else f"result: {self.message}"


def verify(round_: Mapping[str, Any] | Round, result: Mapping[str, Any]) -> list[Violation]:
    """Every violation of rules 1–6 in ``result`` for ``round_`` (empty list: the result is lawful)."""
    rnd = load_round(round_)
    try:
        validate_schema(result, "allocation-result.schema.json")
    except RoundError as exc:
        return [Violation(0, str(exc))]
    out: list[Violation] = []
    if result["round"] != rnd.id:
        out.append(Violation(0, f"result is for round {result['round']!r}, not {rnd.id!r}"))
    alloc = Allocation.empty(rnd)
    rk = rankings(rnd)
    passendheid: dict[int, str] = {}
    justification: dict[int, Any] = {}

    # rule 1 (and the channel/eligibility data per assignment)
    for i, a in enumerate(result["assignments"]):
        ui = rnd.unit_index.get(a["unit"])
        ci = rnd.candidate_index.get(a["candidate"])
        if ui is None or ci is None:
            what = "unit" if ui is None else "candidate"
            out.append(
                Violation(1, f"assignments[{i}]: unknown {what} {a[what]!r}", a["unit"], a["candidate"])
            )
            continue
        if alloc.holder[ui] >= 0:
            out.append(
                Violation(1, f"unit {a['unit']} is assigned more than once", a["unit"], a["candidate"])
            )
            continue
        if alloc.held[ci] >= 0:
            out.append(
                Violation(1, f"household {a['candidate']} gets more than one unit", a["unit"], a["candidate"])
            )
            continue
        if rnd.pref(ci, ui) < 0:
            out.append(
                Violation(
                    1,
                    f"household {a['candidate']} did not respond to unit {a['unit']}",
                    a["unit"],
                    a["candidate"],
                )
            )
            continue
        alloc.assign(ui, ci, a["channel"])
        passendheid[ui] = a["passendheid"]
        justification[ui] = a.get("justification")

    # rules 2 and 3
    used = {Exception_.PASSEND: 0, Exception_.DAEB: 0}
    for ui, ci in enumerate(alloc.holder):
        if ci < 0:
            continue
        c, u = rnd.candidates[ci], rnd.units[ui]
        el = eligibility(rnd, c, u)
        ch = alloc.channel[ui]
        assert ch is not None
        if el.code is not None:
            out.append(
                Violation(2, f"household {c.id} is not eligible for unit {u.id} ({el.code})", u.id, c.id)
            )
        if el.passendheid.value != passendheid[ui]:
            out.append(
                Violation(
                    2,
                    f"unit {u.id}: passendheid is {el.passendheid.value}, result says {passendheid[ui]}",
                    u.id,
                    c.id,
                )
            )
        if el.passendheid is Passendheid.NIE and not justification[ui]:
            out.append(Violation(2, f"unit {u.id}: NIE allocation without a justification code", u.id, c.id))
        if el.exception is not Exception_.NONE:
            used[el.exception] += 1
            alloc.exception[ui] = el.exception
        if ch not in u.channels:
            out.append(Violation(3, f"unit {u.id} does not list channel {ch}", u.id, c.id))
        elif not competes(c, u, ch):
            out.append(Violation(3, f"household {c.id} does not compete in {ch} for unit {u.id}", u.id, c.id))
    if used[Exception_.PASSEND] > rnd.rules.passend_exceptions:
        out.append(
            Violation(
                2,
                f"{used[Exception_.PASSEND]} non-passende allocations (NIE), budget "
                f"passend_exceptions is {rnd.rules.passend_exceptions}",
            )
        )
    if used[Exception_.DAEB] > rnd.rules.daeb_free_allocations:
        out.append(
            Violation(
                2,
                f"{used[Exception_.DAEB]} DAEB units let above the DAEB income limit, budget "
                f"daeb_free_allocations is {rnd.rules.daeb_free_allocations}",
            )
        )

    # rule 4
    caps = caps_after(rnd, alloc.holder)
    placed_complex = [0] * len(rnd.complexes)
    placed_section = [0] * len(rnd.sections)
    placed_partner: dict[tuple[int, int], int] = {}
    for ui, ci in enumerate(alloc.holder):
        if ci >= 0 and rnd.candidates[ci].target_group is not None:
            u, c = rnd.units[ui], rnd.candidates[ci]
            placed_complex[u.complex] += 1
            if u.section >= 0:
                placed_section[u.section] += 1
            if c.partner >= 0:
                placed_partner[(c.partner, u.complex)] = placed_partner.get((c.partner, u.complex), 0) + 1
    assert caps.vulnerable is not None and caps.households is not None
    for cx in rnd.complexes:
        if not placed_complex[cx.index] or not cx.mixed:
            continue
        v, h = caps.vulnerable[cx.index], caps.households[cx.index]
        cap = cx.cap_at(h)
        if cx.starts_over:
            out.append(
                Violation(
                    4,
                    f"complex {cx.id} starts above its cap ({cx.occupied_vulnerable} vulnerable of "
                    f"{cx.households} households) and received {placed_complex[cx.index]} vulnerable households",
                )
            )
        elif cap is not None and v > cap:
            out.append(
                Violation(
                    4,
                    f"complex {cx.id}: {v} vulnerable of {h} households after the round, cap {cap} "
                    f"(the share is counted over households; empty homes count in neither part)",
                )
            )
    for s in rnd.sections:
        if placed_section[s.index] and s.room < placed_section[s.index]:
            out.append(
                Violation(
                    4,
                    f"section {s.id} of complex {rnd.complexes[s.complex].id}: "
                    f"{placed_section[s.index]} vulnerable households placed, room for {s.room}",
                )
            )
    for (p, cx_i), n in placed_partner.items():
        room = rnd.partners[p].room.get(cx_i, 0)
        if n > room:
            out.append(
                Violation(
                    4,
                    f"care partner {rnd.partners[p].id} in complex {rnd.complexes[cx_i].id}: "
                    f"{n} clients placed, capacity left {room}",
                )
            )

    # rule 5
    out.extend(_rule5(rnd, rk, alloc, caps))

    # rule 6
    budget = {
        Exception_.NONE: 1,
        Exception_.PASSEND: rnd.rules.passend_exceptions - used[Exception_.PASSEND],
        Exception_.DAEB: rnd.rules.daeb_free_allocations - used[Exception_.DAEB],
    }
    for ui, u in enumerate(rnd.units):
        if alloc.holder[ui] >= 0:
            continue
        taker = _could_take(rnd, rk, alloc, caps, ui, budget)
        if taker is not None:
            who, moves = taker
            how = "which holds a home it ranked lower, could move to it" if moves else "could take it"
            out.append(Violation(6, f"unit {u.id} is empty but household {who} {how}", u.id, who))
    return out


def _rule5(rnd: Round, rk: Rankings, alloc: Allocation, caps: Any) -> list[Violation]:
    out = []
    for ui, ci in enumerate(alloc.holder):
        if ci < 0 or alloc.channel[ui] not in rnd.units[ui].channels:
            continue
        for other, code, _params in classify_passed_over(rnd, rk, alloc, caps, ui):
            if code in UNJUSTIFIED_CODES:
                u = rnd.units[ui]
                out.append(
                    Violation(
                        5,
                        f"unit {u.id} ({alloc.channel[ui]}) went to {rnd.candidates[ci].id}, passing over "
                        f"higher-ranked {rnd.candidates[other].id} who is eligible and "
                        + ("holds a home it ranked lower" if code == "ASSIGNED_EARLIER" else "got nothing"),
                        u.id,
                        rnd.candidates[other].id,
                    )
                )
    return out


def _could_take(
    rnd: Round, rk: Rankings, alloc: Allocation, caps: Any, ui: int, budget: dict[Exception_, int]
) -> tuple[str, bool] | None:
    """A household that could take the empty unit ``ui`` without breaking a rule: one without a home,
    or (strict reading of rule 6) one that holds a home it ranked lower and may move."""
    u = rnd.units[ui]
    for ci, pos in rnd.responders[ui]:
        cur = alloc.held[ci]
        if cur >= 0 and rnd.pref(ci, cur) < pos:
            continue
        c = rnd.candidates[ci]
        el = eligibility(rnd, c, u)
        freed = alloc.exception[cur] if cur >= 0 else Exception_.NONE
        if el.code is not None or budget[el.exception] + (freed is el.exception) <= 0:
            continue
        cur_channel = alloc.channel[cur] if cur >= 0 else None
        if cur >= 0:
            caps.place(c, rnd.units[cur], -1)
            alloc.holder[cur], alloc.channel[cur], alloc.held[ci] = -1, None, -1
        blocked = caps.blocked(c, u)
        if blocked is None and cur >= 0 and c.target_group is None:
            blocked = caps.leaving_breaks(rnd.units[cur])
        clean = False
        if blocked is None:
            for ch in u.channels:
                if not competes(c, u, ch):
                    continue
                alloc.assign(ui, ci, ch)
                caps.place(c, u)
                clean = not any(
                    code in UNJUSTIFIED_CODES
                    for _o, code, _p in classify_passed_over(rnd, rk, alloc, caps, ui)
                )
                caps.place(c, u, -1)
                alloc.holder[ui], alloc.channel[ui], alloc.held[ci] = -1, None, -1
                if clean:
                    break
        if cur >= 0:
            assert cur_channel is not None
            alloc.assign(cur, ci, cur_channel, freed)
            caps.place(c, rnd.units[cur])
        if clean:
            return c.id, cur >= 0
    return None
