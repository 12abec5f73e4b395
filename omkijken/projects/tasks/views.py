"""The tasks of a project (its phase checklists) and the templates they come from."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.projects import work_selectors as sel
from omkijken.projects.models import PHASE_ORDER, Phase, Project
from omkijken.projects.tasks import services
from omkijken.projects.tasks.models import Task
from omkijken.projects.work_forms import TaskForm, TaskStatusForm, TemplateForm
from omkijken.web.ui import button_action, post_action


def _task_form(project: Project, data: object = None) -> TaskForm:
    return TaskForm(
        data,  # type: ignore[arg-type]
        groups=sel.WorkingGroup.objects.filter(project=project),
        staff=sel.staff_for(project),
        initial={"phase": project.phase},
    )


@requires("view_project_work")
def project_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    project = sel.project_for(user, pk)
    tasks = list(sel.project_tasks(project))
    my_groups = set(
        sel.WorkingGroupMember.objects.filter(group__project=project, user=user).values_list(
            "group_id", flat=True
        )
    )
    leader = can(user, "change_project")
    for task in tasks:
        task.may_change = leader or task.group_id in my_groups  # type: ignore[attr-defined]
    phases = [(value, label, [t for t in tasks if t.phase == value]) for value, label in Phase.choices]
    return render(
        request,
        "projects/project_tasks.html",
        {
            "project": project,
            "phases": [p for p in phases if p[2]],
            "task_form": _task_form(project) if leader else None,
            "statuses": Task.Status,
        },
    )


@require_POST
@requires("change_project")
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = sel.project_for(actor(request), pk)
    return post_action(
        request,
        _task_form(project, request.POST),
        save=lambda f: services.task_create(project=project, actor=actor(request), **f.cleaned_data),
        success=_("The task was added."),
        back=redirect("project_tasks", pk=project.pk),
    )


@require_POST
@requires("view_project_work")
def task_status(request: HttpRequest, pk: int) -> HttpResponse:
    task = sel.task_for(actor(request), pk)
    form = TaskStatusForm(request.POST)
    back = redirect("project_tasks", pk=task.project_id)
    return post_action(
        request,
        form,
        save=lambda f: services.task_set_status(
            task=task, status=f.cleaned_data["status"], actor=actor(request)
        ),
        success=lambda t: (
            _("“%(task)s” is now: %(status)s.") % {"task": t.title, "status": t.get_status_display()}
        ),
        back=back,
    )


@requires("change_project")
def project_templates(request: HttpRequest, pk: int) -> HttpResponse:
    project = sel.project_for(actor(request), pk)
    templates = list(sel.templates_of(project))
    phases = [(label, [t for t in templates if t.phase == value]) for value, label in Phase.choices]
    return render(
        request,
        "projects/project_templates.html",
        {"project": project, "phases": phases, "form": TemplateForm(initial={"phase": PHASE_ORDER[0]})},
    )


@require_POST
@requires("change_project")
def template_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = sel.project_for(actor(request), pk)
    return post_action(
        request,
        TemplateForm(request.POST),
        save=lambda f: services.template_create(project=project, actor=actor(request), **f.cleaned_data),
        success=_("The task was added to the checklist."),
        back=redirect("project_templates", pk=project.pk),
    )


@require_POST
@requires("change_project")
def template_delete(request: HttpRequest, pk: int) -> HttpResponse:
    template = sel.template_for(actor(request), pk)
    return button_action(
        request,
        lambda: services.template_delete(template=template, actor=actor(request)),
        success=_("The task was removed from the checklist."),
        back=redirect("project_templates", pk=template.project_id),
    )
