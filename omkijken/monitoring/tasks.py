"""Monitoring's background jobs: the monthly mix snapshot (refreshed every night for the running
month, so the month's last run is its month-end figure) and the Leefbaarometer import."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from procrastinate.contrib.django import app

from omkijken.accounts.models import User
from omkijken.jobs.registry import register
from omkijken.jobs.runner import JobContext, JobFailed
from omkijken.monitoring import services

SNAPSHOT = "monitoring.mix_snapshot"
LEEFBAAROMETER = "monitoring.leefbaarometer_import"


@register(SNAPSHOT)
def mix_snapshot(ctx: JobContext) -> dict[str, Any]:
    month = dt.date.fromisoformat(ctx.params.get("month") or timezone.localdate().replace(day=1).isoformat())
    ctx.progress(0, 1, _("Counting the mix of every complex and section"))
    rows = services.take_mix_snapshot(month=month)
    return {
        "message": _("%(rows)d snapshots written for %(month)s.") % {"rows": rows, "month": f"{month:%m-%Y}"}
    }


@register(LEEFBAAROMETER)
def leefbaarometer_import(ctx: JobContext) -> dict[str, Any]:
    actor = User.objects.filter(pk=ctx.job.started_by_id).first() if ctx.job.started_by_id else None
    if actor is None:
        raise JobFailed([_("The person who started this job no longer has an account.")])
    ctx.progress(0, 1, _("Checking and importing %(file)s") % {"file": ctx.job.upload_name})
    try:
        with ctx.finishing() as result:
            done = services.import_leefbaarometer(actor=actor, content=bytes(ctx.job.upload or b""))
            result.update(
                url=reverse("monitoring_liveability"),
                link=_("Open liveability"),
                message=_("Imported: %(created)d scores added, %(updated)d updated.")
                % {"created": done.created, "updated": done.updated},
            )
    except services.LeefbaarometerFailed as failed:
        raise JobFailed(
            [
                _("Nothing was imported: the file has %(count)d error(s), listed below.")
                % {"count": len(failed.errors)},
                *failed.errors,
            ]
        ) from None
    return result


@app.periodic(cron="30 2 * * *", periodic_id="monitoring_mix_snapshot")
@app.task(name="omkijken.monitoring.nightly_snapshot", queueing_lock="monitoring_mix_snapshot")
def nightly_snapshot(timestamp: int) -> None:
    """Every night: submit the snapshot job for the running month (one at a time, by key)."""
    from omkijken.jobs.services import job_submit

    month = timezone.localdate().replace(day=1)
    job_submit(
        actor=None,
        kind=SNAPSHOT,
        title=_("Mix snapshot %(month)s") % {"month": f"{month:%m-%Y}"},
        params={"month": month.isoformat()},
        key=f"{SNAPSHOT}:{month.isoformat()}",
    )
