"""The data of buddy matching: who seeks, who offers, the reasons and the plan."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Literal

POINTS_SAME_SECTION = 120
POINTS_SAME_COMPLEX = 20
POINTS_SHARED_LANGUAGE = 30
POINTS_PER_SHARED_INTEREST = 5
MAX_COUNTED_INTERESTS = 3
POINTS_PER_SHARED_SLOT = 2
MAX_COUNTED_SLOTS = 5

Lang = Literal["nl", "en"]


class SectionKind(enum.StrEnum):
    """The part of a complex people share a front door, stairs or walkway with."""

    PORTIEK = "portiek"  # stairwell-access block
    GALERIJ = "galerij"  # access gallery
    FLOOR = "floor"
    SECTION = "section"  # any other bouwdeel


@dataclass(frozen=True, slots=True)
class Section:
    """A section of a complex; ids only need to be unique within the complex."""

    id: str
    kind: SectionKind = SectionKind.SECTION


@dataclass(frozen=True, slots=True)
class Seeker:
    """A vulnerable resident who asked for a buddy (or consented to one proposed by a care partner)."""

    id: str
    complex: str
    section: Section | None = None
    languages: frozenset[str] = frozenset()
    needs_shared_language: bool = False
    interests: frozenset[str] = frozenset()
    availability: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()  # neighbour ids never to propose again


@dataclass(frozen=True, slots=True)
class Neighbour:
    """A good neighbour who offered to be a buddy to up to ``capacity`` residents."""

    id: str
    complex: str
    section: Section | None = None
    languages: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()
    availability: frozenset[str] = frozenset()
    capacity: int = 1
    current: int = 0  # buddies they already have

    @property
    def spare(self) -> int:
        return max(0, self.capacity - self.current)


class ReasonCode(enum.StrEnum):
    # why a pair was proposed
    SAME_SECTION = "same_section"  # values: (section kind,)
    SAME_COMPLEX = "same_complex"
    SHARED_LANGUAGE = "shared_language"  # values: language codes
    SHARED_INTERESTS = "shared_interests"  # values: interests
    SHARED_AVAILABILITY = "shared_availability"  # values: slots ("sat_morning", "sat", "weekend")
    # why a seeker got no proposal
    NO_NEIGHBOUR_IN_COMPLEX = "no_neighbour_in_complex"
    ALL_NEIGHBOURS_EXCLUDED = "all_neighbours_excluded"
    NO_SHARED_LANGUAGE = "no_shared_language"  # values: the seeker's language codes
    ALL_NEIGHBOURS_FULL = "all_neighbours_full"
    NEIGHBOURS_TAKEN = "neighbours_taken"


@dataclass(frozen=True, slots=True)
class Reason:
    """One structured, translatable reason; ``points`` is its share of a proposal's weight."""

    code: ReasonCode
    values: tuple[str, ...] = ()
    points: int = 0

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code.value, "values": list(self.values), "points": self.points}


@dataclass(frozen=True, slots=True)
class Assessment:
    weight: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Proposal:
    """A suggested pairing; a coordinator confirms it before it becomes a buddy pair."""

    seeker_id: str
    neighbour_id: str
    complex: str
    weight: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Unmatched:
    seeker_id: str
    complex: str
    reason: Reason


class Objective(enum.StrEnum):
    COVERAGE = "coverage"  # most seekers matched, then most weight
    WEIGHT = "weight"  # most weight


@dataclass(frozen=True, slots=True)
class MatchPlan:
    proposals: tuple[Proposal, ...]
    unmatched: tuple[Unmatched, ...]
    edge_count: int = field(default=0, compare=False)

    @property
    def total_weight(self) -> int:
        return sum(p.weight for p in self.proposals)
