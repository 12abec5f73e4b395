"""Set-up pages: a new project, and the set-up page of one (working groups, agreements, section
caps, milestones). Every write is one service; its refusals come back as messages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.projects import work_selectors as sel
from omkijken.projects.models import Project
from omkijken.projects.selectors import projects_for
from omkijken.projects.setup import services
from omkijken.projects.tasks import services as task_services
from omkijken.projects.work_forms import (
    AgreementEndForm,
    AgreementForm,
    MemberForm,
    MilestoneForm,
    ProjectCreateForm,
    SectionCapForm,
)
from omkijken.web.ui import form_page, post_action


def _create_form(request: HttpRequest) -> ProjectCreateForm:
    user = actor(request)
    return ProjectCreateForm(
        request.POST or None,
        complexes=sel.complexes_for(user),
        staff=sel.leaders_for(user),
        projects=projects_for(user).order_by("name"),
        initial={"leader": user.pk, "like": request.GET.get("zoals")},
    )


@requires("change_project")
def project_new(request: HttpRequest) -> HttpResponse:
    form = _create_form(request)

    def save(f: ProjectCreateForm) -> Project:
        d = f.cleaned_data
        return services.project_create(
            name=d["name"],
            description=d["description"],
            complexes=d["complexes"],
            target=d["target_percent"] / Decimal(100),
            tolerance=d["tolerance_points"] / Decimal(100),
            start_date=d["start_date"],
            leader=d["leader"],
            like=d["like"],
            actor=actor(request),
        )

    return form_page(
        request,
        form,
        template="projects/project_new.html",
        save=save,
        done=lambda p: redirect("project_setup", pk=p.pk),
        success=_("The project was created."),
    )


def _setup_context(request: HttpRequest, project: Project) -> dict[str, Any]:
    groups = sel.project_groups(project)
    staff = sel.staff_for(project)
    complexes = project.complexes.order_by("name")
    return {
        "project": project,
        "groups": groups,
        "member_form": MemberForm(groups=sel.WorkingGroup.objects.filter(project=project), staff=staff),
        "agreements": list(sel.agreements_of(project)),
        "agreement_form": AgreementForm(complexes=complexes),
        "end_form": AgreementEndForm(),
        "sections": list(sel.sections_of(project)),
        "milestones": list(project.milestones.all()),
        "milestone_form": MilestoneForm(),
    }


@requires("change_project")
def project_setup(request: HttpRequest, pk: int) -> HttpResponse:
    project = sel.project_for(actor(request), pk)
    return render(request, "projects/project_setup.html", _setup_context(request, project))


def _back(project: Project) -> HttpResponse:
    return redirect("project_setup", pk=project.pk)


@require_POST
@requires("change_project")
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = sel.project_for(actor(request), pk)
    form = MemberForm(
        request.POST, groups=sel.WorkingGroup.objects.filter(project=project), staff=sel.staff_for(project)
    )
    return post_action(
        request,
        form,
        save=lambda f: services.working_group_add_member(
            group=f.cleaned_data["group"],
            user=f.cleaned_data["user"],
            is_chair=f.cleaned_data["is_chair"],
            actor=actor(request),
        ),
        success=_("The member was added."),
        back=_back(project),
    )


@require_POST
@requires("change_project")
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = sel.membership_for(actor(request), pk)
    project = membership.group.project
    services.working_group_remove_member(membership=membership, actor=actor(request))
    messages.success(request, _("The member was removed from the group."))
    return _back(project)


@require_POST
@requires("change_project")
def agreement_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = sel.project_for(actor(request), pk)
    form = AgreementForm(request.POST, complexes=project.complexes.all())
    return post_action(
        request,
        form,
        save=lambda f: services.agreement_create(project=project, actor=actor(request), **f.cleaned_data),
        success=_("The agreement was made."),
        back=_back(project),
    )


@require_POST
@requires("change_project")
def agreement_end(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = sel.agreement_for(actor(request), pk)
    return post_action(
        request,
        AgreementEndForm(request.POST),
        save=lambda f: services.agreement_end(
            agreement=agreement, end_date=f.cleaned_data["end_date"], actor=actor(request)
        ),
        success=_("The agreement's end date was set."),
        back=_back(agreement.project),
    )


@require_POST
@requires("change_project")
def section_cap(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    project = sel.project_for(actor(request), pk)
    section = sel.section_for(project, section_pk)
    return post_action(
        request,
        SectionCapForm(request.POST),
        save=lambda f: services.section_set_cap(
            project=project,
            section=section,
            max_vulnerable=f.cleaned_data["max_vulnerable"],
            actor=actor(request),
        ),
        success=_("The section's cap was saved."),
        back=_back(project),
    )


@require_POST
@requires("change_project")
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = sel.project_for(actor(request), pk)
    return post_action(
        request,
        MilestoneForm(request.POST),
        save=lambda f: task_services.milestone_create(
            project=project, actor=actor(request), **f.cleaned_data
        ),
        success=_("The milestone was added."),
        back=_back(project),
    )
