"""Reads of the neighbour network, already filtered to what the actor may see.

* A resident sees only their own complex's network (a record of another complex answers 404).
* Staff see the complexes they work on: corporation staff their corporation's, a building manager
  the complexes they manage.
* Buddy requests are special-category: a building manager sees those in the complexes they manage,
  a care coordinator those of their own clients; every read writes one AccessEvent per household.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.rrule import MONTHLY, WEEKLY, rrule
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from omkijken.accounts.models import AccessEvent, Role, User
from omkijken.accounts.policy import can
from omkijken.community.models import (
    Activity,
    ActivitySignup,
    BuddyPair,
    BuddyRequest,
    CheckInAgreement,
    FundApplication,
    FundBudget,
    HelpOffer,
    HelpRequest,
    NeighbourProfile,
    Payout,
    Receipt,
    Visibility,
)
from omkijken.engine import buddies as engine
from omkijken.portfolio.models import Complex, Section
from omkijken.portfolio.selectors import complexes_for
from omkijken.residents.models import Lease, Person, TargetGroupStatus
from omkijken.residents.selectors import current_lease_filter, open_status_filter

# A help request nobody claimed within this time is shown to the building manager.
UNCLAIMED_AFTER = dt.timedelta(hours=48)
# A check-in not logged within this time after it was due is a missed check-in.
CHECK_IN_GRACE = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Place:
    """Where a resident lives now: the scope of everything they see in the network."""

    person: Person
    complex: Complex
    section: Section | None
    house_number: str


def places_of_persons(person_ids: Iterable[int], *, on: dt.date | None = None) -> dict[int, Place]:
    """Where each of these persons lives now, in two queries whatever their number."""
    on = on or timezone.localdate()
    persons = {p.pk: p for p in Person.objects.filter(pk__in=set(person_ids)).select_related("household")}
    leases = {
        lease.household_id: lease
        for lease in Lease.objects.filter(
            current_lease_filter(on), household_id__in={p.household_id for p in persons.values()}
        ).select_related("unit", "unit__complex", "unit__section")
    }
    places: dict[int, Place] = {}
    for pk, person in persons.items():
        lease = leases.get(person.household_id)
        if lease is None:
            continue
        unit = lease.unit
        number = f"{unit.house_number}{('-' + unit.house_number_suffix) if unit.house_number_suffix else ''}"
        places[pk] = Place(person=person, complex=unit.complex, section=unit.section, house_number=number)
    return places


def place_of_person(person_id: int, *, on: dt.date | None = None) -> Place | None:
    return places_of_persons([person_id], on=on).get(person_id)


def resident_place(actor: User, *, on: dt.date | None = None) -> Place | None:
    """The resident's own place, or None for staff and residents without a current lease.

    Remembered on the actor object for the rest of the request, so the several selectors a page
    calls do not each look it up again."""
    if actor.role != Role.RESIDENT:
        return None
    on = on or timezone.localdate()
    cache: dict[dt.date, Place | None] = actor.__dict__.setdefault("_community_place", {})
    if on not in cache:
        person = Person.objects.filter(user=actor).only("pk").first()
        cache[on] = place_of_person(person.pk, on=on) if person else None
    return cache[on]


def require_place(actor: User) -> Place:
    found = resident_place(actor)
    if found is None:
        raise Http404
    return found


def persons_in_complex(complex_id: int, *, on: dt.date | None = None) -> QuerySet[Person]:
    on = on or timezone.localdate()
    return Person.objects.filter(
        Exists(
            Lease.objects.filter(
                current_lease_filter(on), household_id=OuterRef("household_id"), unit__complex_id=complex_id
            )
        )
    )


def _in_complex(complex_id: int, on: dt.date, ref: str) -> Exists:
    return Exists(
        Lease.objects.filter(
            current_lease_filter(on), household__members=OuterRef(ref), unit__complex_id=complex_id
        )
    )


def _in_section(section_id: int, on: dt.date, ref: str) -> Exists:
    return Exists(
        Lease.objects.filter(
            current_lease_filter(on), household__members=OuterRef(ref), unit__section_id=section_id
        )
    )


def staff_complexes(actor: User) -> QuerySet[Complex]:
    """Complexes whose network a staff member coordinates (care partners: where clients live)."""
    if actor.role == Role.CARE_COORDINATOR:
        on = timezone.localdate()
        clients = TargetGroupStatus.objects.filter(open_status_filter(on), care_partner=actor.organisation)
        return Complex.objects.filter(
            Exists(
                Lease.objects.filter(
                    current_lease_filter(on),
                    unit__complex_id=OuterRef("pk"),
                    household_id__in=clients.values("household_id"),
                )
            )
        )
    return complexes_for(actor)


def network_complexes(actor: User) -> QuerySet[Complex]:
    """Every complex whose network pages the actor may open."""
    place = resident_place(actor)
    if place is not None:
        return Complex.objects.filter(pk=place.complex.pk)
    if actor.role == Role.RESIDENT:
        return Complex.objects.none()
    return staff_complexes(actor)


def network_complex(actor: User, pk: int) -> Complex:
    found = network_complexes(actor).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# --- Profiles -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileCard:
    """What a resident sees of a neighbour's profile: only what that neighbour chose to share."""

    first_name: str
    section: str
    skills: str
    languages: list[str]
    interests: list[str]
    is_good_neighbour: bool
    phone: str
    email: str


def visible_profiles(actor: User, *, on: dt.date | None = None) -> list[ProfileCard]:
    """Profiles of neighbours in the resident's own complex that they chose to show to them."""
    on = on or timezone.localdate()
    place = resident_place(actor, on=on)
    if place is None:
        return []
    profiles = NeighbourProfile.objects.filter(_in_complex(place.complex.pk, on, "person_id")).exclude(
        person=place.person
    )
    same_section = _in_section(place.section.pk, on, "person_id") if place.section else Q(pk__in=[])
    profiles = profiles.filter(
        Q(visibility=Visibility.COMPLEX) | (Q(visibility=Visibility.SECTION) & same_section)
    )
    profiles = profiles.select_related("person").order_by("person__first_name", "pk")
    sections = _sections_of([p.person_id for p in profiles], on)
    lang = _lang()
    return [
        ProfileCard(
            first_name=p.person.first_name,
            section=sections.get(p.person_id, ""),
            skills=p.skills,
            languages=[engine.language_name(code, lang) for code in p.languages],
            interests=list(p.interests),
            is_good_neighbour=p.is_good_neighbour,
            phone=p.person.phone if p.share_phone else "",
            email=p.person.email if p.share_email else "",
        )
        for p in profiles
    ]


def _sections_of(person_ids: Iterable[int], on: dt.date) -> dict[int, str]:
    person_ids = list(person_ids)
    households = dict(Person.objects.filter(pk__in=person_ids).values_list("pk", "household_id"))
    names = {
        household_id: name or ""
        for household_id, name in Lease.objects.filter(
            current_lease_filter(on), household_id__in=households.values()
        ).values_list("household_id", "unit__section__name")
    }
    return {pk: names.get(household_id, "") for pk, household_id in households.items()}


def _lang() -> engine.Lang:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def own_profile(actor: User) -> NeighbourProfile | None:
    place = resident_place(actor)
    if place is None:
        return None
    return NeighbourProfile.objects.filter(person=place.person).first()


# --- Buddies ------------------------------------------------------------------------------------


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
        requests = requests.filter(_in_complex(complex_id, on, "person_id"))
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
    kind = {
        Section.Kind.STAIRWELL: engine.SectionKind.PORTIEK,
        Section.Kind.GALLERY: engine.SectionKind.GALERIJ,
        Section.Kind.FLOOR_GROUP: engine.SectionKind.FLOOR,
    }.get(place.section.kind, engine.SectionKind.SECTION)
    return engine.Section(id=str(place.section.pk), kind=kind)


def buddy_neighbours(complex_: Complex, *, on: dt.date | None = None) -> list[engine.Neighbour]:
    """Good neighbours of a complex as the engine sees them, with their current buddy count."""
    on = on or timezone.localdate()
    profiles = list(
        NeighbourProfile.objects.filter(
            _in_complex(complex_.pk, on, "person_id"), is_good_neighbour=True, buddy_capacity__gt=0
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
    lang = _lang()
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


def reasons_text(pair: BuddyPair) -> str:
    lang = _lang()
    texts = []
    for item in pair.reasons:
        try:
            reason = engine.Reason(
                engine.ReasonCode(item["code"]), tuple(item.get("values", ())), item.get("points", 0)
            )
        except (KeyError, ValueError):
            continue
        texts.append(engine.explain(reason, lang))
    return "; ".join(texts)


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
    lang = _lang()
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


def own_buddy_request(actor: User) -> BuddyRequest | None:
    place = resident_place(actor)
    if place is None:
        return None
    return BuddyRequest.objects.filter(person=place.person).exclude(status=BuddyRequest.Status.CLOSED).first()


# --- Help ---------------------------------------------------------------------------------------


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


def help_request_detail(actor: User, pk: int) -> HelpRequest:
    found = help_requests_for(actor).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


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


# --- Check-ins ----------------------------------------------------------------------------------


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


# --- Activities ---------------------------------------------------------------------------------


def activities_for(actor: User) -> QuerySet[Activity]:
    return Activity.objects.filter(complex__in=network_complexes(actor)).select_related("complex")


def activity_detail(actor: User, pk: int) -> Activity:
    found = activities_for(actor).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def occurrences(
    activity: Activity, *, after: dt.datetime | None = None, before: dt.datetime | None = None
) -> list[dt.datetime]:
    """Start times of an activity's occurrences (local time), optionally within [after, before)."""
    start = timezone.localtime(activity.starts_at)
    if not activity.recurrence:
        times = [start]
    else:
        until = dt.datetime.combine(activity.repeat_until, dt.time(23, 59), tzinfo=start.tzinfo)
        freq = WEEKLY if activity.recurrence == Activity.Recurrence.WEEKLY else MONTHLY
        naive = rrule(freq, dtstart=start.replace(tzinfo=None), until=until.replace(tzinfo=None))
        times = [timezone.make_aware(t) for t in naive]
    if after is not None:
        times = [t for t in times if t >= after]
    if before is not None:
        times = [t for t in times if t < before]
    return times


def next_occurrence(activity: Activity, *, now: dt.datetime | None = None) -> dt.datetime | None:
    now = now or timezone.now()
    found = occurrences(activity, after=now - (activity.ends_at - activity.starts_at))
    return found[0] if found else None


def upcoming_activities(actor: User, *, now: dt.datetime | None = None) -> list[tuple[Activity, dt.datetime]]:
    now = now or timezone.now()
    rows = []
    for activity in activities_for(actor).filter(cancelled=False):
        when = next_occurrence(activity, now=now)
        if when is not None:
            rows.append((activity, when))
    rows.sort(key=lambda row: row[1])
    return rows


def signup_count(activity: Activity, occurrence: dt.date) -> int:
    return ActivitySignup.objects.filter(activity=activity, occurrence=occurrence).count()


def activities_held(complex_id: int, year: int, *, now: dt.datetime | None = None) -> int:
    """Occurrences of the complex's activities in a year that have already taken place."""
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, 1, 1, tzinfo=tz)
    end = min(dt.datetime(year + 1, 1, 1, tzinfo=tz), now)
    total = 0
    for activity in Activity.objects.filter(complex_id=complex_id, cancelled=False, starts_at__lt=end):
        total += len(occurrences(activity, after=start, before=end))
    return total


# --- Fund ---------------------------------------------------------------------------------------


def fund_applications_for(actor: User) -> QuerySet[FundApplication]:
    """A resident their own complex's applications (only their own in detail); staff theirs."""
    place = resident_place(actor)
    if place is not None:
        return FundApplication.objects.filter(complex=place.complex, applicant=place.person).select_related(
            "complex", "applicant"
        )
    if can(actor, "view_fund_report") or can(actor, "decide_fund"):
        return FundApplication.objects.filter(complex__in=staff_complexes(actor)).select_related(
            "complex", "applicant"
        )
    return FundApplication.objects.none()


def fund_application_detail(actor: User, pk: int) -> FundApplication:
    found = (
        fund_applications_for(actor).prefetch_related("lines", "payouts", "receipts").filter(pk=pk).first()
    )
    if found is None:
        raise Http404
    return found


def receipt_for(actor: User, pk: int) -> Receipt:
    found = Receipt.objects.filter(pk=pk, application__in=fund_applications_for(actor)).first()
    if found is None:
        raise Http404
    return found


def granted_total(complex_id: int, year: int) -> Decimal:
    return FundApplication.objects.filter(
        complex_id=complex_id, year=year, status=FundApplication.Status.APPROVED
    ).aggregate(total=Sum("granted_amount"))["total"] or Decimal("0")


@dataclass(frozen=True)
class FundReport:
    complex: Complex
    year: int
    budget: Decimal
    granted: Decimal
    paid: Decimal
    receipts: Decimal
    remaining: Decimal
    applications: int
    approved: int
    rejected: int
    activities_held: int


def fund_report(actor: User, *, complex_id: int, year: int, now: dt.datetime | None = None) -> FundReport:
    if not can(actor, "view_fund_report"):
        raise Http404
    complex_ = staff_complexes(actor).filter(pk=complex_id).first()
    if complex_ is None:
        raise Http404
    budget = FundBudget.objects.filter(complex=complex_, year=year).first()
    applications = FundApplication.objects.filter(complex=complex_, year=year)
    granted = granted_total(complex_.pk, year)
    paid = Payout.objects.filter(application__in=applications).aggregate(t=Sum("amount"))["t"] or Decimal("0")
    receipts = Receipt.objects.filter(application__in=applications).aggregate(t=Sum("amount"))[
        "t"
    ] or Decimal("0")
    amount = budget.amount if budget else Decimal("0")
    return FundReport(
        complex=complex_,
        year=year,
        budget=amount,
        granted=granted,
        paid=paid,
        receipts=receipts,
        remaining=amount - granted,
        applications=applications.count(),
        approved=applications.filter(status=FundApplication.Status.APPROVED).count(),
        rejected=applications.filter(status=FundApplication.Status.REJECTED).count(),
        activities_held=activities_held(complex_.pk, year, now=now),
    )
