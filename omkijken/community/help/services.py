"""Writes of help requests and offers: keyword-only, atomic, checked against the actor.

The services take the records the views found in the actor's scope and check that scope again.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.community.help.models import HelpKind, HelpOffer, HelpRequest
from omkijken.community.scope import Place, acting_resident
from omkijken.community.signal_keys import unclaimed_help_key
from omkijken.signals.services import signals_resolve


class AlreadyClaimed(ValidationError):
    pass


@transaction.atomic
def help_request_create(
    *,
    actor: User,
    kind: str,
    title: str,
    description: str = "",
    share_house_number: bool = True,
    share_phone: bool = False,
    now: dt.datetime | None = None,
) -> HelpRequest:
    place = acting_resident(actor)
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
        share_house_number=share_house_number,
        share_phone=share_phone,
        created_at=now or timezone.now(),
    )


def _locked_in_complex(help_request: HelpRequest, place: Place) -> HelpRequest:
    """The request's row, locked; PermissionDenied when it is not of the resident's complex."""
    request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if request.complex_id != place.complex.pk:
        raise PermissionDenied
    return request


@transaction.atomic
def help_request_claim(
    *, actor: User, help_request: HelpRequest, share_phone: bool = False, now: dt.datetime | None = None
) -> HelpRequest:
    """A neighbour of the same complex takes a help request. The row is locked (select_for_update)
    and the update is conditional on the request still being open, so of two simultaneous claims
    exactly one wins; the other gets AlreadyClaimed."""
    place = acting_resident(actor)
    request = _locked_in_complex(help_request, place)
    if request.requester_id == place.person.pk:
        raise ValidationError(_("You cannot take your own request."))
    if request.status != HelpRequest.Status.OPEN:
        raise AlreadyClaimed(
            _("Another neighbour has already taken this request. Thank you for wanting to help!")
        )
    now = now or timezone.now()
    updated = HelpRequest.objects.filter(pk=request.pk, status=HelpRequest.Status.OPEN).update(
        status=HelpRequest.Status.CLAIMED,
        helper=place.person,
        claimed_at=now,
        helper_shares_phone=share_phone,
    )
    if updated != 1:  # pragma: no cover - the lock makes this unreachable on PostgreSQL
        raise AlreadyClaimed(
            _("Another neighbour has already taken this request. Thank you for wanting to help!")
        )
    request.refresh_from_db()
    signals_resolve(source_prefix=unclaimed_help_key(request.pk), now=now)
    return request


@transaction.atomic
def help_request_close(
    *, actor: User, help_request: HelpRequest, note: str, now: dt.datetime | None = None
) -> HelpRequest:
    """The helper or the requester closes a claimed request with a short note."""
    place = acting_resident(actor)
    request = _locked_in_complex(help_request, place)
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
    signals_resolve(source_prefix=unclaimed_help_key(request.pk), now=request.closed_at)
    return request


@transaction.atomic
def help_request_cancel(*, actor: User, help_request: HelpRequest) -> HelpRequest:
    """The requester withdraws their own request."""
    place = acting_resident(actor)
    request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if request.requester_id != place.person.pk:
        raise PermissionDenied
    if request.status in (HelpRequest.Status.CLOSED, HelpRequest.Status.CANCELLED):
        raise ValidationError(_("This request is already finished."))
    request.status = HelpRequest.Status.CANCELLED
    request.save(update_fields=["status"])
    signals_resolve(source_prefix=unclaimed_help_key(request.pk), now=timezone.now())
    return request


@transaction.atomic
def help_offer_create(*, actor: User, kind: str, description: str) -> HelpOffer:
    place = acting_resident(actor)
    if kind not in HelpKind.values:
        raise ValidationError({"kind": _("Choose what kind of help you offer.")})
    if not description.strip():
        raise ValidationError({"description": _("Write in a few words what you can offer.")})
    return HelpOffer.objects.create(
        complex=place.complex, person=place.person, kind=kind, description=description.strip()
    )
