"""Writes of the portfolio: homes as the corporation's systems deliver them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from omkijken.portfolio.models import Unit
from omkijken.records import BulkUpsert, Outcome, bulk_upsert, upsert


def unit_upsert(*, unit: Unit | None, values: dict[str, Any]) -> tuple[Unit, Outcome]:
    """Create or update one home (an import from the ERP or VERA), fully validated."""
    return upsert(unit, Unit, values)


@transaction.atomic
def units_bulk_upsert(
    *, rows: Iterable[tuple[Unit | None, dict[str, Any], Any]], write: bool = True
) -> BulkUpsert[Unit]:
    """Create or update many homes from an import in a few statements: every row checked before
    any is written (see ``omkijken.records.bulk_upsert``)."""
    return bulk_upsert(Unit, rows, write=write)
