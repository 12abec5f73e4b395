"""Pages of mixed-living projects: the list, one project with its mix, and its two writes.

The phase and mix forms post to their own URL; a rejected form is shown again on the project
page with status 400 (so ``form_page``, which answers 200 with one form, does not fit here)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.portfolio.selectors import occupancy_by_complex
from omkijken.projects import services
from omkijken.projects.charts import attach_mix_bars
from omkijken.projects.forms import MixTargetForm, PhaseChangeForm
from omkijken.projects.lessons.selectors import lessons_for_phase
from omkijken.projects.models import Project
from omkijken.projects.selectors import project_detail, project_list
from omkijken.web.charts import MixBar
from omkijken.web.pagination import paginate
from omkijken.web.ui import apply_errors

TEMPLATE = "projects/project_detail.html"


@requires("view_projects")
def projects(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    page = paginate(request, project_list(actor(request), query=query))
    attach_mix_bars(list(page.object_list))
    return render(request, "projects/project_list.html", {"page": page, "q": query})


def _project_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = actor(request)
    project = project_detail(user, pk)
    complexes = list(project.complexes.all())
    occupancy = occupancy_by_complex([c.pk for c in complexes])
    managers = {m for c in complexes for m in c.managers.all()}
    return {
        "project": project,
        "bars": [MixBar.for_project_complex(c, occupancy[c.pk].total, project) for c in complexes],
        "managers": sorted(managers, key=lambda m: (m.last_name, m.first_name)),
        "can_change": can(user, "change_project"),
        # The work around the project: lessons of other projects for the phase it is in now.
        "lessons": lessons_for_phase(project, project.phase) if can(user, "view_lessons") else [],
    }


def _phase_form(project: Project) -> PhaseChangeForm:
    return PhaseChangeForm(initial={"to_phase": project.phase})


def _mix_form(project: Project) -> MixTargetForm:
    return MixTargetForm(
        initial={
            "target_percent": project.target_vulnerable_share * 100,
            "tolerance_points": project.tolerance * 100,
        }
    )


@requires("view_projects")
def project_page(request: HttpRequest, pk: int) -> HttpResponse:
    context = _project_context(request, pk)
    project = context["project"]
    context["phase_form"] = _phase_form(project)
    context["mix_form"] = _mix_form(project)
    return render(request, TEMPLATE, context)


@require_POST
@requires("change_project")
def project_phase(request: HttpRequest, pk: int) -> HttpResponse:
    context = _project_context(request, pk)
    project = context["project"]
    form = PhaseChangeForm(request.POST)
    if form.is_valid():
        try:
            services.project_change_phase(
                project=project,
                to_phase=form.cleaned_data["to_phase"],
                note=form.cleaned_data["note"],
                actor=actor(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The project's phase was changed."))
            return redirect("project_detail", pk=project.pk)
    context["phase_form"] = form
    context["mix_form"] = _mix_form(project)
    return render(request, TEMPLATE, context, status=400)


@require_POST
@requires("change_project")
def project_mix(request: HttpRequest, pk: int) -> HttpResponse:
    context = _project_context(request, pk)
    project = context["project"]
    form = MixTargetForm(request.POST)
    if form.is_valid():
        try:
            services.project_set_mix_target(
                project=project,
                target=form.cleaned_data["target_percent"] / Decimal(100),
                tolerance=form.cleaned_data["tolerance_points"] / Decimal(100),
                actor=actor(request),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The mix target was changed."))
            return redirect("project_detail", pk=project.pk)
    context["phase_form"] = _phase_form(project)
    context["mix_form"] = form
    return render(request, TEMPLATE, context, status=400)
