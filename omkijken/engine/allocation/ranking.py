"""One unit's responders, ranked as the engine ranks them: the single source of the ranking that the
letting application shows (the single-vacancy ranking page) and uses (an officer's change of a
round), so that the law lives in one place (``core.eligibility``, ``core.Rankings``, ``competes``).

Order of the rows: responders eligible without an exception first, then the others; inside each
group by channel (DIRECT, GOOD_NEIGHBOUR, REGULAR) and then by the channel's ranking. A unit open to
GOOD_NEIGHBOUR and REGULAR thus lists approved good neighbours before everyone else, as the fill
ranks them. ``position`` counts the eligible rows (1 = first) in that order.

A household that competes in none of the unit's channels has ``channel`` None and code
``CHANNEL``; it is listed among the ineligible rows by its own side's ranking (DIRECT for a
household with a target group, REGULAR otherwise). The engine has no household-facing sentence for
that case yet, so ``reason`` and ``reason_en`` are empty and ``params`` names the unit's channels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from omkijken.engine.allocation.core import (
    CHANNEL_ORDER,
    Rankings,
    channel_for,
    eligibility,
    exception_code,
    rankings,
)
from omkijken.engine.allocation.model import (
    DIRECT,
    REGULAR,
    Round,
    load_round,
)
from omkijken.engine.rules import Exception_
from omkijken.engine.texts import passed_over_text

Params = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class RankedResponder:
    """One responder of one unit, in the engine's order."""

    candidate: str  # the candidate's id in the round document
    position: int | None  # 1 = first eligible responder; None when not eligible without an exception
    channel: str | None  # the channel it competes in for this unit; None: in none of them
    eligible: bool  # eligible without drawing on an exception budget
    code: str | None  # None when eligible; SIZE, NEEDS, PASSEND, DAEB (rule 2) or CHANNEL (rule 3)
    reason: str  # Dutch, addressed to the household (the engine's texts); "" when eligible
    reason_en: str
    params: Params  # the parameters of the reason text
    passendheid: str  # PAS, NIE or NVT, as an allocation of this unit to it would be marked
    exception: str | None  # PASSEND or DAEB: the exception budget it would need; None: none


def rank_unit(rnd: Round, rk: Rankings, unit: int) -> list[RankedResponder]:
    """:func:`rank_responders` for a loaded round, its rankings and a unit index."""
    u = rnd.units[unit]
    order = {ch: i for i, ch in enumerate(CHANNEL_ORDER)}
    keyed: list[tuple[tuple[int, int, int], RankedResponder]] = []
    for ci, _pos in rnd.responders[unit]:
        c = rnd.candidates[ci]
        el = eligibility(rnd, c, u)
        channel = channel_for(c, u)
        exception = None if el.exception is Exception_.NONE else exception_code(el.exception)
        code: str | None
        params: Params
        if channel is None:
            code, params, nl, en = "CHANNEL", (("channels", ", ".join(u.channels)),), "", ""
        else:
            code = el.code if el.code is not None else exception
            params = el.params
            nl = en = ""
            if code is not None:
                _rule, nl, en = passed_over_text(code, params)
        eligible = code is None
        side = channel or (DIRECT if c.target_group is not None else REGULAR)
        row = RankedResponder(
            candidate=c.id,
            position=None,
            channel=channel,
            eligible=eligible,
            code=code,
            reason=nl,
            reason_en=en,
            params=params if code is not None else (),
            passendheid=el.passendheid.value,
            exception=exception if el.code is None else None,
        )
        keyed.append(((0 if eligible else 1, order[side], rk.rank(side, ci)), row))
    keyed.sort(key=lambda k: k[0])
    out: list[RankedResponder] = []
    position = 0
    for _key, row in keyed:
        if row.eligible:
            position += 1
            row = replace(row, position=position)
        out.append(row)
    return out


def rank_responders(round_: Mapping[str, Any] | Round, unit: str) -> list[RankedResponder]:
    """Every household that responded to ``unit`` (its id), in the engine's order (module doc),
    each with its channel, whether it is eligible, why not (code and the engine's Dutch and English
    text), its passendheid and the exception it would need. Raises ``KeyError`` for an unknown
    unit id and :class:`RoundError` for an invalid round."""
    rnd = load_round(round_)
    return rank_unit(rnd, rankings(rnd), rnd.unit_index[unit])
