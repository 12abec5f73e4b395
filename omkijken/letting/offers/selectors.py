"""Reads for offers and key handovers, scoped to the actor's corporation (and, for a building
manager, to the complexes they manage)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from omkijken.accounts.models import Role, User
from omkijken.accounts.policy import can
from omkijken.letting.adverts.selectors import applicant_household
from omkijken.letting.offers.models import KeyHandover, Offer


def offers_for(actor: User) -> QuerySet[Offer]:
    """The corporation's offers, for staff who may see letting."""
    if not can(actor, "view_letting"):
        raise PermissionDenied
    return Offer.objects.filter(corporation=actor.organisation).select_related(
        "unit", "unit__complex", "household", "created_by"
    )


def offers_visible_to(actor: User) -> QuerySet[Offer]:
    """Staff who may see letting: the corporation's offers; an applicant or resident: their own
    household's offers; anyone else: none."""
    if can(actor, "view_letting"):
        return offers_for(actor)
    household = applicant_household(actor)
    if household is None:
        return Offer.objects.none()
    return Offer.objects.filter(household=household)


def offer_detail(actor: User, pk: int) -> Offer:
    found = (
        offers_for(actor)
        .select_related("lease", "advert", "allocation")
        .prefetch_related("events", "events__by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def key_handovers_for(actor: User, *, on: dt.date) -> QuerySet[Any]:
    """Key handovers from ``on`` onwards: a letting officer sees the corporation's, a building
    manager only those in the complexes they manage."""
    if not can(actor, "view_key_handovers"):
        raise PermissionDenied
    handovers = KeyHandover.objects.filter(
        offer__corporation=actor.organisation, at__date__gte=on
    ).select_related(
        "offer", "offer__unit", "offer__unit__complex", "offer__household", "offer__lease", "with_user"
    )
    if actor.role == Role.BUILDING_MANAGER:
        handovers = handovers.filter(offer__unit__complex__managers=actor)
    return handovers.order_by("at", "pk")
