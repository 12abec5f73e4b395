"""Writes of the portfolio: homes as the corporation's systems deliver them."""

from __future__ import annotations

from typing import Any

from omkijken.portfolio.models import Unit
from omkijken.records import Outcome, upsert


def unit_upsert(*, unit: Unit | None, values: dict[str, Any]) -> tuple[Unit, Outcome]:
    """Create or update one home (an import from the ERP or VERA), fully validated."""
    return upsert(unit, Unit, values)
