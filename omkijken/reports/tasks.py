"""The reports' background job: build a municipal report and offer it as a file on the job page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.jobs.registry import register
from omkijken.jobs.runner import JobContext, JobFailed
from omkijken.reports import renderers, selectors

MUNICIPAL = "reports.municipal"


def file_name(year: int, quarter: int | None, fmt: str) -> str:
    quarter_label = _("Q%(quarter)d") % {"quarter": quarter} if quarter else ""
    period = f"{year}-{quarter_label}" if quarter else str(year)
    base = _("municipal-report")
    return f"{base}-{period}.{fmt}"


@register(MUNICIPAL)
def municipal(ctx: JobContext) -> dict[str, Any]:
    user = User.objects.filter(pk=ctx.job.started_by_id).first() if ctx.job.started_by_id else None
    if user is None:
        raise JobFailed([_("The person who started this job no longer has an account.")])
    year, quarter, fmt = int(ctx.params["year"]), ctx.params.get("quarter"), str(ctx.params["format"])
    ctx.progress(0, 2, _("Counting the figures"))
    report = selectors.municipal_report(user, year=year, quarter=quarter)
    if report is None:
        raise JobFailed([_("You may not do this (any more).")])
    ctx.progress(1, 2, _("Writing the file"))
    body = renderers.render(report, fmt)
    ctx.complete(
        {"message": _("The report is ready.")},
        output=body,
        output_name=file_name(year, quarter, fmt),
        output_type=renderers.FORMATS[fmt],
    )
    return {}
