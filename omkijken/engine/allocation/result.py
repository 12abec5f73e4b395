"""Build the result document (``omkijken.allocation-result/1``) from an allocation."""

from __future__ import annotations

from typing import Any

from omkijken.engine.allocation.core import Allocation, Caps, Rankings, eligibility
from omkijken.engine.allocation.explain import explanations, unassigned
from omkijken.engine.allocation.metrics import metrics
from omkijken.engine.allocation.model import Candidate, Round
from omkijken.engine.rules import Exception_, Passendheid

RESULT_FORMAT = "omkijken.allocation-result/1"

# VERA justification codes for a non-passende allocation: HER herstructurering, HHV herhuisvesting
# (calamity), BIJ bijzondere gezinssituatie. The engine proposes one from the household's urgency;
# the letting officer confirms it.
_JUSTIFICATION = {"HUI": "HER", "DAK": "HHV", "GEW": "HHV"}


def justification(c: Candidate) -> str:
    if c.urgency is not None and c.urgent:
        return _JUSTIFICATION.get(c.urgency.category, "BIJ")
    return "BIJ"


def build_result(
    rnd: Round, rk: Rankings, alloc: Allocation, caps: Caps, *, explain: bool = True
) -> dict[str, Any]:
    assignments: list[dict[str, Any]] = []
    for ui, ci in enumerate(alloc.holder):
        if ci < 0:
            continue
        c, u = rnd.candidates[ci], rnd.units[ui]
        el = eligibility(rnd, c, u)
        item: dict[str, Any] = {
            "unit": u.id,
            "candidate": c.id,
            "channel": alloc.channel[ui],
            "passendheid": el.passendheid.value,
            "justification": justification(c) if el.passendheid is Passendheid.NIE else None,
        }
        if el.exception is Exception_.DAEB:
            item["daeb_free_allocation"] = True
        assignments.append(item)
    return {
        "format": RESULT_FORMAT,
        "round": rnd.id,
        "assignments": assignments,
        "unassigned_units": unassigned(rnd, alloc, caps) if explain else [],
        "explanations": explanations(rnd, rk, alloc, caps) if explain else [],
        "metrics": metrics(rnd, alloc.holder),
    }
