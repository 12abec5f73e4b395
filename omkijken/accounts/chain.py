"""The hash chain of the audit trail, as pure functions (no models: the data migration uses them too).

Each event stores ``digest = sha256(prev_digest + canonical(content))``, where ``content`` holds
the event's position in its chain (``seq``) and every column that says what happened. Changing a
column, removing a row or swapping two rows' positions changes a digest that a later row (or the
row itself) was computed from, which ``omkijken audit verify`` recomputes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def canonical(content: dict[str, Any]) -> bytes:
    """One byte string per content: sorted keys, no whitespace, datetimes in UTC to the microsecond."""
    return json.dumps(
        {key: _plain(value) for key, value in content.items()},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
        default=str,
    ).encode()


def digest(prev_digest: str, content: dict[str, Any]) -> str:
    return hashlib.sha256(prev_digest.encode() + b"\n" + canonical(content)).hexdigest()


ACCESS_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_role",
    "household_id",
    "corporation_id",
    "record",
    "view",
    "purpose",
)
WRITE_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_role",
    "household_id",
    "corporation_id",
    "record",
    "action",
    "before",
    "after",
)


def content_of(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}
