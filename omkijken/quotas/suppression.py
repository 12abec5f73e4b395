"""The one disclosure control for every count the municipality sees.

A municipal officer sees aggregates only. Three rules, applied to every table by ``suppress`` and
to every total by ``suppress_total`` (see docs/privacy.md, "Small counts"):

1. **Primary suppression**: a count under ``THRESHOLD`` (5) is not shown ("< 5").
2. **Secondary suppression**: when exactly one cell of a table is hidden, the smallest shown cell
   is hidden too, so the table's own total cannot give the one hidden cell away.
3. **Rounding to a base**: every count that is shown, and every total, is rounded to the nearest
   multiple of ``BASE`` (5). Totals are computed from the exact counts and then rounded, never
   summed from rounded cells.

Why rounding, and not only (complementary) suppression: the same households are counted in more
than one table (per neighbourhood, per target group, per corporation) and the page is read again
tomorrow. With exact shown counts, "total of one table minus the shown cells of another" is the
exact sum of the hidden cells, and a household added between two reads shows up as +1 in exactly
one cell. Complementary suppression would have to be solved across every table that shares a
margin, and again across every pair of dates; rounding every published figure independently holds
for any combination of tables and dates without that bookkeeping: a difference of rounded figures
only bounds the hidden sum to an interval at least ``BASE`` wide, and a one-household change is
invisible unless it moves a count across a rounding boundary (where it joins a group of at least
five). The price is precision: figures are within 2 of the truth, and the page says so.

The corporation reads its own figures exactly (``exact``): it already knows its households; the
rules protect them from readers outside the corporation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

THRESHOLD = 5
BASE = 5

# The name the first version used; callers in quotas and signals still import it.
SUPPRESSION_THRESHOLD = THRESHOLD

K = TypeVar("K")


@dataclass(frozen=True)
class Cell:
    """A count as published. ``value`` is None when suppressed; ``rounded`` says that ``value`` is
    a multiple of ``BASE`` near the true count rather than the count itself."""

    value: int | None
    rounded: bool = False

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return f"< {THRESHOLD}" if self.value is None else str(self.value)


def round_to_base(n: int) -> int:
    """The nearest multiple of ``BASE`` (a half rounds up): 7 → 5, 8 → 10, 12 → 10."""
    return BASE * ((n + BASE // 2) // BASE)


def suppress(counts: Mapping[K, int]) -> dict[K, Cell]:
    """One table's cells as the municipality may see them: counts under the threshold hidden, a
    second cell hidden where only one is, every shown count rounded to the base."""
    hidden = {key for key, n in counts.items() if n < THRESHOLD}
    if len(hidden) == 1:
        shown = sorted((n, str(key), key) for key, n in counts.items() if key not in hidden)
        if shown:
            hidden.add(shown[0][2])
    return {
        key: Cell(None) if key in hidden else Cell(round_to_base(n), rounded=True)
        for key, n in counts.items()
    }


def suppress_total(n: int) -> Cell:
    """A total (computed from exact counts) as the municipality may see it."""
    return Cell(None) if n < THRESHOLD else Cell(round_to_base(n), rounded=True)


def exact(counts: Mapping[K, int]) -> dict[K, Cell]:
    """A table as its own corporation sees it: every count as it is."""
    return {key: Cell(n) for key, n in counts.items()}


def protect(counts: Mapping[K, int], *, for_municipality: bool) -> dict[K, Cell]:
    """``suppress`` for a reader outside the corporation, ``exact`` for the corporation."""
    return suppress(counts) if for_municipality else exact(counts)


def protect_total(n: int, *, for_municipality: bool) -> Cell:
    return suppress_total(n) if for_municipality else Cell(n)
