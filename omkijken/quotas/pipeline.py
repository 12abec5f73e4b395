"""Where the forecast learns of the letting pipeline.

Letting sits above quotas in the house, so quotas may not import it. Letting registers a source
here instead (``omkijken.letting.quota_pipeline``, from its app's ``ready``), and the forecast
selector asks every registered source for the placements under way. A source returns one entry
per household in the pipeline: its target group and the probability that it is housed with the
corporation before the period's end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PipelineEntry:
    corporation_id: int
    household_id: int
    target_group: str
    kind: str  # "lease" | "offer" | "allocation" | "nomination"
    probability: float


# (corporation ids, day of reckoning, end of the period) -> entries
PipelineSource = Callable[[Sequence[int], dt.date, dt.date], list[PipelineEntry]]

_SOURCES: list[PipelineSource] = []


def register_pipeline_source(source: PipelineSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def pipeline_entries(corporation_ids: Sequence[int], on: dt.date, end: dt.date) -> list[PipelineEntry]:
    """Every source's entries; a household is counted once, by its most likely entry."""
    best: dict[tuple[int, int, str], PipelineEntry] = {}
    for source in _SOURCES:
        for entry in source(corporation_ids, on, end):
            key = (entry.corporation_id, entry.household_id, entry.target_group)
            if key not in best or entry.probability > best[key].probability:
                best[key] = entry
    return list(best.values())
