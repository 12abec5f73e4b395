"""Assessing one pair and matching per complex as a min-cost flow (OR-Tools)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

from omkijken.engine.buddies.model import (
    MAX_COUNTED_INTERESTS,
    MAX_COUNTED_SLOTS,
    POINTS_PER_SHARED_INTEREST,
    POINTS_PER_SHARED_SLOT,
    POINTS_SAME_COMPLEX,
    POINTS_SAME_SECTION,
    POINTS_SHARED_LANGUAGE,
    Assessment,
    MatchPlan,
    Neighbour,
    Objective,
    Proposal,
    Reason,
    ReasonCode,
    Section,
    Seeker,
    Unmatched,
)
from omkijken.engine.buddies.vocab import _N_SLOTS, _availability, _interests, _languages, _slot_values

# --------------------------------------------------------------------------------------------------
# Assessing one pair


def _points(count: int, per: int, cap: int) -> int:
    return per * min(count, cap)


def assess(seeker: Seeker, neighbour: Neighbour) -> Assessment | None:
    """The weight of pairing these two and why, or ``None`` if a hard rule forbids the pair.

    Capacity is not looked at here: it belongs to the matching, not to the pair.
    """
    if seeker.complex != neighbour.complex or seeker.id == neighbour.id or neighbour.id in seeker.excluded:
        return None
    languages = _languages(seeker.languages) & _languages(neighbour.languages)
    if seeker.needs_shared_language and not languages:
        return None
    reasons: list[Reason] = []
    section = seeker.section
    if section is not None and section == neighbour.section:
        reasons.append(Reason(ReasonCode.SAME_SECTION, (section.kind.value,), POINTS_SAME_SECTION))
    else:
        reasons.append(Reason(ReasonCode.SAME_COMPLEX, (), POINTS_SAME_COMPLEX))
    if languages:
        reasons.append(Reason(ReasonCode.SHARED_LANGUAGE, tuple(sorted(languages)), POINTS_SHARED_LANGUAGE))
    interests = _interests(seeker.interests) & _interests(neighbour.interests)
    if interests:
        points = _points(len(interests), POINTS_PER_SHARED_INTEREST, MAX_COUNTED_INTERESTS)
        reasons.append(Reason(ReasonCode.SHARED_INTERESTS, tuple(sorted(interests)), points))
    seeker_mask, seeker_other = _availability(seeker.availability)
    neighbour_mask, neighbour_other = _availability(neighbour.availability)
    mask = seeker_mask & neighbour_mask
    other = seeker_other & neighbour_other
    if mask or other:
        count = mask.bit_count() + len(other)
        points = _points(count, POINTS_PER_SHARED_SLOT, MAX_COUNTED_SLOTS)
        values = _slot_values(mask) + tuple(sorted(other))
        reasons.append(Reason(ReasonCode.SHARED_AVAILABILITY, values, points))
    return Assessment(sum(r.points for r in reasons), tuple(reasons))


# --------------------------------------------------------------------------------------------------
# Matching


@dataclass(frozen=True, slots=True)
class _Encoded:
    """A resident with its sets as bit masks, for the quadratic loop over pairs."""

    id: str
    section: int  # -1 and -2 (seeker, neighbour) stand for "no section" and never compare equal
    languages: int
    interests: int
    slots: int  # day parts in the low bits, unknown tokens above them


class _Encoder:
    def __init__(self) -> None:
        self._sections: dict[Section, int] = {}
        self._languages: dict[str, int] = {}
        self._interests: dict[str, int] = {}
        self._other_slots: dict[str, int] = {}

    @staticmethod
    def _bits(tokens: Iterable[str], vocabulary: dict[str, int], offset: int = 0) -> int:
        mask = 0
        for token in tokens:
            if token:
                mask |= 1 << vocabulary.setdefault(token, offset + len(vocabulary))
        return mask

    def encode(self, resident: Seeker | Neighbour, no_section: int) -> _Encoded:
        section = (
            no_section
            if resident.section is None
            else self._sections.setdefault(resident.section, len(self._sections))
        )
        slots, other = _availability(resident.availability)
        return _Encoded(
            id=resident.id,
            section=section,
            languages=self._bits(_languages(resident.languages), self._languages),
            interests=self._bits(_interests(resident.interests), self._interests),
            slots=slots | self._bits(other, self._other_slots, _N_SLOTS),
        )


def _weight(s: _Encoded, n: _Encoded, shared_languages: int) -> int:
    weight = POINTS_SAME_SECTION if s.section == n.section else POINTS_SAME_COMPLEX
    if shared_languages:
        weight += POINTS_SHARED_LANGUAGE
    shared = (s.interests & n.interests).bit_count()
    if shared:
        weight += POINTS_PER_SHARED_INTEREST * min(shared, MAX_COUNTED_INTERESTS)
    shared = (s.slots & n.slots).bit_count()
    if shared:
        weight += POINTS_PER_SHARED_SLOT * min(shared, MAX_COUNTED_SLOTS)
    return weight


def _why_unmatched(seeker: Seeker, neighbours: Sequence[Neighbour]) -> Reason:
    """Why a seeker has no pair at all, checking the rules in the order they exclude neighbours."""
    if not neighbours:
        return Reason(ReasonCode.NO_NEIGHBOUR_IN_COMPLEX)
    allowed = [n for n in neighbours if n.id not in seeker.excluded and n.id != seeker.id]
    if not allowed:
        return Reason(ReasonCode.ALL_NEIGHBOURS_EXCLUDED)
    if seeker.needs_shared_language:
        languages = _languages(seeker.languages)
        allowed = [n for n in allowed if languages & _languages(n.languages)]
        if not allowed:
            return Reason(ReasonCode.NO_SHARED_LANGUAGE, tuple(sorted(languages)))
    return Reason(ReasonCode.ALL_NEIGHBOURS_FULL)


def _solve_complex(
    seekers: Sequence[Seeker], neighbours: Sequence[Neighbour], objective: Objective
) -> tuple[list[Proposal], list[Unmatched], int]:
    encoder = _Encoder()
    open_neighbours = [n for n in neighbours if n.spare > 0]
    encoded_neighbours = [encoder.encode(n, no_section=-2) for n in open_neighbours]
    tails: list[int] = []
    heads: list[int] = []
    weights: list[int] = []
    has_edge = [False] * len(seekers)
    # Nodes: 0 source, 1 sink, 2.. seekers, then neighbours.
    first_neighbour = 2 + len(seekers)
    for i, seeker in enumerate(seekers):
        s = encoder.encode(seeker, no_section=-1)
        excluded = seeker.excluded
        needs_language = seeker.needs_shared_language
        for j, n in enumerate(encoded_neighbours):
            if n.id == s.id or (excluded and n.id in excluded):
                continue
            shared_languages = s.languages & n.languages
            if needs_language and not shared_languages:
                continue
            tails.append(2 + i)
            heads.append(first_neighbour + j)
            weights.append(_weight(s, n, shared_languages))
            has_edge[i] = True

    proposals: list[Proposal] = []
    matched = [False] * len(seekers)
    if tails:
        flows = _min_cost_flow(
            n_seekers=len(seekers),
            spares=[n.spare for n in open_neighbours],
            tails=tails,
            heads=heads,
            weights=weights,
            objective=objective,
        )
        for k in np.flatnonzero(flows):
            i, j = tails[k] - 2, heads[k] - first_neighbour
            seeker, neighbour = seekers[i], open_neighbours[j]
            assessment = assess(seeker, neighbour)
            if assessment is None or assessment.weight != weights[k]:
                raise RuntimeError(f"buddy weights disagree for {seeker.id} and {neighbour.id}")
            matched[i] = True
            proposals.append(
                Proposal(seeker.id, neighbour.id, seeker.complex, assessment.weight, assessment.reasons)
            )
    unmatched = [
        Unmatched(
            seeker.id,
            seeker.complex,
            Reason(ReasonCode.NEIGHBOURS_TAKEN) if has_edge[i] else _why_unmatched(seeker, neighbours),
        )
        for i, seeker in enumerate(seekers)
        if not matched[i]
    ]
    return proposals, unmatched, len(tails)


def _min_cost_flow(
    *,
    n_seekers: int,
    spares: Sequence[int],
    tails: Sequence[int],
    heads: Sequence[int],
    weights: Sequence[int],
    objective: Objective,
) -> npt.NDArray[np.int64]:
    """Flow on each seeker -> neighbour arc of a maximum-weight (or coverage-first) b-matching."""
    n_neighbours = len(spares)
    first_neighbour = 2 + n_seekers
    source_tails = [0] * n_seekers
    source_heads = list(range(2, first_neighbour))
    sink_tails = list(range(first_neighbour, first_neighbour + n_neighbours))
    sink_heads = [1] * n_neighbours
    all_tails = [*tails, *source_tails, *sink_tails]
    all_heads = [*heads, *source_heads, *sink_heads]
    capacities = [1] * (len(tails) + n_seekers) + list(spares)
    costs = [-w for w in weights] + [0] * (n_seekers + n_neighbours)
    if objective is Objective.WEIGHT:  # a free bypass so that no seeker has to be matched
        all_tails.append(0)
        all_heads.append(1)
        capacities.append(n_seekers)
        costs.append(0)
    flow = SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.asarray(all_tails, dtype=np.int32),
        np.asarray(all_heads, dtype=np.int32),
        np.asarray(capacities, dtype=np.int64),
        np.asarray(costs, dtype=np.int64),
    )
    flow.set_node_supply(0, n_seekers)
    flow.set_node_supply(1, -n_seekers)
    status = flow.solve() if objective is Objective.WEIGHT else flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min cost flow ended with status {status}")
    arcs = np.arange(len(tails), dtype=np.int32)
    return np.asarray(flow.flows(arcs), dtype=np.int64)


def _check_unique(ids: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for id_ in ids:
        if id_ in seen:
            raise ValueError(f"{what} {id_!r} occurs more than once")
        seen.add(id_)


def plan(
    seekers: Iterable[Seeker],
    neighbours: Iterable[Neighbour],
    *,
    objective: Objective = Objective.COVERAGE,
) -> MatchPlan:
    """Proposals for a region, and for every seeker without one the reason why.

    Proposals and unmatched seekers are ordered by complex, then seeker id.
    """
    seekers = sorted(seekers, key=lambda s: s.id)
    neighbours = sorted(neighbours, key=lambda n: n.id)
    _check_unique((s.id for s in seekers), "seeker")
    _check_unique((n.id for n in neighbours), "neighbour")
    for n in neighbours:
        if n.capacity < 0 or n.current < 0:
            raise ValueError(f"neighbour {n.id!r} has a negative capacity or current count")
    seekers_by_complex: dict[str, list[Seeker]] = defaultdict(list)
    neighbours_by_complex: dict[str, list[Neighbour]] = defaultdict(list)
    for s in seekers:
        seekers_by_complex[s.complex].append(s)
    for n in neighbours:
        neighbours_by_complex[n.complex].append(n)
    proposals: list[Proposal] = []
    unmatched: list[Unmatched] = []
    edges = 0
    for complex_ in sorted(seekers_by_complex):
        found, left, count = _solve_complex(
            seekers_by_complex[complex_], neighbours_by_complex.get(complex_, []), objective
        )
        proposals.extend(found)
        unmatched.extend(left)
        edges += count
    return MatchPlan(tuple(proposals), tuple(unmatched), edges)


def match(
    seekers: Iterable[Seeker],
    neighbours: Iterable[Neighbour],
    *,
    objective: Objective = Objective.COVERAGE,
) -> list[Proposal]:
    """The proposals only; see :func:`plan` for the reasons seekers were left without one."""
    return list(plan(seekers, neighbours, objective=objective).proposals)
