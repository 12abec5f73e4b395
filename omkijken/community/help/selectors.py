"""Reads of help requests and offers, already filtered to what the actor may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from omkijken.accounts.models import Role, User
from omkijken.accounts.policy import can
from omkijken.community.help.models import HelpOffer, HelpRequest
from omkijken.community.scope import places_of_persons, resident_place, staff_complexes

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


@dataclass(frozen=True)
class PairContact:
    """How one of a help pair reaches the other: only what that neighbour chose to share."""

    first_name: str
    house_number: str
    phone: str


def pair_contact(help_request: HelpRequest, me: int | None) -> PairContact | None:
    """For the asker: the helper's contact; for the helper: the asker's. Anyone else, or a request
    nobody took, gets None. The helper's house number is always shown to the asker (the helper
    chose to help); the asker's house number and phone, and the helper's phone, only if shared."""
    if me is None or help_request.helper_id is None:
        return None
    if help_request.status not in (HelpRequest.Status.CLAIMED, HelpRequest.Status.CLOSED):
        return None
    if me == help_request.requester_id:
        other, show_number, show_phone = help_request.helper, True, help_request.helper_shares_phone
    elif me == help_request.helper_id:
        other = help_request.requester
        show_number, show_phone = help_request.share_house_number, help_request.share_phone
    else:
        return None
    assert other is not None
    place = places_of_persons([other.pk]).get(other.pk)
    return PairContact(
        first_name=other.first_name,
        house_number=place.house_number if place and show_number else "",
        phone=other.phone if show_phone else "",
    )
