"""Monitoring pages: thin, each calls one selector (or one service) and renders."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.access import actor, requires
from omkijken.accounts.models import Organisation
from omkijken.jobs.services import job_submit
from omkijken.monitoring import charts, forms, selectors, services
from omkijken.monitoring.tasks import LEEFBAAROMETER
from omkijken.web.ui import apply_errors, form_page


def _year(request: HttpRequest) -> int:
    param = request.GET.get("jaar", "")
    if param.isdigit() and 2000 <= int(param) <= 2100:
        return int(param)
    return timezone.localdate().year


def _years(year: int) -> list[int]:
    this = timezone.localdate().year
    return list(range(this, this - 6, -1)) if year <= this else [year, *range(this, this - 6, -1)]


@requires("view_monitoring")
def indicators(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    corporation = None
    param = request.GET.get("corporatie", "")
    if param.isdigit():
        corporation = Organisation.objects.filter(pk=int(param), kind=Organisation.Kind.CORPORATION).first()
    data = selectors.portfolio_indicators(actor(request), year=year, corporation=corporation)
    if data is None:
        raise Http404
    return render(
        request,
        "monitoring/indicators.html",
        {
            "data": data,
            "years": _years(year),
            "year": year,
            "mix_charts": [charts.mix_chart(s) for s in data.mix],
        },
    )


@requires("view_monitoring")
def liveability_page(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    data = selectors.liveability(actor(request), year=year)
    if data is None:
        raise Http404
    return render(
        request,
        "monitoring/liveability.html",
        {
            "data": data,
            "years": _years(year),
            "year": year,
            "loneliness_charts": charts.loneliness_charts(data),
        },
    )


@requires("view_monitoring")
def nieuwe_buren_page(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    data = selectors.nieuwe_buren(actor(request), year=year)
    if data is None:
        raise Http404
    return render(
        request,
        "monitoring/nieuwe_buren.html",
        {
            "data": data,
            "years": _years(year),
            "year": year,
            "charts": [charts.nieuwe_buren_chart(c) for c in data.complexes],
        },
    )


@requires("import_leefbaarometer")
def leefbaarometer_import(request: HttpRequest) -> HttpResponse:
    form = forms.LeefbaarometerForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            job = job_submit(
                actor=actor(request),
                kind=LEEFBAAROMETER,
                title=_("Leefbaarometer import %(file)s") % {"file": upload.name},
                upload=upload.read(),
                upload_name=upload.name,
            )
            return redirect("job_detail", pk=job.pk)
        return render(request, "monitoring/leefbaarometer.html", {"form": form}, status=400)
    return render(request, "monitoring/leefbaarometer.html", {"form": form})


@requires("answer_surveys")
def surveys(request: HttpRequest) -> HttpResponse:
    return render(
        request, "monitoring/surveys.html", {"rounds": selectors.open_rounds_for_resident(actor(request))}
    )


@requires("answer_surveys")
def survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    found = selectors.resident_round(user, pk)
    if found is None:
        raise Http404
    round_, person = found
    if selectors.participation_exists(round_, person):
        messages.info(request, _("You have already answered this survey. Thank you!"))
        return redirect("monitoring_surveys")
    form = forms.SurveyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.answer_survey(actor=user, round_=round_, person=person, answers=form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Thank you! Your answers are stored without your name."))
                return redirect("monitoring_surveys")
        status = 400
    return render(request, "monitoring/survey_answer.html", {"round": round_, "form": form}, status=status)


@requires("manage_surveys")
def survey_round_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    scope = selectors.scope_for(user)
    if scope is None:
        raise Http404
    form = forms.SurveyRoundForm(request.POST or None, complexes=scope.complexes.order_by("name"))
    response = form_page(
        request,
        form,
        template="monitoring/survey_round_new.html",
        save=lambda f: services.create_survey_round(
            actor=user,
            complex_=f.cleaned_data["complex"],
            title=f.cleaned_data["title"],
            opens_on=f.cleaned_data["opens_on"],
            closes_on=f.cleaned_data["closes_on"],
        ),
        done=lambda _round: redirect("monitoring_liveability"),
        success=_("The survey round is open for the residents of the complex from its opening date."),
    )
    if request.method == "POST" and response.status_code == 200:
        response.status_code = 400
    return response
