"""The municipality's pages and the taakstelling: thin views over selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.quotas import services
from omkijken.quotas.charts import forecast_chart
from omkijken.quotas.forms import QuotaForm, QuotaImportForm
from omkijken.quotas.selectors import (
    MOVE_WINDOW_DAYS,
    forecast,
    municipal_report,
    quota_history,
    quota_overview,
    quotas_for,
)
from omkijken.web.ui import apply_errors, flash_errors, form_page


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year


@requires("view_municipal_report")
def report(request: HttpRequest) -> HttpResponse:
    year_param = request.GET.get("year", "")
    year = int(year_param) if year_param.isdigit() and 2000 <= int(year_param) <= 2100 else None
    context = {"report": municipal_report(actor(request), year=year)}
    return render(request, "quotas/municipal_report.html", context)


@requires("view_quotas")
def overview(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    year = _year(request)
    context = {
        "overview": quota_overview(user, year=year),
        "history": quota_history(user, year=year),
        "year": year,
        "move_window_days": MOVE_WINDOW_DAYS,
    }
    return render(request, "quotas/overview.html", context)


@requires("edit_quotas")
def edit(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    assert user.organisation is not None
    corporations = services.corporations_of(user.organisation)
    form = QuotaForm(
        request.POST or None, corporations=corporations, initial={"year": timezone.localdate().year}
    )
    return form_page(
        request,
        form,
        template="quotas/edit.html",
        save=lambda f: services.set_quota(actor=user, **f.cleaned_data),
        done=lambda q: redirect(f"{reverse('quota_overview')}?year={q.year}"),
        success=_("The figure has been saved."),
    )


@requires("edit_quotas")
def import_csv(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    form = QuotaImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = services.import_quotas(actor=user, text=form.cleaned_data["file"])
            except ValidationError as exc:
                apply_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("%(n)s figures imported.") % {"n": len(saved)})
                return redirect("quota_overview")
        else:
            status = 400
    return render(request, "quotas/import.html", {"form": form}, status=status)


@require_POST
@requires("acknowledge_quotas")
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    quota = get_object_or_404(quotas_for(user), pk=pk)
    try:
        services.acknowledge_quota(actor=user, quota=quota)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Acknowledged."))
    return redirect(f"{reverse('quota_overview')}?year={quota.year}")


@requires("view_quotas")
def forecast_page(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    year = _year(request)
    made = forecast(user, year=year)
    charts = [forecast_chart(g, made.on) for g in made.groups]
    return render(request, "quotas/forecast.html", {"forecast": made, "charts": charts, "year": year})
