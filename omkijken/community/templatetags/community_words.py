"""A profile's codes in words of the reader's language: ``{{ b.interests|interest_names }}`` shows
"voetbal, koffie drinken" in Dutch, never the stored codes "football, coffee"."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils import translation

from omkijken.community.forms import INTEREST_CHOICES
from omkijken.engine import buddies as engine

register = template.Library()


def _words(codes: Iterable[str], labels: dict[str, object]) -> str:
    return ", ".join(str(labels.get(code, code.replace("_", " "))) for code in codes)


@register.filter
def interest_names(codes: Iterable[str]) -> str:
    return _words(codes, dict(INTEREST_CHOICES))


@register.filter
def language_names(codes: Iterable[str]) -> str:
    if translation.get_language() == "en":
        return ", ".join(engine.language_name(code, "en") for code in codes)
    return ", ".join(engine.language_name(code, "nl") for code in codes)
