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

from omkijken.engine.buddies.matching import assess, match, plan
from omkijken.engine.buddies.model import (
    MAX_COUNTED_INTERESTS,
    MAX_COUNTED_SLOTS,
    POINTS_PER_SHARED_INTEREST,
    POINTS_PER_SHARED_SLOT,
    POINTS_SAME_COMPLEX,
    POINTS_SAME_SECTION,
    POINTS_SHARED_LANGUAGE,
    Assessment,
    Lang,
    MatchPlan,
    Neighbour,
    Objective,
    Proposal,
    Reason,
    ReasonCode,
    Section,
    SectionKind,
    Seeker,
    Unmatched,
)
from omkijken.engine.buddies.texts import describe, explain
from omkijken.engine.buddies.vocab import language_name, normalise_language

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
