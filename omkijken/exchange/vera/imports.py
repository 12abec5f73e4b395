"""Import of one VERA WRV JSON file of a kind: all or nothing, one ImportBatch row with the counts.

The readers per kind live in ``import_units``, ``import_candidates`` and ``import_offers``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction

from omkijken.accounts.models import User
from omkijken.exchange.common import (
    ImportFailed,
    ImportResult,
    RowError,
    corporation_of,
    messages_of,
    record_batch,
)
from omkijken.exchange.models import ImportBatch
from omkijken.exchange.vera.codes import KINDS
from omkijken.exchange.vera.import_candidates import import_registrations
from omkijken.exchange.vera.import_offers import import_allocations, import_offers
from omkijken.exchange.vera.import_units import import_units
from omkijken.exchange.vera.reading import parse_document


def import_document(*, actor: User, kind: str, content: bytes, filename: str = "import.json") -> ImportResult:
    """Import one VERA file of ``kind`` for the actor's corporation: all or nothing, upsert by
    external id or natural key; one ImportBatch row with the counts."""
    corporation = corporation_of(actor)
    if kind not in KINDS:
        raise ValueError(kind)
    result = ImportResult(kind=kind, encoding="utf-8")
    items = parse_document(content, kind, result.warnings)
    result.rows = len(items)
    errors: list[RowError] = []
    try:
        with transaction.atomic():
            _IMPORTERS[kind](actor, corporation, items, errors, result, filename)
            if errors:
                raise ImportFailed(errors)
            record_batch(
                actor=actor,
                corporation=corporation,
                kind=ImportBatch.Kind.VERA,
                filename=filename,
                content=content,
                result=result,
            )
    except IntegrityError as exc:
        raise ImportFailed([*errors, RowError(where="$", message=messages_of(exc)[0][1])]) from exc
    return result


_IMPORTERS: dict[str, Callable[..., None]] = {
    "eenheden": import_units,
    "kandidaten": import_registrations,
    "aanbiedingen": import_offers,
    "toewijzingen": import_allocations,
}
