"""Hard rule 4's mix count: one definition for the engine, the verifier, the bound, the metrics and
the letting application (the mix-effect preview of a round, the advert channel proposal).

The vulnerable share of a mixed complex is counted over **households**, as ``occupied`` is::

    share = (vulnerable living there + vulnerable placed) / (households living there + households placed)

A home that stays empty after the round counts in neither part: an empty home is not a regular
neighbour. The cap is the most vulnerable households the complex may hold after the round,
``floor((target + tolerance) · households)``, and the floor the fewest it should hold,
``ceil((target − tolerance) · households)``; both depend on how many households live there after the
round, so placing a regular household makes room for vulnerable ones (and raises the floor). A
complex that already starts above its cap gets no further vulnerable household. The arithmetic is
exact: shares are fractions read from their decimal text.
"""

from __future__ import annotations

import math
from fractions import Fraction


def as_fraction(x: float | str | Fraction) -> Fraction:
    """A share as an exact fraction of its decimal text (0.3 is 3/10, not the nearest binary)."""
    if isinstance(x, Fraction):
        return x
    return Fraction(repr(x)) if isinstance(x, float) else Fraction(x)


def vulnerable_cap(target: Fraction, tolerance: Fraction, households: int) -> int:
    """The most vulnerable households among ``households`` at a share of at most target + tolerance."""
    return max(0, math.floor((target + tolerance) * households))


def vulnerable_floor(target: Fraction, tolerance: Fraction, households: int) -> int:
    """The fewest vulnerable households among ``households`` at a share of at least target − tolerance."""
    return max(0, math.ceil((target - tolerance) * households))


def share(vulnerable: int, households: int) -> float:
    """The vulnerable share of the households (0 when nobody lives there)."""
    return vulnerable / households if households else 0.0


def starts_over(target: Fraction, tolerance: Fraction, vulnerable: int, households: int) -> bool:
    """Whether a complex already starts above its cap (then it gets no further vulnerable household)."""
    return vulnerable > vulnerable_cap(target, tolerance, households)


def may_place_vulnerable(
    target: Fraction,
    tolerance: Fraction,
    *,
    vulnerable_before: int,
    households_before: int,
    vulnerable_after: int,
    households_after: int,
) -> bool:
    """Rule 4 for one complex: the share after the round stays at or below target + tolerance, and a
    complex that started above its cap receives no vulnerable household."""
    if vulnerable_after > vulnerable_before and starts_over(
        target, tolerance, vulnerable_before, households_before
    ):
        return False
    return vulnerable_after <= vulnerable_cap(target, tolerance, households_after)


def mix_shortfall(target: Fraction, tolerance: Fraction, vulnerable: int, households: int) -> int:
    """How many vulnerable households the complex misses below target − tolerance after the round."""
    return max(0, vulnerable_floor(target, tolerance, households) - vulnerable)
