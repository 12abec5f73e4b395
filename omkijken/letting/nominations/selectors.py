"""Reads of nominations: SPECIAL-CATEGORY DATA (a nomination says a household is a care partner's
client in a target group). A care coordinator sees only its own organisation's nominations; the
letting officer and project leader those made to their corporation; nobody else any. Every
person-level read writes an AccessEvent: one per nomination on a list page, one per detail view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from omkijken.accounts.models import AccessEvent, Role, User
from omkijken.accounts.policy import can
from omkijken.letting.nominations.models import Nomination
from omkijken.letting.nominations.services import acceptable_complexes
from omkijken.portfolio.models import Complex
from omkijken.residents.models import Household, TargetGroupStatus
from omkijken.residents.selectors import households_for, open_status_filter


def _purpose(actor: User) -> str:
    if actor.role == Role.CARE_COORDINATOR:
        return AccessEvent.Purpose.CARE_COORDINATION
    return AccessEvent.Purpose.LETTING


def nominations_for(actor: User) -> QuerySet[Nomination]:
    """The nominations an actor may read (unlogged queryset: log what you show)."""
    org = getattr(actor.organisation, "pk", None)
    if org is None or not can(actor, "view_nominations"):
        return Nomination.objects.none()
    if actor.role == Role.CARE_COORDINATOR:
        return Nomination.objects.filter(nominator_id=org)
    return Nomination.objects.filter(corporation_id=org)


def log_nomination_reads(actor: User, nominations: Iterable[Nomination], *, view: str) -> None:
    AccessEvent.objects.bulk_create(
        [
            AccessEvent(
                actor=actor,
                actor_role=actor.role or "",
                household_id=n.household_id,
                corporation_id=n.household.corporation_id,
                record="nomination",
                view=view,
                purpose=_purpose(actor),
            )
            for n in nominations
        ]
    )


def nomination_page(actor: User, nominations: Iterable[Nomination], *, view: str) -> list[Nomination]:
    """The nominations shown on one list page; one AccessEvent per nomination shown."""
    shown = list(nominations)
    log_nomination_reads(actor, shown, view=view)
    return shown


def nomination_list(actor: User, *, status: str = "") -> QuerySet[Nomination]:
    found = nominations_for(actor).select_related("household", "nominator", "corporation")
    if status:
        found = found.filter(status=status)
    return found.order_by("-nominated_on", "-pk")


def nomination_detail(actor: User, pk: int, *, view: str = "nomination_detail") -> Nomination:
    """One nomination (404 outside the actor's scope); logs exactly one AccessEvent."""
    nomination = nomination_list(actor).filter(pk=pk).first()
    if nomination is None:
        raise Http404
    log_nomination_reads(actor, [nomination], view=view)
    return nomination


def complexes_named(ids: list[int]) -> list[Complex]:
    """The nomination's acceptable complexes in its order of preference."""
    by_id = {c.pk: c for c in Complex.objects.filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


@dataclass
class NominationChoices:
    """What a care coordinator may nominate: its client households, their open target-group status
    with this care partner, and per corporation the complexes it may name."""

    clients: list[Household]
    statuses: dict[int, str]
    households: list[tuple[int, str]]
    complexes: list[tuple[int, str]]


def nomination_choices(actor: User, *, on: dt.date) -> NominationChoices:
    clients = list(households_for(actor).select_related("corporation").order_by("name"))
    statuses = {
        s.household_id: s.target_group
        for s in TargetGroupStatus.objects.filter(
            open_status_filter(on), household__in=clients, care_partner=actor.organisation
        )
    }
    corporations = {c.corporation_id for c in clients}
    complexes = [
        (c.pk, f"{c.name} ({c.corporation.name})")
        for corp in sorted(corporations)
        for c in acceptable_complexes(actor.organisation, corp).select_related("corporation")
    ]
    households = [(h.pk, f"{h.name} ({h.reference})") for h in clients]
    return NominationChoices(clients=clients, statuses=statuses, households=households, complexes=complexes)
