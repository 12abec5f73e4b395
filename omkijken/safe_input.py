"""Strict JSON for anything a client or an uploaded file sends us.

``json.loads`` accepts input our code and the database cannot handle, and fails on some of it with
errors nobody catches (5xx): nesting deep enough to exhaust the recursion limit, integers longer
than Python converts (4,300 digits), non-finite numbers, and strings with a NUL character or a
lone surrogate (PostgreSQL and UTF-8 refuse both). ``strict_loads`` refuses all of these with
``UnsafeJSON``, whose message says what is wrong, so callers answer 400.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.utils.translation import gettext as _

MAX_DEPTH = 64
MAX_INTEGER_DIGITS = 30
MAX_MAGNITUDE = 1e15


class UnsafeJSON(ValueError):
    """Input we refuse; ``str(exc)`` is a translated message for the client, ``path`` where in the
    document it is (``"complexes.0"``; empty for the document as a whole)."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.path = path


class _Refused:
    """A number the parser met and we refuse; ``check`` reports it with its place in the document."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _integer(text: str) -> int | _Refused:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        return _Refused(_("A number has more than %(digits)d digits.") % {"digits": MAX_INTEGER_DIGITS})
    return int(text)


def _float(text: str) -> float | _Refused:
    value = float(text)
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        return _Refused(_("A number is too large."))
    return value


def _constant(text: str) -> float:
    raise UnsafeJSON(_("%(value)s is not a number JSON allows.") % {"value": text})


def _check_text(text: str, path: tuple[str, ...]) -> None:
    if "\x00" in text:
        raise UnsafeJSON(_("A text contains a NUL character (\\u0000)."), ".".join(path))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UnsafeJSON(
            _("A text contains an unpaired surrogate (an invalid \\u escape)."), ".".join(path)
        ) from exc


def check(data: Any) -> None:
    """Walk ``data`` without recursion: depth, every key and string, and the numbers the parser
    refused; an error names its place (``"complexes.0"``)."""
    stack: list[tuple[Any, int, tuple[str, ...]]] = [(data, 1, ())]
    while stack:
        node, depth, path = stack.pop()
        if isinstance(node, str):
            _check_text(node, path)
            continue
        if isinstance(node, _Refused):
            raise UnsafeJSON(node.message, ".".join(path))
        if not isinstance(node, dict | list):
            continue
        if depth > MAX_DEPTH:
            raise UnsafeJSON(_("The JSON is nested more than %(depth)d levels deep.") % {"depth": MAX_DEPTH})
        if isinstance(node, dict):
            for key, value in node.items():
                _check_text(key, path)
                stack.append((value, depth + 1, (*path, key)))
        else:
            stack.extend((value, depth + 1, (*path, str(index))) for index, value in enumerate(node))


def strict_loads(text: str | bytes) -> Any:
    """``json.loads`` that refuses what we cannot store or process (see the module docstring).
    Raises ``UnsafeJSON`` for those and ``json.JSONDecodeError``/``UnicodeDecodeError`` as usual."""
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    try:
        data = json.loads(text, parse_int=_integer, parse_float=_float, parse_constant=_constant)
    except RecursionError as exc:
        raise UnsafeJSON(
            _("The JSON is nested more than %(depth)d levels deep.") % {"depth": MAX_DEPTH}
        ) from exc
    check(data)
    return data
