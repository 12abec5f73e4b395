"""The reports page: choose a year or quarter and a file type; the file is made by a background
job and offered on the job's page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from omkijken.accounts.access import actor, requires
from omkijken.jobs.selectors import jobs_for
from omkijken.jobs.services import job_submit
from omkijken.quotas.selectors import for_municipality
from omkijken.reports.forms import ReportForm
from omkijken.reports.tasks import MUNICIPAL


@requires("view_municipal_report")
def reports(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        year, quarter, fmt = (
            form.cleaned_data["year"],
            form.cleaned_data["quarter"],
            form.cleaned_data["format"],
        )
        period = _("Q%(quarter)d %(year)d") % {"quarter": quarter, "year": year} if quarter else str(year)
        job = job_submit(
            actor=user,
            kind=MUNICIPAL,
            title=_("Municipal report %(period)s (%(format)s)") % {"period": period, "format": fmt.upper()},
            params={"year": year, "quarter": quarter, "format": fmt},
            key=f"report:{user.pk}:{year}:{quarter or 0}:{fmt}",
        )
        return redirect("job_detail", pk=job.pk)
    recent = list(jobs_for(user).filter(kind=MUNICIPAL)[:10])
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reports/reports.html",
        {"form": form, "recent": recent, "protected": for_municipality(user)},
        status=status,
    )
