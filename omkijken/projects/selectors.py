from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from omkijken.accounts.models import Role, User
from omkijken.portfolio.models import Complex
from omkijken.projects.models import (
    CarePartnerAgreement,
    PhaseChange,
    Project,
    WorkingGroup,
    WorkingGroupMember,
)
from omkijken.residents.models import Lease, TargetGroupStatus
from omkijken.residents.selectors import current_lease_filter, open_status_filter


def projects_for(actor: User) -> QuerySet[Project]:
    """Projects an actor may open: corporation staff their corporation's, a building manager those
    over complexes they manage, a care partner those it has an agreement in."""
    org = actor.organisation
    if org is None:
        return Project.objects.none()
    if actor.role in (Role.PROJECT_LEADER, Role.LETTING_OFFICER, Role.ADMIN):
        return Project.objects.filter(corporation=org)
    if actor.role == Role.BUILDING_MANAGER:
        return Project.objects.filter(complexes__managers=actor).distinct()
    if actor.role == Role.CARE_COORDINATOR:
        return Project.objects.filter(agreements__care_partner=org).distinct()
    return Project.objects.none()


def project_list(actor: User, *, query: str = "") -> QuerySet[Project]:
    projects = (
        projects_for(actor)
        .select_related("leader")
        .prefetch_related(Prefetch("complexes", queryset=Complex.objects.order_by("name")))
    )
    if query:
        projects = projects.filter(name__icontains=query)
    return projects.order_by("name")


def project_detail(actor: User, pk: int) -> Project:
    members = WorkingGroupMember.objects.select_related("user").order_by("-is_chair", "user__last_name")
    found = (
        projects_for(actor)
        .select_related("corporation", "leader")
        .prefetch_related(
            Prefetch("complexes", queryset=Complex.objects.prefetch_related("managers").order_by("name")),
            Prefetch(
                "working_groups",
                queryset=WorkingGroup.objects.prefetch_related(Prefetch("memberships", queryset=members)),
            ),
            Prefetch(
                "agreements",
                queryset=CarePartnerAgreement.objects.select_related("care_partner", "complex").order_by(
                    "care_partner__name"
                ),
            ),
            Prefetch("phase_changes", queryset=PhaseChange.objects.select_related("by")),
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def partner_capacity(actor: User, *, on: dt.date | None = None) -> list[dict[str, Any]]:
    """Per agreement of the actor's care partner: its capacity and the partner's own clients living
    in that complex now."""
    on = on or timezone.localdate()
    org = actor.organisation
    agreements = list(
        CarePartnerAgreement.objects.filter(care_partner=org).select_related("complex", "project")
    )
    own_clients = TargetGroupStatus.objects.filter(open_status_filter(on), care_partner=org).values(
        "household_id"
    )
    counts = dict(
        Lease.objects.filter(current_lease_filter(on), household_id__in=own_clients)
        .values_list("unit__complex_id")
        .annotate(n=Count("id"))
    )
    return [{"agreement": a, "clients": counts.get(a.complex_id, 0)} for a in agreements]
