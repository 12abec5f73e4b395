"""Writes of the network's shared part: the neighbour profile and the signals to the building
manager (missed check-ins, help nobody took). Keyword-only, atomic, checked against the actor.

Each sub-context has its own services. Locks are taken in one order across them: budget →
application; activity → sign-up; neighbour profile → pair; help request alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.community.buddies.models import BuddyPair
from omkijken.community.checkins.selectors import overdue_check_ins
from omkijken.community.help.selectors import overdue_help_requests
from omkijken.community.models import MAX_BUDDY_CAPACITY, NeighbourProfile, Visibility
from omkijken.community.scope import acting_resident
from omkijken.community.signal_keys import missed_call_key, unclaimed_help_key
from omkijken.engine import buddies as engine
from omkijken.signals import kinds as signal_kinds
from omkijken.signals import services as signal_services


def clean_codes(values: Sequence[str], *, limit: int = 20) -> list[str]:
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
    place = acting_resident(actor)
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
            "languages": [engine.normalise_language(c) for c in clean_codes(languages)],
            "interests": clean_codes(interests),
            "availability": clean_codes(availability, limit=21),
            "buddy_capacity": buddy_capacity if is_good_neighbour else 0,
            "visibility": visibility,
            "share_phone": share_phone,
            "share_email": share_email,
        },
    )
    return profile


@transaction.atomic
def community_signals_record(*, now: dt.datetime) -> dict[str, int]:
    """Raise a signal for every missed check-in and every help request nobody took (idempotent):
    kinds of the one signal model, seen on the building manager's signals list."""
    created = {"missed_check_in": 0, "unclaimed_help": 0}
    for agreement in overdue_check_ins(now=now).select_related("complex", "resident"):
        _signal, new = signal_services.signal_raise(
            actor=None,
            kind_code=signal_kinds.MISSED_CHECK_IN,
            complex_=agreement.complex,
            person=agreement.resident,
            source_key=missed_call_key(agreement.pk, agreement.next_due_at),
            now=now,
        )
        created["missed_check_in"] += int(new)
    for request in overdue_help_requests(now=now).select_related("complex", "requester"):
        _signal, new = signal_services.signal_raise(
            actor=None,
            kind_code=signal_kinds.UNCLAIMED_HELP,
            complex_=request.complex,
            person=request.requester,
            source_key=unclaimed_help_key(request.pk),
            now=now,
        )
        created["unclaimed_help"] += int(new)
    return created
