"""Saving one validated row: the shared write step of the contexts' import services.

Each context owns the writes to its records (``portfolio.services.unit_upsert``,
``residents.services.household_upsert``, ...); they share this one way to create or update a row
with its full validation, so that an import cannot write what a form would refuse.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any, Generic, Literal, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction

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


class BulkPlan(Generic[M]):
    """Rows of one model checked one by one and then written together: the set-based form of
    :func:`upsert`, for imports of tens of thousands of rows.

    :meth:`add` checks a row in Python, without a query: every field and the model's ``clean``.
    What only the database can tell (a uniqueness or check constraint) it tells in :meth:`write`,
    which writes ``bulk_create`` / ``bulk_update`` in batches, each in a savepoint; a batch the
    database refuses is checked again row by row with the full validation, so that the caller
    gets the row and the message, as ``upsert`` would have said. Call both inside the caller's
    transaction, and roll it back when anything was refused: the import stays all or nothing.
    Foreign keys are not checked by query: the caller found the related rows itself.
    """

    def __init__(self, model: type[M], *, batch_size: int = 1000) -> None:
        self.model = model
        self.batch_size = batch_size
        self.related = [f.name for f in model._meta.concrete_fields if f.is_relation]
        self._attnames = {f.name: f.attname for f in model._meta.concrete_fields if f.is_relation}
        self.created: list[tuple[M, Any]] = []
        self.updated: list[tuple[M, Any]] = []
        self.changed_fields: set[str] = set()

    def add(self, instance: M | None, values: dict[str, Any], *, tag: Any = None) -> tuple[M, Outcome]:
        """Plan one row; ValidationError (nothing planned) when a field or ``clean`` refuses it.
        Returns the row as it will be saved (an existing row is copied, not changed) and whether
        it will be created, updated or stays unchanged. ``tag`` comes back with a refusal."""
        if instance is None:
            row = self.model(**values)
            outcome: Outcome = "created"
        else:
            changed = [name for name, value in values.items() if self._differs(instance, name, value)]
            if not changed:
                return instance, "unchanged"
            row = copy.copy(instance)
            for name in changed:
                setattr(row, name, values[name])
            outcome = "updated"
        row.full_clean(exclude=self.related, validate_unique=False, validate_constraints=False)
        if outcome == "created":
            self.created.append((row, tag))
        else:
            self.changed_fields.update(changed)
            self.updated.append((row, tag))
        return row, outcome

    def _differs(self, instance: M, name: str, value: Any) -> bool:
        attname = self._attnames.get(name)
        if attname is None:
            return bool(getattr(instance, name) != value)
        # Compare a foreign key by its id: reading the related row would cost a query per row.
        return bool(getattr(instance, attname) != (value.pk if isinstance(value, models.Model) else value))

    def write(self) -> list[tuple[Any, ValidationError]]:
        """Write every planned row; (tag, error) for each row the database refused."""
        refused: list[tuple[Any, ValidationError]] = []
        for start in range(0, len(self.created), self.batch_size):
            batch = self.created[start : start + self.batch_size]
            refused += self._write(batch, lambda rows: self.model._default_manager.bulk_create(rows))
        fields = sorted(self.changed_fields)
        for start in range(0, len(self.updated), self.batch_size):
            batch = self.updated[start : start + self.batch_size]
            refused += self._write(batch, lambda rows: update_rows(self.model, rows, fields))
        return refused

    def _write(self, batch: list[tuple[M, Any]], write: Any) -> list[tuple[Any, ValidationError]]:
        """Write a batch in a savepoint. When the database refuses it, halve it until the refused
        rows are found (a few statements for one bad row in a thousand), and ask the full
        validation of each of those why."""
        try:
            with transaction.atomic():
                write([row for row, _tag in batch])
        except IntegrityError as exc:
            for row, _tag in batch:
                if row._state.adding:
                    row.pk = None
            if len(batch) == 1:
                return self._diagnose(batch[0], exc)
            middle = len(batch) // 2
            return self._write(batch[:middle], write) + self._write(batch[middle:], write)
        return []

    def _diagnose(self, planned: tuple[M, Any], exc: IntegrityError) -> list[tuple[Any, ValidationError]]:
        row, tag = planned
        try:
            row.full_clean(exclude=self.related)
        except ValidationError as error:
            return [(tag, error)]
        # It clashes with a row of this file written before it, or with another writer's.
        return [(tag, ValidationError(str(exc)))]


def update_rows(model: type[M], rows: list[M], fields: list[str]) -> None:
    """Save ``fields`` of ``rows`` in one statement. On PostgreSQL the values are COPYed into a
    temporary table and applied with one ``UPDATE … FROM``: Django's ``bulk_update`` builds a
    CASE expression per row and field in Python, which costs more than the database's work.
    Elsewhere (the SQLite demo) ``bulk_update``."""
    if connection.vendor != "postgresql" or not rows or not fields:
        model._default_manager.bulk_update(rows, fields)
        return
    meta = model._meta
    assert meta.pk is not None
    columns: list[Any] = [meta.pk] + [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    names = ", ".join(quote(str(f.column)) for f in columns)
    table, temp = quote(meta.db_table), quote(f"bulk_{meta.db_table}")
    pk = quote(str(meta.pk.column))
    assignments = ", ".join(f"{quote(str(f.column))} = v.{quote(str(f.column))}" for f in columns[1:])
    # Every name comes from the model's meta, quoted; every value goes through COPY.
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {temp} AS SELECT {names} FROM {table} WITH NO DATA")  # noqa: S608  # nosec B608 - quoted names from the model's _meta, no user input
        with cursor.cursor.copy(f"COPY {temp} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([f.get_db_prep_save(getattr(row, f.attname), connection) for f in columns])
        cursor.execute(f"UPDATE {table} AS t SET {assignments} FROM {temp} AS v WHERE t.{pk} = v.{pk}")  # noqa: S608  # nosec B608 - quoted names from the model's _meta, no user input
        cursor.execute(f"DROP TABLE {temp}")


class BulkUpsert(Generic[M]):
    """What :func:`bulk_upsert` did: each row as saved (or as it would have been) with its
    outcome, in the order given, and (tag, error) for each refused row."""

    def __init__(self) -> None:
        self.rows: list[tuple[M, Outcome]] = []
        self.refused: list[tuple[Any, ValidationError]] = []


def bulk_upsert(
    model: type[M], rows: Iterable[tuple[M | None, dict[str, Any], Any]], *, write: bool = True
) -> BulkUpsert[M]:
    """Create or update many rows of ``model`` at once: each (existing row or None, values, tag)
    is checked first; only when none is refused, and ``write`` is true, are they written, in a
    few statements per thousand rows. Run inside the caller's transaction (see BulkPlan)."""
    plan = BulkPlan(model)
    done: BulkUpsert[M] = BulkUpsert()
    for instance, values, tag in rows:
        try:
            done.rows.append(plan.add(instance, values, tag=tag))
        except ValidationError as error:
            done.refused.append((tag, error))
            done.rows.append((instance or model(**values), "created" if instance is None else "updated"))
    if write and not done.refused:
        done.refused = plan.write()
    return done
