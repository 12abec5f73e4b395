"""Writes of households' special-category status. Atomic, actor-checked, never care content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from omkijken.accounts.models import Organisation, Role, User
from omkijken.accounts.policy import can
from omkijken.records import BulkUpsert, Outcome, bulk_upsert, upsert
from omkijken.residents.models import Household, Person, TargetGroup, TargetGroupStatus


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
            return TargetGroupStatus.objects.create(
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
