"""Outcome measures, one definition for the methods, the verifier and the bench.

* quota shortfall: sum over quotas of ``max(0, min - placed)``; ``placed`` counts assigned
  households whose ``target_group`` equals the quota's code, or every vulnerable one for ``"*"``.
* mix shortfall: sum over mixed complexes of ``max(0, floor - vulnerable_after)``, the floor
  counted over the households after the round (the ones living there plus the ones placed; a home
  left empty counts in neither part, see :mod:`omkijken.engine.allocation.mix`).
* unfilled: units without a household. rank sum: sum of assigned households' preference positions
  (0 = first choice).
* weighted objective: ``quota·W1 + mix·W2 + unfilled`` with ``W2 = units + 1`` and
  ``W1 = W2 · (sum of mixed floors with every vacancy filled + 1)``, so that the weighted order is the lexicographic one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from omkijken.engine.allocation.mix import share
from omkijken.engine.allocation.model import Round


@dataclass(frozen=True, slots=True)
class Outcome:
    quota_shortfall: int
    mix_shortfall: int
    unfilled: int
    rank_sum: int

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.quota_shortfall, self.mix_shortfall, self.unfilled)


def weights(rnd: Round) -> tuple[int, int]:
    w2 = len(rnd.units) + 1
    w1 = w2 * (sum(c.floor for c in rnd.complexes) + 1)
    return w1, w2


def weighted(rnd: Round, quota: float, mix: float, unfilled: float) -> float:
    w1, w2 = weights(rnd)
    return quota * w1 + mix * w2 + unfilled


def outcome(rnd: Round, holder: list[int]) -> Outcome:
    cands, units = rnd.candidates, rnd.units
    placed_group: dict[str, int] = {}
    vulnerable = [c.occupied_vulnerable for c in rnd.complexes]
    households = [c.households for c in rnd.complexes]
    unfilled = rank_sum = 0
    for ui, ci in enumerate(holder):
        if ci < 0:
            unfilled += 1
            continue
        c = cands[ci]
        rank_sum += rnd.pref(ci, ui)
        households[units[ui].complex] += 1
        if c.target_group is not None:
            placed_group[c.target_group] = placed_group.get(c.target_group, 0) + 1
            vulnerable[units[ui].complex] += 1
    total_v = sum(placed_group.values())
    quota = sum(
        max(0, q.min - (total_v if q.target_group == "*" else placed_group.get(q.target_group, 0)))
        for q in rnd.quotas
    )
    mix = sum(max(0, c.floor_at(households[c.index]) - vulnerable[c.index]) for c in rnd.complexes if c.mixed)
    return Outcome(quota, mix, unfilled, rank_sum)


def metrics(rnd: Round, holder: list[int]) -> dict[str, Any]:
    """The result's ``metrics`` object (without timing and bound)."""
    cands, units = rnd.candidates, rnd.units
    placed_group: dict[str, int] = {}
    vulnerable = [c.occupied_vulnerable for c in rnd.complexes]
    households = [c.households for c in rnd.complexes]
    filled = 0
    for ui, ci in enumerate(holder):
        if ci < 0:
            continue
        filled += 1
        households[units[ui].complex] += 1
        g = cands[ci].target_group
        if g is not None:
            placed_group[g] = placed_group.get(g, 0) + 1
            vulnerable[units[ui].complex] += 1
    total_v = sum(placed_group.values())
    quota = {
        q.target_group: {
            "required": q.min,
            "placed": total_v if q.target_group == "*" else placed_group.get(q.target_group, 0),
        }
        for q in rnd.quotas
    }
    mix: dict[str, Any] = {}
    for c in rnd.complexes:
        if not c.mixed or c.target is None or c.tolerance is None:
            continue
        v, h = vulnerable[c.index], households[c.index]
        floor = c.floor_at(h)
        mix[c.id] = {
            "share_after": round(share(v, h), 6),
            "target": float(c.target),
            "tolerance": float(c.tolerance),
            "vulnerable_after": v,
            "households_after": h,
            "homes": c.homes,
            "floor": floor,
            "cap": c.cap_at(h),
            "shortfall": max(0, floor - v),
        }
    o = outcome(rnd, holder)
    return {
        "filled": filled,
        "quota": quota,
        "mix": mix,
        "solve_seconds": 0.0,
        "bound": None,
        "objective": {
            "quota_shortfall": o.quota_shortfall,
            "mix_shortfall": o.mix_shortfall,
            "unfilled": o.unfilled,
            "rank_sum": o.rank_sum,
            "weighted": weighted(rnd, o.quota_shortfall, o.mix_shortfall, o.unfilled),
        },
    }
