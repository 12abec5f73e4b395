"""Explanations: why each higher-ranked responder was passed over, and why each empty unit is empty.

The same classification is the verifier's rule-5 test: a pass-over that no rule explains is coded
``UNJUSTIFIED`` (nothing held) or ``ASSIGNED_EARLIER`` (holds a home it ranked lower).
"""

from __future__ import annotations

from typing import Any

from omkijken.engine.allocation.core import Allocation, Caps, Rankings, eligibility, exception_code
from omkijken.engine.allocation.model import Round, competes
from omkijken.engine.rules import Exception_
from omkijken.engine.texts import passed_over_text, unassigned_text

Params = tuple[tuple[str, str], ...]
UNJUSTIFIED_CODES = frozenset({"UNJUSTIFIED", "ASSIGNED_EARLIER"})


def swap_blocked(rnd: Round, alloc: Allocation, caps: Caps, cand: int, unit: int) -> str | None:
    """Would giving ``unit`` to ``cand`` (its holder out, ``cand`` leaving its own unit) break rule 4?"""
    c, u = rnd.candidates[cand], rnd.units[unit]
    h = alloc.holder[unit]
    cur = alloc.held[cand]
    if c.target_group is None:
        # a regular household moving out of its complex can leave that complex over its cap
        if cur < 0 or caps.households is None or rnd.units[cur].complex == u.complex:
            return None
        caps.place(c, rnd.units[cur], -1)
        leaves = caps.leaving_breaks(rnd.units[cur])
        caps.place(c, rnd.units[cur])
        return leaves
    if h >= 0:
        caps.place(rnd.candidates[h], u, -1)
    if cur >= 0:
        caps.place(c, rnd.units[cur], -1)
    blocked = caps.blocked(c, u)
    if cur >= 0:
        caps.place(c, rnd.units[cur])
    if h >= 0:
        caps.place(rnd.candidates[h], u)
    return blocked


def classify_passed_over(
    rnd: Round, rk: Rankings, alloc: Allocation, caps: Caps, unit: int
) -> list[tuple[int, str, Params]]:
    """Every responder that ranks above the holder in the unit's channel, with why it was passed;
    plus responders who compete only in another of the unit's channels and wanted it (code ``CHANNEL``
    or the rule-4 code that kept the unit from their channel)."""
    h = alloc.holder[unit]
    ch = alloc.channel[unit]
    if h < 0 or ch is None:
        return []
    u = rnd.units[unit]
    limit = rk.rank(ch, h)
    out: list[tuple[int, str, Params]] = []
    for ci, pos in rnd.responders[unit]:
        if ci == h:
            continue
        c = rnd.candidates[ci]
        if not competes(c, u, ch):
            # competes only in another of the unit's channels: not passed over in the sense of
            # rule 5, but a household that wanted it is told why (rule 4, or the channel decision)
            cur = alloc.held[ci]
            if (cur < 0 or rnd.pref(ci, cur) > pos) and any(competes(c, u, o) for o in u.channels):
                el = eligibility(rnd, c, u)
                if el.plain:
                    blocked = swap_blocked(rnd, alloc, caps, ci, unit)
                    out.append(
                        (
                            ci,
                            blocked or "CHANNEL",
                            (("channel", ch),) if not blocked else (),
                        )
                    )
            continue
        if rk.rank(ch, ci) > limit:
            continue
        el = eligibility(rnd, c, u)
        if el.code is not None:
            out.append((ci, el.code, el.params))
            continue
        if el.exception is not Exception_.NONE:
            out.append((ci, exception_code(el.exception), el.params))
            continue
        cur = alloc.held[ci]
        if cur >= 0 and rnd.pref(ci, cur) < pos:
            out.append((ci, "PREFERRED_OTHER", ()))
            continue
        blocked = swap_blocked(rnd, alloc, caps, ci, unit)
        if blocked is not None:
            out.append((ci, blocked, ()))
            continue
        out.append((ci, "ASSIGNED_EARLIER" if cur >= 0 else "UNJUSTIFIED", ()))
    return out


def classify_empty(rnd: Round, alloc: Allocation, caps: Caps, unit: int) -> tuple[str, Params]:
    """Why ``unit`` is empty, as a code for :data:`omkijken.engine.texts.UNASSIGNED`."""
    u = rnd.units[unit]
    resp = rnd.responders[unit]
    if not resp:
        return "NO_RESPONSES", ()
    budget = {
        Exception_.PASSEND: rnd.rules.passend_exceptions - alloc.exception.count(Exception_.PASSEND),
        Exception_.DAEB: rnd.rules.daeb_free_allocations - alloc.exception.count(Exception_.DAEB),
    }
    competing = eligible = 0
    blocked = exception = elsewhere = preferred = free = 0
    for ci, pos in resp:
        c = rnd.candidates[ci]
        if not any(competes(c, u, ch) for ch in u.channels):
            continue
        competing += 1
        el = eligibility(rnd, c, u)
        if el.code is not None:
            continue
        eligible += 1
        cur = alloc.held[ci]
        if cur >= 0:
            elsewhere += 1
            preferred += rnd.pref(ci, cur) < pos
        elif el.exception is not Exception_.NONE and budget[el.exception] <= 0:
            exception += 1
        elif caps.blocked(c, u) is not None:
            blocked += 1
        else:
            free += 1
    if competing == 0:
        return "NO_COMPETITORS", (("channels", ", ".join(u.channels)),)
    if eligible == 0:
        return "NO_ELIGIBLE", (("n", str(competing)),)
    if free:
        return "NOT_FILLED", ()
    if blocked:
        return "BLOCKED_MIX", ()
    if exception:
        return "EXCEPTION_BUDGET", ()
    if preferred == elsewhere:
        return "ALL_PREFERRED_OTHER", (("n", str(elsewhere)),)
    # rule 6, strict reading: a household that holds a home it ranked lower would have moved here
    # had no rule stopped it (the mix, a section or partner cap, another's priority, the budget)
    return "MOVE_BLOCKED", (("n", str(elsewhere - preferred)),)


def explanations(rnd: Round, rk: Rankings, alloc: Allocation, caps: Caps) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cands = rnd.candidates
    for ui, u in enumerate(rnd.units):
        if alloc.holder[ui] < 0:
            continue
        entries = []
        for ci, code, params in classify_passed_over(rnd, rk, alloc, caps, ui):
            rule, nl, en = passed_over_text(code, params)
            entries.append(
                {"candidate": cands[ci].id, "reason": nl, "reason_en": en, "code": code, "rule": rule}
            )
        if entries:
            out.append({"unit": u.id, "passed_over": entries})
    return out


def unassigned(rnd: Round, alloc: Allocation, caps: Caps) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for ui, u in enumerate(rnd.units):
        if alloc.holder[ui] >= 0:
            continue
        code, params = classify_empty(rnd, alloc, caps, ui)
        nl, en = unassigned_text(code, params)
        out.append({"unit": u.id, "reason": nl, "reason_en": en, "code": code})
    return out
