"""The municipality's page: aggregate quota figures, never a household."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from omkijken.accounts.access import actor, requires
from omkijken.quotas.selectors import municipal_report


@requires("view_municipal_report")
def report(request: HttpRequest) -> HttpResponse:
    year_param = request.GET.get("year", "")
    year = int(year_param) if year_param.isdigit() and 2000 <= int(year_param) <= 2100 else None
    context = {"report": municipal_report(actor(request), year=year)}
    return render(request, "quotas/municipal_report.html", context)
