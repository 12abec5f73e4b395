"""Pages of location plans: the list, one plan (partners, actions, meetings), one action (on a
phone: status and a progress note)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.projects.locationplan import selectors, services
from omkijken.projects.locationplan.forms import (
    ActionForm,
    ActionUpdateForm,
    MeetingForm,
    PartnerForm,
    PlanForm,
)
from omkijken.web.ui import form_page, post_action


@requires("view_location_plans")
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "projects/locationplan/plan_list.html", {"plans": selectors.plan_list(actor(request))}
    )


@requires("view_location_plans")
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    plan = selectors.plan_detail(user, pk)
    manage = can(user, "manage_location_plans")
    context = {
        "plan": plan,
        "action_form": ActionForm(plan=plan) if manage else None,
        "meeting_form": MeetingForm() if manage else None,
        "partner_form": PartnerForm(organisations=selectors.partner_organisations(plan)) if manage else None,
        "own_organisation_id": user.organisation.pk if user.organisation else None,
    }
    return render(request, "projects/locationplan/plan_detail.html", context)


@require_POST
@requires("manage_location_plans")
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    plan = selectors.plan_detail(user, pk)
    form = ActionForm(request.POST, plan=plan)
    return post_action(
        request,
        form,
        save=lambda f: services.action_create(
            actor=user,
            plan=plan,
            title=f.cleaned_data["title"],
            owner=f.cleaned_data["owner"],
            due_date=f.cleaned_data["due_date"],
        ),
        success=_("The action was added."),
        back=redirect("location_plan_detail", pk=plan.pk),
    )


@requires("manage_location_plans")
def plan_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    corporation = user.organisation
    if corporation is None:
        raise PermissionDenied
    form = PlanForm(
        request.POST if request.method == "POST" else None,
        complexes=selectors.complexes_of(corporation),
        neighbourhoods=selectors.neighbourhoods_of(corporation),
    )
    return form_page(
        request,
        form,
        template="projects/locationplan/plan_new.html",
        save=lambda f: services.plan_create(
            actor=user,
            name=f.cleaned_data["name"],
            complex=f.cleaned_data["complex"],
            neighbourhood=f.cleaned_data["neighbourhood"],
            goal=f.cleaned_data["goal"],
        ),
        done=lambda plan: redirect("location_plan_detail", pk=plan.pk),
        success=_("The location plan was made. Add its partners."),
    )


@require_POST
@requires("manage_location_plans")
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    plan = selectors.plan_detail(user, pk)
    form = PartnerForm(request.POST, organisations=selectors.partner_organisations(plan))
    return post_action(
        request,
        form,
        save=lambda f: services.partner_add(
            actor=user,
            plan=plan,
            organisation=f.cleaned_data["organisation"],
            kind=f.cleaned_data["kind"],
            contact_name=f.cleaned_data["contact_name"],
            contact_phone=f.cleaned_data["contact_phone"],
            contact_email=f.cleaned_data["contact_email"],
        ),
        success=_("The partner was added to the plan."),
        back=redirect("location_plan_detail", pk=plan.pk),
    )


@require_POST
@requires("manage_location_plans")
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    plan = selectors.plan_detail(user, pk)
    return post_action(
        request,
        MeetingForm(request.POST),
        save=lambda f: services.meeting_record(
            actor=user, plan=plan, held_on=f.cleaned_data["held_on"], minutes=f.cleaned_data["minutes"]
        ),
        success=_("The review meeting was recorded."),
        back=redirect("location_plan_detail", pk=plan.pk),
    )


@requires("view_location_plans")
def action_page(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    user = actor(request)
    action = selectors.action_detail(user, pk, action_pk)
    may_update = selectors.may_update_action(user, action)
    form = ActionUpdateForm(
        request.POST if request.method == "POST" and may_update else None, initial={"status": action.status}
    )
    if request.method == "POST" and not may_update:
        raise PermissionDenied
    return form_page(
        request,
        form,
        template="projects/locationplan/action_detail.html",
        save=lambda f: services.action_update(
            actor=user, action=action, status=f.cleaned_data["status"], note=f.cleaned_data["note"]
        ),
        done=lambda _note: redirect("location_plan_action", pk=pk, action_pk=action.pk),
        success=_("The action was updated."),
        context={"action": action, "may_update": may_update},
    )
