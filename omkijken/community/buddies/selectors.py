"""Reads of buddy requests and pairs, already filtered to what the actor may see.

Buddy requests are special-category: a building manager sees those in the complexes they manage, a
care coordinator those of their own clients; every read of the coordinator's list writes one
AccessEvent per household.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from omkijken.accounts.models import AccessEvent, Role, User
from omkijken.accounts.policy import can
from omkijken.community.buddies.models import BuddyPair, BuddyRequest
from omkijken.community.models import NeighbourProfile
from omkijken.community.scope import (
    Place,
    in_complex,
    persons_in_complex,
    place_of_person,
    places_of_persons,
    resident_place,
)
from omkijken.community.selectors import engine_lang
from omkijken.engine import buddies as engine
from omkijken.portfolio.models import Complex, Section
from omkijken.residents.models import Lease, Person, TargetGroupStatus
from omkijken.residents.selectors import current_lease_filter, open_status_filter


def _log_buddy_reads(actor: User, requests: Iterable[BuddyRequest], *, view: str) -> None:
    seen: dict[int, BuddyRequest] = {}
    for request in requests:
        seen.setdefault(request.person.household_id, request)
    purpose = (
        AccessEvent.Purpose.CARE_COORDINATION
        if actor.role == Role.CARE_COORDINATOR
        else AccessEvent.Purpose.TENANCY_MANAGEMENT
    )
    AccessEvent.objects.bulk_create(
        [
            AccessEvent(
                actor=actor,
                actor_role=actor.role or "",
                household_id=request.person.household_id,
                corporation_id=request.person.household.corporation_id,
                record="buddy_request",
                view=view,
                purpose=purpose,
            )
            for request in seen.values()
        ]
    )


def buddy_requests_for(
    actor: User, *, complex_id: int | None = None, on: dt.date | None = None
) -> QuerySet[BuddyRequest]:
    """Buddy requests a coordinator may see (not logged: use :func:`buddy_requests_read`)."""
    on = on or timezone.localdate()
    if not can(actor, "coordinate_buddies"):
        return BuddyRequest.objects.none()
    requests = BuddyRequest.objects.exclude(status=BuddyRequest.Status.CLOSED)
    if actor.role == Role.BUILDING_MANAGER:
        requests = requests.filter(
            Exists(
                Lease.objects.filter(
                    current_lease_filter(on),
                    household__members=OuterRef("person_id"),
                    unit__complex__managers=actor,
                    unit__complex__corporation=actor.organisation,
                )
            )
        )
    elif actor.role == Role.CARE_COORDINATOR:
        requests = requests.filter(
            Exists(
                TargetGroupStatus.objects.filter(
                    open_status_filter(on),
                    household__members=OuterRef("person_id"),
                    care_partner=actor.organisation,
                )
            )
        )
    if complex_id is not None:
        requests = requests.filter(in_complex(complex_id, on, "person_id"))
    return requests.select_related("person", "person__household")


def buddy_requests_read(actor: User, *, complex_id: int, view: str) -> list[BuddyRequest]:
    """The coordinator's list of buddy requests in a complex; one AccessEvent per household."""
    requests = list(buddy_requests_for(actor, complex_id=complex_id).order_by("created_at", "pk"))
    _log_buddy_reads(actor, requests, view=view)
    return requests


@dataclass
class ProposalRow:
    request: BuddyRequest
    neighbour: Person
    why: str
    weight: int


@dataclass
class BuddyRound:
    complex: Complex
    requests: list[BuddyRequest]
    proposals: list[ProposalRow] = field(default_factory=list)
    unmatched: list[tuple[BuddyRequest, str]] = field(default_factory=list)
    active_pairs: list[BuddyPair] = field(default_factory=list)


def _section_of(place: Place | None) -> engine.Section | None:
    if place is None or place.section is None:
        return None
    kinds: dict[str, engine.SectionKind] = {
        Section.Kind.STAIRWELL: engine.SectionKind.PORTIEK,
        Section.Kind.GALLERY: engine.SectionKind.GALERIJ,
        Section.Kind.FLOOR_GROUP: engine.SectionKind.FLOOR,
    }
    kind = kinds.get(place.section.kind, engine.SectionKind.SECTION)
    return engine.Section(id=str(place.section.pk), kind=kind)


def buddy_neighbours(complex_: Complex, *, on: dt.date | None = None) -> list[engine.Neighbour]:
    """Good neighbours of a complex as the engine sees them, with their current buddy count."""
    on = on or timezone.localdate()
    profiles = list(
        NeighbourProfile.objects.filter(
            in_complex(complex_.pk, on, "person_id"), is_good_neighbour=True, buddy_capacity__gt=0
        )
    )
    current = dict(
        BuddyPair.objects.filter(
            status=BuddyPair.Status.ACTIVE, neighbour_id__in=[p.person_id for p in profiles]
        )
        .values("neighbour_id")
        .annotate(n=Count("id"))
        .values_list("neighbour_id", "n")
    )
    places = places_of_persons([p.person_id for p in profiles], on=on)
    result = []
    for profile in profiles:
        place = places.get(profile.person_id)
        result.append(
            engine.Neighbour(
                id=str(profile.person_id),
                complex=str(complex_.pk),
                section=_section_of(place),
                languages=frozenset(profile.languages),
                interests=frozenset(profile.interests),
                availability=frozenset(profile.availability),
                capacity=profile.buddy_capacity,
                current=current.get(profile.person_id, 0),
            )
        )
    return result


def buddy_seekers(requests: Iterable[BuddyRequest], *, on: dt.date | None = None) -> list[engine.Seeker]:
    """The engine's view of these open buddy requests, in three queries whatever their number."""
    requests = list(requests)
    places = places_of_persons([r.person_id for r in requests], on=on)
    excluded: dict[int, set[str]] = {}
    for seeker_id, neighbour_id in BuddyPair.objects.filter(
        seeker_id__in=[r.person_id for r in requests],
        status__in=[BuddyPair.Status.ENDED, BuddyPair.Status.DECLINED],
    ).values_list("seeker_id", "neighbour_id"):
        excluded.setdefault(seeker_id, set()).add(str(neighbour_id))
    seekers = []
    for request in requests:
        place = places.get(request.person_id)
        if place is None:
            continue
        seekers.append(
            engine.Seeker(
                id=str(request.person_id),
                complex=str(place.complex.pk),
                section=_section_of(place),
                languages=frozenset(request.languages),
                needs_shared_language=request.needs_shared_language,
                interests=frozenset(request.interests),
                availability=frozenset(request.availability),
                excluded=frozenset(excluded.get(request.person_id, set())),
            )
        )
    return seekers


def buddy_seeker(request: BuddyRequest, *, on: dt.date | None = None) -> engine.Seeker | None:
    found = buddy_seekers([request], on=on)
    return found[0] if found else None


def buddy_round(actor: User, complex_: Complex, *, view: str) -> BuddyRound:
    """Open buddy requests the coordinator may see in a complex, with the engine's proposals."""
    requests = buddy_requests_read(actor, complex_id=complex_.pk, view=view)
    result = BuddyRound(complex=complex_, requests=requests)
    open_requests = {str(r.person_id): r for r in requests if r.status == BuddyRequest.Status.OPEN}
    seekers = buddy_seekers(open_requests.values())
    neighbours = buddy_neighbours(complex_)
    found = engine.plan(seekers, neighbours)
    persons = Person.objects.in_bulk([int(p.neighbour_id) for p in found.proposals])
    lang = engine_lang()
    for proposal in found.proposals:
        result.proposals.append(
            ProposalRow(
                request=open_requests[proposal.seeker_id],
                neighbour=persons[int(proposal.neighbour_id)],
                why=engine.describe(proposal, lang),
                weight=proposal.weight,
            )
        )
    for left in found.unmatched:
        result.unmatched.append((open_requests[left.seeker_id], engine.explain(left.reason, lang)))
    result.active_pairs = list(
        BuddyPair.objects.filter(
            status=BuddyPair.Status.ACTIVE,
            request__in=[r for r in requests if r.status == BuddyRequest.Status.PAIRED],
        ).select_related("seeker", "neighbour")
    )
    return result


@dataclass(frozen=True)
class BuddyView:
    """What one side of an active pair sees of the other: only the fields that side shared."""

    pair: BuddyPair
    role: str  # "seeker" (I asked for a buddy) or "buddy" (I am someone's buddy)
    first_name: str
    section: str
    house_number: str
    phone: str
    email: str
    languages: list[str]
    interests: list[str]


def my_buddies(actor: User) -> list[BuddyView]:
    place = resident_place(actor)
    if place is None:
        return []
    me = place.person
    lang = engine_lang()
    views: list[BuddyView] = []
    pairs = BuddyPair.objects.filter(
        Q(seeker=me) | Q(neighbour=me), status=BuddyPair.Status.ACTIVE
    ).select_related("request", "seeker", "neighbour")
    for pair in pairs:
        if pair.neighbour_id == me.pk:
            # I am the buddy: I see only what the resident agreed to share.
            request = pair.request
            other = place_of_person(pair.seeker_id)
            views.append(
                BuddyView(
                    pair=pair,
                    role="buddy",
                    first_name=pair.seeker.first_name if request.share_first_name else "",
                    section=(other.section.name if other and other.section and request.share_section else ""),
                    house_number=(other.house_number if other and request.share_address else ""),
                    phone=pair.seeker.phone if request.share_phone else "",
                    email="",
                    languages=[engine.language_name(c, lang) for c in request.languages]
                    if request.share_languages
                    else [],
                    interests=list(request.interests) if request.share_interests else [],
                )
            )
        else:
            # I asked for a buddy: I see my good neighbour's name and what their profile shares.
            profile = NeighbourProfile.objects.filter(person_id=pair.neighbour_id).first()
            other = place_of_person(pair.neighbour_id)
            views.append(
                BuddyView(
                    pair=pair,
                    role="seeker",
                    first_name=pair.neighbour.first_name,
                    section=other.section.name if other and other.section else "",
                    house_number="",
                    phone=pair.neighbour.phone if profile and profile.share_phone else "",
                    email=pair.neighbour.email if profile and profile.share_email else "",
                    languages=[engine.language_name(c, lang) for c in profile.languages] if profile else [],
                    interests=list(profile.interests) if profile else [],
                )
            )
    return views


def endable_pairs(actor: User) -> QuerySet[BuddyPair]:
    """Active pairs the actor may end: their own (either side) or those a coordinator may see."""
    place = resident_place(actor)
    mine = Q(seeker=place.person) | Q(neighbour=place.person) if place else Q(pk__in=[])
    return BuddyPair.objects.filter(
        mine | Q(request__in=buddy_requests_for(actor).values("pk")), status=BuddyPair.Status.ACTIVE
    )


def clients_without_request(actor: User, complex_: Complex) -> QuerySet[Person]:
    """A care coordinator's own clients (main tenants) in a complex who have no open buddy request."""
    if actor.role != Role.CARE_COORDINATOR:
        return Person.objects.none()
    today = timezone.localdate()
    return (
        Person.objects.filter(
            household_id__in=TargetGroupStatus.objects.filter(
                open_status_filter(today), care_partner=actor.organisation
            ).values("household_id"),
            pk__in=persons_in_complex(complex_.pk).values("pk"),
            is_main_tenant=True,
        )
        .exclude(pk__in=BuddyRequest.objects.exclude(status=BuddyRequest.Status.CLOSED).values("person_id"))
        .order_by("first_name")
    )


def proposal_target(actor: User, person_pk: int, *, view: str) -> tuple[Person, Place] | None:
    """The resident a care coordinator proposes a buddy for, with their current home; None (the
    page answers 404) for anyone who is not the coordinator's own client today, whether or not
    they have a home, so the page tells an outsider nothing. Reading an own client's page is a read
    of their care-partner relation: one AccessEvent."""
    if not can(actor, "propose_buddies") or actor.organisation is None:
        return None
    on = timezone.localdate()
    person = (
        Person.objects.filter(
            Exists(
                TargetGroupStatus.objects.filter(
                    open_status_filter(on),
                    household_id=OuterRef("household_id"),
                    care_partner=actor.organisation,
                )
            ),
            pk=person_pk,
        )
        .select_related("household")
        .first()
    )
    place = place_of_person(person_pk) if person else None
    if person is None or place is None:
        return None
    AccessEvent.objects.create(
        actor=actor,
        actor_role=actor.role or "",
        household_id=person.household_id,
        corporation_id=person.household.corporation_id,
        record="care_partner_client",
        view=view,
        purpose=AccessEvent.Purpose.CARE_COORDINATION,
    )
    return person, place


def own_buddy_request(actor: User) -> BuddyRequest | None:
    place = resident_place(actor)
    if place is None:
        return None
    return BuddyRequest.objects.filter(person=place.person).exclude(status=BuddyRequest.Status.CLOSED).first()
