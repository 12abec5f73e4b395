"""Pages for allocation rounds, the single-vacancy ranking, offers and key handovers (under /verhuur/).

Thin: parse, call one service or selector, render. A role that may not use a page gets 403;
another corporation's record answers 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.policy import can
from omkijken.letting import forms_rounds as forms
from omkijken.letting.models import Allocation, Offer, Response, Round
from omkijken.letting.selectors import rounds as selectors
from omkijken.letting.services import offers as offer_services
from omkijken.letting.services import rounds as round_services
from omkijken.portfolio.models import Complex
from omkijken.residents.models import Household
from omkijken.web.charts import MixBar

View = Callable[..., HttpResponse]


def requires(capability: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not can(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def _apply_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _flash(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- Rounds ---------------------------------------------------------------------------------------


@requires("view_letting")
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = selectors.rounds_for(request.user)[:100]
    return render(
        request,
        "letting/rounds/round_list.html",
        {"rounds": rounds, "may_run": can(request.user, "run_rounds")},
    )


@requires("run_rounds")
def round_new(request: HttpRequest) -> HttpResponse:
    complex_id = request.GET.get("complex") or request.POST.get("complex") or ""
    complex_pk = int(complex_id) if complex_id.isdigit() else None
    adverts = selectors.round_candidates(request.user, complex_id=complex_pk)
    complexes = Complex.objects.filter(corporation=request.user.organisation).order_by("name")
    if request.method == "POST":
        form = forms.RoundForm(request.POST, adverts=adverts)
        if form.is_valid():
            data = form.cleaned_data
            try:
                rnd = round_services.round_run(
                    actor=request.user,
                    adverts=data["adverts"],
                    name=data["name"],
                    on=data["on"],
                    method=data["method"],
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(
                    request, _("The round has been run. Check the proposal, then accept or change it.")
                )
                return redirect("letting_round_detail", rnd.pk)
    else:
        form = forms.RoundForm(
            adverts=adverts,
            initial={"name": _("Round of %(date)s") % {"date": timezone.localdate().strftime("%d-%m-%Y")}},
        )
    return render(
        request,
        "letting/rounds/round_new.html",
        {
            "form": form,
            "complexes": complexes,
            "complex_id": complex_pk,
            "count": len(form.fields["adverts"].queryset),
        },
    )


def _mix_bars(effects: list[selectors.MixEffect]) -> list[dict[str, Any]]:
    out = []
    for e in effects:
        common = {"target": e.target, "lower": e.lower, "upper": e.upper}
        out.append(
            {
                "effect": e,
                "before": MixBar(
                    label=_("%(name)s before") % {"name": e.complex_name},
                    share=e.share_before,
                    vulnerable=e.vulnerable_before,
                    occupied=e.homes,
                    **common,
                ),
                "after": MixBar(
                    label=_("%(name)s after") % {"name": e.complex_name},
                    share=e.share_after,
                    vulnerable=e.vulnerable_after,
                    occupied=e.homes,
                    **common,
                ),
            }
        )
    return out


@requires("view_letting")
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_detail(request.user, pk)
    view = selectors.round_view(request.user, rnd)
    open_allocations = selectors.allocations_without_offer(rnd) if rnd.status == Round.Status.ACCEPTED else {}
    for row in view.rows:
        row.allocation_id = open_allocations.get(row.unit.pk)
    return render(
        request,
        "letting/rounds/round_detail.html",
        {
            "round": rnd,
            "view": view,
            "bars": _mix_bars(view.mix),
            "may_run": can(request.user, "run_rounds") and rnd.status == Round.Status.PROPOSED,
            "may_offer": can(request.user, "manage_offers"),
            "offer_form": forms.OfferMakeForm(),
        },
    )


@requires("run_rounds")
def round_change(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_detail(request.user, pk)
    if rnd.status != Round.Status.PROPOSED:
        messages.error(request, _("Only a proposal can be changed."))
        return redirect("letting_round_detail", rnd.pk)
    view = selectors.round_view(request.user, rnd, view="round_change")
    form = forms.RoundChangeForm(request.POST or None, rows=view.rows)
    if request.method == "POST" and form.is_valid():
        try:
            round_services.round_change(
                actor=request.user,
                round=rnd,
                assignments=form.assignments(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The change has been checked against the rules and saved."))
            return redirect("letting_round_detail", rnd.pk)
    return render(request, "letting/rounds/round_change.html", {"round": rnd, "form": form})


@require_POST
@requires("run_rounds")
def round_accept(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_detail(request.user, pk)
    try:
        allocations = round_services.round_accept(actor=request.user, round=rnd)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Round accepted: %(n)s homes allocated.") % {"n": len(allocations)})
    return redirect("letting_round_detail", rnd.pk)


@require_POST
@requires("run_rounds")
def round_discard(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = selectors.round_detail(request.user, pk)
    try:
        round_services.round_discard(actor=request.user, round=rnd)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("The proposal has been discarded."))
    return redirect("letting_round_list")


# --- Single vacancy ---------------------------------------------------------------------------------


def _responders(advert_id: int) -> list[Household]:
    ids = Response.objects.filter(advert_id=advert_id, withdrawn=False).values("household_id")
    return list(Household.objects.filter(pk__in=ids).order_by("name", "pk"))


@requires("view_letting")
def rank_vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    advert = selectors.advert_for(request.user, pk)
    ranking = selectors.rank_vacancy(actor=request.user, advert=advert, on=timezone.localdate())
    offer_form = None
    if can(request.user, "manage_offers"):
        offer_form = forms.ManualOfferForm(households=_responders(advert.pk))
    return render(
        request, "letting/rounds/rank.html", {"advert": advert, "ranking": ranking, "offer_form": offer_form}
    )


@require_POST
@requires("manage_offers")
def offer_for_advert(request: HttpRequest, pk: int) -> HttpResponse:
    advert = selectors.advert_for(request.user, pk)
    form = forms.ManualOfferForm(request.POST, households=_responders(advert.pk))
    if form.is_valid():
        household = Household.objects.get(pk=form.cleaned_data["household"])
        try:
            offer = offer_services.offer_make(
                actor=request.user,
                unit=advert.unit,
                household=household,
                respond_by=form.cleaned_data["respond_by"],
                advert=advert,
            )
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("The offer has been made and the household informed."))
            return redirect("letting_offer_detail", offer.pk)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("letting_rank_vacancy", advert.pk)


@require_POST
@requires("manage_offers")
def offer_for_allocation(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = (
        Allocation.objects.filter(pk=pk, round__corporation=request.user.organisation)
        .select_related("unit", "household", "advert")
        .first()
    )
    if allocation is None:
        raise Http404
    form = forms.OfferMakeForm(request.POST)
    if form.is_valid():
        try:
            offer = offer_services.offer_make(
                actor=request.user,
                unit=allocation.unit,
                household=allocation.household,
                respond_by=form.cleaned_data["respond_by"],
                allocation=allocation,
            )
        except ValidationError as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("The offer has been made and the household informed."))
            return redirect("letting_offer_detail", offer.pk)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("letting_round_detail", allocation.round_id)


# --- Offers ---------------------------------------------------------------------------------------------


@requires("view_letting")
def offer_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    offers = selectors.offers_for(request.user)
    if status in Offer.Status.values:
        offers = offers.filter(status=status)
    return render(
        request,
        "letting/rounds/offer_list.html",
        {"offers": offers[:200], "status": status, "statuses": Offer.Status.choices},
    )


@requires("view_letting")
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_detail(request.user, pk)
    live = offer.status in (Offer.Status.OFFERED, Offer.Status.VIEWING)
    context: dict[str, Any] = {
        "offer": offer,
        "live": live,
        "may_act": live and can(request.user, "manage_offers"),
    }
    if context["may_act"]:
        context.update(
            viewing_form=forms.ViewingForm(),
            accept_form=forms.AcceptForm(),
            decline_form=forms.DeclineForm(),
            withdraw_form=forms.WithdrawForm(),
        )
    context["handover"] = (
        getattr(offer, "key_handover", None) if offer.status == Offer.Status.ACCEPTED else None
    )
    return render(request, "letting/rounds/offer_detail.html", context)


ACTIONS: dict[str, type[Form] | None] = {
    "viewing": forms.ViewingForm,
    "accept": forms.AcceptForm,
    "decline": forms.DeclineForm,
    "withdraw": forms.WithdrawForm,
    "no_response": None,
}


@require_POST
@requires("manage_offers")
def offer_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    offer = selectors.offer_detail(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    form_class = ACTIONS[action]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        context: dict[str, Any] = {
            "offer": offer,
            "live": True,
            "may_act": True,
            "viewing_form": forms.ViewingForm(),
            "accept_form": forms.AcceptForm(),
            "decline_form": forms.DeclineForm(),
            "withdraw_form": forms.WithdrawForm(),
        }
        context[f"{action}_form"] = form
        return render(request, "letting/rounds/offer_detail.html", context, status=400)
    data = form.cleaned_data if form is not None else {}
    try:
        if action == "viewing":
            offer_services.offer_plan_viewing(actor=request.user, offer=offer, at=data["at"])
        elif action == "accept":
            offer_services.offer_accept(
                actor=request.user,
                offer=offer,
                start_date=data["start_date"],
                key_handover_at=data["key_handover_at"],
                lease_type=data["lease_type"] or None,
                care_partner=data["care_partner"],
                flip_date=data["flip_date"],
            )
        elif action == "decline":
            offer_services.offer_decline(actor=request.user, offer=offer, reason_code=data["reason_code"])
        elif action == "withdraw":
            offer_services.offer_withdraw(actor=request.user, offer=offer, reason_code=data["reason_code"])
        else:
            offer_services.offer_no_response(actor=request.user, offer=offer)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("The offer has been updated."))
    return redirect("letting_offer_detail", offer.pk)


@requires("view_key_handovers")
def key_handovers(request: HttpRequest) -> HttpResponse:
    handovers = selectors.key_handovers_for(request.user, on=timezone.localdate())[:200]
    return render(request, "letting/rounds/key_handovers.html", {"handovers": handovers})


urlpatterns: list[URLPattern] = [
    path("rondes/", round_list, name="letting_round_list"),
    path("rondes/nieuw/", round_new, name="letting_round_new"),
    path("rondes/<int:pk>/", round_detail, name="letting_round_detail"),
    path("rondes/<int:pk>/wijzigen/", round_change, name="letting_round_change"),
    path("rondes/<int:pk>/accepteren/", round_accept, name="letting_round_accept"),
    path("rondes/<int:pk>/verwerpen/", round_discard, name="letting_round_discard"),
    path("publicaties/<int:pk>/rangorde/", rank_vacancy, name="letting_rank_vacancy"),
    path("publicaties/<int:pk>/aanbieden/", offer_for_advert, name="letting_offer_for_advert"),
    path("toewijzingen/<int:pk>/aanbieden/", offer_for_allocation, name="letting_offer_for_allocation"),
    path("aanbiedingen/", offer_list, name="letting_offer_list"),
    path("aanbiedingen/<int:pk>/", offer_detail, name="letting_offer_detail"),
    path("aanbiedingen/<int:pk>/<slug:action>/", offer_action, name="letting_offer_action"),
    path("sleuteloverdrachten/", key_handovers, name="letting_key_handovers"),
]
