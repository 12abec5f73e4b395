"""Views of signals: thin, parse, call one selector or service, render.

A page a role may not use answers 403; a signal outside the actor's scope answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.accounts.models import Membership, Role, User
from omkijken.accounts.policy import can
from omkijken.portfolio.models import Unit
from omkijken.signals import arrears, forms, selectors, services
from omkijken.signals.models import Signal, SignalKind
from omkijken.signals.scope import reportable_complexes, resident_home
from omkijken.web.pagination import paginate
from omkijken.web.ui import button_action, form_page, post_action


def _colleagues(user: User) -> QuerySet[User]:
    handling = (Role.BUILDING_MANAGER, Role.PROJECT_LEADER, Role.ADMIN)
    ids = Membership.objects.filter(organisation=user.organisation, role__in=handling).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("first_name", "last_name")


@requires("report_signals")
def signal_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    resident = user.role == Role.RESIDENT
    units = Unit.objects.filter(complex__in=reportable_complexes(user)).order_by("street", "house_number")
    form = forms.ReportForm(
        request.POST or None, kinds=selectors.reportable_kinds(), units=units, resident=resident
    )
    return form_page(
        request,
        form,
        template="signals/signal_form.html",
        save=lambda f: services.signal_report(
            actor=user,
            kind=f.cleaned_data["kind"],
            unit=f.cleaned_data.get("unit"),
            about_self=f.cleaned_data.get("about") == "self",
            description=f.cleaned_data["description"],
        ),
        done=lambda signal: (
            redirect("signal_detail", pk=signal.pk)
            if can(user, "handle_signals")
            else redirect("signal_mine")
        ),
        success=_("Thank you. Your signal has been received."),
        context={"home": resident_home(user)},
    )


@requires("report_signals")
def signal_mine(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    about = list(selectors.about_me(user).exclude(reporter=user)) if can(user, "my_signals") else []
    return render(
        request,
        "signals/signal_mine.html",
        {
            "reports": selectors.own_reports(user)[:50],
            "about_me": about,
            "correction_form": forms.CorrectionForm(),
        },
    )


@require_POST
@requires("my_signals")
def signal_correction(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    signal = get_object_or_404(selectors.about_me(user), pk=pk)
    return post_action(
        request,
        forms.CorrectionForm(request.POST),
        save=lambda f: services.correction_request(actor=user, signal=signal, text=f.cleaned_data["text"]),
        success=_("Thank you. We will look at your request and answer you within four weeks."),
        back=redirect("signal_mine"),
    )


@requires("view_signals")
def signal_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    escalated_only = request.GET.get("geescaleerd") == "1"
    open_rows = selectors.open_signals_for(user)
    if escalated_only:
        open_rows = [s for s in open_rows if s.escalated_at is not None]
    page = paginate(request, open_rows, size=50)
    rows = selectors.routed_signals_page(user, list(page.object_list), view="signals.list")
    handled = selectors.signals_for(user).filter(status=Signal.Status.HANDLED).order_by("-handled_at")[:10]
    handled_rows = selectors.routed_signals_page(user, list(handled), view="signals.list")
    return render(
        request,
        "signals/signal_list.html",
        {"page": page, "rows": rows, "handled": handled_rows, "escalated_only": escalated_only},
    )


@requires("view_signals")
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    signal = get_object_or_404(selectors.signals_for(user), pk=pk)
    staff = can(user, "handle_signals")
    corrections = list(signal.corrections.select_related("answered_by", "previous_kind")) if staff else []
    kinds = selectors.kinds()
    answer_forms = [
        (
            c,
            forms.CorrectionAnswerForm(
                prefix=f"answer-{c.pk}",
                kinds=kinds,
                initial={"kind": signal.kind_id, "description": signal.description},
            )
            if c.is_open
            else None,
        )
        for c in corrections
    ]
    return render(
        request,
        "signals/signal_detail.html",
        {
            "signal": signal,
            "routes": selectors.routes_of(user, signal, view="signals.detail"),
            "corrections": answer_forms,
            "staff": staff,
            "triage_form": forms.TriageForm(
                initial={"urgency": signal.urgency, "owner": signal.owner_id}, colleagues=_colleagues(user)
            )
            if staff
            else None,
            "route_form": forms.RouteForm() if staff else None,
        },
    )


@require_POST
@requires("handle_signals")
def signal_triage(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    signal = get_object_or_404(selectors.signals_for(user), pk=pk)
    return post_action(
        request,
        forms.TriageForm(request.POST, colleagues=_colleagues(user)),
        save=lambda f: services.signal_triage(
            actor=user, signal=signal, urgency=f.cleaned_data["urgency"], owner=f.cleaned_data["owner"]
        ),
        success=_("The signal is triaged."),
        back=redirect("signal_detail", pk=pk),
    )


@require_POST
@requires("handle_signals")
def signal_route(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    signal = get_object_or_404(selectors.signals_for(user), pk=pk)
    return post_action(
        request,
        forms.RouteForm(request.POST),
        save=lambda f: services.signal_route(
            actor=user,
            signal=signal,
            target=f.cleaned_data["target"],
            consent_reference=f.cleaned_data["consent_reference"],
            use_covenant=f.cleaned_data["use_covenant"],
        ),
        success=_("The signal is sent on."),
        back=redirect("signal_detail", pk=pk),
    )


@require_POST
@requires("view_signals")
def signal_handle(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    signal = get_object_or_404(selectors.signals_for(user), pk=pk)
    return button_action(
        request,
        lambda: services.signal_handle(actor=user, signal=signal),
        success=_("The signal is marked as handled."),
        back=redirect("signal_detail", pk=pk),
    )


@require_POST
@requires("handle_signals")
def signal_correction_answer(request: HttpRequest, pk: int, correction_pk: int) -> HttpResponse:
    user = actor(request)
    signal = get_object_or_404(selectors.signals_for(user), pk=pk)
    correction = get_object_or_404(signal.corrections.all(), pk=correction_pk)
    return post_action(
        request,
        forms.CorrectionAnswerForm(request.POST, prefix=f"answer-{correction.pk}", kinds=selectors.kinds()),
        save=lambda f: services.correction_answer(
            actor=user,
            correction=correction,
            outcome=f.cleaned_data["outcome"],
            reason=f.cleaned_data["reason"],
            kind=f.cleaned_data["kind"],
            # A form without the field leaves the description as it is; an emptied one clears it.
            description=f.cleaned_data["description"]
            if f.add_prefix("description") in request.POST
            else None,
        ),
        success=_("Your answer is saved. The resident is told."),
        back=redirect("signal_detail", pk=pk),
    )


@requires("set_signal_response_times")
def signal_kinds(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if request.method == "POST":
        kind = get_object_or_404(SignalKind, pk=request.POST.get("kind", ""))
        form = forms.ResponseTimeForm(request.POST)
        return post_action(
            request,
            form,
            save=lambda f: services.kind_set_response_time(
                actor=user, kind=kind, hours=f.cleaned_data["response_hours"]
            ),
            success=_("The response time is saved."),
            back=redirect("signal_kinds"),
        )
    return render(request, "signals/signal_kinds.html", {"kinds": selectors.kinds()})


@requires("view_signal_counts")
def signal_counts(request: HttpRequest) -> HttpResponse:
    return render(
        request, "signals/signal_counts.html", {"counts": selectors.municipal_counts(actor(request))}
    )


@requires("import_arrears")
def arrears_import(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    form = forms.ArrearsImportForm(request.POST or None, request.FILES or None)

    def done(receipt: arrears.ArrearsReceipt) -> HttpResponse:
        messages.success(
            request,
            _(
                "%(signalled)s households signalled to debt help; %(below)s below the threshold; %(already)s already signalled this month."
            )
            % {
                "signalled": receipt.signalled,
                "below": receipt.below_threshold,
                "already": receipt.already_signalled,
            },
        )
        return redirect("signal_arrears_import")

    return form_page(
        request,
        form,
        template="signals/arrears_import.html",
        save=lambda f: arrears.arrears_import(actor=user, content=f.cleaned_data["file"].read()),
        done=done,
        context={"rule": selectors.arrears_rule_on(timezone.localdate())},
    )
