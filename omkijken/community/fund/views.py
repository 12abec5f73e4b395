"""Views of the initiatives fund: applications, decisions, payouts, receipts, budgets and the report.

Thin: parse, call one service or selector, render. A page a role may not use answers 403; an
application or complex outside the actor's scope answers 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.accounts.models import User
from omkijken.accounts.policy import can
from omkijken.community.fund import forms, selectors, services
from omkijken.community.fund.models import FundApplication, FundBudget
from omkijken.community.scope import staff_complexes
from omkijken.web.ui import apply_errors, form_page


@requires("view_fund")
def fund_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    is_resident = can(user, "use_neighbour_network")
    return render(
        request,
        "community/fund_list.html",
        {
            "applications": selectors.fund_applications_for(user),
            "is_resident": is_resident,
            "complexes": staff_complexes(user).order_by("name") if not is_resident else [],
            "may_set_budget": can(user, "decide_fund"),
            "year": timezone.localdate().year,
        },
    )


@requires("use_neighbour_network")
def fund_apply(request: HttpRequest) -> HttpResponse:
    form = forms.FundApplicationForm(request.POST or None)
    lines = forms.BudgetLineFormSet(request.POST or None, prefix="lines")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        chosen = [
            (line.cleaned_data["description"], line.cleaned_data["amount"])
            for line in lines
            if line.cleaned_data.get("amount") is not None
        ]
        if not chosen:
            form.add_error(None, _("Add at least one cost, with an amount."))
        else:
            try:
                created = services.fund_apply(actor=actor(request), lines=chosen, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Your application is sent. You will hear from us."))
                return redirect("community_fund_detail", pk=created.pk)
    return render(request, "community/fund_form.html", {"form": form, "lines": lines})


def _application(request: HttpRequest, pk: int) -> FundApplication:
    application: FundApplication = get_object_or_404(
        selectors.fund_application_details(actor(request)), pk=pk
    )
    return application


@login_required
def fund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    return render(request, "community/fund_detail.html", _fund_context(actor(request), application))


def _fund_context(user: User, application: FundApplication, **forms_: Form) -> dict[str, Any]:
    may_decide = can(user, "decide_fund")
    is_approved = application.status == FundApplication.Status.APPROVED
    return {
        "application": application,
        "total": sum(line.amount for line in application.lines.all()),
        "paid": sum(p.amount for p in application.payouts.all()),
        "decision_form": forms_.get("decision_form")
        or (
            forms.DecisionForm()
            if may_decide and application.status == FundApplication.Status.SUBMITTED
            else None
        ),
        "payout_form": forms_.get("payout_form")
        or (forms.PayoutForm() if may_decide and is_approved else None),
        "receipt_form": forms_.get("receipt_form") or (forms.ReceiptForm() if is_approved else None),
    }


@require_POST
@login_required
def fund_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    application = _application(request, pk)
    if not can(user, "decide_fund"):
        raise PermissionDenied
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.fund_decide(
                actor=user,
                application=application,
                approve=data["decision"] == "approve",
                amount=data["amount"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("community_fund_detail", pk=pk)
    context = _fund_context(user, application, decision_form=form)
    return render(request, "community/fund_detail.html", context, status=400)


@require_POST
@login_required
def fund_payout(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    application = _application(request, pk)
    form = forms.PayoutForm(request.POST)
    if form.is_valid():
        try:
            services.payout_record(actor=user, application=application, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The payout is recorded."))
            return redirect("community_fund_detail", pk=pk)
    context = _fund_context(user, application, payout_form=form)
    return render(request, "community/fund_detail.html", context, status=400)


@require_POST
@login_required
def receipt_upload(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    application = _application(request, pk)
    form = forms.ReceiptForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.receipt_upload(
                actor=user,
                application=application,
                upload=form.cleaned_data["file"],
                amount=form.cleaned_data["amount"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The receipt is saved."))
            return redirect("community_fund_detail", pk=pk)
    context = _fund_context(user, application, receipt_form=form)
    return render(request, "community/fund_detail.html", context, status=400)


@login_required
def receipt_download(request: HttpRequest, pk: int) -> FileResponse:
    receipt = get_object_or_404(selectors.receipts_for(actor(request)), pk=pk)
    response = FileResponse(receipt.file.open("rb"), content_type=receipt.content_type)
    response["Content-Disposition"] = f'inline; filename="bon-{receipt.pk}"'
    return response


@requires("view_fund_report")
def fund_report(request: HttpRequest) -> HttpResponse:
    try:
        complex_id = int(request.GET.get("complex", ""))
        year = int(request.GET.get("year", timezone.localdate().year))
    except ValueError as exc:
        raise Http404 from exc
    complex_ = get_object_or_404(selectors.fund_report_complexes(actor(request)), pk=complex_id)
    report = selectors.fund_report(complex_, year=year)
    return render(request, "community/fund_report.html", {"report": report})


@requires("decide_fund")
def fund_budget(request: HttpRequest, pk: int) -> HttpResponse:
    """The fund's deciders set a complex's budget for a year."""
    user = actor(request)
    complex_ = get_object_or_404(selectors.fund_budget_complexes(user), pk=pk)
    if request.method == "POST":
        form = forms.FundBudgetForm(request.POST)
    else:
        year = timezone.localdate().year
        current = selectors.fund_budget(complex_, year)
        form = forms.FundBudgetForm(initial={"year": year, "amount": current.amount if current else None})

    def done(budget: FundBudget) -> HttpResponse:
        report = reverse("community_fund_report")
        return redirect(f"{report}?complex={complex_.pk}&year={budget.year}")

    return form_page(
        request,
        form,
        template="community/fund_budget.html",
        save=lambda f: services.fund_budget_set(
            actor=user, complex_=complex_, year=f.cleaned_data["year"], amount=f.cleaned_data["amount"]
        ),
        done=done,
        success=_("The budget is saved."),
        context={"complex": complex_},
    )
