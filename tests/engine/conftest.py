"""Engine fixtures: a small round builder, so each golden test states only what it is about."""

from __future__ import annotations

from typing import Any

import pytest


class RoundBuilder:
    """Builds a round document (2025 rules unless told otherwise) with sensible defaults."""

    def __init__(self, date: str = "2025-06-01") -> None:
        self.doc: dict[str, Any] = {
            "format": "omkijken.allocation-round/1",
            "id": "golden",
            "date": date,
            "complexes": [],
            "units": [],
            "candidates": [],
            "care_partners": [],
            "quotas": [],
        }

    def complex(
        self,
        id: str,
        vulnerable: int = 0,
        regular: int = 20,
        mix: tuple[float, float] | None = None,
        sections: list[dict[str, Any]] | None = None,
    ) -> RoundBuilder:
        self.doc["complexes"].append(
            {
                "id": id,
                "occupied": {"vulnerable": vulnerable, "regular": regular},
                "mix": {"target_vulnerable_share": mix[0], "tolerance": mix[1]} if mix else None,
                "sections": sections or [],
            }
        )
        return self

    def unit(
        self,
        id: str,
        complex: str = "C1",
        channels: tuple[str, ...] = ("REGULAR",),
        rent: float = 600.0,
        size: tuple[int, int] = (1, 4),
        section: str | None = None,
        features: tuple[str, ...] = (),
    ) -> RoundBuilder:
        self.doc["units"].append(
            {
                "id": id,
                "complex": complex,
                "section": section,
                "floor": 1,
                "rooms": 2,
                "rent": rent,
                "household_size": {"min": size[0], "max": size[1]},
                "features": list(features),
                "channels": list(channels),
            }
        )
        return self

    def household(
        self,
        id: str,
        responses: list[str],
        registered: str = "2015-01-01",
        income: float = 20000,
        size: int = 1,
        senior: bool = False,
        urgency: str | None = None,
        **extra: Any,
    ) -> RoundBuilder:
        self.doc["candidates"].append(
            {
                "id": id,
                "household": {"size": size, "income": income, "senior": senior},
                "registration_date": registered,
                "urgency": {"category": "MED", "valid_until": urgency} if urgency else None,
                "target_group": None,
                "responses": responses,
                **extra,
            }
        )
        return self

    def nominee(
        self,
        id: str,
        responses: list[str],
        nominated: str = "2025-01-01",
        group: str = "DAK",
        partner: str | None = None,
        income: float = 15000,
    ) -> RoundBuilder:
        self.doc["candidates"].append(
            {
                "id": id,
                "household": {"size": 1, "income": income},
                "registration_date": None,
                "target_group": group,
                "nominated_on": nominated,
                "partner": partner,
                "responses": responses,
            }
        )
        return self

    def partner(self, id: str, capacity: dict[str, int], current: dict[str, int]) -> RoundBuilder:
        self.doc["care_partners"].append({"id": id, "capacity": capacity, "current": current})
        return self

    def quota(self, group: str, minimum: int) -> RoundBuilder:
        self.doc["quotas"].append({"target_group": group, "min": minimum})
        return self

    def build(self) -> dict[str, Any]:
        return self.doc


@pytest.fixture
def round_builder() -> type[RoundBuilder]:
    return RoundBuilder
