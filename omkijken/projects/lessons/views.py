"""Pages of evaluations: a project's evaluations with the form, one evaluation (and its PDF), and
the search across projects."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.projects.lessons import selectors, services
from omkijken.projects.lessons.forms import EvaluationForm, LessonSearchForm
from omkijken.projects.lessons.pdf import evaluation_pdf, tags_of
from omkijken.projects.selectors import project_detail
from omkijken.web.pagination import paginate
from omkijken.web.ui import form_page


@requires("view_lessons")
def project_evaluations(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    project = project_detail(user, pk)
    may_record = can(user, "record_lessons") and project.corporation_id == getattr(
        user.organisation, "pk", None
    )
    form = EvaluationForm(
        request.POST if request.method == "POST" and may_record else None,
        initial={"phase": project.phase, "kind": "phase"},
    )
    evaluations = list(selectors.project_evaluations(project))
    context = {
        "project": project,
        "evaluations": [(e, tags_of(e)) for e in evaluations],
        "may_record": may_record,
        "lessons": selectors.lessons_for_phase(project, project.phase),
    }
    if request.method == "POST" and not may_record:
        raise PermissionDenied
    return form_page(
        request,
        form,
        template="projects/lessons/project_evaluations.html",
        save=lambda f: services.evaluation_record(actor=user, project=project, **f.cleaned_data),
        done=lambda evaluation: redirect("evaluation_detail", pk=evaluation.pk),
        success=_("The evaluation was recorded."),
        context=context,
    )


@requires("view_lessons")
def evaluation_page(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.evaluation_detail(actor(request), pk)
    return render(
        request,
        "projects/lessons/evaluation_detail.html",
        {"evaluation": evaluation, "tags": tags_of(evaluation)},
    )


@requires("view_lessons")
def evaluation_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.evaluation_detail(actor(request), pk)
    language = translation.get_language() or "nl"
    response = HttpResponse(evaluation_pdf(evaluation, language=language), content_type="application/pdf")
    name = slugify(f"{evaluation.project.name}-{evaluation.held_on}")
    response["Content-Disposition"] = f'inline; filename="evaluatie-{name}.pdf"'
    return response


@requires("view_lessons")
def lesson_search(request: HttpRequest) -> HttpResponse:
    form = LessonSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.search_lessons(
        actor(request),
        query=filters.get("q", ""),
        phase=filters.get("phase", ""),
        working_group=filters.get("working_group", ""),
        target_group=filters.get("target_group", ""),
    )
    page = paginate(request, found)
    rows = [(e, tags_of(e)) for e in page.object_list]
    return render(request, "projects/lessons/search.html", {"form": form, "page": page, "rows": rows})
