"""Writes of the exchange: importing one uploaded file (CSV from the ERP, or VERA WRV JSON).

Each importer is all or nothing in its own transaction and records one ImportBatch; it writes the
portfolio, residents and letting models directly (with full model validation per row), because
the whole file must be applied or refused together.
"""

from __future__ import annotations

from django.db import transaction

from omkijken.accounts.models import User
from omkijken.exchange import csv_import
from omkijken.exchange.common import ImportResult
from omkijken.exchange.vera.imports import import_document


@transaction.atomic
def import_file(*, actor: User, kind: str, content: bytes, filename: str) -> ImportResult:
    """Import ``content`` as ``kind``, one of the form's choices (``csv_units``,
    ``csv_households`` or ``vera_<kind>``); raises ImportFailed (nothing written) or
    PermissionDenied."""
    if kind.startswith("csv_"):
        return csv_import.import_csv(
            actor=actor, kind=kind.removeprefix("csv_"), content=content, filename=filename
        )
    return import_document(actor=actor, kind=kind.removeprefix("vera_"), content=content, filename=filename)
