from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def cell(value: object) -> str:
    """A count that may be suppressed: "< 5" when hidden."""
    shown = getattr(value, "value", value)
    return "< 5" if shown is None else str(shown)


@register.filter
def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


@register.filter
def score(value: float | None) -> str:
    return "–" if value is None else number_format(value, 1)
