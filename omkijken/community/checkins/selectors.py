"""Reads of the calling rota, already filtered to what the actor may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from omkijken.accounts.models import User
from omkijken.accounts.policy import can
from omkijken.community.checkins.models import CheckInAgreement
from omkijken.community.scope import resident_place, staff_complexes

# A check-in not logged within this time after it was due is a missed check-in.
CHECK_IN_GRACE = dt.timedelta(hours=24)


def check_ins_for(actor: User) -> QuerySet[CheckInAgreement]:
    """Agreements the actor is part of (resident: as caller or as the one called) or coordinates."""
    place = resident_place(actor)
    agreements = CheckInAgreement.objects.filter(active=True).select_related("resident", "caller", "complex")
    if place is not None:
        return agreements.filter(Q(caller=place.person) | Q(resident=place.person), complex=place.complex)
    if can(actor, "manage_community"):
        return agreements.filter(complex__in=staff_complexes(actor))
    return CheckInAgreement.objects.none()


def missed_check_ins(actor: User, *, now: dt.datetime | None = None) -> QuerySet[CheckInAgreement]:
    now = now or timezone.now()
    if not can(actor, "manage_community"):
        return CheckInAgreement.objects.none()
    return (
        overdue_check_ins(now=now)
        .filter(complex__in=staff_complexes(actor))
        .select_related("resident", "caller", "complex")
    )


def overdue_check_ins(*, now: dt.datetime) -> QuerySet[CheckInAgreement]:
    return CheckInAgreement.objects.filter(active=True, next_due_at__lte=now - CHECK_IN_GRACE)


def overdue_among(
    agreements: list[CheckInAgreement], *, now: dt.datetime | None = None
) -> list[CheckInAgreement]:
    """The agreements of this list past their grace time (missed calls), without another query."""
    overdue_before = (now or timezone.now()) - CHECK_IN_GRACE
    return [a for a in agreements if a.next_due_at <= overdue_before]
