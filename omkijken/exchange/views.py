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
from django.views.decorators.http import require_GET, require_http_methods

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.exchange import selectors, services
from omkijken.exchange.common import ImportFailed
from omkijken.exchange.forms import ImportForm
from omkijken.exchange.vera.codes import KINDS
from omkijken.exchange.vera.export import export_stream

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
        try:
            result = services.import_file(
                actor=user, kind=form.cleaned_data["kind"], content=upload.read(), filename=upload.name
            )
        except ImportFailed as failed:
            errors = failed.errors
            form.add_error(
                "file",
                _("Nothing was imported: the file has %(count)d error(s), listed below.")
                % {"count": len(errors)},
            )
        else:
            messages.success(
                request,
                _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
            if result.warnings:
                messages.warning(
                    request,
                    _(
                        "%(count)d field(s) that VERA does not define were not read (VERA allows them): "
                        "%(fields)s"
                    )
                    % {"count": len(result.warnings), "fields": ", ".join(result.warned_fields())},
                )
            assert result.batch is not None
            return redirect("letting_exchange_batch", pk=result.batch.pk)
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
    pieces = export_stream(actor=user, kind=kind, include_special_category=special)
    response = StreamingHttpResponse(pieces, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vera-{kind}-{timezone.localdate():%Y%m%d}.json"'
    return response  # type: ignore[return-value]  # streamed; ``requires`` types views as HttpResponse


@require_GET
@requires("import_export")
def exchange_batch(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.import_batch_for(actor(request), pk)
    if batch is None:
        raise Http404
    return render(request, "exchange/batch.html", {"batch": batch})
