"""Reads of complexes, sections and units, and their occupancy and vulnerable share (aggregates)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from omkijken.accounts.models import Role, User
from omkijken.portfolio.models import Complex, Section, Unit
from omkijken.residents.models import Lease
from omkijken.residents.selectors import current_lease_filter, vulnerable_exists


def complexes_for(actor: User) -> QuerySet[Complex]:
    """Complexes an actor may open: corporation staff their corporation's, a building manager the
    ones they manage. Care partners, municipal officers and residents use other pages."""
    org = actor.organisation
    if org is None:
        return Complex.objects.none()
    if actor.role in (Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.ADMIN):
        return Complex.objects.filter(corporation=org)
    if actor.role == Role.BUILDING_MANAGER:
        return Complex.objects.filter(managers=actor, corporation=org)
    return Complex.objects.none()


@dataclass
class Occupancy:
    """Occupied homes and vulnerable households in a complex or section: an aggregate."""

    units: int = 0
    occupied: int = 0
    vulnerable: int = 0
    max_vulnerable: int | None = None

    @property
    def vacant(self) -> int:
        return max(0, self.units - self.occupied)

    @property
    def regular(self) -> int:
        return self.occupied - self.vulnerable

    @property
    def share(self) -> Decimal | None:
        if self.occupied == 0:
            return None
        return (Decimal(self.vulnerable) / Decimal(self.occupied)).quantize(Decimal("0.001"))

    @property
    def over_cap(self) -> bool:
        return self.max_vulnerable is not None and self.vulnerable > self.max_vulnerable


@dataclass
class ComplexOccupancy:
    total: Occupancy
    sections: dict[int | None, Occupancy] = field(default_factory=dict)


def occupancy_by_complex(complex_ids: list[int], *, on: dt.date | None = None) -> dict[int, ComplexOccupancy]:
    """Occupancy per complex and per section in three queries, whatever the number of complexes."""
    on = on or timezone.localdate()
    result: dict[int, ComplexOccupancy] = {pk: ComplexOccupancy(total=Occupancy()) for pk in complex_ids}
    for row in (
        Unit.objects.filter(complex_id__in=complex_ids)
        .values("complex_id", "section_id")
        .annotate(n=Count("id"))
    ):
        occ = result[row["complex_id"]]
        occ.total.units += row["n"]
        occ.sections.setdefault(row["section_id"], Occupancy()).units += row["n"]
    leases = (
        Lease.objects.filter(current_lease_filter(on), unit__complex_id__in=complex_ids)
        .annotate(is_vulnerable=vulnerable_exists(on))
        .values("unit__complex_id", "unit__section_id")
        .annotate(
            # a home is occupied once, even on the day one lease ends and the next starts
            occupied=Count("unit_id", distinct=True),
            vulnerable=Count("household_id", distinct=True, filter=Q(is_vulnerable=True)),
        )
        .order_by()
    )
    for lease_row in leases:
        occ = result[lease_row["unit__complex_id"]]
        occ.total.occupied += lease_row["occupied"]
        occ.total.vulnerable += lease_row["vulnerable"]
        section = occ.sections.setdefault(lease_row["unit__section_id"], Occupancy())
        section.occupied += lease_row["occupied"]
        section.vulnerable += lease_row["vulnerable"]
    for section_id, complex_id, cap in Section.objects.filter(complex_id__in=complex_ids).values_list(
        "id", "complex_id", "max_vulnerable"
    ):
        result[complex_id].sections.setdefault(section_id, Occupancy()).max_vulnerable = cap
    return result


def occupied_homes(complex_ids: list[int], *, on: dt.date) -> dict[int, int]:
    """THE number of occupied homes of each complex on a date: its homes with a lease in force that
    day (start on or before it, end on or after it). The complex page, the round's mix effect and
    the round builder's figures read it from here."""
    return {pk: occ.total.occupied for pk, occ in occupancy_by_complex(complex_ids, on=on).items()}


def vulnerable_households(complex_ids: list[int], *, on: dt.date) -> dict[int, int]:
    """THE number of vulnerable households of each complex on a date: households living there
    (a lease in force) with a target-group status in force that day."""
    return {pk: occ.total.vulnerable for pk, occ in occupancy_by_complex(complex_ids, on=on).items()}


def complex_list(actor: User, *, query: str = "") -> QuerySet[Complex]:
    complexes = (
        complexes_for(actor)
        .select_related("neighbourhood")
        .annotate(unit_count=Count("units", distinct=True))
    )
    if query:
        complexes = complexes.filter(
            Q(name__icontains=query)
            | Q(code__icontains=query)
            | Q(street__icontains=query)
            | Q(neighbourhood__name__icontains=query)
        )
    return complexes.order_by("name")


def complex_detail(actor: User, pk: int) -> Complex:
    found = (
        complexes_for(actor)
        .select_related("neighbourhood", "corporation")
        .prefetch_related(
            Prefetch("sections", queryset=Section.objects.order_by("name")),
            "managers",
            "projects",  # a project's default order is by name
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def complex_units(complex_: Complex, *, on: dt.date | None = None, query: str = "") -> QuerySet[Unit]:
    """The complex's units with their current lease and household (no special-category data)."""
    on = on or timezone.localdate()
    current = Lease.objects.filter(current_lease_filter(on)).select_related("household")
    units = complex_.units.select_related("section").prefetch_related(
        Prefetch("leases", queryset=current, to_attr="current_leases")
    )
    if query:
        units = units.filter(
            Q(street__icontains=query)
            | Q(code__icontains=query)
            | Q(postcode__icontains=query.replace(" ", "").upper())
        )
    return units.annotate(
        occupied=Exists(Lease.objects.filter(current_lease_filter(on), unit_id=OuterRef("pk")))
    )
