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
* The mix is counted over households (:mod:`.mix`): see :func:`fill` for how the direct side plans
  the households the open side will add.
* Strict no waste and exception budgets, :func:`repair`: after the fixpoint, every unit still empty
  is offered to the best-ranked household that could take it without breaking a rule, also one
  that holds a home it ranked lower (it moves, and the home it leaves is offered in turn), or one
  that needs an exception while the budget lasts (a last resort: only where nobody else could).
"""

from __future__ import annotations

from fractions import Fraction

from omkijken.engine.allocation.core import (
    Allocation,
    Caps,
    Rankings,
    caps_after,
    channel_for,
    eligibility,
    mix_violations,
    plain_eligible,
)
from omkijken.engine.allocation.explain import UNJUSTIFIED_CODES, classify_passed_over
from omkijken.engine.allocation.model import DIRECT, GOOD_NEIGHBOUR, REGULAR, Round, competes
from omkijken.engine.rules import Exception_

NO, ALWAYS, IF_NEEDED = 0, 1, 2


def has_open(channels: tuple[str, ...]) -> bool:
    return REGULAR in channels or GOOD_NEIGHBOUR in channels


def serial_dictatorship(
    rnd: Round, rk: Rankings, avail: list[int], steer: bool, filled: list[int] | None = None
) -> tuple[list[int], Caps]:
    """The direct side. ``avail[u]``: NO, ALWAYS, or IF_NEEDED (open to the direct side only while
    some quota is unmet or its mixed complex is below target; that need only falls as nominees are
    placed, so availability only shrinks and rule 5 still holds). ``filled[c]``: how many of complex
    ``c``'s vacancies the rooms count as getting a household (default all; see :func:`fill`)."""
    units, cands = rnd.units, rnd.candidates
    daeb_rent = rnd.rules.get("daeb_rent_limit")
    caps = Caps.initial(rnd, filled)
    holder = [-1] * len(units)
    quota_left = {q.target_group: q.min for q in rnd.quotas}
    open_quotas = sum(1 for v in quota_left.values() if v > 0)
    vulnerable = [c.occupied_vulnerable for c in rnd.complexes]
    target_count = [
        (c.target * (c.households + (c.vacancies if filled is None else filled[c.index])))
        if c.target is not None
        else Fraction(-1)
        for c in rnd.complexes
    ]
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


def fillable(rnd: Round) -> list[int]:
    """Per complex: its vacancies that some responder competes for and is eligible for (with an
    exception while a budget exists). The others stay empty in every allocation, so the most
    households a complex can have after the round is its households plus this number."""
    daeb_rent = rnd.rules.get("daeb_rent_limit")
    any_budget = rnd.rules.passend_exceptions > 0 or rnd.rules.daeb_free_allocations > 0
    out = [0] * len(rnd.complexes)
    for ui, u in enumerate(rnd.units):
        for ci, _pos in rnd.responders[ui]:
            c = rnd.candidates[ci]
            if not any(competes(c, u, ch) for ch in u.channels):
                continue
            if plain_eligible(rnd, c, u, daeb_rent) or (any_budget and eligibility(rnd, c, u).code is None):
                out[u.complex] += 1
                break
    return out


def fill(
    rnd: Round, rk: Rankings, direct_allowed: list[bool], steer: bool, plan: list[int] | None = None
) -> tuple[Allocation, int]:
    """Fill both sides for the given labels, then repair to the no-waste fixpoint (see module doc).

    ``direct_allowed[u]`` says whether a multi-channel unit may go DIRECT. Returns the allocation
    and the number of passes.

    The mix share is counted over the households after the round (:mod:`.mix`), which the direct
    side cannot know before the open side is filled. The direct side therefore plans with a number
    of filled vacancies per complex: first every vacancy that can be filled at all; when the finished allocation leaves a
    complex over its cap because fewer homes were filled, that complex is planned again with the
    number actually filled, and both sides are filled again. The planned numbers only fall, and with
    the actual number (or fewer) the cap holds, so this ends, lawful. Last, :func:`repair` fills what
    is still empty by the strict rule 6 (counted over the households actually placed). ``plan``:
    the filled vacancies to start from (default :func:`fillable`; more than can be filled only costs
    passes)."""
    filled = list(plan) if plan is not None else fillable(rnd)
    passes = 0
    while True:
        alloc, n = _fill_planned(rnd, rk, direct_allowed, steer, filled)
        passes += n
        over = mix_violations(rnd, alloc.holder)
        if not over:
            break
        actual = [0] * len(rnd.complexes)
        for ui, ci in enumerate(alloc.holder):
            if ci >= 0:
                actual[rnd.units[ui].complex] += 1
        for cx in over:
            filled[cx] = min(filled[cx] - 1, actual[cx])
    repair(rnd, rk, alloc)
    return alloc, passes


def _fill_planned(
    rnd: Round, rk: Rankings, direct_allowed: list[bool], steer: bool, filled: list[int]
) -> tuple[Allocation, int]:
    """Both sides and the pins, with the direct side's rooms planned on ``filled``."""
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
        d_holder, caps = serial_dictatorship(rnd, rk, avail, steer, filled)
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
    return alloc, passes


def repair(rnd: Round, rk: Rankings, alloc: Allocation) -> None:
    """No waste, strictly (rule 6): every unit still empty is offered, in unit order and in each
    unit's channel order (approved good neighbours before REGULAR, as on the open side), to the
    best-ranked household that competes in that channel (``core.channel_for``), is eligible (or needs
    an exception while the budget lasts) and either has no home yet or holds one it ranked lower;
    it takes the unit when rule 4 allows it (counted over the households actually placed, the home
    it leaves included) and nobody with more priority is passed over (neither a household that got
    nothing nor one that holds a home it ranked lower). A home a household leaves is offered in turn.
    Each move gives a household a home it prefers or gives a home to one without, so this ends."""
    import heapq

    caps = caps_after(rnd, alloc.holder)
    budget = {
        Exception_.NONE: 1 << 60,
        Exception_.PASSEND: rnd.rules.passend_exceptions - alloc.exception.count(Exception_.PASSEND),
        Exception_.DAEB: rnd.rules.daeb_free_allocations - alloc.exception.count(Exception_.DAEB),
    }
    cands = rnd.candidates
    queue = [ui for ui in range(len(rnd.units)) if alloc.holder[ui] < 0 and rnd.responders[ui]]
    heapq.heapify(queue)
    moved = False
    while True:
        if not queue:
            if not moved:
                break
            # a move can open a unit handled before (a regular household placed makes room for a
            # vulnerable one): sweep the empty units again until a sweep moves nobody
            moved = False
            queue = [ui for ui in range(len(rnd.units)) if alloc.holder[ui] < 0 and rnd.responders[ui]]
            heapq.heapify(queue)
            continue
        ui = heapq.heappop(queue)
        if alloc.holder[ui] >= 0:
            continue
        u = rnd.units[ui]
        channels = sorted(u.channels, key=lambda ch: (_side_of(ch, u.channels), ch != GOOD_NEIGHBOUR))
        done = False
        for ch in channels:
            options = []
            for ci, pos in rnd.responders[ui]:
                c = cands[ci]
                cur = alloc.held[ci]
                if cur >= 0 and rnd.pref(ci, cur) < pos:
                    continue
                if channel_for(c, u) != ch:
                    continue
                el = eligibility(rnd, c, u)
                if el.code is not None:
                    continue
                # an exception is a last resort: households that need none first
                options.append((el.exception is not Exception_.NONE, rk.rank(ch, ci), ci, el))
            options.sort(key=lambda o: o[:3])
            for _e, _r, ci, el in options:
                c = cands[ci]
                cur = alloc.held[ci]
                freed = alloc.exception[cur] if cur >= 0 else Exception_.NONE
                ch_cur = alloc.channel[cur] if cur >= 0 else None
                if (
                    el.exception is not Exception_.NONE
                    and budget[el.exception] + (freed is el.exception) <= 0
                ):
                    continue
                if move_blocked(rnd, alloc, caps, ci, ui) is not None:
                    continue
                if cur >= 0:
                    caps.place(c, rnd.units[cur], -1)
                    alloc.holder[cur], alloc.channel[cur] = -1, None
                    alloc.exception[cur] = Exception_.NONE
                alloc.assign(ui, ci, ch, el.exception)
                caps.place(c, u)
                passed = classify_passed_over(rnd, rk, alloc, caps, ui)
                if any(code in UNJUSTIFIED_CODES for _c, code, _p in passed):
                    caps.place(c, u, -1)
                    alloc.holder[ui], alloc.channel[ui], alloc.held[ci] = -1, None, -1
                    alloc.exception[ui] = Exception_.NONE
                    if cur >= 0:
                        assert ch_cur is not None
                        alloc.assign(cur, ci, ch_cur, freed)
                        caps.place(c, rnd.units[cur])
                    continue
                budget[freed] += 1
                budget[el.exception] -= 1
                if cur >= 0:
                    heapq.heappush(queue, cur)
                done = moved = True
                break
            if done:
                break


def move_blocked(rnd: Round, alloc: Allocation, caps: Caps, cand: int, unit: int) -> str | None:
    """Would ``cand`` taking the empty ``unit`` (leaving the home it holds, if any) break rule 4?
    Counted mode: the household joins ``unit``'s complex and leaves its own."""
    c, u = rnd.candidates[cand], rnd.units[unit]
    cur = alloc.held[cand]
    if cur >= 0:
        caps.place(c, rnd.units[cur], -1)
    blocked = caps.blocked(c, u)
    if blocked is None and cur >= 0 and c.target_group is None:
        blocked = caps.leaving_breaks(rnd.units[cur])
    if cur >= 0:
        caps.place(c, rnd.units[cur])
    return blocked


def _side_of(ch: str, channels: tuple[str, ...]) -> int:
    """Position of ``ch``'s side (direct or open) among the unit's channels."""
    direct = ch == DIRECT
    return next(i for i, other in enumerate(channels) if (other == DIRECT) == direct)
