"""Re-verify and re-measure an assignment that was changed after the engine ran (an officer's change).

:func:`reassign` takes a round and a list of assignments (unit, candidate and, where it was already
decided, the channel) and returns the result document the engine would have written for exactly
that allocation: the passendheid and justification of every assignment (``HER``/``HHV`` for urgent
households, as :func:`omkijken.engine.allocation.result.justification` proposes them), the
explanations of every pass-over, the reasons why each empty unit is empty, and the metrics (quota,
mix, objective) measured on the changed allocation, so that a changed round never shows the
figures of the proposal it replaced. With it come the hard-rule violations of :func:`verify`.

One definition of each figure: the result is built by the same ``build_result`` as the engine's own
and verified by the same verifier.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from omkijken.engine.allocation.core import Allocation, caps_after, channel_for, eligibility, rankings
from omkijken.engine.allocation.model import Round, load_round
from omkijken.engine.allocation.result import build_result
from omkijken.engine.allocation.verify import Violation, verify


@dataclass(frozen=True, slots=True)
class Reassigned:
    """A changed allocation, measured and verified."""

    result: dict[str, Any]  # the result document (``omkijken.allocation-result/1``)
    violations: list[Violation] = field(default_factory=list)  # empty: lawful under rules 1–6

    @property
    def lawful(self) -> bool:
        return not self.violations


def reassign(
    round_: Mapping[str, Any] | Round,
    assignments: Iterable[Mapping[str, Any]],
    *,
    bound: float | None = None,
    explain: bool = True,
) -> Reassigned:
    """The result document for ``assignments`` in ``round_`` and its violations of rules 1–6.

    Each assignment is ``{"unit": id, "candidate": id}`` with an optional ``"channel"``; without
    one, the channel is the one in which the household competes for the unit (DIRECT, then
    GOOD_NEIGHBOUR, then REGULAR). ``bound`` is the proven lower bound of the round (it does not
    depend on the allocation); with it, the metrics report the changed allocation's gap to it.

    An assignment that names an unknown unit or household, a unit or household twice, or a unit
    the household did not respond to is left out of the measured result and reported as a rule-1
    violation (``reassign`` never raises for bad assignments)."""
    rnd = load_round(round_)
    rk = rankings(rnd)
    alloc = Allocation.empty(rnd)
    refused: list[dict[str, Any]] = []
    for a in assignments:
        item = {"unit": str(a.get("unit")), "candidate": str(a.get("candidate"))}
        ui = rnd.unit_index.get(item["unit"])
        ci = rnd.candidate_index.get(item["candidate"])
        if ui is None or ci is None or alloc.holder[ui] >= 0 or alloc.held[ci] >= 0 or rnd.pref(ci, ui) < 0:
            refused.append(item)
            continue
        c, u = rnd.candidates[ci], rnd.units[ui]
        channel = a.get("channel") or channel_for(c, u) or u.channels[0]
        alloc.assign(ui, ci, str(channel), eligibility(rnd, c, u).exception)
    caps = caps_after(rnd, alloc.holder)
    doc = build_result(rnd, rk, alloc, caps, explain=explain)
    m = doc["metrics"]
    m["method"] = "reassigned"
    if bound is not None:
        m["bound"] = bound
        obj = m["objective"]["weighted"]
        m["gap"] = 0.0 if obj == 0 else round((obj - bound) / obj, 6)
    checked = doc
    if refused:  # the verifier names what could not be placed (rule 1)
        checked = dict(doc)
        checked["assignments"] = doc["assignments"] + [
            {**item, "channel": "REGULAR", "passendheid": "NVT", "justification": None} for item in refused
        ]
    return Reassigned(result=doc, violations=verify(rnd, checked))
