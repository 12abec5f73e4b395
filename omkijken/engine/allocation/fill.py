"""Priority-respecting fill of the channels, given each multi-channel unit's label.

Two sides compete for disjoint households: the *direct* side (DIRECT channel, households with a
target group) and the *open* side (REGULAR and GOOD_NEIGHBOUR, households without one).

* Direct side: **serial dictatorship** in DIRECT order (nomination date, id). Each nominee takes its
  most preferred unit that is open to the direct side, still free, for which it is eligible, and that
  rule 4 allows now. Rule 4's rooms only shrink as vulnerable households are placed, so a nominee
  who did not take a unit it prefers was blocked by rule 4 then and is still blocked in the final
  state (plus any swap): rule 5 holds by construction.
* Open side: household-proposing **deferred acceptance**. A unit's priority is its channel's
  ranking; a unit open to both GOOD_NEIGHBOUR and REGULAR ranks approved good neighbours first (in
  GOOD_NEIGHBOUR order), then everyone else (in REGULAR order), and goes to the GOOD_NEIGHBOUR
  channel when its holder is an approved good neighbour. The result is stable: no household that
  ranks higher, is eligible and prefers the unit to what it holds is passed over (rule 5).
* No waste (rule 6), :func:`fill`: a multi-channel unit that its direct label leaves empty moves to
  the open side; an open unit left empty that an unassigned nominee could take is *pinned* to the
  direct side and the direct side is filled again. Labels other than pins only ever move from
  direct to open, and the open side only gains units (or loses pinned units that nobody proposed
  to), so every open household is weakly better off in each pass; each pass pins at least one new
  unit or stops, so the loop ends after at most (number of multi-channel units + 1) passes.
* Exception budgets (``passend_exceptions``, ``daeb_free_allocations``): an allocation that needs
  one is a last resort. After the fixpoint, units still empty are offered, in unit order and in each
  unit's channel order (approved good neighbours before REGULAR, as on the open side), to the
  best-ranked unassigned household that competes in that channel (``core.channel_for``) and needs
  an exception, while the budget lasts and the placement passes nobody with more priority (neither
  a household that got nothing nor one that holds a home it ranked lower).
"""

from __future__ import annotations

from fractions import Fraction

from omkijken.engine.allocation.core import (
    Allocation,
    Caps,
    Rankings,
    channel_for,
    eligibility,
    plain_eligible,
)
from omkijken.engine.allocation.explain import UNJUSTIFIED_CODES, classify_passed_over
from omkijken.engine.allocation.model import DIRECT, GOOD_NEIGHBOUR, REGULAR, Round
from omkijken.engine.rules import Exception_

NO, ALWAYS, IF_NEEDED = 0, 1, 2


def has_open(channels: tuple[str, ...]) -> bool:
    return REGULAR in channels or GOOD_NEIGHBOUR in channels


def serial_dictatorship(rnd: Round, rk: Rankings, avail: list[int], steer: bool) -> tuple[list[int], Caps]:
    """The direct side. ``avail[u]``: NO, ALWAYS, or IF_NEEDED (open to the direct side only while
    some quota is unmet or its mixed complex is below target; that need only falls as nominees are
    placed, so availability only shrinks and rule 5 still holds)."""
    units, cands = rnd.units, rnd.candidates
    daeb_rent = rnd.rules.get("daeb_rent_limit")
    caps = Caps.initial(rnd)
    holder = [-1] * len(units)
    quota_left = {q.target_group: q.min for q in rnd.quotas}
    open_quotas = sum(1 for v in quota_left.values() if v > 0)
    vulnerable = [c.occupied_vulnerable for c in rnd.complexes]
    target_count = [(c.target * c.homes) if c.target is not None else Fraction(-1) for c in rnd.complexes]
    for ci in rk.direct_order:
        c = cands[ci]
        for ui in c.responses:
            a = avail[ui]
            if a == NO or holder[ui] >= 0:
                continue
            u = units[ui]
            if (
                a == IF_NEEDED
                and steer
                and open_quotas == 0
                and not vulnerable[u.complex] < target_count[u.complex]
            ):
                continue
            if not plain_eligible(rnd, c, u, daeb_rent) or caps.blocked(c, u) is not None:
                continue
            holder[ui] = ci
            caps.place(c, u)
            vulnerable[u.complex] += 1
            for g in (c.target_group, "*"):
                left = quota_left.get(g or "")
                if left is not None and left > 0:
                    quota_left[g or ""] = left - 1
                    if left == 1:
                        open_quotas -= 1
            break
    return holder, caps


def deferred_acceptance(rnd: Round, rk: Rankings, is_open: list[bool]) -> tuple[list[int], list[str | None]]:
    """The open side: household-proposing deferred acceptance over the units with ``is_open``."""
    units, cands = rnd.units, rnd.candidates
    daeb_rent = rnd.rules.get("daeb_rent_limit")
    big = len(cands)
    gn_rank, reg_rank = rk.good_neighbour, rk.regular
    holder = [-1] * len(units)
    hkey = [0] * len(units)
    nxt = [0] * len(cands)
    stack = [c.index for c in reversed(cands) if c.target_group is None and c.responses]
    while stack:
        ci = stack.pop()
        c = cands[ci]
        resp = c.responses
        i = nxt[ci]
        while i < len(resp):
            ui = resp[i]
            i += 1
            if not is_open[ui]:
                continue
            u = units[ui]
            chs = u.channels
            if GOOD_NEIGHBOUR in chs and u.complex in c.good_neighbour:
                key = gn_rank[ci]
            elif REGULAR in chs:
                key = big + reg_rank[ci]
            else:
                continue
            h = holder[ui]
            if h >= 0 and key > hkey[ui]:
                continue
            if not plain_eligible(rnd, c, u, daeb_rent):
                continue
            holder[ui] = ci
            hkey[ui] = key
            nxt[ci] = i
            if h >= 0:
                stack.append(h)
            break
        else:
            nxt[ci] = i
    channel: list[str | None] = [None] * len(units)
    for ui, h in enumerate(holder):
        if h >= 0:
            channel[ui] = GOOD_NEIGHBOUR if hkey[ui] < big else REGULAR
    return holder, channel


def fill(rnd: Round, rk: Rankings, direct_allowed: list[bool], steer: bool) -> tuple[Allocation, int]:
    """Fill both sides for the given labels, then repair to the no-waste fixpoint (see module doc).

    ``direct_allowed[u]`` says whether a multi-channel unit may go DIRECT. Returns the allocation
    and the number of passes."""
    units, cands = rnd.units, rnd.candidates
    daeb_rent = rnd.rules.get("daeb_rent_limit")
    n = len(units)
    multi = [DIRECT in u.channels and has_open(u.channels) for u in units]
    allowed = [multi[i] and direct_allowed[i] for i in range(n)]
    pinned = [False] * n
    passes = 0
    while True:
        passes += 1
        avail = [NO] * n
        for i, u in enumerate(units):
            if DIRECT in u.channels:
                if not multi[i] or pinned[i]:
                    avail[i] = ALWAYS
                elif allowed[i]:
                    avail[i] = IF_NEEDED
        d_holder, caps = serial_dictatorship(rnd, rk, avail, steer)
        allowed = [multi[i] and d_holder[i] >= 0 for i in range(n)]
        is_open = [has_open(u.channels) and d_holder[i] < 0 and not pinned[i] for i, u in enumerate(units)]
        o_holder, o_channel = deferred_acceptance(rnd, rk, is_open)
        assigned = [False] * len(cands)
        for h in d_holder:
            if h >= 0:
                assigned[h] = True
        new_pins = False
        for i, u in enumerate(units):
            if not (is_open[i] and o_holder[i] < 0 and DIRECT in u.channels):
                continue
            for ci, _pos in rnd.responders[i]:
                c = cands[ci]
                if (
                    c.target_group is not None
                    and not assigned[ci]
                    and plain_eligible(rnd, c, u, daeb_rent)
                    and caps.blocked(c, u) is None
                ):
                    pinned[i] = True
                    new_pins = True
                    break
        if not new_pins:
            break
    alloc = Allocation.empty(rnd)
    for i in range(n):
        if d_holder[i] >= 0:
            alloc.assign(i, d_holder[i], DIRECT)
        elif o_holder[i] >= 0:
            ch = o_channel[i]
            assert ch is not None
            alloc.assign(i, o_holder[i], ch)
    exception_fill(rnd, rk, alloc, caps)
    return alloc, passes


def exception_fill(rnd: Round, rk: Rankings, alloc: Allocation, caps: Caps) -> None:
    """Last resort: offer still-empty units to unassigned households that need an exception."""
    budget = {
        Exception_.PASSEND: rnd.rules.passend_exceptions - alloc.exception.count(Exception_.PASSEND),
        Exception_.DAEB: rnd.rules.daeb_free_allocations - alloc.exception.count(Exception_.DAEB),
    }
    if budget[Exception_.PASSEND] <= 0 and budget[Exception_.DAEB] <= 0:
        return
    cands = rnd.candidates
    for ui, u in enumerate(rnd.units):
        if alloc.holder[ui] >= 0:
            continue
        done = False
        # the unit's channels in its order, but good neighbours before REGULAR (the open side's
        # priority), and each household only in the channel it competes in (``channel_for``), so
        # that an approved good neighbour gets the home through GOOD_NEIGHBOUR, as in the fill
        channels = sorted(u.channels, key=lambda ch: (_side_of(ch, u.channels), ch != GOOD_NEIGHBOUR))
        for ch in channels:
            best, best_rank, best_exc = -1, -1, Exception_.NONE
            for ci, _pos in rnd.responders[ui]:
                c = cands[ci]
                if alloc.held[ci] >= 0 or channel_for(c, u) != ch:
                    continue
                el = eligibility(rnd, c, u)
                if el.code is not None or el.exception is Exception_.NONE or budget[el.exception] <= 0:
                    continue
                if caps.blocked(c, u) is not None:
                    continue
                r = rk.rank(ch, ci)
                if best < 0 or r < best_rank:
                    best, best_rank, best_exc = ci, r, el.exception
            if best < 0:
                continue
            alloc.assign(ui, best, ch, best_exc)
            caps.place(cands[best], u)
            # nobody with more priority may be passed over: neither a household that got nothing nor
            # one that holds a home it ranked lower (rule 5, as the verifier reads it)
            passed = classify_passed_over(rnd, rk, alloc, caps, ui)
            if any(code in UNJUSTIFIED_CODES for _c, code, _p in passed):
                caps.place(cands[best], u, -1)
                alloc.holder[ui], alloc.channel[ui], alloc.held[best] = -1, None, -1
                alloc.exception[ui] = Exception_.NONE
                continue
            budget[best_exc] -= 1
            done = True
            break
        if done and budget[Exception_.PASSEND] <= 0 and budget[Exception_.DAEB] <= 0:
            return


def _side_of(ch: str, channels: tuple[str, ...]) -> int:
    """Position of ``ch``'s side (direct or open) among the unit's channels."""
    direct = ch == DIRECT
    return next(i for i, other in enumerate(channels) if (other == DIRECT) == direct)
