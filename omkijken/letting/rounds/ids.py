"""The one mapping between database keys and the ids of the engine's round document.

A round document names its objects by a letter and the primary key: ``u<unit>``, ``h<household>``,
``c<complex>``, ``s<section>``, ``p<organisation>`` (a care partner). The builder writes them, the
round's pages, its services and the letters read them back; all of them go through this module.
"""

from __future__ import annotations

UNIT, HOUSEHOLD, COMPLEX, SECTION, PARTNER = "u", "h", "c", "s", "p"


def unit_id(pk: int) -> str:
    return f"{UNIT}{pk}"


def household_id(pk: int) -> str:
    return f"{HOUSEHOLD}{pk}"


def complex_id(pk: int) -> str:
    return f"{COMPLEX}{pk}"


def section_id(pk: int) -> str:
    return f"{SECTION}{pk}"


def partner_id(pk: int) -> str:
    return f"{PARTNER}{pk}"


def pk_of(engine_id: str) -> int:
    """The primary key behind any engine id (``u123`` -> 123); ValueError for anything else."""
    text = str(engine_id)
    if len(text) < 2 or text[0] not in (UNIT, HOUSEHOLD, COMPLEX, SECTION, PARTNER) or not text[1:].isdigit():
        raise ValueError(f"not an engine id: {engine_id!r}")
    return int(text[1:])


def _pk(engine_id: str, kind: str) -> int:
    if not str(engine_id).startswith(kind):
        raise ValueError(f"not a {kind!r} id: {engine_id!r}")
    return pk_of(engine_id)


def unit_pk(engine_id: str) -> int:
    return _pk(engine_id, UNIT)


def household_pk(engine_id: str) -> int:
    return _pk(engine_id, HOUSEHOLD)


def complex_pk(engine_id: str) -> int:
    return _pk(engine_id, COMPLEX)


def pk_or_none(engine_id: str | None) -> int | None:
    """The primary key behind an engine id, or None for no id or one that is not ours."""
    if not engine_id:
        return None
    try:
        return pk_of(engine_id)
    except ValueError:
        return None
