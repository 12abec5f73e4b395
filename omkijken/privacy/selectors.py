"""Reads of the privacy room, scoped to the actor: the privacy officer (or admin) sees their own
corporation's requests, holds and receipt lines; a resident or home seeker sees their own requests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from omkijken.accounts.models import Organisation, User
from omkijken.accounts.policy import can
from omkijken.privacy.models import (
    Category,
    LegalHold,
    PrivacyRequest,
    RetentionPolicy,
    RetentionReceipt,
    RetentionReceiptLine,
)
from omkijken.privacy.retention import policy_in_force
from omkijken.residents.models import Household, Person


def _corporation_id(actor: User) -> int | None:
    org = actor.organisation
    if not can(actor, "handle_privacy") or org is None or org.kind != Organisation.Kind.CORPORATION:
        return None
    return int(org.pk)


def requests_for(actor: User) -> QuerySet[PrivacyRequest]:
    corporation = _corporation_id(actor)
    if corporation is None:
        return PrivacyRequest.objects.none()
    return PrivacyRequest.objects.filter(corporation_id=corporation).select_related("household", "person")


def own_person(actor: User) -> Person | None:
    if not can(actor, "request_own_privacy"):
        return None
    return Person.objects.filter(user=actor).select_related("household").first()


def own_requests(actor: User) -> QuerySet[PrivacyRequest]:
    person = own_person(actor)
    if person is None:
        return PrivacyRequest.objects.none()
    return PrivacyRequest.objects.filter(household_id=person.household_id, requested_by=actor).order_by(
        "-received_on", "-pk"
    )


def households_for(actor: User) -> QuerySet[Household]:
    corporation = _corporation_id(actor)
    if corporation is None:
        return Household.objects.none()
    return Household.objects.filter(corporation_id=corporation)


def holds_for(actor: User) -> QuerySet[LegalHold]:
    corporation = _corporation_id(actor)
    if corporation is None:
        return LegalHold.objects.none()
    return LegalHold.objects.filter(corporation_id=corporation).select_related(
        "household", "set_by", "lifted_by"
    )


def receipts_for(actor: User) -> QuerySet[RetentionReceipt]:
    """Receipts that have a line for the actor's corporation."""
    corporation = _corporation_id(actor)
    if corporation is None:
        return RetentionReceipt.objects.none()
    return RetentionReceipt.objects.filter(lines__corporation_id=corporation).distinct()


def receipt_lines(actor: User, receipt: RetentionReceipt) -> list[RetentionReceiptLine]:
    corporation = _corporation_id(actor)
    lines = list(receipt.lines.filter(corporation_id=corporation))
    order = list(Category.values)
    return sorted(lines, key=lambda line: order.index(line.category))


@dataclass(frozen=True)
class PolicyRow:
    category: str
    label: str
    months: int


def policy_rows(actor: User, on: dt.date | None = None) -> tuple[RetentionPolicy | None, list[PolicyRow]]:
    """The policy in force for the actor's corporation, one row per category."""
    corporation = _corporation_id(actor)
    if corporation is None:
        return None, []
    policy = policy_in_force(Organisation.objects.get(pk=corporation), on or timezone.localdate())
    labels = dict(Category.choices)
    return policy, [PolicyRow(c, str(labels[c]), policy.months(c)) for c in Category.values]
