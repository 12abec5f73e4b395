"""The privacy officer's pages (requests, exports, holds, retention) and a person's own page."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.privacy import selectors, services
from omkijken.privacy.export import subject_export
from omkijken.privacy.forms import HoldForm, OwnRequestForm, PolicyForm, ReasonForm, RegisterRequestForm
from omkijken.privacy.models import PrivacyRequest
from omkijken.web.pagination import paginate
from omkijken.web.pdf import render_pdf
from omkijken.web.ui import button_action, flash_form_errors, form_page, post_action


@requires("handle_privacy")
def request_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    form = RegisterRequestForm(request.POST or None)

    def save(f: RegisterRequestForm) -> PrivacyRequest:
        household = (
            selectors.households_for(user).filter(reference=f.cleaned_data["reference"].strip()).first()
        )
        if household is None:
            raise ValidationError({"reference": [_("No household of your corporation has this reference.")]})
        return services.privacy_request_create(
            actor=user,
            household=household,
            kind=f.cleaned_data["kind"],
            # A correction asked by letter or phone is the main tenant's unless the officer says otherwise.
            person=household.members.filter(is_main_tenant=True).first()
            if f.cleaned_data["kind"] == PrivacyRequest.Kind.RECTIFICATION
            else None,
            field=f.cleaned_data["field"],
            new_value=f.cleaned_data["new_value"],
            explanation=f.cleaned_data["explanation"],
            received_on=f.cleaned_data["received_on"],
        )

    page = paginate(request, selectors.requests_for(user), size=50)
    return form_page(
        request,
        form,
        template="privacy/request_list.html",
        save=save,
        done=lambda r: redirect("privacy_request_detail", r.pk),
        success=_("The request has been registered."),
        context={"page": page, "today": timezone.localdate()},
    )


@requires("handle_privacy")
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(selectors.requests_for(actor(request)), pk=pk)
    return render(
        request,
        "privacy/request_detail.html",
        {"item": item, "events": item.events.select_related("actor"), "reason_form": ReasonForm()},
    )


def _back(pk: int) -> HttpResponse:
    return redirect("privacy_request_detail", pk)


@require_POST
@requires("handle_privacy")
def request_complete(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    item = get_object_or_404(selectors.requests_for(user), pk=pk)
    return button_action(
        request,
        lambda: services.privacy_request_complete(
            actor=user, request=item, reason=request.POST.get("reason", "")
        ),
        success=_("The request has been completed."),
        back=_back(pk),
    )


@require_POST
@requires("handle_privacy")
def request_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    item = get_object_or_404(selectors.requests_for(user), pk=pk)
    return post_action(
        request,
        ReasonForm(request.POST),
        save=lambda f: services.privacy_request_refuse(
            actor=user, request=item, reason=f.cleaned_data["reason"]
        ),
        success=_("The request has been refused."),
        back=_back(pk),
    )


@require_POST
@requires("handle_privacy")
def request_erase(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    item = get_object_or_404(selectors.requests_for(user), pk=pk)
    try:
        reasons = services.privacy_request_erase(actor=user, request=item)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return _back(pk)
    if reasons:
        messages.error(request, _("Nothing was erased: a legal hold applies."))
        for reason in reasons:
            messages.error(request, reason)
    else:
        messages.success(request, _("The household's data has been erased."))
    return _back(pk)


def _export(
    request: HttpRequest, pk: int, fmt: str
) -> tuple[PrivacyRequest, dict[str, object]] | HttpResponse:
    user = actor(request)
    item = get_object_or_404(selectors.requests_for(user), pk=pk)
    try:
        services.privacy_export_logged(actor=user, request=item, fmt=fmt)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return _back(pk)
    return item, subject_export(item.household, item.person)


@requires("handle_privacy")
def request_json(request: HttpRequest, pk: int) -> HttpResponse:
    found = _export(request, pk, "json")
    if isinstance(found, HttpResponse):
        return found
    item, data = found
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="inzage-{item.household.reference}.json"'
    return response


@requires("handle_privacy")
def request_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    found = _export(request, pk, "pdf")
    if isinstance(found, HttpResponse):
        return found
    item, data = found
    lang = get_language() or "nl"
    pdf = render_pdf(
        "privacy/export_pdf.html",
        {"item": item, "data": data, "today": timezone.localdate()},
        title=_("Your data at %(corporation)s") % {"corporation": item.corporation.name},
        lang=lang,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inzage-{item.household.reference}.pdf"'
    return response


@requires("handle_privacy")
def holds(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    form = HoldForm(request.POST or None)

    def save(f: HoldForm) -> object:
        household = (
            selectors.households_for(user).filter(reference=f.cleaned_data["reference"].strip()).first()
        )
        if household is None:
            raise ValidationError({"reference": [_("No household of your corporation has this reference.")]})
        return services.legal_hold_set(actor=user, household=household, reason=f.cleaned_data["reason"])

    return form_page(
        request,
        form,
        template="privacy/holds.html",
        save=save,
        done=lambda _hold: redirect("privacy_holds"),
        success=_("The legal hold has been set."),
        context={"holds": selectors.holds_for(user)[:200], "lift_form": ReasonForm()},
    )


@require_POST
@requires("handle_privacy")
def hold_lift(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    hold = get_object_or_404(selectors.holds_for(user), pk=pk)
    return post_action(
        request,
        ReasonForm(request.POST),
        save=lambda f: services.legal_hold_lift(actor=user, hold=hold, reason=f.cleaned_data["reason"]),
        success=_("The legal hold has been lifted."),
        back=redirect("privacy_holds"),
    )


@requires("handle_privacy")
def retention(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    policy, rows = selectors.policy_rows(user)
    initial = {f"{name}": getattr(policy, name) for name in PolicyForm.base_fields if name != "valid_from"}
    form = PolicyForm(request.POST or None, initial=initial)

    def save(f: PolicyForm) -> object:
        months = {k: v for k, v in f.cleaned_data.items() if k != "valid_from"}
        return services.retention_policy_set(
            actor=user, valid_from=f.cleaned_data["valid_from"], months=months
        )

    page = paginate(request, selectors.receipts_for(user), size=20)
    return form_page(
        request,
        form,
        template="privacy/retention.html",
        save=save,
        done=lambda _p: redirect("privacy_retention"),
        success=_("The retention periods have been saved."),
        context={"policy": policy, "rows": rows, "page": page},
    )


@requires("handle_privacy")
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    found = get_object_or_404(selectors.receipts_for(user), pk=pk)
    return render(
        request, "privacy/receipt.html", {"receipt": found, "lines": selectors.receipt_lines(user, found)}
    )


@requires("request_own_privacy")
def mine(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    person = selectors.own_person(user)
    form = OwnRequestForm(request.POST or None)
    if request.method == "POST" and person is None:
        flash_form_errors(request, form)
        messages.error(request, _("Your login is not linked to a household: ask the corporation."))
        return redirect("privacy_mine")

    def save(f: OwnRequestForm) -> PrivacyRequest:
        assert person is not None
        return services.privacy_request_create(
            actor=user,
            household=person.household,
            kind=f.cleaned_data["kind"],
            person=person,
            field=f.cleaned_data["field"],
            new_value=f.cleaned_data["new_value"],
            explanation=f.cleaned_data["explanation"],
        )

    return form_page(
        request,
        form,
        template="privacy/mine.html",
        save=save,
        done=lambda _r: redirect("privacy_mine"),
        success=_("We have received your request. We answer within one month."),
        context={"person": person, "requests": selectors.own_requests(user)},
    )
