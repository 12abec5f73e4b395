"""The API's JSON parser: DRF's, but strict (``omkijken.safe_input``), so a body nested 50,000
deep, a 5,000-digit number, a NUL or a lone surrogate answers 400 instead of 500."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser

from omkijken.safe_input import UnsafeJSON, strict_loads


class StrictJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return strict_loads(stream.read().decode(encoding))
        except UnsafeJSON as exc:
            if exc.path:
                # the place in the body is known: name it as a field error, as the serializers do
                raise ValidationError({exc.path: [str(exc)]}) from exc
            raise ParseError(str(exc)) from exc
        except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError is a ValueError
            raise ParseError(f"JSON parse error - {exc}") from exc
