"""What the VERA and CSV importers share: the actor's corporation, errors, counts, batches."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from omkijken.accounts.models import Organisation, User
from omkijken.accounts.policy import can
from omkijken.exchange.models import ImportBatch


def corporation_of(actor: User) -> Organisation:
    """The corporation whose data the actor may import and export; PermissionDenied otherwise."""
    if not can(actor, "import_export"):
        raise PermissionDenied
    org = actor.organisation
    if org is None or org.kind != Organisation.Kind.CORPORATION:
        raise PermissionDenied
    return org


@dataclass(frozen=True)
class RowError:
    """One problem in an imported file. ``where`` is what the user looks for: a JSON path for VERA
    files, a row number and column name for CSV (row 1 is the header, as in a spreadsheet)."""

    where: str
    message: str
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ImportFailed(Exception):
    """Nothing was written; ``errors`` says why."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors[:5]))
        self.errors = errors


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    encoding: str = ""
    batch: ImportBatch | None = None
    notes: list[str] = field(default_factory=list)
    # What was read past without stopping the import: fields VERA does not define, by JSON path.
    warnings: list[RowError] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def warned_fields(self, limit: int = 10) -> list[str]:
        """The distinct fields warned about, without the record numbers (``$.adres.x``; a file
        of 10,000 records from another producer has the same few fields in each)."""
        import re

        found: dict[str, None] = {}
        for warning in self.warnings:
            found.setdefault(re.sub(r"\[\d+\]", "[]", warning.where).replace("$[]", "$", 1))
        return list(found)[:limit]


def record_batch(
    *, actor: User, corporation: Organisation, kind: str, filename: str, content: bytes, result: ImportResult
) -> ImportBatch:
    batch = ImportBatch.objects.create(
        corporation=corporation,
        kind=kind,
        filename=filename[:200],
        sha256=hashlib.sha256(content).hexdigest(),
        encoding=result.encoding,
        rows=result.rows,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        imported_by=actor,
    )
    result.batch = batch
    return batch


def money(value: Decimal) -> float:
    return float(value)


def to_money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def local_midnight(day: dt.date) -> str:
    """A date as a VERA date-time: midnight in the corporation's time zone, with its offset."""
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=ZoneInfo(settings.TIME_ZONE)).isoformat()


def parse_datetime(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def local_date(value: str) -> dt.date:
    from zoneinfo import ZoneInfo

    return parse_datetime(value).astimezone(ZoneInfo(settings.TIME_ZONE)).date()


def messages_of(exc: Exception) -> list[tuple[str, str]]:
    """(field, message) pairs of a Django ValidationError."""
    from django.core.exceptions import ValidationError

    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return [(name, str(m)) for name, errors in exc.error_dict.items() for e in errors for m in e.messages]
    if isinstance(exc, ValidationError):
        return [("", m) for m in exc.messages]
    return [("", _("The database refused the row: %(error)s") % {"error": exc})]
