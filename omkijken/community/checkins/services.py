"""Writes of the calling rota: keyword-only, atomic, checked against the actor."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.community.checkins import selectors
from omkijken.community.checkins.models import CheckIn, CheckInAgreement
from omkijken.community.scope import place_of_person, require_staff_complex, resident_place
from omkijken.community.signal_keys import missed_call_prefix, not_reached_key
from omkijken.residents.models import Person
from omkijken.signals import kinds as signal_kinds
from omkijken.signals import services as signal_services


@transaction.atomic
def check_in_agreement_create(
    *, actor: User, resident: Person, caller: Person, every_days: int, first_call_at: dt.datetime
) -> CheckInAgreement:
    """A coordinator sets up a regular call, for residents of the same complex who both agreed."""
    resident_place = place_of_person(resident.pk)
    caller_place = place_of_person(caller.pk)
    if resident_place is None or caller_place is None or resident_place.complex.pk != caller_place.complex.pk:
        raise ValidationError(_("Both residents must live in the same building."))
    require_staff_complex(actor, resident_place.complex, "manage_community")
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
def check_in_log(
    *,
    actor: User,
    agreement: CheckInAgreement,
    reached: bool,
    due_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> CheckIn:
    """The caller (or a coordinator) logs the call that is due (``due_at``: the one the page
    showed, so a second press of a stale page does not log the next call): one record per call, and the rota
    moves on to the next call (``every_days`` later, and after now).

    Reached: the missed-call signal of this agreement is closed. Not reached: the missed-call
    signal stays open and the call raises a signal of its own; the second call in a row that
    reached nobody escalates it to the team lead."""
    now = now or timezone.now()
    locked = selectors.check_ins_for(actor).select_for_update(of=("self",)).filter(pk=agreement.pk).first()
    if locked is None:
        raise PermissionDenied
    agreement = locked
    place = resident_place(actor)
    if place is not None and place.person.pk != agreement.caller_id:
        raise PermissionDenied
    stale = due_at is not None and due_at != agreement.next_due_at
    if stale or CheckIn.objects.filter(agreement=agreement, due_at=agreement.next_due_at).exists():
        raise ValidationError(_("This call is already noted."))
    previous = CheckIn.objects.filter(agreement=agreement).order_by("-due_at").first()
    call = CheckIn.objects.create(
        agreement=agreement, due_at=agreement.next_due_at, done_at=now, reached=reached
    )
    step = dt.timedelta(days=agreement.every_days)
    next_due = agreement.next_due_at + step
    while next_due <= now:
        next_due += step
    agreement.next_due_at = next_due
    agreement.save(update_fields=["next_due_at"])
    if reached:
        signal_services.signals_resolve(source_prefix=missed_call_prefix(agreement.pk), now=now)
    else:
        signal, _new = signal_services.signal_raise(
            actor=actor,
            kind_code=signal_kinds.NOT_REACHED,
            complex_=agreement.complex,
            person=agreement.resident,
            source_key=not_reached_key(call.pk),
            now=now,
        )
        if previous is not None and not previous.reached:
            signal_services.signal_escalate(signal=signal, now=now)
    return call
