"""Yearly rule tables (passend toewijzen, aftoppingsgrenzen, DAEB) and the eligibility test.

The figures live in ``tables/<year>.json`` as data, each with its source; a value the law sets but
that we could not retrieve from an official source is marked ``"unknown": true`` and a round that
needs it must supply it in its ``rules`` (:func:`resolve_rules` then raises :class:`MissingRule`).

All comparisons are inclusive, as the law words them ("tot en met"): a household qualifies for a
limit when its income is at most the limit, a rent is within a grens when it is at most the grens.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from typing import Any

RULE_KEYS: tuple[str, ...] = (
    "passend_income_limit.single",
    "passend_income_limit.multi",
    "passend_income_limit.single_senior",
    "passend_income_limit.multi_senior",
    "aftoppingsgrens.low",
    "aftoppingsgrens.high",
    "daeb_income_limit.single",
    "daeb_income_limit.multi",
    "daeb_rent_limit",
)


class MissingRule(Exception):
    """A rule value the round needs is unknown in the built-in table and not supplied by the round."""

    def __init__(self, key: str, year: int, note: str) -> None:
        super().__init__(f"rules.{key}: no official value known for {year} ({note}); supply it in the round")
        self.key = key
        self.year = year
        self.note = note


@dataclass(frozen=True, slots=True)
class RuleValue:
    value: float | None
    source: str


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The resolved rules of one round: the year's table with the round's overrides applied."""

    year: int
    values: dict[str, RuleValue]
    passend_exceptions: int = 0
    daeb_free_allocations: int = 0

    def get(self, key: str) -> float:
        """The value of ``key``; raises :class:`MissingRule` when it is unknown."""
        rv = self.values.get(key)
        if rv is None or rv.value is None:
            raise MissingRule(key, self.year, rv.source if rv else "no table for this year")
        return rv.value

    def known(self, key: str) -> bool:
        rv = self.values.get(key)
        return rv is not None and rv.value is not None


def load_table(year: int) -> dict[str, RuleValue]:
    """The built-in table for ``year`` (empty when there is none)."""
    path = resources.files(__package__).joinpath("tables", f"{year}.json")
    if not path.is_file():
        return {}
    doc = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, RuleValue] = {}
    for key, entry in doc["values"].items():
        if entry.get("unknown"):
            out[key] = RuleValue(None, entry.get("note", "unknown"))
        else:
            out[key] = RuleValue(float(entry["value"]), entry["source"])
    return out


def resolve_rules(year: int, overrides: dict[str, Any] | None) -> RuleSet:
    """The year's table with the round's ``rules`` object applied on top."""
    values = load_table(year)
    overrides = overrides or {}
    for key in RULE_KEYS:
        head, _, tail = key.partition(".")
        raw = overrides.get(head)
        if tail:
            raw = raw.get(tail) if isinstance(raw, dict) else None
        if raw is not None:
            values[key] = RuleValue(float(raw), "round rules override")
    return RuleSet(
        year=year,
        values=values,
        passend_exceptions=int(overrides.get("passend_exceptions", 0)),
        daeb_free_allocations=int(overrides.get("daeb_free_allocations", 0)),
    )


class Passendheid(StrEnum):
    PAS = "PAS"
    NIE = "NIE"
    NVT = "NVT"


class Exception_(StrEnum):
    """Which exception budget an allocation would draw on."""

    NONE = "NONE"
    PASSEND = "PASSEND"  # rent above the aftoppingsgrens for a household under the passend limit
    DAEB = "DAEB"  # DAEB unit to a household above the DAEB income limit (vrije toewijzingsruimte)


@dataclass(frozen=True, slots=True)
class HouseholdLimits:
    """Per household: the limits that apply to it, looked up once."""

    passend_limit: float
    aftopping: float
    daeb_limit: float


NOT_NEEDED = float("inf")


def household_limits(rules: RuleSet, size: int, senior: bool, income: float) -> HouseholdLimits:
    """The limits that apply to a household, reading only the values its assessment needs.

    Raises :class:`MissingRule` when a needed value is unknown (e.g. the 2026 aftoppingsgrenzen for a
    household under the passend-toewijzen limit). Values the assessment cannot reach are ``inf``.
    """
    cls = "single" if size == 1 else "multi"
    daeb_limit = rules.get(f"daeb_income_limit.{cls}")
    if income > daeb_limit:
        return HouseholdLimits(passend_limit=-1.0, aftopping=NOT_NEEDED, daeb_limit=daeb_limit)
    passend_limit = rules.get(f"passend_income_limit.{cls}{'_senior' if senior else ''}")
    if income > passend_limit:
        return HouseholdLimits(passend_limit=passend_limit, aftopping=NOT_NEEDED, daeb_limit=daeb_limit)
    aftopping = rules.get("aftoppingsgrens.low" if size <= 2 else "aftoppingsgrens.high")
    return HouseholdLimits(passend_limit=passend_limit, aftopping=aftopping, daeb_limit=daeb_limit)


def assess_financial(
    income: float, rent: float, limits: HouseholdLimits, daeb_rent_limit: float
) -> tuple[Passendheid, Exception_]:
    """Passend toewijzen and DAEB for one household and one unit.

    Returns the passendheid the allocation would have and which exception budget it would need
    (``NONE`` when it is allowed outright). Passend toewijzen follows the household, whatever the
    home: a household at or under its passend-toewijzen limit is ``NIE`` in a home above its
    aftoppingsgrens, a liberalised one (above the DAEB huurgrens) included. DAEB follows the home:
    a liberalised home is not DAEB stock, so the DAEB income test does not apply to it.
    """
    if rent > daeb_rent_limit:
        if income <= limits.passend_limit:
            return Passendheid.NIE, Exception_.PASSEND
        return Passendheid.NVT, Exception_.NONE
    if income > limits.daeb_limit:
        return Passendheid.NVT, Exception_.DAEB
    if income <= limits.passend_limit:
        if rent <= limits.aftopping:
            return Passendheid.PAS, Exception_.NONE
        return Passendheid.NIE, Exception_.PASSEND
    return Passendheid.NVT, Exception_.NONE
