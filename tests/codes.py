"""Finding a raw code in text a household or officer reads: a word of two or more capital letters
(``DAK``, ``NVT``, ``HUU``) or a word with an underscore (``GROUND_FLOOR``, ``GOOD_NEIGHBOUR``)."""

from __future__ import annotations

import html
import re

CODE = re.compile(r"(?<![\w-])(?:[A-Z][A-Z0-9]*_[A-Z0-9_]+|[A-Z]{2,})(?![\w-])")

# A Dutch postcode ("1234 AB") is an address, not a code.
POSTCODE = re.compile(r"\b\d{4}\s?[A-Z]{2}\b")

# Words in capitals that are words, not codes: the names people know them by.
ACRONYMS = frozenset({"PDF", "VERA"})

_SKIP = re.compile(r"<(script|style|head)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def codes_in(text: str) -> list[str]:
    return [c for c in CODE.findall(POSTCODE.sub(" ", text)) if c not in ACRONYMS]


def page_text(body: str) -> str:
    """The text a reader sees in an HTML page: no head, scripts, styles, tags or attributes."""
    return " ".join(html.unescape(_TAG.sub(" ", _SKIP.sub(" ", body))).split())
