"""Engine ids (``u12``, ``h7``, ...) are built and read in one module; letting uses the engine's
public API only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from omkijken.letting.rounds import ids

LETTING = Path(__file__).resolve().parents[3] / "omkijken" / "letting"
BUILT_BY_HAND = re.compile(r"""f["'][uhcsp]\{|\[1:\]\)|lstrip\(["'][uhcsp]""")
ENGINE_INTERNALS = re.compile(
    r"from omkijken\.engine\.allocation\.(core|model|verify|explain|result|labels|fill)\b"
)


def test_ids_round_trip_and_refuse_what_is_not_an_id() -> None:
    assert ids.unit_id(12) == "u12" and ids.unit_pk("u12") == 12
    assert ids.household_pk(ids.household_id(7)) == 7
    assert ids.complex_pk(ids.complex_id(3)) == 3
    assert ids.pk_of(ids.section_id(4)) == 4 and ids.pk_of(ids.partner_id(5)) == 5
    for bad in ("", "u", "x12", "u1a", "12"):
        with pytest.raises(ValueError):
            ids.pk_of(bad)
    with pytest.raises(ValueError):
        ids.unit_pk("h12")
    assert ids.pk_or_none("golden") is None and ids.pk_or_none(None) is None


def test_no_letting_module_but_ids_builds_or_parses_engine_ids() -> None:
    offenders = [
        f"{path.relative_to(LETTING)}:{n}"
        for path in LETTING.rglob("*.py")
        if path.name != "ids.py" and "migrations" not in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BUILT_BY_HAND.search(line)
    ]
    assert offenders == []


def test_letting_imports_only_the_engines_public_api() -> None:
    offenders = [
        str(path.relative_to(LETTING))
        for path in LETTING.rglob("*.py")
        if ENGINE_INTERNALS.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
