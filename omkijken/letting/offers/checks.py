"""Warnings an officer may override with a reason: shared by the forms and the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _


def early_handover_warning(*, start_date: dt.date, key_handover_at: dt.datetime) -> str:
    """The warning before a key handover dated before the lease starts ('' when there is none)."""
    if timezone.localtime(key_handover_at).date() >= start_date:
        return ""
    return _(
        "The key handover is before the lease starts on %(date)s. Tick the confirmation and give "
        "the reason to go ahead."
    ) % {"date": start_date.strftime("%d-%m-%Y")}
