"""What keeps a household's data past its retention period, or from erasure.

- An open objection (``letting.objections``): the dispute needs the letting file.
- A running legal hold set by the privacy officer (``LegalHold``), with its reason.
- A running lease: the lease file needs the income check it was let on (passend toewijzen is
  audited afterwards), and the persons and the lease themselves cannot be erased while it runs.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext as _

from omkijken.letting.objections.models import Objection
from omkijken.privacy.models import LegalHold
from omkijken.residents.models import Lease


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day where it is shorter)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def months_after(day: dt.date, months: int) -> dt.date:
    return months_before(day, -months)


def running_lease_households(on: dt.date, households: Iterable[int] | None = None) -> set[int]:
    leases = Lease.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)
    if households is not None:
        leases = leases.filter(household_id__in=list(households))
    return set(leases.values_list("household_id", flat=True))


def dispute_households(households: Iterable[int] | None = None) -> set[int]:
    """Households with an open objection, or a running legal hold."""
    objections = Objection.objects.filter(status=Objection.Status.OPEN)
    holds = LegalHold.objects.filter(lifted_at__isnull=True)
    if households is not None:
        wanted = list(households)
        objections = objections.filter(household_id__in=wanted)
        holds = holds.filter(household_id__in=wanted)
    return set(objections.values_list("household_id", flat=True)) | set(
        holds.values_list("household_id", flat=True)
    )


def erasure_holds(household_id: int, on: dt.date) -> list[str]:
    """Why this household cannot be erased now (empty: it can)."""
    reasons: list[str] = []
    if running_lease_households(on, [household_id]):
        reasons.append(_("The household has a running lease: its persons and lease are needed for it."))
    if Objection.objects.filter(household_id=household_id, status=Objection.Status.OPEN).exists():
        reasons.append(_("The household has an open objection: the dispute needs its letting file."))
    hold = LegalHold.objects.filter(household_id=household_id, lifted_at__isnull=True).first()
    if hold is not None:
        reasons.append(_("A legal hold runs: %(reason)s") % {"reason": hold.reason})
    return reasons
