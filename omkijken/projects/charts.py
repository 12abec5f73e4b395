"""The mix bars of projects: each project's complexes against its target band, from one query."""

from __future__ import annotations

from typing import Any

from omkijken.portfolio.selectors import occupancy_by_complex
from omkijken.web.charts import MixBar


def attach_mix_bars(projects: list[Any]) -> list[Any]:
    """Set ``project.mix_bars``: one bar per complex of each project, from one occupancy query."""
    complex_ids = sorted({c.pk for p in projects for c in p.complexes.all()})
    occupancy = occupancy_by_complex(complex_ids)
    for project in projects:
        project.mix_bars = [
            MixBar.for_project_complex(c, occupancy[c.pk].total, project) for c in project.complexes.all()
        ]
    return projects
