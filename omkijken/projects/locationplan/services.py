"""Writes of a location plan: actions, their progress, review meetings. Each takes the acting user
and records who did it on the row."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import Organisation, User
from omkijken.accounts.policy import require
from omkijken.portfolio.models import Complex, Neighbourhood
from omkijken.projects.locationplan.models import (
    ActionNote,
    ActionStatus,
    LocationPlan,
    PartnerKind,
    PlanAction,
    PlanPartner,
    ReviewMeeting,
)
from omkijken.projects.locationplan.selectors import (
    may_update_action,
    neighbourhoods_of,
    partner_organisations,
)


def _require_own_plan(actor: User, plan: LocationPlan) -> None:
    require(actor, "manage_location_plans")
    if actor.organisation is None or plan.corporation_id != actor.organisation.pk:
        raise PermissionDenied


@transaction.atomic
def action_create(
    *, actor: User, plan: LocationPlan, title: str, owner: PlanPartner, due_date: dt.date
) -> PlanAction:
    _require_own_plan(actor, plan)
    errors: dict[str, str] = {}
    if owner.plan_id != plan.pk:
        errors["owner"] = _("The owning organisation must be a partner in this plan.")
    if due_date < timezone.localdate():
        errors["due_date"] = _("The due date lies in the past.")
    if not title.strip():
        errors["title"] = _("Describe the action.")
    if errors:
        raise ValidationError(errors)
    return PlanAction.objects.create(
        plan=plan, title=title.strip(), owner=owner, due_date=due_date, created_by=actor
    )


@transaction.atomic
def action_update(*, actor: User, action: PlanAction, status: str, note: str) -> ActionNote:
    """A progress note, and the action's new status."""
    if not may_update_action(actor, action):
        raise PermissionDenied
    action = PlanAction.objects.select_for_update().get(pk=action.pk)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if not note.strip():
        raise ValidationError({"note": _("Write what was done or what is in the way.")})
    action.status = status
    action.save(update_fields=["status", "updated_at"])
    return ActionNote.objects.create(action=action, text=note.strip(), status=status, by=actor)


@transaction.atomic
def meeting_record(*, actor: User, plan: LocationPlan, held_on: dt.date, minutes: str) -> ReviewMeeting:
    _require_own_plan(actor, plan)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Record a review meeting once it has been held.")})
    if not minutes.strip():
        raise ValidationError({"minutes": _("Write the short minutes.")})
    return ReviewMeeting.objects.create(plan=plan, held_on=held_on, minutes=minutes.strip(), by=actor)


@transaction.atomic
def plan_create(
    *,
    actor: User,
    name: str,
    complex: Complex | None = None,
    neighbourhood: Neighbourhood | None = None,
    goal: str = "",
) -> LocationPlan:
    """A plan of the actor's corporation, for one of its complexes or a neighbourhood it has one in."""
    require(actor, "manage_location_plans")
    corporation = actor.organisation
    if corporation is None:
        raise PermissionDenied
    errors: dict[str, str] = {}
    name = name.strip()
    if not name:
        errors["name"] = _("Give the plan a name.")
    elif LocationPlan.objects.filter(corporation=corporation, name=name).exists():
        errors["name"] = _("Your corporation already has a location plan with this name.")
    if complex is None and neighbourhood is None:
        errors["__all__"] = _("A location plan is for a complex or a neighbourhood.")
    if complex is not None and complex.corporation_id != corporation.pk:
        errors["complex"] = _("Choose a complex of your own corporation.")
    if neighbourhood is not None and not neighbourhoods_of(corporation).filter(pk=neighbourhood.pk).exists():
        errors["neighbourhood"] = _("Choose a neighbourhood where your corporation has a complex.")
    if errors:
        raise ValidationError(errors)
    return LocationPlan.objects.create(
        corporation=corporation,
        name=name,
        complex=complex,
        neighbourhood=neighbourhood,
        goal=goal.strip(),
        created_by=actor,
    )


@transaction.atomic
def partner_add(
    *,
    actor: User,
    plan: LocationPlan,
    organisation: Organisation,
    kind: str,
    contact_name: str,
    contact_phone: str = "",
    contact_email: str = "",
) -> PlanPartner:
    """An organisation joins the plan with its contact; from then on its staff see the plan."""
    _require_own_plan(actor, plan)
    errors: dict[str, str] = {}
    if not partner_organisations(plan).filter(pk=organisation.pk).exists():
        if PlanPartner.objects.filter(plan=plan, organisation=organisation).exists():
            errors["organisation"] = _("This organisation is already a partner in this plan.")
        else:
            errors["organisation"] = _("Choose a network partner, a care partner or your own corporation.")
    if kind not in PartnerKind.values:
        errors["kind"] = _("Choose the kind of partner.")
    elif (kind == PartnerKind.CORPORATION) != (organisation.pk == plan.corporation_id):
        errors["kind"] = _("Only your own corporation joins as the housing corporation.")
    if not contact_name.strip():
        errors["contact_name"] = _("Name the contact person.")
    if errors:
        raise ValidationError(errors)
    return PlanPartner.objects.create(
        plan=plan,
        organisation=organisation,
        kind=kind,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        contact_email=contact_email.strip(),
    )
