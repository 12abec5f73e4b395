"""Import and export pages (VERA WRV JSON and ERP CSV) under /verhuur/uitwisseling/.

Only roles with ``import_export``, and only for their own corporation: another corporation's
import answers 404. Thin: parse, call the exchange service or selector, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from omkijken.accounts.access import actor, reauth_redirect, recently_authenticated, requires
from omkijken.accounts.policy import can
from omkijken.exchange import selectors
from omkijken.exchange.common import RowError
from omkijken.exchange.forms import ImportForm
from omkijken.exchange.tasks import EXPORT, IMPORT
from omkijken.exchange.vera.codes import KINDS
from omkijken.exchange.vera.export import export_stream
from omkijken.jobs.models import Job
from omkijken.jobs.services import job_submit

MAX_ERRORS_SHOWN = 200


@require_http_methods(["GET", "POST"])
@requires("import_export")
def exchange_home(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    batches = selectors.import_batches_for(user)
    errors = []
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        job = job_submit(
            actor=user,
            kind=IMPORT,
            title=_("Import of %(file)s") % {"file": upload.name},
            params={"kind": kind},
            upload=upload.read(),
            upload_name=upload.name,
        )
        if job.state == Job.State.FAILED:  # run inline (tests, the demo's quick path): show it here
            errors = [RowError(**e) for e in job.result.get("row_errors", [])]
            form.add_error("file", job.errors[0] if job.errors else _("Nothing was imported."))
        elif job.state == Job.State.SUCCEEDED:
            messages.success(request, job.result.get("message", ""))
            for warning in job.result.get("warnings", []):
                messages.warning(request, warning)
            return redirect(job.result["url"])
        else:
            messages.info(request, _("The file is being imported. This page shows how far it got."))
            return redirect("job_detail", pk=job.pk)
    status = 400 if errors or (request.method == "POST" and not form.is_valid()) else 200
    return render(
        request,
        "exchange/home.html",
        {
            "form": form,
            "errors": errors[:MAX_ERRORS_SHOWN],
            "more_errors": max(0, len(errors) - MAX_ERRORS_SHOWN),
            "kinds": KINDS,
            "may_export_special": can(user, "read_target_group"),
            "batches": batches[:20],
        },
        status=status,
    )


@require_GET
@requires("import_export")
def exchange_export(request: HttpRequest, kind: str) -> HttpResponse:
    user = actor(request)
    if kind not in KINDS:
        raise Http404
    special = request.GET.get("bijzonder") == "1"
    if special and not can(user, "read_target_group"):
        raise PermissionDenied
    if special and not recently_authenticated(request):
        return reauth_redirect(request)  # special-category data: the password and a code, again
    pieces = export_stream(actor=user, kind=kind, include_special_category=special)
    response = StreamingHttpResponse(pieces, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vera-{kind}-{timezone.localdate():%Y%m%d}.json"'
    return response  # type: ignore[return-value]  # streamed; ``requires`` types views as HttpResponse


@require_POST
@requires("import_export")
def exchange_export_job(request: HttpRequest, kind: str) -> HttpResponse:
    """Prepare an export in the background (a portfolio of 30,000 homes takes a while)."""
    if kind not in KINDS:
        raise Http404
    job = job_submit(
        actor=actor(request),
        kind=EXPORT,
        title=_("Export of %(kind)s") % {"kind": kind},
        params={"kind": kind},
        key=f"export:{actor(request).pk}:{kind}",
    )
    return redirect("job_detail", pk=job.pk)


@require_GET
@requires("import_export")
def exchange_batch(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.import_batch_for(actor(request), pk)
    if batch is None:
        raise Http404
    return render(request, "exchange/batch.html", {"batch": batch})
