"""Letting pages of the good-neighbour motivation intake: questionnaires, applications, scores,
steps and decisions.

Thin views: parse, call one service or selector, render. A page a role may not use answers 403; a
record outside the actor's scope 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.letting.adverts import selectors as advert_selectors
from omkijken.letting.intake import forms as intake_forms
from omkijken.letting.intake import selectors as intake_selectors
from omkijken.letting.intake import services as intake_services
from omkijken.letting.intake.models import MotivationApplication
from omkijken.web.ui import apply_errors, button_action, form_page, post_action

PAGE_SIZE = 25


@requires("view_intake")
def intake_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    status = request.GET.get("status", "")
    if status not in MotivationApplication.Status.values:
        status = ""
    page = Paginator(intake_selectors.application_list(user, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for application in page:
        # A template-only attribute, not on the model, hence setattr.
        scored_by_me = any(s.assessor_id == user.pk for s in application.scores.all())
        setattr(application, "scored_by_me", scored_by_me)  # noqa: B010
    return render(
        request,
        "letting/intake/intake_list.html",
        {"page": page, "status": status, "statuses": MotivationApplication.Status.choices},
    )


@requires("view_questionnaires")
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    return render(
        request,
        "letting/intake/questionnaire_list.html",
        {
            "questionnaires": list(intake_selectors.questionnaires_for(user)),
            "current": intake_services.current_questionnaire(user.organisation.pk)
            if user.organisation
            else None,
            "may_manage": can(user, "manage_questionnaires"),
        },
    )


@requires("manage_questionnaires")
def questionnaire_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    source = None
    if request.GET.get("from", "").isdigit():
        source = intake_selectors.questionnaire_detail(user, int(request.GET["from"]))
    if request.method == "POST":
        form = intake_forms.QuestionnaireForm(request.POST)
        if form.is_valid():
            try:
                questionnaire = intake_services.questionnaire_create(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Version %(version)d of “%(title)s” is published.")
                    % {"version": questionnaire.version, "title": questionnaire.title},
                )
                return redirect("letting_questionnaires")
    else:
        form = intake_forms.QuestionnaireForm(
            initial=intake_forms.QuestionnaireForm.initial_from(source) if source else None
        )
    return render(request, "letting/intake/questionnaire_form.html", {"form": form, "source": source})


@requires("apply_for_homes")
def application_new(request: HttpRequest, complex_pk: int) -> HttpResponse:
    user = actor(request)
    household = advert_selectors.applicant_household(user)
    if household is None:
        raise Http404
    complex_ = (
        intake_services.good_neighbour_complexes(household.corporation_id).filter(pk=complex_pk).first()
    )
    if complex_ is None:
        raise Http404
    questionnaire = intake_services.current_questionnaire(household.corporation_id)
    if questionnaire is None:
        messages.error(request, _("There is no questionnaire to answer yet."))
        return redirect("letting_homes")
    if request.method == "POST":
        form = intake_forms.ApplicationForm(request.POST, questionnaire=questionnaire)
    else:
        form = intake_forms.ApplicationForm(questionnaire=questionnaire)
    return form_page(
        request,
        form,
        template="letting/intake/application_form.html",
        save=lambda f: intake_services.application_submit(
            actor=user,
            household=household,
            complex=complex_,
            questionnaire=questionnaire,
            answers=f.answers(),
        ),
        done=lambda application: redirect("letting_application_detail", application.pk),
        success=_("Thank you: your application has been received."),
        context={"complex": complex_, "questionnaire": questionnaire},
    )


@requires("assess_motivation", "decide_motivation", "apply_for_homes")
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    application = intake_selectors.application_detail(user, pk)
    questions = list(application.questionnaire.questions.all())
    context: dict[str, Any] = {
        "application": application,
        "answers": [(q, application.answers.get(str(q.pk), "")) for q in questions],
        "is_applicant": can(user, "apply_for_homes"),
    }
    if not context["is_applicant"]:
        scores = intake_selectors.scores_for(user, application)
        is_open = application.status in MotivationApplication.OPEN_STATUSES
        may_assess = intake_services.may_assess(user, application)
        context.update(
            scores=scores,
            rubric=application.questionnaire.rubric,
            score_form=intake_forms.ScoreForm(rubric=application.questionnaire.rubric)
            if is_open and may_assess and scores.own is None
            else None,
            step_form=intake_forms.StepForm(initial={"held_on": timezone.localdate()})
            if is_open and may_assess
            else None,
            decision_form=intake_forms.DecisionForm() if is_open and can(user, "decide_motivation") else None,
        )
    return render(request, "letting/intake/application_detail.html", context)


def _staff_application(request: HttpRequest, pk: int) -> MotivationApplication:
    return intake_selectors.application_detail(actor(request), pk)


@require_POST
@requires("assess_motivation")
def application_score(request: HttpRequest, pk: int) -> HttpResponse:
    application = _staff_application(request, pk)
    return post_action(
        request,
        intake_forms.ScoreForm(request.POST, rubric=application.questionnaire.rubric),
        save=lambda form: intake_services.application_score(
            actor=actor(request),
            application=application,
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
        ),
        success=_("Your score has been saved. You can now see the other scores."),
        back=redirect("letting_application_detail", application.pk),
    )


@require_POST
@requires("assess_motivation")
def application_step(request: HttpRequest, pk: int) -> HttpResponse:
    application = _staff_application(request, pk)
    return post_action(
        request,
        intake_forms.StepForm(request.POST),
        save=lambda form: intake_services.application_add_step(
            actor=actor(request), application=application, **form.cleaned_data
        ),
        success=_("The step has been recorded."),
        back=redirect("letting_application_detail", application.pk),
    )


@require_POST
@requires("decide_motivation")
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _staff_application(request, pk)
    return post_action(
        request,
        intake_forms.DecisionForm(request.POST),
        save=lambda form: intake_services.application_decide(
            actor=actor(request),
            application=application,
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
        ),
        success=_("The decision has been recorded and sent to the applicant."),
        back=redirect("letting_application_detail", application.pk),
    )


@require_POST
@requires("apply_for_homes")
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    application = intake_selectors.application_detail(user, pk)
    return button_action(
        request,
        lambda: intake_services.application_withdraw(actor=user, application=application),
        success=_("Your application has been withdrawn."),
        back=redirect("letting_homes"),
    )
