"""Which location plans an actor sees: the corporation's staff their corporation's plans, a
partner's staff (network partner, care partner) only the plans their organisation belongs to."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from omkijken.accounts.models import Organisation, Role, User
from omkijken.accounts.policy import can
from omkijken.portfolio.models import Complex, Neighbourhood
from omkijken.projects.locationplan.models import (
    ActionNote,
    ActionStatus,
    LocationPlan,
    PlanAction,
    PlanPartner,
    ReviewMeeting,
)

CORPORATION_ROLES = (Role.PROJECT_LEADER, Role.BUILDING_MANAGER, Role.ADMIN)
PARTNER_ROLES = (Role.NETWORK_PARTNER, Role.CARE_COORDINATOR)


def plans_for(actor: User) -> QuerySet[LocationPlan]:
    org = actor.organisation
    if org is None or not can(actor, "view_location_plans"):
        return LocationPlan.objects.none()
    if actor.role in CORPORATION_ROLES:
        return LocationPlan.objects.filter(corporation=org)
    if actor.role in PARTNER_ROLES:
        return LocationPlan.objects.filter(partners__organisation=org).distinct()
    return LocationPlan.objects.none()


def plan_list(actor: User) -> QuerySet[LocationPlan]:
    return (
        plans_for(actor)
        .select_related("complex", "neighbourhood")
        .annotate(
            open_actions=Count("actions", filter=~Q(actions__status=ActionStatus.DONE), distinct=True),
            partner_count=Count("partners", distinct=True),
        )
        .order_by("name")
    )


def plan_detail(actor: User, pk: int) -> LocationPlan:
    found = (
        plans_for(actor)
        .select_related("complex", "neighbourhood", "corporation", "project")
        .prefetch_related(
            Prefetch("partners", queryset=PlanPartner.objects.select_related("organisation")),
            Prefetch("actions", queryset=PlanAction.objects.select_related("owner__organisation")),
            Prefetch("meetings", queryset=ReviewMeeting.objects.select_related("by")),
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def action_detail(actor: User, plan_pk: int, pk: int) -> PlanAction:
    plans = plans_for(actor).filter(pk=plan_pk)
    found = (
        PlanAction.objects.filter(plan__in=plans, pk=pk)
        .select_related("plan", "plan__complex", "plan__neighbourhood", "owner__organisation")
        .prefetch_related(Prefetch("notes", queryset=ActionNote.objects.select_related("by")))
        .first()
    )
    if found is None:
        raise Http404
    return found


def may_update_action(actor: User, action: PlanAction) -> bool:
    """The corporation's staff update any action of their plan; a partner only its own."""
    if not can(actor, "update_plan_actions") or actor.organisation is None:
        return False
    if actor.role in CORPORATION_ROLES:
        return action.plan.corporation_id == actor.organisation.pk
    return action.owner.organisation_id == actor.organisation.pk


def open_actions_of(actor: User) -> QuerySet[PlanAction]:
    """A partner's own open actions across its plans (its home page)."""
    org = actor.organisation
    if org is None:
        return PlanAction.objects.none()
    return (
        PlanAction.objects.filter(plan__in=plans_for(actor), owner__organisation=org)
        .exclude(status=ActionStatus.DONE)
        .select_related("plan")
        .order_by("due_date", "pk")
    )


def complexes_of(corporation: Organisation) -> QuerySet[Complex]:
    return Complex.objects.filter(corporation=corporation).order_by("name")


def neighbourhoods_of(corporation: Organisation) -> QuerySet[Neighbourhood]:
    """The neighbourhoods where ``corporation`` has a complex: the ones it may make a plan for."""
    return Neighbourhood.objects.filter(complexes__corporation=corporation).distinct()


def partner_organisations(plan: LocationPlan) -> QuerySet[Organisation]:
    """Who may join ``plan``: network and care partners, and the plan's own corporation."""
    return Organisation.objects.filter(
        Q(kind__in=[Organisation.Kind.NETWORK_PARTNER, Organisation.Kind.CARE_PARTNER])
        | Q(pk=plan.corporation_id)
    ).exclude(plan_partners__plan=plan)
