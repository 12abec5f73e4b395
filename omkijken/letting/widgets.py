"""Letting's forms use the shared date and date-time inputs (omkijken.web.widgets)."""

from __future__ import annotations

from omkijken.web.widgets import DateInput, DateTimeInput

__all__ = ["DateInput", "DateTimeInput"]
