"""Reads of help requests and offers, already filtered to what the actor may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from omkijken.accounts.models import Role, User
from omkijken.accounts.policy import can
from omkijken.community.help.models import HelpOffer, HelpRequest
from omkijken.community.scope import resident_place, staff_complexes

# A help request nobody claimed within this time is shown to the building manager.
UNCLAIMED_AFTER = dt.timedelta(hours=48)


def help_requests_for(actor: User, *, on: dt.date | None = None) -> QuerySet[HelpRequest]:
    """Help requests of the actor's complex (resident) or of the complexes they coordinate."""
    place = resident_place(actor, on=on)
    if place is not None:
        return HelpRequest.objects.filter(complex=place.complex).select_related("requester", "helper")
    if actor.role == Role.RESIDENT or not can(actor, "manage_community"):
        return HelpRequest.objects.none()
    return HelpRequest.objects.filter(complex__in=staff_complexes(actor)).select_related(
        "requester", "helper", "complex"
    )


def own_help_requests(actor: User) -> QuerySet[HelpRequest]:
    """The resident's own help requests."""
    place = resident_place(actor)
    if place is None:
        return HelpRequest.objects.none()
    return HelpRequest.objects.filter(requester=place.person)


def help_offers_for(actor: User) -> QuerySet[HelpOffer]:
    place = resident_place(actor)
    if place is not None:
        return HelpOffer.objects.filter(complex=place.complex, active=True).select_related("person")
    if can(actor, "manage_community"):
        return HelpOffer.objects.filter(complex__in=staff_complexes(actor), active=True).select_related(
            "person"
        )
    return HelpOffer.objects.none()


def unclaimed_help_requests(actor: User, *, now: dt.datetime | None = None) -> QuerySet[HelpRequest]:
    """Open help requests nobody took within UNCLAIMED_AFTER, in the actor's complexes."""
    now = now or timezone.now()
    if not can(actor, "manage_community"):
        return HelpRequest.objects.none()
    return (
        HelpRequest.objects.filter(
            complex__in=staff_complexes(actor),
            status=HelpRequest.Status.OPEN,
            created_at__lte=now - UNCLAIMED_AFTER,
        )
        .select_related("complex", "requester")
        .order_by("created_at")
    )


def overdue_help_requests(*, now: dt.datetime) -> QuerySet[HelpRequest]:
    return HelpRequest.objects.filter(status=HelpRequest.Status.OPEN, created_at__lte=now - UNCLAIMED_AFTER)
