"""Every write of the neighbour network: keyword-only, atomic, checked against the actor.

Locks are taken in one order: budget → application; activity → sign-up; neighbour profile → pair;
help request alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import IO, Any

import filetype
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import Role, User
from omkijken.accounts.policy import can
from omkijken.community import selectors
from omkijken.community.models import (
    MAX_BUDDY_CAPACITY,
    Activity,
    ActivitySignup,
    BuddyPair,
    BuddyRequest,
    BudgetLine,
    CheckIn,
    CheckInAgreement,
    CommunitySignal,
    FundApplication,
    FundBudget,
    HelpKind,
    HelpOffer,
    HelpRequest,
    NeighbourProfile,
    Payout,
    Receipt,
    Visibility,
)
from omkijken.engine import buddies as engine
from omkijken.portfolio.models import Complex
from omkijken.residents.models import Person, TargetGroupStatus
from omkijken.residents.selectors import open_status_filter

MAX_RECEIPT_BYTES = 5 * 1024 * 1024
RECEIPT_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}


def _resident(actor: User) -> selectors.Place:
    if not can(actor, "use_neighbour_network"):
        raise PermissionDenied
    place = selectors.resident_place(actor)
    if place is None:
        raise PermissionDenied
    return place


def _staff_complex(actor: User, complex_: Complex, capability: str) -> None:
    if not can(actor, capability) or not selectors.staff_complexes(actor).filter(pk=complex_.pk).exists():
        raise PermissionDenied


def _clean_codes(values: Sequence[str], *, limit: int = 20) -> list[str]:
    cleaned = []
    for value in values:
        value = str(value).strip().lower()
        if value and value not in cleaned:
            cleaned.append(value[:40])
    return cleaned[:limit]


# --- Profiles -----------------------------------------------------------------------------------


@transaction.atomic
def profile_save(
    *,
    actor: User,
    is_good_neighbour: bool,
    skills: str = "",
    languages: Sequence[str] = (),
    interests: Sequence[str] = (),
    availability: Sequence[str] = (),
    buddy_capacity: int = 0,
    visibility: str = Visibility.COMPLEX,
    share_phone: bool = False,
    share_email: bool = False,
) -> NeighbourProfile:
    place = _resident(actor)
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose who may see your profile.")})
    if not 0 <= buddy_capacity <= MAX_BUDDY_CAPACITY:
        raise ValidationError(
            {"buddy_capacity": _("You can take between 0 and %(max)s buddies.") % {"max": MAX_BUDDY_CAPACITY}}
        )
    active = BuddyPair.objects.filter(neighbour=place.person, status=BuddyPair.Status.ACTIVE).count()
    if buddy_capacity < active or (active and not is_good_neighbour):
        raise ValidationError(
            {"buddy_capacity": _("You have %(n)s buddies now. End a pairing first.") % {"n": active}}
        )
    profile, _created = NeighbourProfile.objects.update_or_create(
        person=place.person,
        defaults={
            "is_good_neighbour": is_good_neighbour,
            "skills": skills.strip(),
            "languages": [engine.normalise_language(c) for c in _clean_codes(languages)],
            "interests": _clean_codes(interests),
            "availability": _clean_codes(availability, limit=21),
            "buddy_capacity": buddy_capacity if is_good_neighbour else 0,
            "visibility": visibility,
            "share_phone": share_phone,
            "share_email": share_email,
        },
    )
    return profile


# --- Buddies ------------------------------------------------------------------------------------

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
        "languages": [engine.normalise_language(c) for c in _clean_codes(languages)],
        "interests": _clean_codes(interests),
        "availability": _clean_codes(availability, limit=21),
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
    place = _resident(actor)
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
    if actor.role != Role.CARE_COORDINATOR:
        raise PermissionDenied
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


def _coordinated_request(actor: User, request_id: int) -> BuddyRequest:
    request = (
        selectors.buddy_requests_for(actor).select_for_update(of=("self",)).filter(pk=request_id).first()
    )
    if request is None:
        raise PermissionDenied
    return request


@transaction.atomic
def buddy_pair_confirm(*, actor: User, request_id: int, neighbour_id: int) -> BuddyPair:
    """A coordinator confirms a proposal. The engine's hard rules and the capacity are checked again
    with the neighbour's profile locked, so two coordinators cannot overfill one neighbour."""
    request = _coordinated_request(actor, request_id)
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
    place = selectors.place_of_person(request.person_id)
    if place is None:
        raise ValidationError(_("This resident has no current home."))
    return place.complex


@transaction.atomic
def buddy_proposal_decline(*, actor: User, request_id: int, neighbour_id: int) -> BuddyPair:
    """A coordinator declines a proposal: this neighbour is never proposed to this resident again."""
    request = _coordinated_request(actor, request_id)
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
def buddy_pair_end(*, actor: User, pair_id: int) -> BuddyPair:
    """Either side, or a coordinator, ends a pairing. When the resident ends it their request is
    closed; otherwise it opens again (and this neighbour is not proposed again)."""
    pair = BuddyPair.objects.select_for_update().filter(pk=pair_id, status=BuddyPair.Status.ACTIVE).first()
    if pair is None:
        raise Http404
    place = selectors.resident_place(actor)
    me = place.person.pk if place else None
    if me not in (pair.seeker_id, pair.neighbour_id) and not (
        selectors.buddy_requests_for(actor).filter(pk=pair.request_id).exists()
    ):
        raise Http404
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
    place = _resident(actor)
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


# --- Help ---------------------------------------------------------------------------------------


class AlreadyClaimed(ValidationError):
    pass


@transaction.atomic
def help_request_create(
    *, actor: User, kind: str, title: str, description: str = "", now: dt.datetime | None = None
) -> HelpRequest:
    place = _resident(actor)
    if kind not in HelpKind.values:
        raise ValidationError({"kind": _("Choose what kind of help you need.")})
    if not title.strip():
        raise ValidationError({"title": _("Write in a few words what you need help with.")})
    return HelpRequest.objects.create(
        complex=place.complex,
        requester=place.person,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        created_at=now or timezone.now(),
    )


@transaction.atomic
def help_request_claim(*, actor: User, request_id: int, now: dt.datetime | None = None) -> HelpRequest:
    """A neighbour takes a help request. The row is locked (select_for_update) and the update is
    conditional on the request still being open, so of two simultaneous claims exactly one wins;
    the other gets AlreadyClaimed."""
    place = _resident(actor)
    request = HelpRequest.objects.select_for_update().filter(pk=request_id, complex=place.complex).first()
    if request is None:
        raise Http404
    if request.requester_id == place.person.pk:
        raise ValidationError(_("You cannot take your own request."))
    if request.status != HelpRequest.Status.OPEN:
        raise AlreadyClaimed(
            _("Another neighbour has already taken this request. Thank you for wanting to help!")
        )
    now = now or timezone.now()
    updated = HelpRequest.objects.filter(pk=request.pk, status=HelpRequest.Status.OPEN).update(
        status=HelpRequest.Status.CLAIMED, helper=place.person, claimed_at=now
    )
    if updated != 1:  # pragma: no cover - the lock makes this unreachable on PostgreSQL
        raise AlreadyClaimed(
            _("Another neighbour has already taken this request. Thank you for wanting to help!")
        )
    request.refresh_from_db()
    return request


@transaction.atomic
def help_request_close(
    *, actor: User, request_id: int, note: str, now: dt.datetime | None = None
) -> HelpRequest:
    """The helper or the requester closes a claimed request with a short note."""
    place = _resident(actor)
    request = HelpRequest.objects.select_for_update().filter(pk=request_id, complex=place.complex).first()
    if request is None:
        raise Http404
    if place.person.pk not in (request.requester_id, request.helper_id):
        raise PermissionDenied
    if request.status != HelpRequest.Status.CLAIMED:
        raise ValidationError(_("Only a request a neighbour has taken can be closed."))
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Write a short note about how it went.")})
    if len(note) > 300:
        raise ValidationError({"note": _("Keep the note short: at most 300 characters.")})
    request.status = HelpRequest.Status.CLOSED
    request.closing_note = note
    request.closed_at = now or timezone.now()
    request.save(update_fields=["status", "closing_note", "closed_at"])
    CommunitySignal.objects.filter(help_request=request, resolved_at__isnull=True).update(
        resolved_at=request.closed_at
    )
    return request


@transaction.atomic
def help_request_cancel(*, actor: User, request_id: int) -> HelpRequest:
    place = _resident(actor)
    request = HelpRequest.objects.select_for_update().filter(pk=request_id, requester=place.person).first()
    if request is None:
        raise Http404
    if request.status in (HelpRequest.Status.CLOSED, HelpRequest.Status.CANCELLED):
        raise ValidationError(_("This request is already finished."))
    request.status = HelpRequest.Status.CANCELLED
    request.save(update_fields=["status"])
    return request


@transaction.atomic
def help_offer_create(*, actor: User, kind: str, description: str) -> HelpOffer:
    place = _resident(actor)
    if kind not in HelpKind.values:
        raise ValidationError({"kind": _("Choose what kind of help you offer.")})
    if not description.strip():
        raise ValidationError({"description": _("Write in a few words what you can offer.")})
    return HelpOffer.objects.create(
        complex=place.complex, person=place.person, kind=kind, description=description.strip()
    )


# --- Check-ins ----------------------------------------------------------------------------------


@transaction.atomic
def check_in_agreement_create(
    *, actor: User, resident: Person, caller: Person, every_days: int, first_call_at: dt.datetime
) -> CheckInAgreement:
    """A coordinator sets up a regular call, for residents of the same complex who both agreed."""
    resident_place = selectors.place_of_person(resident.pk)
    caller_place = selectors.place_of_person(caller.pk)
    if resident_place is None or caller_place is None or resident_place.complex.pk != caller_place.complex.pk:
        raise ValidationError(_("Both residents must live in the same building."))
    _staff_complex(actor, resident_place.complex, "manage_community")
    if resident.pk == caller.pk:
        raise ValidationError(_("Someone cannot call themselves."))
    if not 1 <= every_days <= 31:
        raise ValidationError({"every_days": _("Choose between 1 and 31 days.")})
    return CheckInAgreement.objects.create(
        complex=resident_place.complex,
        resident=resident,
        caller=caller,
        every_days=every_days,
        next_due_at=first_call_at,
        created_by=actor,
    )


@transaction.atomic
def check_in_log(*, actor: User, agreement_id: int, reached: bool, now: dt.datetime | None = None) -> CheckIn:
    """The caller logs a call: the next call is due ``every_days`` after the one just made."""
    now = now or timezone.now()
    agreement = selectors.check_ins_for(actor).select_for_update(of=("self",)).filter(pk=agreement_id).first()
    if agreement is None:
        raise Http404
    place = selectors.resident_place(actor)
    if place is not None and place.person.pk != agreement.caller_id:
        raise PermissionDenied
    call = CheckIn.objects.create(
        agreement=agreement, due_at=agreement.next_due_at, done_at=now, reached=reached
    )
    step = dt.timedelta(days=agreement.every_days)
    next_due = agreement.next_due_at
    while next_due <= now:
        next_due += step
    agreement.next_due_at = next_due
    agreement.save(update_fields=["next_due_at"])
    CommunitySignal.objects.filter(agreement=agreement, resolved_at__isnull=True).update(resolved_at=now)
    return call


@transaction.atomic
def community_signals_record(*, now: dt.datetime) -> dict[str, int]:
    """Record a signal for every missed check-in and every help request nobody took (idempotent)."""
    created = {"missed_check_in": 0, "unclaimed_help": 0}
    for agreement in selectors.overdue_check_ins(now=now):
        _obj, new = CommunitySignal.objects.get_or_create(
            kind=CommunitySignal.Kind.MISSED_CHECK_IN,
            agreement=agreement,
            due_at=agreement.next_due_at,
            defaults={"complex_id": agreement.complex_id, "created_at": now},
        )
        created["missed_check_in"] += int(new)
    for request in selectors.overdue_help_requests(now=now):
        _obj, new = CommunitySignal.objects.get_or_create(
            kind=CommunitySignal.Kind.UNCLAIMED_HELP,
            help_request=request,
            defaults={
                "complex_id": request.complex_id,
                "created_at": now,
                "due_at": request.created_at + selectors.UNCLAIMED_AFTER,
            },
        )
        created["unclaimed_help"] += int(new)
    return created


# --- Activities ---------------------------------------------------------------------------------


@transaction.atomic
def activity_create(
    *,
    actor: User,
    complex_: Complex | None = None,
    title: str,
    description: str = "",
    location: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    recurrence: str = "",
    repeat_until: dt.date | None = None,
    capacity: int | None = None,
) -> Activity:
    """A resident creates an activity in their own complex; staff in a complex they coordinate."""
    place = selectors.resident_place(actor)
    organiser = None
    if place is not None:
        complex_ = place.complex
        organiser = place.person
    elif complex_ is None:
        raise PermissionDenied
    else:
        _staff_complex(actor, complex_, "manage_community")
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    if recurrence not in Activity.Recurrence.values:
        raise ValidationError({"recurrence": _("Choose how often the activity repeats.")})
    if recurrence and (repeat_until is None or repeat_until < starts_at.date()):
        raise ValidationError({"repeat_until": _("Give the last date, after the first one.")})
    if capacity is not None and capacity < 1:
        raise ValidationError({"capacity": _("The maximum must be at least 1, or leave it empty.")})
    return Activity.objects.create(
        complex=complex_,
        title=title.strip(),
        description=description.strip(),
        location=location.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        recurrence=recurrence,
        repeat_until=repeat_until if recurrence else None,
        capacity=capacity,
        organiser=organiser,
        created_by=actor,
    )


@transaction.atomic
def activity_signup(
    *, actor: User, activity_id: int, occurrence: dt.date | None = None, now: dt.datetime | None = None
) -> ActivitySignup:
    """A resident signs up for the next (or a given) occurrence; the limit is checked with the
    activity row locked."""
    place = _resident(actor)
    activity = (
        Activity.objects.select_for_update()
        .filter(pk=activity_id, complex=place.complex, cancelled=False)
        .first()
    )
    if activity is None:
        raise Http404
    now = now or timezone.now()
    dates = [t.date() for t in selectors.occurrences(activity, after=now)]
    if occurrence is None:
        if not dates:
            raise ValidationError(_("This activity has already taken place."))
        occurrence = dates[0]
    elif occurrence not in dates:
        raise ValidationError(_("There is no upcoming activity on that date."))
    if ActivitySignup.objects.filter(activity=activity, person=place.person, occurrence=occurrence).exists():
        raise ValidationError(_("You have already signed up."))
    if activity.capacity is not None and selectors.signup_count(activity, occurrence) >= activity.capacity:
        raise ValidationError(_("Sorry, this activity is full."))
    return ActivitySignup.objects.create(activity=activity, person=place.person, occurrence=occurrence)


@transaction.atomic
def activity_signup_cancel(*, actor: User, signup_id: int) -> None:
    place = _resident(actor)
    deleted, _rows = ActivitySignup.objects.filter(pk=signup_id, person=place.person).delete()
    if not deleted:
        raise Http404


@transaction.atomic
def attendance_record(*, actor: User, signup_id: int, attended: bool) -> ActivitySignup:
    """The organiser or staff of the complex records who came."""
    signup = ActivitySignup.objects.select_related("activity").filter(pk=signup_id).first()
    if signup is None:
        raise Http404
    activity = signup.activity
    place = selectors.resident_place(actor)
    if place is not None:
        if activity.organiser_id != place.person.pk:
            raise PermissionDenied
    else:
        _staff_complex(actor, activity.complex, "manage_community")
    signup.attended = attended
    signup.save(update_fields=["attended"])
    return signup


# --- Fund ---------------------------------------------------------------------------------------


@transaction.atomic
def fund_budget_set(*, actor: User, complex_: Complex, year: int, amount: Decimal) -> FundBudget:
    _staff_complex(actor, complex_, "decide_fund")
    if amount < 0:
        raise ValidationError({"amount": _("The budget cannot be negative.")})
    locked = FundBudget.objects.select_for_update().filter(complex=complex_, year=year).first()
    if locked is not None and amount < selectors.granted_total(complex_.pk, year):
        raise ValidationError({"amount": _("The budget cannot be lower than what has already been granted.")})
    budget, _created = FundBudget.objects.update_or_create(
        complex=complex_, year=year, defaults={"amount": amount}
    )
    return budget


@transaction.atomic
def fund_apply(
    *,
    actor: User,
    title: str,
    plan: str,
    lines: Sequence[tuple[str, Decimal]],
    group_name: str = "",
    activity_date: dt.date | None = None,
    year: int | None = None,
) -> FundApplication:
    """A resident (alone or for a group) applies with a plan and budget lines."""
    place = _resident(actor)
    if not title.strip() or not plan.strip():
        raise ValidationError(_("Give your plan a name and describe it."))
    if not lines:
        raise ValidationError(_("Add at least one cost, with an amount."))
    for description, amount in lines:
        if not description.strip():
            raise ValidationError(_("Write what each amount is for."))
        if amount <= 0:
            raise ValidationError(_("Every amount must be more than € 0."))
    application = FundApplication.objects.create(
        complex=place.complex,
        year=year or (activity_date.year if activity_date else timezone.localdate().year),
        applicant=place.person,
        group_name=group_name.strip(),
        title=title.strip(),
        plan=plan.strip(),
        activity_date=activity_date,
    )
    BudgetLine.objects.bulk_create(
        [BudgetLine(application=application, description=d.strip(), amount=a) for d, a in lines]
    )
    return application


@transaction.atomic
def fund_decide(
    *, actor: User, application_id: int, approve: bool, amount: Decimal | None = None, reason: str = ""
) -> FundApplication:
    """Corporation staff approve (an amount within the remaining budget) or reject (with a reason).
    The complex's budget row is locked first, so two approvals cannot overspend it."""
    application = selectors.fund_applications_for(actor).filter(pk=application_id).first()
    if application is None:
        raise Http404
    _staff_complex(actor, application.complex, "decide_fund")
    budget = (
        FundBudget.objects.select_for_update()
        .filter(complex=application.complex, year=application.year)
        .first()
    )
    application = FundApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != FundApplication.Status.SUBMITTED:
        raise ValidationError(_("A decision has already been made on this application."))
    reason = reason.strip()
    if approve:
        if amount is None or amount <= 0:
            raise ValidationError({"amount": _("Give the amount you grant, more than € 0.")})
        if budget is None:
            raise ValidationError(
                _("There is no budget for this building in %(year)s.") % {"year": application.year}
            )
        remaining = budget.amount - selectors.granted_total(application.complex_id, application.year)
        if amount > remaining:
            raise ValidationError(
                {
                    "amount": _("Only € %(remaining)s is left in this year's budget.")
                    % {"remaining": remaining}
                }
            )
        application.status = FundApplication.Status.APPROVED
        application.granted_amount = amount
    else:
        if not reason:
            raise ValidationError({"reason": _("Explain why the application is rejected.")})
        application.status = FundApplication.Status.REJECTED
    application.decision_reason = reason
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save()
    return application


@transaction.atomic
def payout_record(*, actor: User, application_id: int, amount: Decimal, paid_on: dt.date) -> Payout:
    application = selectors.fund_applications_for(actor).filter(pk=application_id).first()
    if application is None:
        raise Http404
    _staff_complex(actor, application.complex, "decide_fund")
    application = FundApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != FundApplication.Status.APPROVED or application.granted_amount is None:
        raise ValidationError(_("Only an approved application can be paid."))
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than € 0.")})
    paid = sum((p.amount for p in application.payouts.all()), Decimal("0"))
    if paid + amount > application.granted_amount:
        raise ValidationError(
            {
                "amount": _("You cannot pay out more than was granted (€ %(left)s left).")
                % {"left": application.granted_amount - paid}
            }
        )
    return Payout.objects.create(application=application, amount=amount, paid_on=paid_on, recorded_by=actor)


def check_receipt_file(upload: UploadedFile | IO[bytes]) -> str:
    """The file's content type, if it is a JPEG, PNG, WebP or PDF of at most 5 MB (by its bytes,
    not its name); otherwise a ValidationError in the user's language."""
    size = getattr(upload, "size", None)
    if size is None or size > MAX_RECEIPT_BYTES:
        raise ValidationError(_("The file is too big. The maximum is 5 MB."))
    if size == 0:
        raise ValidationError(_("The file is empty."))
    upload.seek(0)
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in RECEIPT_TYPES:
        raise ValidationError(_("Upload a photo (JPEG, PNG or WebP) or a PDF."))
    return str(kind.mime)


@transaction.atomic
def receipt_upload(*, actor: User, application_id: int, upload: UploadedFile, amount: Decimal) -> Receipt:
    """The applicant (or staff) adds a receipt to an approved application. Checked before anything
    is written; if saving the row fails the stored file is removed again."""
    application = selectors.fund_applications_for(actor).filter(pk=application_id).first()
    if application is None:
        raise Http404
    if selectors.resident_place(actor) is None:
        _staff_complex(actor, application.complex, "decide_fund")
    if application.status != FundApplication.Status.APPROVED:
        raise ValidationError(_("You can add receipts once the application is approved."))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than € 0.")})
    content_type = check_receipt_file(upload)
    receipt = Receipt(application=application, content_type=content_type, amount=amount, uploaded_by=actor)
    receipt.file.save(upload.name or "receipt", upload, save=False)
    stored = receipt.file.name
    try:
        receipt.save()
    except Exception:
        receipt.file.storage.delete(stored)
        raise
    return receipt
