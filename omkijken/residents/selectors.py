"""Reads of households, leases and (audited) special-category data, filtered to what an actor may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from omkijken.accounts.mail import Recipient, language_or_default
from omkijken.accounts.models import AccessEvent, Organisation, Role, User
from omkijken.accounts.policy import can
from omkijken.residents.models import (
    CARE_LEASE_TYPES,
    BuddySharing,
    CarePartnerContact,
    Household,
    Lease,
    Person,
    TargetGroupStatus,
)


def valid_on(on: dt.date, prefix: str = "") -> Q:
    """Rows in force on a date: started on or before it, not ended before it (end inclusive).

    Leases and target-group statuses share this rule; the two names below say which is meant."""
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


current_lease_filter = valid_on
open_status_filter = valid_on


def vulnerable_exists(on: dt.date, household_ref: str = "household_id") -> Exists:
    """Is the household (by an outer reference) in a vulnerable target group on a date? For
    aggregate counts only; person-level reads go through ``special_category_for``."""
    return Exists(
        TargetGroupStatus.objects.filter(open_status_filter(on), household_id=OuterRef(household_ref))
    )


def own_household_id(actor: User) -> int | None:
    person = Person.objects.filter(user=actor).only("household_id").first()
    return person.household_id if person else None


def households_for(actor: User, *, on: dt.date | None = None) -> QuerySet[Household]:
    """Households an actor may see at person level (P1): the corporation's own staff all of them, a
    building manager those living in the complexes they manage, a care partner its own clients, a
    resident their own household. Municipal officers see none (aggregates only)."""
    on = on or timezone.localdate()
    role = actor.role
    org = actor.organisation
    if org is None:
        return Household.objects.none()
    if role in (Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.ADMIN):
        return Household.objects.filter(corporation=org)
    if role == Role.BUILDING_MANAGER:
        return Household.objects.filter(
            Exists(
                Lease.objects.filter(
                    current_lease_filter(on), household_id=OuterRef("pk"), unit__complex__managers=actor
                )
            )
        )
    if role == Role.CARE_COORDINATOR:
        return Household.objects.filter(
            Exists(
                TargetGroupStatus.objects.filter(
                    open_status_filter(on), household_id=OuterRef("pk"), care_partner=org
                )
            )
        )
    if role == Role.RESIDENT:
        own = own_household_id(actor)
        return Household.objects.filter(pk=own) if own else Household.objects.none()
    return Household.objects.none()


def housed_household_count(actor: User, *, on: dt.date | None = None) -> int:
    """How many of the households an actor may see live in a home on ``on`` (a current lease): the
    figure a home page shows. Former tenants and applicants on record are not counted."""
    on = on or timezone.localdate()
    return (
        households_for(actor, on=on)
        .filter(Exists(Lease.objects.filter(current_lease_filter(on), household_id=OuterRef("pk"))))
        .count()
    )


def household_list(actor: User, *, query: str = "", on: dt.date | None = None) -> QuerySet[Household]:
    on = on or timezone.localdate()
    households = households_for(actor, on=on)
    if query:
        households = households.filter(
            Q(name__icontains=query)
            | Q(reference__icontains=query)
            | Q(leases__unit__street__icontains=query)
            | Q(leases__unit__postcode__icontains=query.replace(" ", "").upper())
        ).distinct()
    current = Lease.objects.filter(current_lease_filter(on)).select_related("unit", "unit__complex")
    return households.prefetch_related(
        Prefetch("leases", queryset=current, to_attr="current_leases")
    ).order_by("name", "id")


def household_detail(actor: User, pk: int, *, on: dt.date | None = None) -> Household:
    """One household, or 404 when the actor may not see it (another organisation's records
    answer 404, never 403, so their existence is not revealed)."""
    on = on or timezone.localdate()
    leases = Lease.objects.select_related("unit", "unit__complex", "unit__section").order_by("-start_date")
    household = (
        households_for(actor, on=on)
        .select_related("corporation")
        .prefetch_related("members", Prefetch("leases", queryset=leases, to_attr="all_leases"))
        .filter(pk=pk)
        .first()
    )
    if household is None:
        raise Http404
    return household


def own_household(actor: User, *, on: dt.date | None = None) -> Household | None:
    """The household the actor lives in, as ``household_detail`` shows it; None when the actor is
    no household member, 404 when that household is outside what the actor may see."""
    own = own_household_id(actor)
    return household_detail(actor, own, on=on) if own is not None else None


def prefetched_leases(household: Household) -> list[Lease]:
    """The leases ``household_detail`` prefetched into ``all_leases`` (newest first). Read with
    getattr: declaring ``all_leases`` on the model clashes with the django-stubs plugin's own
    handling of the Prefetch (no-redef in household_detail)."""
    leases: list[Lease] = getattr(household, "all_leases")  # noqa: B009 - a to_attr mypy cannot see
    return leases


@dataclass(frozen=True)
class SpecialCategory:
    """What the special-category record says about one household. Never care content."""

    target_group: str | None
    target_group_label: str | None
    care_partner: Organisation | None
    since: dt.date | None
    consent_reference: str
    care_lease_type: str | None


def _may_read_special_category(actor: User, household: Household, status: TargetGroupStatus | None) -> bool:
    if not can(actor, "read_target_group"):
        return False
    if actor.role == Role.CARE_COORDINATOR:
        return status is not None and status.care_partner_id == getattr(actor.organisation, "pk", None)
    return household.corporation_id == getattr(actor.organisation, "pk", None)


def _log_reads(actor: User, households: Iterable[Household], *, view: str, purpose: str) -> None:
    AccessEvent.objects.bulk_create(
        [
            AccessEvent(
                actor=actor,
                actor_role=actor.role or "",
                household=household,
                corporation_id=household.corporation_id,
                record="target_group_status",
                view=view,
                purpose=purpose,
            )
            for household in households
        ]
    )


def special_category_for(
    actor: User, household: Household, *, view: str, purpose: str, on: dt.date | None = None
) -> SpecialCategory | None:
    """The household's special-category data, if the actor may read it; writes exactly one
    AccessEvent when something is read. Returns None (and logs nothing) otherwise."""
    on = on or timezone.localdate()
    status = (
        TargetGroupStatus.objects.filter(open_status_filter(on), household=household)
        .select_related("care_partner")
        .first()
    )
    care_lease = (
        Lease.objects.filter(current_lease_filter(on), household=household, lease_type__in=CARE_LEASE_TYPES)
        .only("lease_type")
        .first()
    )
    if status is None and care_lease is None:
        return None
    if not _may_read_special_category(actor, household, status):
        return None
    _log_reads(actor, [household], view=view, purpose=purpose)
    return SpecialCategory(
        target_group=status.target_group if status else None,
        target_group_label=status.get_target_group_display() if status else None,
        care_partner=status.care_partner if status else None,
        since=status.start_date if status else None,
        consent_reference=status.consent_reference if status else "",
        care_lease_type=care_lease.lease_type if care_lease else None,
    )


def lease_type_label_for(actor: User, lease: Lease) -> str:
    """A lease's type as the actor may see it: a care lease (omklap/driehoek) reveals that the
    household is a care partner's client, so roles without access see only 'Lease'."""
    from django.utils.translation import gettext as _

    if lease.lease_type in CARE_LEASE_TYPES and not can(actor, "read_target_group"):
        return _("Lease")
    return str(lease.get_lease_type_display())


@dataclass(frozen=True)
class ClientRow:
    household: Household
    target_group: str
    target_group_label: str
    since: dt.date
    consent_reference: str
    unit_address: str | None
    complex_name: str | None


def client_page(
    actor: User, households: Iterable[Household], *, view: str, on: dt.date | None = None
) -> list[ClientRow]:
    """Rows of a care coordinator's client list for the households on one page; one AccessEvent per
    client shown."""
    on = on or timezone.localdate()
    if actor.role != Role.CARE_COORDINATOR:
        return []
    shown = list(households)
    statuses = {
        s.household_id: s
        for s in TargetGroupStatus.objects.filter(
            open_status_filter(on), household__in=shown, care_partner=actor.organisation
        )
    }
    leases = {
        lease.household_id: lease
        for lease in Lease.objects.filter(current_lease_filter(on), household__in=shown).select_related(
            "unit", "unit__complex"
        )
    }
    rows = []
    for household in shown:
        status = statuses.get(household.pk)
        if status is None:
            continue
        lease = leases.get(household.pk)
        rows.append(
            ClientRow(
                household=household,
                target_group=status.target_group,
                target_group_label=str(status.get_target_group_display()),
                since=status.start_date,
                consent_reference=status.consent_reference,
                unit_address=lease.unit.address if lease else None,
                complex_name=lease.unit.complex.name if lease else None,
            )
        )
    _log_reads(
        actor, [row.household for row in rows], view=view, purpose=AccessEvent.Purpose.CARE_COORDINATION
    )
    return rows


def client_households(actor: User, *, query: str = "", on: dt.date | None = None) -> QuerySet[Household]:
    """A care coordinator's clients (the households the actor may see), by name."""
    households = households_for(actor, on=on)
    if query:
        households = households.filter(name__icontains=query)
    return households.order_by("name", "id")


def main_person(household: Household) -> Person | None:
    """The main tenant, else the first member: the one a household's mail is addressed to."""
    members = list(household.members.select_related("user").order_by("-is_main_tenant", "pk"))
    return members[0] if members else None


def household_recipient(household: Household) -> Recipient:
    """Where and in which language a household is mailed: the main tenant's e-mail (their login's
    when the person has none), else the first member with one, in that person's preferred language
    (their login's), else Dutch. An empty address means no e-mail: its mail goes by post."""
    for person in household.members.select_related("user").order_by("-is_main_tenant", "pk"):
        user = person.user
        address = person.email or (user.email if user else "")
        if address:
            return Recipient(address, language_or_default(user.preferred_language if user else None))
    return Recipient("", settings.LANGUAGE_CODE)


# --- A resident's care-partner contact (special category; shown only with the resident's consent) --


@dataclass(frozen=True)
class CareContactView:
    """What the building manager sees of a resident's care-partner contact, with consent."""

    organisation: str
    contact_name: str
    phone: str
    email: str
    consent_given_at: dt.datetime


def care_partner_contacts_for(
    actor: User, households: Iterable[Household], *, view: str, on: dt.date | None = None
) -> dict[int, CareContactView]:
    """The care-partner contacts of these households that the actor may see, by household id.

    Only a building manager of the complex the household lives in, and only while the resident's
    consent is given (not withdrawn). Writes one AccessEvent per contact shown; without consent
    nothing is read, nothing is logged and the household looks like any other."""
    if not can(actor, "read_care_partner_contact"):
        return {}
    ids = [h.pk for h in households]
    if not ids:
        return {}
    contacts = list(
        CarePartnerContact.objects.filter(
            household_id__in=ids,
            consent_given_at__isnull=False,
            consent_withdrawn_at__isnull=True,
            household__in=households_for(actor, on=on),
        ).select_related("care_partner", "household")
    )
    AccessEvent.objects.bulk_create(
        [
            AccessEvent(
                actor=actor,
                actor_role=actor.role or "",
                household_id=c.household_id,
                corporation_id=c.household.corporation_id,
                record="care_partner_contact",
                view=view,
                purpose=AccessEvent.Purpose.TENANCY_MANAGEMENT,
            )
            for c in contacts
        ]
    )
    return {
        c.household_id: CareContactView(
            organisation=c.organisation_label,
            contact_name=c.contact_name,
            phone=c.phone,
            email=c.email,
            consent_given_at=c.consent_given_at,  # type: ignore[arg-type]  # filtered not null
        )
        for c in contacts
    }


def own_care_partner_contact(actor: User) -> CarePartnerContact | None:
    """The resident's own care-partner contact (their own data: no access event)."""
    own = own_household_id(actor)
    if own is None:
        return None
    return CarePartnerContact.objects.filter(household_id=own).select_related("care_partner").first()


def care_partners() -> QuerySet[Organisation]:
    """The care partners a resident can choose from when naming their contact."""
    return Organisation.objects.filter(kind=Organisation.Kind.CARE_PARTNER).order_by("name")


def buddy_shared(household_ids: Iterable[int]) -> set[int]:
    """The households (of these) whose resident chose to show their buddy to the building manager."""
    return set(
        BuddySharing.objects.filter(
            household_id__in=list(household_ids), shared_at__isnull=False
        ).values_list("household_id", flat=True)
    )


def own_buddy_sharing(actor: User) -> BuddySharing | None:
    own = own_household_id(actor)
    return BuddySharing.objects.filter(household_id=own).first() if own is not None else None
