"""Where residents live and which complexes an actor's network covers: the scope every
sub-context's selectors and services start from.

* A resident sees only their own complex's network (a record of another complex answers 404).
* Staff see the complexes they work on: corporation staff their corporation's, a building manager
  the complexes they manage, a care coordinator those where their clients live.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from omkijken.accounts.models import Role, User
from omkijken.accounts.policy import can
from omkijken.portfolio.models import Complex, Section
from omkijken.portfolio.selectors import complexes_for
from omkijken.residents.models import Lease, Person, TargetGroupStatus
from omkijken.residents.selectors import current_lease_filter, open_status_filter


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


def persons_in_complex(complex_id: int, *, on: dt.date | None = None) -> QuerySet[Person]:
    on = on or timezone.localdate()
    return Person.objects.filter(
        Exists(
            Lease.objects.filter(
                current_lease_filter(on), household_id=OuterRef("household_id"), unit__complex_id=complex_id
            )
        )
    )


def in_complex(complex_id: int, on: dt.date, ref: str) -> Exists:
    return Exists(
        Lease.objects.filter(
            current_lease_filter(on), household__members=OuterRef(ref), unit__complex_id=complex_id
        )
    )


def in_section(section_id: int, on: dt.date, ref: str) -> Exists:
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


# --- Guards for services ------------------------------------------------------------------------


def acting_resident(actor: User) -> Place:
    """The place of a resident acting in the network; PermissionDenied for anyone else."""
    if not can(actor, "use_neighbour_network"):
        raise PermissionDenied
    place = resident_place(actor)
    if place is None:
        raise PermissionDenied
    return place


def require_staff_complex(actor: User, complex_: Complex, capability: str) -> None:
    """PermissionDenied unless the actor has ``capability`` and coordinates ``complex_``."""
    if not can(actor, capability) or not staff_complexes(actor).filter(pk=complex_.pk).exists():
        raise PermissionDenied
