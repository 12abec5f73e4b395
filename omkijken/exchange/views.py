"""Import and export pages (VERA WRV JSON and ERP CSV) under /verhuur/uitwisseling/.

Only roles with ``import_export``, and only for their own corporation: another corporation's
import answers 404. Thin: parse, call the exchange module, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from omkijken.accounts.policy import can
from omkijken.letting.exchange import csv_import, vera
from omkijken.letting.exchange.common import ImportFailed, corporation_of
from omkijken.letting.exchange.forms import ImportForm
from omkijken.letting.models import ImportBatch

MAX_ERRORS_SHOWN = 200


@require_http_methods(["GET", "POST"])
@login_required
def exchange_home(request: HttpRequest) -> HttpResponse:
    corporation = corporation_of(request.user)
    errors = []
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            if kind.startswith("csv_"):
                result = csv_import.import_csv(
                    actor=request.user, kind=kind.removeprefix("csv_"), content=content, filename=upload.name
                )
            else:
                result = vera.import_document(
                    actor=request.user, kind=kind.removeprefix("vera_"), content=content, filename=upload.name
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
            assert result.batch is not None
            return redirect("letting_exchange_batch", pk=result.batch.pk)
    status = 400 if errors or (request.method == "POST" and not form.is_valid()) else 200
    return render(
        request,
        "letting/exchange/home.html",
        {
            "form": form,
            "errors": errors[:MAX_ERRORS_SHOWN],
            "more_errors": max(0, len(errors) - MAX_ERRORS_SHOWN),
            "kinds": vera.KINDS,
            "may_export_special": can(request.user, "read_target_group"),
            "batches": ImportBatch.objects.filter(corporation=corporation).select_related("imported_by")[:20],
        },
        status=status,
    )


@require_GET
@login_required
def exchange_export(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in vera.KINDS:
        raise Http404
    special = request.GET.get("bijzonder") == "1"
    if special and not can(request.user, "read_target_group"):
        raise PermissionDenied
    body = vera.export_json(actor=request.user, kind=kind, include_special_category=special)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vera-{kind}-{timezone.localdate():%Y%m%d}.json"'
    return response


@require_GET
@login_required
def exchange_batch(request: HttpRequest, pk: int) -> HttpResponse:
    corporation = corporation_of(request.user)
    batch = ImportBatch.objects.filter(corporation=corporation, pk=pk).select_related("imported_by").first()
    if batch is None:
        raise Http404
    return render(request, "letting/exchange/batch.html", {"batch": batch})


urlpatterns: list[URLPattern] = [
    path("uitwisseling/", exchange_home, name="letting_exchange"),
    path("uitwisseling/export/<str:kind>/", exchange_export, name="letting_exchange_export"),
    path("uitwisseling/import/<int:pk>/", exchange_batch, name="letting_exchange_batch"),
]
