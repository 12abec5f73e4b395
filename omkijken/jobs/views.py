"""A job's page (state, progress, result, errors), polled with htmx while the job runs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from omkijken.accounts.access import actor
from omkijken.jobs import selectors

POLL_SECONDS = 2


@require_GET
@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = list(selectors.jobs_for(actor(request))[:50])
    return render(request, "jobs/job_list.html", {"jobs": jobs})


@require_GET
@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_for(actor(request), pk)
    template = "jobs/_status.html" if request.headers.get("HX-Request") else "jobs/job_detail.html"
    return render(request, template, {"job": job, "poll": POLL_SECONDS})


@require_GET
@login_required
def job_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_output(actor(request), pk)
    response = HttpResponse(
        bytes(job.output or b""), content_type=job.output_type or "application/octet-stream"
    )
    response["Content-Disposition"] = f'attachment; filename="{job.output_name or f"job-{job.pk}"}"'
    return response
