"""Form widgets for every form: HTML date, time and date-time inputs in the format they need.

A browser's ``<input type="date">`` accepts only ``yyyy-MM-dd`` as its value; Django's plain
``DateInput`` renders the active language's format ("02-12-2026" in Dutch), which the browser drops,
so a stored date showed as a blank field. These widgets always render the ISO form; parsing is
unchanged (Django accepts ISO dates in every language).
"""

from __future__ import annotations

from typing import Any

from django import forms

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
TIME_FORMAT = "%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, **kwargs: Any) -> None:
        kwargs.pop("format", None)
        super().__init__(attrs=attrs, format=DATE_FORMAT, **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None, **kwargs: Any) -> None:
        kwargs.pop("format", None)
        super().__init__(attrs=attrs, format=DATETIME_FORMAT, **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None, **kwargs: Any) -> None:
        kwargs.pop("format", None)
        super().__init__(attrs=attrs, format=TIME_FORMAT, **kwargs)
