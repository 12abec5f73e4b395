"""Where an actor may report a signal, and whose household a home or person is.

Signals sit below the neighbour network, so they do not use ``community.scope``: they ask the
leases directly. A resident reports in the complex they live in; a building manager in the
complexes they manage (corporation staff: their corporation's); a care partner in the complexes
where its clients live.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from omkijken.accounts.models import Role, User
from omkijken.portfolio.models import Complex, Unit
from omkijken.portfolio.selectors import complexes_for
from omkijken.residents.models import Household, Lease, Person, TargetGroupStatus
from omkijken.residents.selectors import current_lease_filter, open_status_filter


@dataclass(frozen=True)
class Home:
    """Where a resident lives now."""

    person: Person
    unit: Unit
    complex: Complex


def resident_home(actor: User, *, on: dt.date | None = None) -> Home | None:
    """The resident's own home, or None (staff, or no current lease). Remembered per request."""
    if actor.role != Role.RESIDENT:
        return None
    on = on or timezone.localdate()
    cache: dict[dt.date, Home | None] = actor.__dict__.setdefault("_signals_home", {})
    if on not in cache:
        person = Person.objects.filter(user=actor).first()
        lease = (
            Lease.objects.filter(current_lease_filter(on), household_id=person.household_id)
            .select_related("unit", "unit__complex")
            .first()
            if person
            else None
        )
        cache[on] = (
            Home(person=person, unit=lease.unit, complex=lease.unit.complex) if person and lease else None
        )
    return cache[on]


def reportable_complexes(actor: User, *, on: dt.date | None = None) -> QuerySet[Complex]:
    """The complexes in which the actor may report a signal."""
    on = on or timezone.localdate()
    if actor.role == Role.RESIDENT:
        home = resident_home(actor, on=on)
        return Complex.objects.filter(pk=home.complex.pk) if home else Complex.objects.none()
    if actor.role == Role.CARE_COORDINATOR:
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


def household_in_unit(unit: Unit, *, on: dt.date | None = None) -> Household | None:
    on = on or timezone.localdate()
    lease = Lease.objects.filter(current_lease_filter(on), unit=unit).select_related("household").first()
    return lease.household if lease else None


def unit_of_person(person: Person, *, on: dt.date | None = None) -> Unit | None:
    on = on or timezone.localdate()
    lease = Lease.objects.filter(current_lease_filter(on), household_id=person.household_id).select_related(
        "unit"
    )
    found = lease.first()
    return found.unit if found else None
