"""Figures as the reader's language writes them: one place for money and counts.

Dutch: "€ 2.500,00" and "7.322"; English: "€2,500.00" and "7,322". Every page, letter and export
that shows money or a count to a person goes through :func:`money` or :func:`count` (in templates the
built-in filters ``|euro`` and ``|count``), so no figure shows up without its thousands separator or
with the other language's decimal mark. ``USE_THOUSAND_SEPARATOR`` stays off on purpose: it would
also group years and record numbers ("2.026").
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import translation
from django.utils.formats import number_format

Number = int | float | Decimal | str


def _decimal(value: Number) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def amount(value: Number, *, decimals: int = 2) -> str:
    """An amount of money without the sign, grouped: 1.234,50 in Dutch, 1,234.50 in English."""
    number = _decimal(value)
    if number is None:
        return str(value)
    return number_format(number, decimal_pos=decimals, force_grouping=True)


def money(value: Number | None, *, decimals: int = 2) -> str:
    """An amount of money with its sign: "€ 1.066,47" in Dutch, "€1,066.47" in English; the sign
    and the number never wrap apart. ``None`` (no amount) is shown as a dash."""
    if value is None or value == "":
        return "–"
    text = amount(value, decimals=decimals)
    if translation.get_language() == "en":
        return f"€{text}"
    return f"€\u00a0{text}"


def count(value: Number | None) -> str:
    """A whole count, grouped: 7.322 in Dutch, 7,322 in English."""
    if value is None or value == "":
        return "–"
    number = _decimal(value)
    if number is None:
        return str(value)
    return number_format(number.quantize(Decimal(1)), decimal_pos=0, force_grouping=True)


# The template filters, built in to every template (TEMPLATES["OPTIONS"]["builtins"] in settings).
register = template.Library()


@register.filter
def euro(value: Number | None) -> str:
    """{{ unit.net_rent|euro }} → "€ 1.066,47" (Dutch) or "€1,066.47" (English)."""
    return money(value)


@register.filter(name="count")
def count_filter(value: Number | None) -> str:
    """{{ household_count|count }} → "7.322" (Dutch) or "7,322" (English)."""
    return count(value)
