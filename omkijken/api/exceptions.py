"""One shape for every API error, whatever raised it.

Every error answers JSON ``{"detail": str, "code": str, "errors": {field: [str, ...]}}``, Dutch
unless the client asks for English with ``Accept-Language: en``. Services raise Django's
``ValidationError`` (400), ``PermissionDenied`` (403) and selectors ``Http404`` (404); a race that
a database constraint stops (``IntegrityError``) answers 409; a value the database refuses
(``DataError``: a NUL byte, a number out of range) answers 400. Nothing a client sends may produce
a 5xx: those are bugs, and the schemathesis test looks for them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    """The request clashes with the record's current state (a transition not allowed from its
    status, or a concurrent change that a database constraint refused)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(
        self, detail: Any = None, code: str | None = None, errors: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(detail or _("This conflicts with the current state of the record."), code)
        self.errors = errors or {}

    @classmethod
    def from_validation_error(cls, exc: DjangoValidationError) -> Conflict:
        """A service refused a transition from the record's current status."""
        errors = _flatten(_from_django_validation_error(exc).detail)
        first = next(iter(errors.values()))[0] if errors else None
        return cls(first, code="invalid_state", errors=errors)


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        out: list[str] = []
        for item in value:
            out.extend(_as_list(item))
        return out
    if isinstance(value, Mapping):
        out = []
        for item in value.values():
            out.extend(_as_list(item))
        return out
    return [str(value)]


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as ``{"field": [...], "field.0.sub": [...]}``."""
    errors: dict[str, list[str]] = {}
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, Mapping) or (
                isinstance(value, list) and any(isinstance(v, Mapping | list) for v in value)
            ):
                errors.update(_flatten(value, name))
            else:
                errors.setdefault(name, []).extend(_as_list(value))
    elif isinstance(detail, list):
        if all(not isinstance(v, Mapping | list) for v in detail):
            errors.setdefault(prefix or api_settings.NON_FIELD_ERRORS_KEY, []).extend(_as_list(detail))
        else:
            for index, value in enumerate(detail):
                if value in ({}, []):
                    continue
                errors.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
    else:
        errors.setdefault(prefix or api_settings.NON_FIELD_ERRORS_KEY, []).append(str(detail))
    return errors


def _first_code(codes: Any) -> str:
    if isinstance(codes, Mapping):
        for value in codes.values():
            return _first_code(value)
    if isinstance(codes, list | tuple):
        for value in codes:
            return _first_code(value)
        return "invalid"
    return str(codes) if codes else "invalid"


def _from_django_validation_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        detail: dict[str, list[str]] = {}
        for field, messages in exc.message_dict.items():
            key = api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field
            detail.setdefault(key, []).extend(messages)
        return exceptions.ValidationError(detail)
    return exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages})


def error_body(detail: str, code: str, errors: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"detail": detail, "code": code, "errors": errors or {}}


def exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        exc = _from_django_validation_error(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*(exc.args))
    elif isinstance(exc, IntegrityError):
        logger.info("API request refused by a database constraint: %s", exc)
        exc = Conflict(
            _("Someone else changed this record at the same moment; reload it and try again."),
            code="concurrent_change",
        )
    elif isinstance(exc, DataError):
        logger.warning("API request refused by the database: %s", exc)
        exc = exceptions.ValidationError(
            {
                api_settings.NON_FIELD_ERRORS_KEY: [
                    _("A value is not acceptable (too long, too large, or a NUL character).")
                ]
            }
        )

    if not isinstance(exc, exceptions.APIException):
        return None

    headers: dict[str, str] = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))  # type: ignore[attr-defined]

    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        body = error_body(_("The request contains invalid data."), _first_code(exc.get_codes()), errors)
    else:
        detail = exc.detail
        if isinstance(detail, list | dict):
            errors = _flatten(detail)
            text = next(iter(errors.values()))[0] if errors else str(exc.default_detail)
            body = error_body(text, _first_code(exc.get_codes()), errors)
        else:
            body = error_body(
                str(detail), str(getattr(detail, "code", exc.default_code)), getattr(exc, "errors", None)
            )
    set_rollback()
    return Response(body, status=exc.status_code, headers=headers)
