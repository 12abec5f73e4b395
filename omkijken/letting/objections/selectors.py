"""Reads of objections, scoped to the actor: the letting officer sees the corporation's, a household
its own. Another organisation's or household's objection answers 404; a role without objections 403.
An objection holds no special-category data (it never says through which channel a household
competed), so reading one writes no AccessEvent."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from omkijken.accounts.models import User
from omkijken.accounts.policy import can
from omkijken.letting.letters.models import Letter
from omkijken.letting.objections.models import Objection
from omkijken.letting.rounds.models import Round
from omkijken.residents.selectors import own_household_id


def objections_for(actor: User) -> QuerySet[Objection]:
    base = Objection.objects.select_related("household", "round", "decided_by")
    if can(actor, "handle_objections"):
        org = actor.organisation
        return base.filter(corporation=org) if org else base.none()
    if can(actor, "apply_for_homes"):
        own = own_household_id(actor)
        return base.filter(household_id=own) if own else base.none()
    raise PermissionDenied


def objection_detail(actor: User, pk: int) -> Objection:
    found = objections_for(actor).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def own_letter(actor: User, pk: int) -> Letter:
    """A sent letter of the actor's own household about a round (404 otherwise)."""
    if not can(actor, "apply_for_homes"):
        raise PermissionDenied
    own = own_household_id(actor)
    found = (
        Letter.objects.select_related("round", "household")
        .filter(pk=pk, household_id=own, sent_at__isnull=False, round__isnull=False)
        .first()
        if own
        else None
    )
    if found is None:
        raise Http404
    return found


def round_for_objections(actor: User, pk: int) -> Round:
    """An accepted round of the actor's corporation (404 otherwise)."""
    if not can(actor, "handle_objections"):
        raise PermissionDenied
    found = Round.objects.filter(pk=pk, corporation=actor.organisation, status=Round.Status.ACCEPTED).first()
    if found is None:
        raise Http404
    return found


def objections_of_letter(letter: Letter) -> QuerySet[Objection]:
    return Objection.objects.filter(round=letter.round, household_id=letter.household_id)
