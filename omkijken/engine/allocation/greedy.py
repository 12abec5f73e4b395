"""Today's practice, as a baseline: advert by advert.

Vacancy by vacancy in the round's order, each unit goes to its best-ranked responder in the first
of its listed channels that has one: unassigned, competing in that channel, eligible (drawing on an
exception budget while it lasts) and allowed by rule 4 at that moment. It never looks ahead, so a
household that takes an earlier, less-wanted home is passed over for a later one it preferred.
"""

from __future__ import annotations

from omkijken.engine.allocation.core import Allocation, Caps, Rankings, eligibility, plain_eligible
from omkijken.engine.allocation.model import Round, competes
from omkijken.engine.rules import Exception_


def greedy(rnd: Round, rk: Rankings) -> tuple[Allocation, Caps]:
    cands = rnd.candidates
    daeb_rent = rnd.rules.get("daeb_rent_limit")
    alloc = Allocation.empty(rnd)
    caps = Caps.counted(rnd)  # the mix counted over the households placed so far
    budget = {
        Exception_.NONE: 1 << 60,
        Exception_.PASSEND: rnd.rules.passend_exceptions,
        Exception_.DAEB: rnd.rules.daeb_free_allocations,
    }
    for ui, u in enumerate(rnd.units):
        for ch in u.channels:
            best, best_rank, best_exc = -1, -1, Exception_.NONE
            for ci, _pos in rnd.responders[ui]:
                if alloc.held[ci] >= 0:
                    continue
                c = cands[ci]
                if not competes(c, u, ch):
                    continue
                r = rk.rank(ch, ci)
                if best >= 0 and r > best_rank:
                    continue
                if plain_eligible(rnd, c, u, daeb_rent):
                    exc = Exception_.NONE
                else:
                    el = eligibility(rnd, c, u)
                    if el.code is not None or budget[el.exception] <= 0:
                        continue
                    exc = el.exception
                if caps.blocked(c, u) is not None:
                    continue
                best, best_rank, best_exc = ci, r, exc
            if best >= 0:
                alloc.assign(ui, best, ch, best_exc)
                caps.place(cands[best], u)
                budget[best_exc] -= 1
                break
    return alloc, caps
