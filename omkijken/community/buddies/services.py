"""Writes of buddy requests and pairs: keyword-only, atomic, checked against the actor.

The services take the records the views found in the actor's scope and check that scope again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.accounts.policy import require
from omkijken.community.buddies import selectors
from omkijken.community.buddies.models import BuddyPair, BuddyRequest
from omkijken.community.models import NeighbourProfile
from omkijken.community.scope import acting_resident, place_of_person, resident_place
from omkijken.community.services import clean_codes
from omkijken.engine import buddies as engine
from omkijken.portfolio.models import Complex
from omkijken.residents.models import Person, TargetGroupStatus
from omkijken.residents.selectors import open_status_filter

SHARE_FIELDS = (
    "share_first_name",
    "share_section",
    "share_address",
    "share_phone",
    "share_languages",
    "share_interests",
)


def _request_fields(
    languages: Sequence[str], interests: Sequence[str], availability: Sequence[str], shares: dict[str, bool]
) -> dict[str, Any]:
    unknown = set(shares) - set(SHARE_FIELDS)
    if unknown:
        raise ValueError(f"unknown share fields {unknown}")
    return {
        "languages": [engine.normalise_language(c) for c in clean_codes(languages)],
        "interests": clean_codes(interests),
        "availability": clean_codes(availability, limit=21),
        **{name: bool(shares.get(name, False)) for name in SHARE_FIELDS},
    }


@transaction.atomic
def buddy_request_create(
    *,
    actor: User,
    languages: Sequence[str] = (),
    needs_shared_language: bool = False,
    interests: Sequence[str] = (),
    availability: Sequence[str] = (),
    shares: dict[str, bool],
) -> BuddyRequest:
    """A resident asks for a buddy and chooses what their buddy may see."""
    place = acting_resident(actor)
    try:
        with transaction.atomic():
            return BuddyRequest.objects.create(
                person=place.person,
                origin=BuddyRequest.Origin.RESIDENT,
                consent_given=True,
                needs_shared_language=needs_shared_language,
                **_request_fields(languages, interests, availability, shares),
            )
    except IntegrityError as exc:
        raise ValidationError(_("You already asked for a buddy.")) from exc


@transaction.atomic
def buddy_request_propose(
    *,
    actor: User,
    person: Person,
    consent_given: bool,
    languages: Sequence[str] = (),
    needs_shared_language: bool = False,
    interests: Sequence[str] = (),
    availability: Sequence[str] = (),
    shares: dict[str, bool],
) -> BuddyRequest:
    """A care coordinator proposes a buddy for an own client, only with the client's consent."""
    require(actor, "propose_buddies")
    own_client = TargetGroupStatus.objects.filter(
        open_status_filter(timezone.localdate()),
        household_id=person.household_id,
        care_partner=actor.organisation,
    ).exists()
    if not own_client:
        raise PermissionDenied
    if not consent_given:
        raise ValidationError({"consent_given": _("Only with the resident's consent. Ask them first.")})
    try:
        with transaction.atomic():
            return BuddyRequest.objects.create(
                person=person,
                origin=BuddyRequest.Origin.CARE_PARTNER,
                proposed_by=actor,
                consent_given=True,
                needs_shared_language=needs_shared_language,
                **_request_fields(languages, interests, availability, shares),
            )
    except IntegrityError as exc:
        raise ValidationError(_("This resident already has a buddy request.")) from exc


def _coordinated_request(actor: User, buddy_request: BuddyRequest) -> BuddyRequest:
    """The request's row, locked; PermissionDenied unless the actor coordinates it."""
    request = (
        selectors.buddy_requests_for(actor)
        .select_for_update(of=("self",))
        .filter(pk=buddy_request.pk)
        .first()
    )
    if request is None:
        raise PermissionDenied
    return request


@transaction.atomic
def buddy_pair_confirm(*, actor: User, buddy_request: BuddyRequest, neighbour_id: int) -> BuddyPair:
    """A coordinator confirms a proposal. The engine's hard rules and the capacity are checked again
    with the neighbour's profile locked, so two coordinators cannot overfill one neighbour."""
    request = _coordinated_request(actor, buddy_request)
    if request.status != BuddyRequest.Status.OPEN:
        raise ValidationError(_("This resident already has a buddy."))
    profile = (
        NeighbourProfile.objects.select_for_update()
        .filter(person_id=neighbour_id, is_good_neighbour=True)
        .first()
    )
    if profile is None:
        raise ValidationError(_("This neighbour is not a good neighbour (any more)."))
    seeker = selectors.buddy_seeker(request)
    neighbour = next(
        (n for n in selectors.buddy_neighbours(_complex_of(request)) if n.id == str(neighbour_id)), None
    )
    if seeker is None or neighbour is None:
        raise ValidationError(_("These two do not live in the same building."))
    if neighbour.spare <= 0:
        raise ValidationError(_("This neighbour has no room for another buddy."))
    assessment = engine.assess(seeker, neighbour)
    if assessment is None:
        raise ValidationError(
            _("This pair does not meet the rules (building, language or an earlier ending).")
        )
    pair = BuddyPair.objects.create(
        request=request,
        seeker_id=request.person_id,
        neighbour_id=neighbour_id,
        status=BuddyPair.Status.ACTIVE,
        reasons=[r.as_dict() for r in assessment.reasons],
        decided_by=actor,
    )
    request.status = BuddyRequest.Status.PAIRED
    request.save(update_fields=["status"])
    return pair


def _complex_of(request: BuddyRequest) -> Complex:
    place = place_of_person(request.person_id)
    if place is None:
        raise ValidationError(_("This resident has no current home."))
    return place.complex


@transaction.atomic
def buddy_proposal_decline(*, actor: User, buddy_request: BuddyRequest, neighbour_id: int) -> BuddyPair:
    """A coordinator declines a proposal: this neighbour is never proposed to this resident again."""
    request = _coordinated_request(actor, buddy_request)
    return BuddyPair.objects.create(
        request=request,
        seeker_id=request.person_id,
        neighbour_id=neighbour_id,
        status=BuddyPair.Status.DECLINED,
        decided_by=actor,
        ended_by=actor,
        ended_at=timezone.now(),
    )


@transaction.atomic
def buddy_pair_end(*, actor: User, pair: BuddyPair) -> BuddyPair:
    """Either side, or a coordinator, ends a pairing. When the resident ends it their request is
    closed; otherwise it opens again (and this neighbour is not proposed again). Ending a pairing
    that has just ended changes nothing."""
    place = resident_place(actor)
    me = place.person.pk if place else None
    if me not in (pair.seeker_id, pair.neighbour_id) and not (
        selectors.buddy_requests_for(actor).filter(pk=pair.request_id).exists()
    ):
        raise PermissionDenied
    pair = BuddyPair.objects.select_for_update().get(pk=pair.pk)
    if pair.status != BuddyPair.Status.ACTIVE:
        return pair
    pair.status = BuddyPair.Status.ENDED
    pair.ended_by = actor
    pair.ended_at = timezone.now()
    pair.save(update_fields=["status", "ended_by", "ended_at"])
    request = pair.request
    request.status = BuddyRequest.Status.CLOSED if me == pair.seeker_id else BuddyRequest.Status.OPEN
    request.save(update_fields=["status"])
    return pair


@transaction.atomic
def buddy_request_withdraw(*, actor: User) -> None:
    place = acting_resident(actor)
    request = (
        BuddyRequest.objects.select_for_update()
        .filter(person=place.person)
        .exclude(status=BuddyRequest.Status.CLOSED)
        .first()
    )
    if request is None:
        return
    for pair in BuddyPair.objects.filter(request=request, status=BuddyPair.Status.ACTIVE):
        pair.status = BuddyPair.Status.ENDED
        pair.ended_by = actor
        pair.ended_at = timezone.now()
        pair.save(update_fields=["status", "ended_by", "ended_at"])
    request.status = BuddyRequest.Status.CLOSED
    request.save(update_fields=["status"])
