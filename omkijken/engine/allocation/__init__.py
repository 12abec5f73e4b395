"""The allocation engine's public API (pure Python, no Django).

    from omkijken.engine.allocation import allocate, verify, load_round, RoundError

* ``load_round(doc) -> Round``: validate a round document (``omkijken.allocation-round/1``) and
  build the model; raises :class:`RoundError` with ``.path`` (a JSON path such as
  ``candidates[12].responses[3]``) and ``.message``.
* ``allocate(round, method="optimal") -> dict``: the result document
  (``omkijken.allocation-result/1``) as a dict. ``round`` is a document or a :class:`Round`.
  ``method`` is ``"optimal"`` (rules 1–6 by construction, optimised channel decision, with a proved
  bound) or ``"greedy"`` (today's advert-by-advert practice, a baseline).
* ``verify(round, result) -> list[Violation]``: every violation of hard rules 1–6; empty when lawful.
* ``rank_responders(round, unit_id) -> list[RankedResponder]``: one unit's responders in the
  engine's order, each with its position, channel, eligibility, reason (code, Dutch and English
  text), passendheid and the exception it would need; the letting application's ranking page uses
  it, so that eligibility and ranking have one definition.
* ``reassign(round, assignments, bound=None) -> Reassigned``: the result document the engine would
  write for a changed allocation (passendheid, justification, explanations, mix, quota and
  objective measured on it) with its violations of rules 1–6 (``.result``, ``.violations``).
* ``household_outcomes(round, result) -> dict[str, HouseholdOutcome]``: per responding household,
  the home it got and, per home it wanted more, the reason code and the household's own parameters
  (what an explanation letter may say); see :mod:`omkijken.engine.allocation.outcomes`.

* ``mix``: hard rule 4's count (``share``, ``vulnerable_cap``, ``vulnerable_floor``,
  ``may_place_vulnerable``, ``mix_shortfall``): the vulnerable share over households, empty homes in
  neither part; the letting application's mix figures and channel proposal use it.

These names and their signatures are stable; everything else in the package is internal.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from omkijken.engine.allocation import mix
from omkijken.engine.allocation.core import caps_after, rankings
from omkijken.engine.allocation.model import Round, RoundError, load_round
from omkijken.engine.allocation.outcomes import HouseholdOutcome, UnitOutcome, household_outcomes
from omkijken.engine.allocation.ranking import RankedResponder, rank_responders
from omkijken.engine.allocation.reassign import Reassigned, reassign
from omkijken.engine.allocation.result import build_result
from omkijken.engine.allocation.verify import Violation, verify

METHODS = ("optimal", "greedy")

__all__ = [
    "METHODS",
    "HouseholdOutcome",
    "RankedResponder",
    "Reassigned",
    "Round",
    "RoundError",
    "UnitOutcome",
    "Violation",
    "allocate",
    "household_outcomes",
    "load_round",
    "mix",
    "rank_responders",
    "reassign",
    "verify",
]


def allocate(
    round_: Mapping[str, Any] | Round, method: str = "optimal", *, explain: bool = True
) -> dict[str, Any]:
    """Allocate one round and return the result document."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    rnd = load_round(round_)
    start = time.perf_counter()
    rk = rankings(rnd)
    extra: dict[str, Any]
    if method == "greedy":
        from omkijken.engine.allocation.greedy import greedy

        alloc, caps = greedy(rnd, rk)
        extra = {"bound": None, "method": "greedy"}
    else:
        from omkijken.engine.allocation.optimal import optimal

        sol = optimal(rnd, rk)
        alloc, caps = sol.alloc, sol.caps
        b = sol.bound
        extra = {
            "bound": b.weighted,
            "bounds": {
                "quota_shortfall": b.quota_shortfall,
                "mix_shortfall": b.mix_shortfall,
                "unfilled": b.unfilled,
            },
            "method": "optimal",
            "strategy": sol.strategy,
            "tried": {
                k: dict(zip(("quota_shortfall", "mix_shortfall", "unfilled", "rank_sum"), v, strict=True))
                for k, v in sol.tried.items()
            },
        }
    solve_seconds = time.perf_counter() - start
    caps = caps_after(rnd, alloc.holder)
    doc = build_result(rnd, rk, alloc, caps, explain=explain)
    m = doc["metrics"]
    m["solve_seconds"] = round(solve_seconds, 4)
    m.update(extra)
    if m.get("bound") is not None:
        obj = m["objective"]["weighted"]
        m["gap"] = 0.0 if obj == 0 else round((obj - m["bound"]) / obj, 6)
    return doc
