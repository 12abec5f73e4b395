"""Reads of the network's shared part: neighbour profiles, already filtered to what the actor may see.

The scope (where a resident lives, which complexes staff coordinate) is in
``omkijken.community.scope``; each sub-context has its own selectors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from omkijken.accounts.models import User
from omkijken.community.models import NeighbourProfile, Visibility
from omkijken.community.scope import in_complex, in_section, resident_place
from omkijken.engine import buddies as engine
from omkijken.residents.models import Lease, Person
from omkijken.residents.selectors import current_lease_filter


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
    profiles = NeighbourProfile.objects.filter(in_complex(place.complex.pk, on, "person_id")).exclude(
        person=place.person
    )
    same_section = in_section(place.section.pk, on, "person_id") if place.section else Q(pk__in=[])
    profiles = profiles.filter(
        Q(visibility=Visibility.COMPLEX) | (Q(visibility=Visibility.SECTION) & same_section)
    )
    profiles = profiles.select_related("person").order_by("person__first_name", "pk")
    sections = _sections_of([p.person_id for p in profiles], on)
    lang = engine_lang()
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


def engine_lang() -> engine.Lang:
    """The engine's language for the texts it writes: English when the page is English, else Dutch."""
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def own_profile(actor: User) -> NeighbourProfile | None:
    place = resident_place(actor)
    if place is None:
        return None
    return NeighbourProfile.objects.filter(person=place.person).first()
