"""Writes of households' special-category status. Atomic, actor-checked, never care content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.audit import record_write, snapshot
from omkijken.accounts.models import Organisation, Role, User, WriteEvent
from omkijken.accounts.policy import can
from omkijken.records import BulkUpsert, Outcome, bulk_upsert, upsert
from omkijken.residents.models import (
    BuddySharing,
    CarePartnerContact,
    Household,
    Person,
    TargetGroup,
    TargetGroupStatus,
)

# What a write event keeps of each special-category record (its own fields, never care content).
TARGET_GROUP_FIELDS = ["target_group", "care_partner", "start_date", "end_date", "consent_reference"]
CARE_CONTACT_FIELDS = [
    "care_partner",
    "organisation_name",
    "contact_name",
    "phone",
    "email",
    "consent_given_at",
    "consent_withdrawn_at",
]


def _check_actor(actor: User, household: Household, care_partner: Organisation | None) -> None:
    if not can(actor, "record_target_group"):
        raise PermissionDenied
    if actor.role == Role.CARE_COORDINATOR:
        if care_partner is None or care_partner.pk != getattr(actor.organisation, "pk", None):
            raise PermissionDenied
    elif household.corporation_id != getattr(actor.organisation, "pk", None):
        raise PermissionDenied


@transaction.atomic
def target_group_status_record(
    *,
    household: Household,
    target_group: str,
    care_partner: Organisation | None,
    start_date: dt.date,
    consent_reference: str,
    actor: User,
) -> TargetGroupStatus:
    _check_actor(actor, household, care_partner)
    if target_group not in TargetGroup.values:
        raise ValidationError({"target_group": _("Unknown target group.")})
    if care_partner is not None and care_partner.kind != Organisation.Kind.CARE_PARTNER:
        raise ValidationError({"care_partner": _("Choose a care partner.")})
    try:
        with transaction.atomic():
            status = TargetGroupStatus.objects.create(
                household=household,
                target_group=target_group,
                care_partner=care_partner,
                start_date=start_date,
                consent_reference=consent_reference.strip(),
                recorded_by=actor,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("This household already has an open target-group status; end it first.")
        ) from exc
    record_write(
        actor=actor,
        household=household,
        record=status,
        action=WriteEvent.Action.CREATE,
        before=None,
        after=snapshot(status, TARGET_GROUP_FIELDS),
    )
    return status


# --- Imports (omkijken.exchange calls these inside its all-or-nothing transaction) --------------


def household_upsert(*, household: Household | None, values: dict[str, Any]) -> tuple[Household, Outcome]:
    """Create or update one household from an import, fully validated."""
    return upsert(household, Household, values)


@transaction.atomic
def households_bulk_upsert(
    *, rows: Iterable[tuple[Household | None, dict[str, Any], Any]], write: bool = True
) -> BulkUpsert[Household]:
    """Create or update many households from an import: every row checked before any is written
    (see ``omkijken.records.bulk_upsert``)."""
    return bulk_upsert(Household, rows, write=write)


@transaction.atomic
def persons_bulk_upsert(
    *, rows: Iterable[tuple[Person | None, dict[str, Any], Any]], write: bool = True
) -> BulkUpsert[Person]:
    """Create or update many persons of households from an import, checked before written."""
    return bulk_upsert(Person, rows, write=write)


def person_upsert(*, person: Person | None, values: dict[str, Any]) -> tuple[Person, Outcome]:
    """Create or update one person of a household from an import, fully validated."""
    return upsert(person, Person, values)


# --- What the resident shares with the building manager -----------------------------------------


def _own_household(actor: User) -> Household:
    if not can(actor, "manage_own_care_contact"):
        raise PermissionDenied
    person = Person.objects.filter(user=actor).select_related("household").first()
    if person is None:
        raise PermissionDenied
    return person.household


@transaction.atomic
def care_contact_save(
    *,
    actor: User,
    care_partner: Organisation | None,
    organisation_name: str,
    contact_name: str,
    phone: str,
    email: str,
    consent: bool,
    now: dt.datetime | None = None,
) -> CarePartnerContact:
    """The resident names (or changes) their contact person at their care partner, and gives or
    withdraws consent to show it to the building manager. Consent has a date; giving it again
    after withdrawing starts a new date."""
    household = _own_household(actor)
    now = now or timezone.now()
    errors: dict[str, str] = {}
    if care_partner is not None and care_partner.kind != Organisation.Kind.CARE_PARTNER:
        errors["care_partner"] = _("Choose a care partner.")
    if care_partner is None and not organisation_name.strip():
        errors["organisation_name"] = _("Choose your care partner or write its name.")
    if not contact_name.strip():
        errors["contact_name"] = _("Write the name of your contact person.")
    if not phone.strip() and not email.strip():
        errors["phone"] = _("Give a phone number or an e-mail address.")
    if errors:
        raise ValidationError(errors)
    contact = CarePartnerContact.objects.select_for_update().filter(household=household).first()
    before = snapshot(contact, CARE_CONTACT_FIELDS)
    if contact is None:
        contact = CarePartnerContact(household=household)
    contact.care_partner = care_partner
    contact.organisation_name = "" if care_partner else organisation_name.strip()[:120]
    contact.contact_name = contact_name.strip()[:120]
    contact.phone = phone.strip()[:30]
    contact.email = email.strip()
    if consent and not contact.consent_active:
        contact.consent_given_at = now
        contact.consent_withdrawn_at = None
    elif not consent and contact.consent_active:
        contact.consent_withdrawn_at = now
    contact.updated_by = actor
    contact.full_clean()
    contact.save()
    after = snapshot(contact, CARE_CONTACT_FIELDS)
    if after != before:
        record_write(
            actor=actor,
            household=household,
            record=contact,
            action=WriteEvent.Action.CREATE if before is None else WriteEvent.Action.UPDATE,
            before=before,
            after=after,
        )
    return contact


@transaction.atomic
def care_contact_withdraw_consent(
    *, actor: User, now: dt.datetime | None = None
) -> CarePartnerContact | None:
    """The resident withdraws consent: from now on the building manager sees nothing of it."""
    household = _own_household(actor)
    contact = CarePartnerContact.objects.select_for_update().filter(household=household).first()
    if contact is not None and contact.consent_active:
        before = snapshot(contact, CARE_CONTACT_FIELDS)
        contact.consent_withdrawn_at = now or timezone.now()
        contact.updated_by = actor
        contact.save(update_fields=["consent_withdrawn_at", "updated_by", "updated_at"])
        record_write(
            actor=actor,
            household=household,
            record=contact,
            action=WriteEvent.Action.UPDATE,
            before=before,
            after=snapshot(contact, CARE_CONTACT_FIELDS),
        )
    return contact


@transaction.atomic
def care_contact_delete(*, actor: User) -> None:
    """The resident removes their care-partner contact altogether."""
    household = _own_household(actor)
    for contact in CarePartnerContact.objects.select_for_update().filter(household=household):
        before = snapshot(contact, CARE_CONTACT_FIELDS)
        contact_id = contact.pk
        contact.delete()
        contact.pk = contact_id  # the event names the record that was deleted
        record_write(
            actor=actor,
            household=household,
            record=contact,
            action=WriteEvent.Action.DELETE,
            before=before,
            after=None,
        )


@transaction.atomic
def buddy_sharing_set(*, actor: User, share: bool, now: dt.datetime | None = None) -> BuddySharing:
    """The resident chooses whether the building manager sees who their buddy is."""
    household = _own_household(actor)
    sharing, _created = BuddySharing.objects.select_for_update().get_or_create(household=household)
    if share and sharing.shared_at is None:
        sharing.shared_at = now or timezone.now()
    elif not share:
        sharing.shared_at = None
    sharing.updated_by = actor
    sharing.save()
    return sharing
