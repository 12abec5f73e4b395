"""The daily retention run: a job (visible with its progress on the job pages), queued every night
by a procrastinate periodic task on PostgreSQL; ``omkijken retention run`` does the same by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from procrastinate.contrib.django import app

from omkijken.jobs.registry import register
from omkijken.jobs.runner import JobContext
from omkijken.privacy.retention import retention_run

RETENTION_RUN = "privacy.retention_run"


@register(RETENTION_RUN)
def run_retention(ctx: JobContext) -> dict[str, Any]:
    on = dt.date.fromisoformat(ctx.params["on"]) if ctx.params.get("on") else None
    with ctx.finishing() as result:
        run = retention_run(on=on, progress=ctx.progress)
        assert run.receipt is not None
        result.update(
            receipt=run.receipt.pk,
            url=reverse("privacy_receipt", args=[run.receipt.pk]),
            link=_("Open the receipt"),
            message=_("The retention run is done."),
        )
    return result


@app.periodic(cron="30 3 * * *", periodic_id="retention_daily")
@app.task(name="omkijken.privacy.retention_daily", queueing_lock="retention_daily")
def retention_daily(timestamp: int) -> None:
    """Every night at 03:30: queue the retention run as a job (one at a time, by its key)."""
    from omkijken.jobs.services import job_submit

    day = dt.datetime.fromtimestamp(timestamp, tz=dt.UTC).date()
    job_submit(
        actor=None,
        kind=RETENTION_RUN,
        title=_("Retention run"),
        params={"on": day.isoformat()},
        key="retention",
    )
