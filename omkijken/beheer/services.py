"""Writes of the building manager's contact log: keyword-only, atomic, checked against the actor."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.accounts.policy import can
from omkijken.beheer.models import ContactKind, ContactMoment
from omkijken.beheer.selectors import managed_household

NOTE_MAX = 500


@transaction.atomic
def contact_moment_record(
    *,
    actor: User,
    household_id: int,
    kind: str,
    date: dt.date,
    involved: str,
    note: str = "",
    subject: str = "",
) -> ContactMoment:
    """Record a visit, phone call or conversation with a household of one of the actor's complexes.

    Other rooms call this too: the signals room records the visit after a signal with
    ``subject="Signaal #<id>"`` (a plain text reference; the contact log does not import signals).
    A household outside the actor's complexes raises PermissionDenied; bad input ValidationError.
    """
    if not can(actor, "record_contact_moments"):
        raise PermissionDenied
    try:
        household, lease = managed_household(actor, household_id)
    except Http404 as exc:  # not a household of the actor's complexes
        raise PermissionDenied from exc
    errors: dict[str, str] = {}
    if kind not in ContactKind.values:
        errors["kind"] = _("Choose a visit, a phone call or a conversation.")
    if date > timezone.localdate():
        errors["date"] = _("A contact moment cannot be in the future.")
    if not involved.strip():
        errors["involved"] = _("Say who was involved.")
    if len(note.strip()) > NOTE_MAX:
        errors["note"] = _("Keep the note short: at most %(max)s characters.") % {"max": NOTE_MAX}
    if errors:
        raise ValidationError(errors)
    return ContactMoment.objects.create(
        complex=lease.unit.complex,
        household=household,
        kind=kind,
        date=date,
        involved=involved.strip()[:200],
        note=note.strip(),
        subject=subject.strip()[:120],
        recorded_by=actor,
    )
