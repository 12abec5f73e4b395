"""Letting pages of the intake side: adverts and responses, the motivation intake, nominations.

Thin views: parse, call one service or selector, render. A page a role may not use answers 403; a
record outside the actor's scope 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.models import Organisation
from omkijken.accounts.policy import can
from omkijken.letting import forms_intake as forms
from omkijken.letting.models import Advert, Channel, MotivationApplication, Nomination
from omkijken.letting.selectors import adverts as advert_selectors
from omkijken.letting.selectors import intake as intake_selectors
from omkijken.letting.selectors import nominations as nomination_selectors
from omkijken.letting.services import adverts as advert_services
from omkijken.letting.services import intake as intake_services
from omkijken.letting.services import nominations as nomination_services
from omkijken.residents.models import TargetGroupStatus
from omkijken.residents.selectors import households_for, open_status_filter

View = Callable[..., HttpResponse]
PAGE_SIZE = 25


def requires(*capabilities: str) -> Callable[[View], View]:
    """The page needs any one of the capabilities."""

    def decorate(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not any(can(request.user, c) for c in capabilities):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def _apply_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _flash(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _labelled(adverts: list[Advert]) -> list[Advert]:
    """Set ``channel_labels`` and ``proposed_labels``: the channels in words."""
    labels = dict(Channel.choices)
    for advert in adverts:
        advert.channel_labels = [str(labels.get(c, c)) for c in advert.channels]
        advert.proposed_labels = [str(labels.get(c, c)) for c in advert.proposed_channels]
    return adverts


# --- Letting home and adverts (staff) ------------------------------------------------------------


@requires("view_letting", "manage_adverts")
def letting_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    search = forms.EndLeaseSearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    return render(
        request,
        "letting/intake/home.html",
        {
            "adverts": _labelled(list(advert_selectors.advert_list(user)[:100])),
            "vacancies": advert_selectors.vacancies_without_advert(user)
            if can(user, "manage_adverts")
            else [],
            "search": search,
            "leases": advert_selectors.current_leases(user, query=query)
            if can(user, "manage_adverts")
            else [],
            "query": query,
            "may_manage": can(user, "manage_adverts"),
            "open_applications": intake_selectors.application_list(user)
            .filter(status__in=MotivationApplication.OPEN_STATUSES)
            .count(),
            "open_nominations": nomination_selectors.nominations_for(user)
            .filter(status__in=Nomination.OPEN_STATUSES)
            .count(),
        },
    )


@requires("view_letting", "manage_adverts")
def advert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    advert = _labelled([advert_selectors.advert_detail(request.user, pk)])[0]
    return render(
        request,
        "letting/intake/advert_detail.html",
        {
            "advert": advert,
            "responses": advert_selectors.advert_responses(advert),
            "may_manage": can(request.user, "manage_adverts"),
            "today": timezone.localdate(),
        },
    )


def _advert_form_context(
    unit: Any, form: forms.AdvertForm, proposed: list[str], reason: str, advert: Advert | None
) -> dict[str, Any]:
    labels = dict(Channel.choices)
    return {
        "unit": unit,
        "form": form,
        "proposed": [labels[c] for c in proposed],
        "reason": reason,
        "advert": advert,
    }


@requires("manage_adverts")
def advert_new(request: HttpRequest) -> HttpResponse:
    try:
        unit_pk = int(request.GET.get("unit", ""))
    except ValueError:
        raise Http404 from None
    unit = advert_selectors.unit_for_advert(request.user, unit_pk)
    today = timezone.localdate()
    proposed, reason = advert_services.propose_channels(unit=unit, on=today)
    if request.method == "POST":
        form = forms.AdvertForm(request.POST, proposed=proposed)
        if form.is_valid():
            try:
                advert = advert_services.advert_create(actor=request.user, unit=unit, **form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("The advert has been saved as a draft."))
                return redirect("letting_advert_detail", advert.pk)
    else:
        form = forms.AdvertForm(
            proposed=proposed,
            initial={
                "channels": proposed,
                "criteria": advert_services.default_criteria(unit=unit, channels=proposed),
                "starts_on": today,
                "ends_on": today + dt.timedelta(days=advert_services.DEFAULT_PERIOD_DAYS),
            },
        )
    return render(
        request, "letting/intake/advert_form.html", _advert_form_context(unit, form, proposed, reason, None)
    )


@requires("manage_adverts")
def advert_edit(request: HttpRequest, pk: int) -> HttpResponse:
    advert = advert_selectors.advert_detail(request.user, pk)
    if advert.status != Advert.Status.DRAFT:
        messages.error(request, _("Only a draft advert can be changed."))
        return redirect("letting_advert_detail", advert.pk)
    if request.method == "POST":
        form = forms.AdvertForm(request.POST, proposed=advert.proposed_channels)
        if form.is_valid():
            try:
                advert_services.advert_update(actor=request.user, advert=advert, **form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("The advert has been saved."))
                return redirect("letting_advert_detail", advert.pk)
    else:
        form = forms.AdvertForm(
            proposed=advert.proposed_channels,
            initial={
                "channels": advert.channels,
                "criteria": advert.criteria,
                "starts_on": advert.starts_on,
                "ends_on": advert.ends_on,
                "override_reason": advert.override_reason,
            },
        )
    return render(
        request,
        "letting/intake/advert_form.html",
        _advert_form_context(advert.unit, form, advert.proposed_channels, advert.proposal_reason, advert),
    )


ADVERT_ACTIONS = {
    "publish": (advert_services.advert_publish, _("The advert is published.")),
    "close": (advert_services.advert_close, _("The advert is closed for responses.")),
    "withdraw": (advert_services.advert_withdraw, _("The advert has been withdrawn.")),
}


@require_POST
@requires("manage_adverts")
def advert_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ADVERT_ACTIONS:
        raise Http404
    advert = advert_selectors.advert_detail(request.user, pk)
    service, message = ADVERT_ACTIONS[action]
    try:
        service(actor=request.user, advert=advert)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, message)
    return redirect("letting_advert_detail", advert.pk)


@require_POST
@requires("manage_adverts")
def lease_end_and_propose(request: HttpRequest, lease_pk: int) -> HttpResponse:
    from omkijken.residents.models import Lease

    lease = Lease.objects.filter(pk=lease_pk, unit__complex__corporation=request.user.organisation).first()
    if lease is None:
        raise Http404
    try:
        advert = advert_services.on_lease_ended(actor=request.user, lease=lease)
    except ValidationError as exc:
        _flash(request, exc)
        return redirect("letting_home")
    messages.success(
        request, _("A draft advert with the proposed channels has been made. Check it and publish it.")
    )
    return redirect("letting_advert_detail", advert.pk)


# --- Applicants: homes to let and responses -------------------------------------------------------


@requires("apply_for_homes")
def homes(request: HttpRequest) -> HttpResponse:
    household = advert_selectors.applicant_household(request.user)
    return render(
        request,
        "letting/intake/homes.html",
        {
            "adverts": list(advert_selectors.open_adverts_for_applicant(request.user)[:100]),
            "registration": advert_selectors.active_registration(household),
            "household": household,
            "responses": advert_selectors.own_responses(request.user),
            "applications": list(intake_selectors.application_list(request.user)),
            "complexes": list(intake_services.good_neighbour_complexes(household.corporation_id))
            if household
            else [],
        },
    )


@requires("apply_for_homes")
def home_detail(request: HttpRequest, pk: int) -> HttpResponse:
    advert = advert_selectors.applicant_advert(request.user, pk)
    household = advert_selectors.applicant_household(request.user)
    if request.method == "POST":
        try:
            advert_services.response_create(actor=request.user, advert=advert, household=household)
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(
                request, _("You have responded. Your responses are listed in order of preference.")
            )
            return redirect("letting_homes")
    return render(
        request,
        "letting/intake/home_detail.html",
        {
            "advert": advert,
            "registration": advert_selectors.active_registration(household),
            "open": advert.status == Advert.Status.PUBLISHED
            and advert.starts_on <= timezone.localdate() <= advert.ends_on,
        },
    )


RESPONSE_ACTIONS = {"withdraw", "up", "down"}


@require_POST
@requires("apply_for_homes")
def response_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in RESPONSE_ACTIONS:
        raise Http404
    response = advert_selectors.own_response(request.user, pk)
    try:
        if action == "withdraw":
            advert_services.response_withdraw(actor=request.user, response=response)
            messages.success(request, _("Your response has been withdrawn."))
        else:
            advert_services.response_move(actor=request.user, response=response, up=action == "up")
    except ValidationError as exc:
        _flash(request, exc)
    return redirect("letting_homes")


# --- Motivation intake ----------------------------------------------------------------------------


@requires("assess_motivation", "decide_motivation", "manage_questionnaires")
def intake_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in MotivationApplication.Status.values:
        status = ""
    page = Paginator(intake_selectors.application_list(request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for application in page:
        application.scored_by_me = any(s.assessor_id == request.user.pk for s in application.scores.all())
    return render(
        request,
        "letting/intake/intake_list.html",
        {"page": page, "status": status, "statuses": MotivationApplication.Status.choices},
    )


@requires("manage_questionnaires", "assess_motivation")
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "letting/intake/questionnaire_list.html",
        {
            "questionnaires": list(intake_selectors.questionnaires_for(request.user)),
            "current": intake_services.current_questionnaire(request.user.organisation.pk)
            if request.user.organisation
            else None,
            "may_manage": can(request.user, "manage_questionnaires"),
        },
    )


@requires("manage_questionnaires")
def questionnaire_new(request: HttpRequest) -> HttpResponse:
    source = None
    if request.GET.get("from", "").isdigit():
        source = intake_selectors.questionnaire_detail(request.user, int(request.GET["from"]))
    if request.method == "POST":
        form = forms.QuestionnaireForm(request.POST)
        if form.is_valid():
            try:
                questionnaire = intake_services.questionnaire_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Version %(version)d of “%(title)s” is published.")
                    % {"version": questionnaire.version, "title": questionnaire.title},
                )
                return redirect("letting_questionnaires")
    else:
        form = forms.QuestionnaireForm(
            initial=forms.QuestionnaireForm.initial_from(source) if source else None
        )
    return render(request, "letting/intake/questionnaire_form.html", {"form": form, "source": source})


@requires("apply_for_homes")
def application_new(request: HttpRequest, complex_pk: int) -> HttpResponse:
    household = advert_selectors.applicant_household(request.user)
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
        form = forms.ApplicationForm(request.POST, questionnaire=questionnaire)
        if form.is_valid():
            try:
                application = intake_services.application_submit(
                    actor=request.user,
                    household=household,
                    complex=complex_,
                    questionnaire=questionnaire,
                    answers=form.answers(),
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Thank you: your application has been received."))
                return redirect("letting_application_detail", application.pk)
    else:
        form = forms.ApplicationForm(questionnaire=questionnaire)
    return render(
        request,
        "letting/intake/application_form.html",
        {"form": form, "complex": complex_, "questionnaire": questionnaire},
    )


@requires("assess_motivation", "decide_motivation", "apply_for_homes")
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
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
            score_form=forms.ScoreForm(rubric=application.questionnaire.rubric)
            if is_open and may_assess and scores.own is None
            else None,
            step_form=forms.StepForm(initial={"held_on": timezone.localdate()})
            if is_open and may_assess
            else None,
            decision_form=forms.DecisionForm() if is_open and can(user, "decide_motivation") else None,
        )
    return render(request, "letting/intake/application_detail.html", context)


def _staff_application(request: HttpRequest, pk: int) -> MotivationApplication:
    return intake_selectors.application_detail(request.user, pk)


@require_POST
@requires("assess_motivation")
def application_score(request: HttpRequest, pk: int) -> HttpResponse:
    application = _staff_application(request, pk)
    form = forms.ScoreForm(request.POST, rubric=application.questionnaire.rubric)
    if form.is_valid():
        try:
            intake_services.application_score(
                actor=request.user,
                application=application,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("Your score has been saved. You can now see the other scores."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("letting_application_detail", application.pk)


@require_POST
@requires("assess_motivation")
def application_step(request: HttpRequest, pk: int) -> HttpResponse:
    application = _staff_application(request, pk)
    form = forms.StepForm(request.POST)
    if form.is_valid():
        try:
            intake_services.application_add_step(
                actor=request.user, application=application, **form.cleaned_data
            )
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("The step has been recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("letting_application_detail", application.pk)


@require_POST
@requires("decide_motivation")
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _staff_application(request, pk)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            intake_services.application_decide(
                actor=request.user,
                application=application,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("The decision has been recorded and sent to the applicant."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("letting_application_detail", application.pk)


@require_POST
@requires("apply_for_homes")
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = intake_selectors.application_detail(request.user, pk)
    try:
        intake_services.application_withdraw(actor=request.user, application=application)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Your application has been withdrawn."))
    return redirect("letting_homes")


# --- Nominations ----------------------------------------------------------------------------------


@requires("view_nominations")
def nomination_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(nomination_selectors.nomination_list(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    shown = nomination_selectors.nomination_page(request.user, page.object_list, view="nomination_list")
    return render(
        request,
        "letting/intake/nomination_list.html",
        {"page": page, "nominations": shown, "may_nominate": can(request.user, "nominate")},
    )


@requires("view_nominations")
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_selectors.nomination_detail(request.user, pk)
    return render(
        request,
        "letting/intake/nomination_detail.html",
        {
            "nomination": nomination,
            "complexes": nomination_selectors.complexes_named(nomination.complexes),
            "needs": [label for code, label in forms.NEED_CHOICES if code in nomination.needs],
            "may_withdraw": can(request.user, "nominate") and nomination.status in Nomination.OPEN_STATUSES,
        },
    )


@requires("nominate")
def nomination_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    clients = list(households_for(user).select_related("corporation").order_by("name"))
    statuses = {
        s.household_id: s.target_group
        for s in TargetGroupStatus.objects.filter(
            open_status_filter(timezone.localdate()), household__in=clients, care_partner=user.organisation
        )
    }
    corporations = {c.corporation_id for c in clients}
    complexes = [
        (c.pk, f"{c.name} ({c.corporation.name})")
        for corp in sorted(corporations)
        for c in nomination_services.acceptable_complexes(user.organisation, corp).select_related(
            "corporation"
        )
    ]
    households = [(h.pk, f"{h.name} ({h.reference})") for h in clients]
    if request.method == "POST":
        form = forms.NominationForm(request.POST, households=households, complexes=complexes)
        if form.is_valid():
            data = form.cleaned_data
            household = next(h for h in clients if h.pk == data["household"])
            try:
                nomination = nomination_services.nomination_create(
                    actor=user,
                    household=household,
                    corporation=Organisation.objects.get(pk=household.corporation_id),
                    target_group=data["target_group"],
                    household_size=data["household_size"],
                    income_class=data["income_class"],
                    pension_age=data["pension_age"],
                    needs=data["needs"],
                    complexes=form.complexes(),
                    nominated_on=data["nominated_on"],
                    support_until=data["support_until"],
                    consent_reference=data["consent_reference"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("The nomination has been sent to the corporation."))
                return redirect("letting_nomination_detail", nomination.pk)
    else:
        initial: dict[str, Any] = {"nominated_on": timezone.localdate()}
        chosen = request.GET.get("household", "")
        if chosen.isdigit() and int(chosen) in statuses:
            initial.update(household=int(chosen), target_group=statuses[int(chosen)])
        form = forms.NominationForm(initial=initial, households=households, complexes=complexes)
    return render(
        request, "letting/intake/nomination_form.html", {"form": form, "has_complexes": bool(complexes)}
    )


@require_POST
@requires("nominate")
def nomination_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_selectors.nominations_for(request.user).filter(pk=pk).first()
    if nomination is None:
        raise Http404
    try:
        nomination_services.nomination_withdraw(actor=request.user, nomination=nomination)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("The nomination has been withdrawn."))
    return redirect("letting_nomination_list")


urlpatterns: list[URLPattern] = [
    path("", letting_home, name="letting_home"),
    path("advertenties/nieuw/", advert_new, name="letting_advert_new"),
    path("advertenties/<int:pk>/", advert_detail, name="letting_advert_detail"),
    path("advertenties/<int:pk>/wijzigen/", advert_edit, name="letting_advert_edit"),
    path("advertenties/<int:pk>/<slug:action>/", advert_action, name="letting_advert_action"),
    path("huurcontracten/<int:lease_pk>/beeindigen/", lease_end_and_propose, name="letting_lease_end"),
    path("aanbod/", homes, name="letting_homes"),
    path("aanbod/<int:pk>/", home_detail, name="letting_homes_detail"),
    path("reacties/<int:pk>/<slug:action>/", response_action, name="letting_response_action"),
    path("intake/", intake_list, name="letting_intake"),
    path("intake/vragenlijsten/", questionnaire_list, name="letting_questionnaires"),
    path("intake/vragenlijsten/nieuw/", questionnaire_new, name="letting_questionnaire_new"),
    path("intake/aanmelden/<int:complex_pk>/", application_new, name="letting_application_new"),
    path("intake/<int:pk>/", application_detail, name="letting_application_detail"),
    path("intake/<int:pk>/score/", application_score, name="letting_application_score"),
    path("intake/<int:pk>/stap/", application_step, name="letting_application_step"),
    path("intake/<int:pk>/besluit/", application_decide, name="letting_application_decide"),
    path("intake/<int:pk>/intrekken/", application_withdraw, name="letting_application_withdraw"),
    path("voordrachten/", nomination_list, name="letting_nomination_list"),
    path("voordrachten/nieuw/", nomination_new, name="letting_nomination_new"),
    path("voordrachten/<int:pk>/", nomination_detail, name="letting_nomination_detail"),
    path("voordrachten/<int:pk>/intrekken/", nomination_withdraw, name="letting_nomination_withdraw"),
]
