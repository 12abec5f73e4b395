"""Scoring of the resident survey, in plain Python (no database).

De Jong Gierveld 6-item loneliness scale (De Jong Gierveld & Van Tilburg, 2006, *Research on
Aging* 28(5), 582–598). Three emotional items are worded negatively (emptiness, missing people,
feeling rejected): "yes" and "more or less" each score 1. Three social items are worded
positively (people to rely on, to trust, to feel close to): "no" and "more or less" each score 1.
Emotional and social subscales run 0–3, the total 0–6; higher is lonelier.
"""

from __future__ import annotations

from collections.abc import Mapping

NO, MORE_OR_LESS, YES = 0, 1, 2


def emotional_item(answer: int) -> int:
    return 1 if answer in (MORE_OR_LESS, YES) else 0


def social_item(answer: int) -> int:
    return 1 if answer in (NO, MORE_OR_LESS) else 0


def djg6(answers: Mapping[str, int]) -> tuple[int, int, int]:
    """(emotional 0–3, social 0–3, total 0–6) of one response's six answers."""
    emotional = sum(emotional_item(answers[f]) for f in ("emptiness", "miss_people", "rejected"))
    social = sum(social_item(answers[f]) for f in ("rely_on", "trust", "close_to"))
    return emotional, social, emotional + social
