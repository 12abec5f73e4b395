"""Reading an uploaded VERA file: parse and schema-check it, walk each bericht collecting errors by
JSON path, and look up the units, households and adverts it names in the actor's corporation.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from omkijken.accounts.models import Organisation
from omkijken.exchange.common import ImportFailed, ImportResult, RowError, messages_of
from omkijken.exchange.vera import schema
from omkijken.letting.models import Advert
from omkijken.portfolio.models import Unit
from omkijken.records import BulkUpsert
from omkijken.residents.models import Household
from omkijken.safe_input import UnsafeJSON, strict_loads

# --- Import ---------------------------------------------------------------------------------


class Item:
    """One bericht being read, collecting errors under its JSON path."""

    def __init__(self, data: dict[str, Any], index: int, errors: list[RowError]) -> None:
        self.data = data
        self.path = f"$[{index}]"
        self.errors = errors
        self.extras = {
            e.get("naam"): e.get("waarde") for e in data.get("extra-attributen", []) if isinstance(e, dict)
        }

    def error(self, where: str, message: str) -> None:
        self.errors.append(RowError(where=f"{self.path}{where}", message=message))

    def get(self, *keys: str | int) -> Any:
        node: Any = self.data
        for key in keys:
            if isinstance(key, int):
                node = node[key] if isinstance(node, list) and len(node) > key else None
            else:
                node = node.get(key) if isinstance(node, dict) else None
            if node is None:
                return None
        return node

    def need(self, where: str, *keys: str | int) -> Any:
        value = self.get(*keys)
        if value in (None, ""):
            self.error(where, _("is missing"))
        return value


def parse_document(content: bytes, kind: str, warnings: list[RowError] | None = None) -> list[dict[str, Any]]:
    """The berichten of an uploaded file, each checked against its WRV schema; ImportFailed with
    every problem (by JSON path) otherwise. VERA is open to fields it does not define (another
    producer's own, or a newer version's): those are not read, and each is added to ``warnings``
    by its JSON path."""
    try:
        data = strict_loads(content)
    except UnsafeJSON as exc:
        raise ImportFailed([RowError(where="$", message=str(exc))]) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFailed(
            [RowError(where="$", message=_("The file is not valid JSON: %(error)s") % {"error": exc})]
        ) from exc
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ImportFailed([RowError(where="$", message=_("Expected a list of VERA messages."))])
    errors: list[RowError] = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            errors.append(RowError(where=f"$[{index}]", message=_("Expected an object.")))
            continue
        for problem in schema.schema_errors(item, schema.KINDS[kind]):
            path, _sep, message = problem.partition(": ")
            errors.append(RowError(where=f"$[{index}]{path[1:]}", message=message))
        if warnings is not None:
            warnings.extend(
                RowError(
                    where=f"$[{index}]{path[1:]}",
                    message=_("not a field of the VERA schema %(component)s; not read")
                    % {"component": schema.KINDS[kind]},
                )
                for path in schema.unknown_keys(item, schema.KINDS[kind])
            )
    if errors:
        raise ImportFailed(errors)
    return data


def save_row(item: Item, where: str, write: Callable[[], tuple[Any, str]], result: ImportResult) -> Any:
    """Run one upsert inside a savepoint; model validation errors are recorded under ``where``."""
    try:
        with transaction.atomic():
            row, outcome = write()
    except (ValidationError, IntegrityError) as exc:
        for field, message in messages_of(exc):
            item.error(where, f"{field}: {message}" if field and field != "__all__" else message)
        return None
    result.count(outcome)
    return row


def record_refusals(done: BulkUpsert[Any], result: ImportResult | None = None) -> None:
    """The outcome of a bulk upsert of berichten, each row tagged with (Item, JSON path): the
    refused rows as errors of their bericht; the rest counted in ``result``, when given."""
    for (item, where), exc in done.refused:
        for field, message in messages_of(exc):
            item.error(where, f"{field}: {message}" if field and field != "__all__" else message)
    if result is not None and not done.refused:
        for _row, outcome in done.rows:
            result.count(outcome)


def find_unit(item: Item, corporation: Organisation, key: str | None, where: str) -> Unit | None:
    if not key or "/" not in key:
        item.error(where, _("is missing (complex code/unit code)"))
        return None
    complex_code, code = key.split("/", 1)
    unit = Unit.objects.filter(
        complex__corporation=corporation, complex__code=complex_code, code=code
    ).first()
    if unit is None:
        item.error(where, _("unknown unit %(key)s") % {"key": key})
    return unit


def find_household(
    item: Item, corporation: Organisation, reference: str | None, where: str
) -> Household | None:
    if not reference:
        item.error(where, _("is missing (the household reference)"))
        return None
    household = Household.objects.filter(corporation=corporation, reference=reference).first()
    if household is None:
        item.error(where, _("unknown household %(ref)s") % {"ref": reference})
    return household


def advert_from(
    item: Item, corporation: Organisation, external: str | None, pk: Any, where: str
) -> Advert | None:
    advert = None
    if external:
        advert = Advert.objects.filter(corporation=corporation, external_id=external).first()
    if advert is None and str(pk or "").isdigit():
        advert = Advert.objects.filter(corporation=corporation, pk=int(pk)).first()
    if advert is None:
        item.error(where, _("unknown advert"))
    return advert
