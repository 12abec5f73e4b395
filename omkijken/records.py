"""Saving one validated row: the shared write step of the contexts' import services.

Each context owns the writes to its records (``portfolio.services.unit_upsert``,
``residents.services.household_upsert``, ...); they share this one way to create or update a row
with its full validation, so that an import cannot write what a form would refuse.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from django.db import models

Outcome = Literal["created", "updated", "unchanged"]
M = TypeVar("M", bound=models.Model)


def upsert(instance: M | None, model: type[M], values: dict[str, Any]) -> tuple[M, Outcome]:
    """Create or update one row with ``values``; returns (row, 'created'|'updated'|'unchanged').
    Runs the model's full validation (fields and constraints) before saving."""
    if instance is None:
        instance = model(**values)
        instance.full_clean()
        instance.save()
        return instance, "created"
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    if not changed:
        return instance, "unchanged"
    instance.full_clean()
    instance.save()
    return instance, "updated"
