"""The exchange's background jobs: importing an uploaded file, exporting a kind as VERA JSON."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.exchange import services
from omkijken.exchange.common import ImportFailed
from omkijken.exchange.vera.export import export_json
from omkijken.jobs.registry import register
from omkijken.jobs.runner import JobContext, JobFailed

IMPORT = "exchange.import"
EXPORT = "exchange.export"
MAX_ERRORS_KEPT = 1000


def _starter(ctx: JobContext) -> User:
    user = User.objects.filter(pk=ctx.job.started_by_id).first() if ctx.job.started_by_id else None
    if user is None:
        raise JobFailed([_("The person who started this job no longer has an account.")])
    return user


@register(IMPORT)
def import_upload(ctx: JobContext) -> dict[str, Any]:
    """All or nothing, as on the command line; the import and the job's "done" commit together,
    so a retry after a crash finds the job done rather than importing twice."""
    actor = _starter(ctx)
    content = bytes(ctx.job.upload or b"")
    ctx.progress(0, 1, _("Checking and importing %(file)s") % {"file": ctx.job.upload_name})
    try:
        with ctx.finishing() as result:
            imported = services.import_file(
                actor=actor, kind=ctx.params["kind"], content=content, filename=ctx.job.upload_name
            )
            assert imported.batch is not None
            result.update(
                batch=imported.batch.pk,
                url=reverse("letting_exchange_batch", args=[imported.batch.pk]),
                link=_("Open the import"),
                message=_("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                % {"created": imported.created, "updated": imported.updated, "unchanged": imported.unchanged},
            )
            if imported.warnings:
                result["warnings"] = [
                    _(
                        "%(count)d field(s) that VERA does not define were not read (VERA allows them): %(fields)s"
                    )
                    % {"count": len(imported.warnings), "fields": ", ".join(imported.warned_fields())}
                ]
    except ImportFailed as failed:
        raise JobFailed(
            [
                _("Nothing was imported: the file has %(count)d error(s), listed below.")
                % {"count": len(failed.errors)},
                *[str(e) for e in failed.errors[:MAX_ERRORS_KEPT]],
            ],
            detail={
                "row_errors": [
                    {"where": e.where, "message": e.message, "row": e.row, "column": e.column}
                    for e in failed.errors[:MAX_ERRORS_KEPT]
                ]
            },
        ) from failed
    return result


@register(EXPORT)
def export_kind(ctx: JobContext) -> dict[str, Any]:
    """A VERA export without special-category data (that one stays a logged direct download: a
    stored copy would outlive the reason it was made)."""
    actor = _starter(ctx)
    kind = ctx.params["kind"]
    ctx.progress(0, 1, _("Exporting %(kind)s") % {"kind": kind})
    body = export_json(actor=actor, kind=kind, include_special_category=False).encode()
    name = f"vera-{kind}-{timezone.localdate():%Y%m%d}.json"
    ctx.complete(
        {"message": _("The export is ready.")},
        output=body,
        output_name=name,
        output_type="application/json; charset=utf-8",
    )
    return {}
