"""Reads of explanation letters, filtered to what an actor may see.

Staff with ``view_letting`` see the letters of their own corporation's rounds; an applicant or
resident sees the letters of their own household once they have been sent (by e-mail or post).
Anything else answers 404 (another organisation's or household's letter) or 403 (a role that has
no letters page at all). Letters hold no special-category data (see ``omkijken.letting.letters.compose``),
so reading one writes no AccessEvent.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from omkijken.accounts.models import User
from omkijken.accounts.policy import can
from omkijken.letting.letters.models import Letter
from omkijken.letting.rounds.models import Round
from omkijken.residents.selectors import own_household_id


def letters_for(actor: User) -> QuerySet[Letter]:
    """Letters the actor may read; raises PermissionDenied for a role without letters."""
    # The round comes along for its name and status, not its stored snapshot and result: decoding
    # those once per letter made a round's letters page of 1,355 letters take 38 s.
    base = Letter.objects.select_related("household", "round", "unit").defer(
        "round__snapshot", "round__result"
    )
    if can(actor, "view_letting"):
        org = actor.organisation
        return base.filter(household__corporation=org) if org else base.none()
    if can(actor, "apply_for_homes"):
        own = own_household_id(actor)
        return base.filter(household_id=own, sent_at__isnull=False) if own else base.none()
    raise PermissionDenied


def letter_detail(actor: User, pk: int) -> Letter:
    letter = letters_for(actor).filter(pk=pk).first()
    if letter is None:
        raise Http404
    return letter


def my_letters(actor: User) -> QuerySet[Letter]:
    if not can(actor, "apply_for_homes"):
        raise PermissionDenied
    return letters_for(actor).order_by("-sent_at", "-pk")


def round_for_letters(actor: User, pk: int) -> Round:
    """A round of the actor's own corporation (404 otherwise); 403 for a role without letting."""
    if not can(actor, "view_letting"):
        raise PermissionDenied
    found = Round.objects.select_related("corporation").filter(pk=pk, corporation=actor.organisation).first()
    if found is None:
        raise Http404
    return found


def letters_of_round(actor: User, round: Round) -> QuerySet[Letter]:
    return letters_for(actor).filter(round=round).order_by("household__name", "pk")
