"""Buddy matching: propose a good neighbour (goede buur / Nieuwe Buur) for each vulnerable resident.

Who takes part
    A *seeker* is a vulnerable resident who asked for a buddy, or whose care partner proposed one with
    the resident's consent; the selector that builds the snapshot decides who that is. A *neighbour*
    is a good neighbour who offered to be a buddy for up to ``capacity`` residents and already has
    ``current`` buddies. Ids are person ids from one namespace, so a person is never matched to
    themselves.

The rules (hard)
    * A buddy lives in the same complex: there is no pair across complexes.
    * A seeker who needs a shared language is only paired with neighbours who speak one of their
      languages (ISO 639 codes; ``"ti"``, ``"tir"`` and ``"ti-ER"`` are the same language).
    * A neighbour in ``seeker.excluded`` (an ended pairing, a declined proposal) is never proposed.
    * A neighbour gets at most ``capacity - current`` new buddies; a seeker gets at most one.

The weight of a pair (soft, integers, every point explained by a :class:`Reason`)
    ============================  ======  ==================================================
    same section (portiek, ...)     120   instead of the 20 for "same complex"
    same complex                     20   every pair has at least this
    a shared language                30   once, however many languages are shared
    each shared interest              5   at most 3 counted (15)
    each shared time slot             2   day parts, at most 5 counted (10)
    ============================  ======  ==================================================

    The numbers are chosen so that the order of the rules in the issue holds for each pair:
    interests and availability together (max 25) never outweigh a shared language (30), and
    language plus both tie-breakers (max 55) never outweigh living in the same section (+100).

The matching
    Complexes are independent, so each is solved on its own as a min-cost flow
    (source -> seeker, capacity 1; seeker -> neighbour, capacity 1, cost -weight;
    neighbour -> sink, capacity = spare places) with OR-Tools. Two objectives:

    * ``Objective.COVERAGE`` (default): first as many seekers as possible get a buddy, then the
      largest total weight among those matchings (``solve_max_flow_with_min_cost``). A plain
      maximum-weight matching may leave a resident without a buddy to give another resident a
      closer one (A fits N in A's gallery and M elsewhere, B fits only N: weight picks A-N and leaves
      B alone); for a buddy scheme a buddy for B matters more than a shorter walk for A.
    * ``Objective.WEIGHT``: the plain maximum-weight b-matching (a zero-cost source -> sink bypass
      lets flow skip the matching). All weights are positive, so it is maximal as well.

    Inputs are sorted by id before the graph is built, so the same residents give the same
    proposals whatever the order they come in.

The result is a set of *proposals*. A coordinator confirms or rejects each one; nothing here
creates a pairing. Seekers without a proposal get a :class:`Reason` too (no neighbour in the
complex, no shared language, every fitting neighbour full, or the fitting neighbours went to others).
Texts are in Dutch (default) and English; this module imports no Django, so the app layer shows
``explain(reason, lang)`` rather than running these strings through gettext.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import numpy as np
import numpy.typing as npt
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

__all__ = [
    "MAX_COUNTED_INTERESTS",
    "MAX_COUNTED_SLOTS",
    "POINTS_PER_SHARED_INTEREST",
    "POINTS_PER_SHARED_SLOT",
    "POINTS_SAME_COMPLEX",
    "POINTS_SAME_SECTION",
    "POINTS_SHARED_LANGUAGE",
    "Assessment",
    "Lang",
    "MatchPlan",
    "Neighbour",
    "Objective",
    "Proposal",
    "Reason",
    "ReasonCode",
    "Section",
    "SectionKind",
    "Seeker",
    "Unmatched",
    "assess",
    "describe",
    "explain",
    "language_name",
    "match",
    "normalise_language",
    "plan",
]

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


# --------------------------------------------------------------------------------------------------
# Vocabularies: languages, interests, time slots

_LANGUAGE_NAMES: Mapping[str, tuple[str, str]] = {
    "nl": ("Nederlands", "Dutch"),
    "en": ("Engels", "English"),
    "ar": ("Arabisch", "Arabic"),
    "ary": ("Marokkaans-Arabisch", "Moroccan Arabic"),
    "ti": ("Tigrinya", "Tigrinya"),
    "tig": ("Tigre", "Tigre"),
    "am": ("Amhaars", "Amharic"),
    "om": ("Oromo", "Oromo"),
    "so": ("Somalisch", "Somali"),
    "sw": ("Swahili", "Swahili"),
    "tr": ("Turks", "Turkish"),
    "ku": ("Koerdisch", "Kurdish"),
    "ckb": ("Sorani (Koerdisch)", "Sorani Kurdish"),
    "kmr": ("Kurmanji (Koerdisch)", "Kurmanji Kurdish"),
    "fa": ("Perzisch (Farsi)", "Persian (Farsi)"),
    "prs": ("Dari", "Dari"),
    "ps": ("Pasjtoe", "Pashto"),
    "ur": ("Urdu", "Urdu"),
    "hi": ("Hindi", "Hindi"),
    "zh": ("Chinees", "Chinese"),
    "pl": ("Pools", "Polish"),
    "uk": ("Oekraïens", "Ukrainian"),
    "ru": ("Russisch", "Russian"),
    "ro": ("Roemeens", "Romanian"),
    "bg": ("Bulgaars", "Bulgarian"),
    "hu": ("Hongaars", "Hungarian"),
    "cs": ("Tsjechisch", "Czech"),
    "sk": ("Slowaaks", "Slovak"),
    "lt": ("Litouws", "Lithuanian"),
    "lv": ("Lets", "Latvian"),
    "el": ("Grieks", "Greek"),
    "sq": ("Albanees", "Albanian"),
    "bs": ("Bosnisch", "Bosnian"),
    "hr": ("Kroatisch", "Croatian"),
    "sr": ("Servisch", "Serbian"),
    "hy": ("Armeens", "Armenian"),
    "es": ("Spaans", "Spanish"),
    "pt": ("Portugees", "Portuguese"),
    "fr": ("Frans", "French"),
    "it": ("Italiaans", "Italian"),
    "de": ("Duits", "German"),
    "fy": ("Fries", "West Frisian"),
    "pap": ("Papiaments", "Papiamento"),
    "srn": ("Sranantongo", "Sranan Tongo"),
    "rif": ("Tarifit (Riffijns)", "Tarifit (Riffian)"),
    "zgh": ("Tamazight", "Tamazight"),
    "dse": ("Nederlandse Gebarentaal", "Sign Language of the Netherlands"),
}

# ISO 639-2 (B and T) and 639-3 codes of languages that also have a two-letter ISO 639-1 code.
_TO_TWO_LETTER: Mapping[str, str] = {
    "nld": "nl", "dut": "nl", "eng": "en", "ara": "ar", "tir": "ti", "amh": "am", "orm": "om",
    "som": "so", "swa": "sw", "tur": "tr", "kur": "ku", "fas": "fa", "per": "fa", "pus": "ps",
    "urd": "ur", "hin": "hi", "zho": "zh", "chi": "zh", "pol": "pl", "ukr": "uk", "rus": "ru",
    "ron": "ro", "rum": "ro", "bul": "bg", "hun": "hu", "ces": "cs", "cze": "cs", "slk": "sk",
    "slo": "sk", "lit": "lt", "lav": "lv", "ell": "el", "gre": "el", "sqi": "sq", "alb": "sq",
    "bos": "bs", "hrv": "hr", "srp": "sr", "hye": "hy", "arm": "hy", "spa": "es", "por": "pt",
    "fra": "fr", "fre": "fr", "ita": "it", "deu": "de", "ger": "de", "fry": "fy",
}  # fmt: skip

_INTEREST_NAMES: Mapping[str, tuple[str, str]] = {
    "cooking": ("koken", "cooking"),
    "walking": ("wandelen", "walking"),
    "gardening": ("tuinieren", "gardening"),
    "music": ("muziek", "music"),
    "sports": ("sporten", "sports"),
    "football": ("voetbal", "football"),
    "cycling": ("fietsen", "cycling"),
    "reading": ("lezen", "reading"),
    "board_games": ("spelletjes", "board games"),
    "chess": ("schaken", "chess"),
    "crafts": ("handwerken", "crafts"),
    "art": ("kunst", "art"),
    "films": ("films", "films"),
    "computers": ("computers", "computers"),
    "animals": ("dieren", "animals"),
    "coffee": ("koffie drinken", "having coffee"),
    "language_practice": ("taal oefenen", "practising Dutch"),
    "odd_jobs": ("klussen", "odd jobs"),
    "dancing": ("dansen", "dancing"),
    "fishing": ("vissen", "fishing"),
}

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS: tuple[str, ...] = ("morning", "afternoon", "evening")
_DAY_NAMES: Mapping[str, tuple[str, str]] = {
    "mon": ("maandag", "Monday"),
    "tue": ("dinsdag", "Tuesday"),
    "wed": ("woensdag", "Wednesday"),
    "thu": ("donderdag", "Thursday"),
    "fri": ("vrijdag", "Friday"),
    "sat": ("zaterdag", "Saturday"),
    "sun": ("zondag", "Sunday"),
}
_PART_NAMES: Mapping[str, tuple[str, str]] = {
    "morning": ("ochtend", "morning"),
    "afternoon": ("middag", "afternoon"),
    "evening": ("avond", "evening"),
}
_SLOT_BIT: Mapping[str, int] = {
    f"{day}_{part}": d * len(PARTS) + p for d, day in enumerate(DAYS) for p, part in enumerate(PARTS)
}
_N_SLOTS = len(_SLOT_BIT)
_DAY_MASK: Mapping[str, int] = {day: sum(1 << _SLOT_BIT[f"{day}_{part}"] for part in PARTS) for day in DAYS}
_SLOT_ALIASES: Mapping[str, int] = {
    **_DAY_MASK,
    "weekend": _DAY_MASK["sat"] | _DAY_MASK["sun"],
    "weekdays": sum(_DAY_MASK[day] for day in DAYS[:5]),
    **{part: sum(1 << _SLOT_BIT[f"{day}_{part}"] for day in DAYS) for part in PARTS},
}


@lru_cache(maxsize=4096)
def normalise_language(code: str) -> str:
    """``"TI"``, ``"tir"`` and ``"ti-ER"`` all become ``"ti"``; unknown codes are kept, lower-cased."""
    primary = code.strip().lower().replace("_", "-").split("-", 1)[0]
    return _TO_TWO_LETTER.get(primary, primary)


def language_name(code: str, lang: Lang = "nl") -> str:
    """The language's name in Dutch or English; an unknown code is shown as the code."""
    names = _LANGUAGE_NAMES.get(normalise_language(code))
    return code if names is None else names[_lang_index(lang)]


def _normalise_interest(interest: str) -> str:
    return interest.strip().lower()


def _languages(codes: Iterable[str]) -> set[str]:
    return {code for code in map(normalise_language, codes) if code}


def _interests(interests: Iterable[str]) -> set[str]:
    return {interest for interest in map(_normalise_interest, interests) if interest}


@lru_cache(maxsize=4096)
def _slot_mask(token: str) -> int:
    """Bits of the 21 day parts a known slot token covers (0 for a token we do not know)."""
    token = token.strip().lower()
    if token in _SLOT_BIT:
        return 1 << _SLOT_BIT[token]
    return _SLOT_ALIASES.get(token, 0)


def _availability(tokens: Iterable[str]) -> tuple[int, frozenset[str]]:
    """The day parts as a bit mask, and the tokens we do not know (compared as they are)."""
    mask = 0
    other: set[str] = set()
    for token in tokens:
        bits = _slot_mask(token)
        if bits:
            mask |= bits
        elif token.strip():
            other.add(token.strip().lower())
    return mask, frozenset(other)


def _slot_values(mask: int) -> tuple[str, ...]:
    """Day parts as compact values: ``weekend``, whole days (``sat``), then single parts."""
    values: list[str] = []
    weekend = _SLOT_ALIASES["weekend"]
    if mask & weekend == weekend:
        values.append("weekend")
        mask &= ~weekend
    for day in DAYS:
        if mask & _DAY_MASK[day] == _DAY_MASK[day]:
            values.append(day)
        else:
            values.extend(f"{day}_{part}" for part in PARTS if mask >> _SLOT_BIT[f"{day}_{part}"] & 1)
    return tuple(values)


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


# --------------------------------------------------------------------------------------------------
# Texts


def _lang_index(lang: str) -> int:
    if lang == "nl":
        return 0
    if lang == "en":
        return 1
    raise ValueError(f"no texts for language {lang!r}; use 'nl' or 'en'")


def _join(items: Sequence[str], lang: Lang, last: tuple[str, str] = ("en", "and")) -> str:
    if len(items) <= 1:
        return "".join(items)
    word = last[_lang_index(lang)]
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _interest_name(interest: str, lang: Lang) -> str:
    names = _INTEREST_NAMES.get(interest)
    return interest if names is None else names[_lang_index(lang)]


def _slot_name(value: str, lang: Lang) -> str:
    i = _lang_index(lang)
    if value == "weekend":
        return ("het weekend", "the weekend")[i]
    if value in _DAY_NAMES:
        return _DAY_NAMES[value][i]
    day, _, part = value.partition("_")
    if day in _DAY_NAMES and part in _PART_NAMES:
        return f"{_DAY_NAMES[day][0]}{_PART_NAMES[part][0]}" if i == 0 else f"{_DAY_NAMES[day][1]} {part}"
    return value


_SECTION_TEXTS: Mapping[str, tuple[str, str]] = {
    SectionKind.PORTIEK: ("Jullie wonen in hetzelfde portiek", "You share a stairwell (portiek)"),
    SectionKind.GALERIJ: ("Jullie wonen aan dezelfde galerij", "You live on the same gallery"),
    SectionKind.FLOOR: ("Jullie wonen op dezelfde verdieping", "You live on the same floor"),
    SectionKind.SECTION: ("Jullie wonen in hetzelfde bouwdeel", "You live in the same part of the building"),
}

_FIXED_TEXTS: Mapping[ReasonCode, tuple[str, str]] = {
    ReasonCode.SAME_COMPLEX: ("Jullie wonen in hetzelfde complex", "You live in the same complex"),
    ReasonCode.NO_NEIGHBOUR_IN_COMPLEX: (
        "Er is (nog) geen goede buur in dit complex",
        "There is no good neighbour in this complex (yet)",
    ),
    ReasonCode.ALL_NEIGHBOURS_EXCLUDED: (
        "Met alle goede buren in dit complex is een eerdere koppeling beëindigd of afgewezen",
        "An earlier pairing with every good neighbour in this complex ended or was declined",
    ),
    ReasonCode.ALL_NEIGHBOURS_FULL: (
        "De goede buren die passen hebben al zoveel maatjes als ze kunnen begeleiden",
        "The good neighbours who fit already have as many buddies as they can take",
    ),
    ReasonCode.NEIGHBOURS_TAKEN: (
        "De goede buren die passen zijn in deze ronde aan andere bewoners voorgesteld",
        "The good neighbours who fit were proposed to other residents in this round",
    ),
}


def explain(reason: Reason, lang: Lang = "nl") -> str:
    """One reason as a sentence in Dutch (default) or English."""
    i = _lang_index(lang)
    code, values = reason.code, reason.values
    if code in _FIXED_TEXTS:
        return _FIXED_TEXTS[code][i]
    if code is ReasonCode.SAME_SECTION:
        kind = values[0] if values else SectionKind.SECTION.value
        return _SECTION_TEXTS.get(kind, _SECTION_TEXTS[SectionKind.SECTION])[i]
    if code is ReasonCode.SHARED_LANGUAGE:
        names = _join([language_name(v, lang) for v in values], lang, ("en", "and"))
        return (f"Jullie spreken allebei {names}", f"You both speak {names}")[i]
    if code is ReasonCode.SHARED_INTERESTS:
        names = _join([_interest_name(v, lang) for v in values], lang, ("en", "and"))
        if len(values) == 1:
            return (f"Gedeelde interesse: {names}", f"Shared interest: {names}")[i]
        return (f"Gedeelde interesses: {names}", f"Shared interests: {names}")[i]
    if code is ReasonCode.SHARED_AVAILABILITY:
        names = ", ".join(_slot_name(v, lang) for v in values)
        return (f"Allebei beschikbaar: {names}", f"Both available: {names}")[i]
    if code is ReasonCode.NO_SHARED_LANGUAGE:
        if not values:
            return (
                "Er is geen taal bekend die deze bewoner met een goede buur in dit complex deelt",
                "No language is known that this resident shares with a good neighbour in this complex",
            )[i]
        names = _join([language_name(v, lang) for v in values], lang, ("of", "or"))
        return (
            f"Geen goede buur in dit complex spreekt {names}",
            f"No good neighbour in this complex speaks {names}",
        )[i]
    raise ValueError(f"no text for reason {code!r}")  # pragma: no cover


def describe(proposal: Proposal, lang: Lang = "nl") -> str:
    """All reasons of a proposal in one line, e.g. "same gallery; both speak Tigrinya"."""
    return "; ".join(explain(r, lang) for r in proposal.reasons)
