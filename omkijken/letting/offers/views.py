"""Pages for offers and key handovers (under /verhuur/): make an offer from an allocation or
the ranking page, follow it through viewing, acceptance (lease and key handover) or decline.

Thin: parse, call one service or selector, render. A role that may not use a page gets 403;
another corporation's record answers 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.letting.adverts import selectors as advert_selectors
from omkijken.letting.offers import forms as offer_forms
from omkijken.letting.offers import selectors as offer_selectors
from omkijken.letting.offers import services as offer_services
from omkijken.letting.offers.models import Offer
from omkijken.letting.rounds import selectors as round_selectors
from omkijken.web.ui import flash_errors, post_action


@require_POST
@requires("manage_offers")
def offer_for_advert(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    advert = round_selectors.advert_for(user, pk)
    responders = advert_selectors.advert_responders(advert)
    return post_action(
        request,
        offer_forms.ManualOfferForm(request.POST, households=responders),
        save=lambda form: offer_services.offer_make(
            actor=user,
            unit=advert.unit,
            household=next(h for h in responders if h.pk == form.cleaned_data["household"]),
            respond_by=form.cleaned_data["respond_by"],
            advert=advert,
        ),
        success=_("The offer has been made and the household informed."),
        back=redirect("letting_rank_vacancy", advert.pk),
        done=lambda offer: redirect("letting_offer_detail", offer.pk),
    )


@require_POST
@requires("manage_offers")
def offer_for_allocation(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    allocation = round_selectors.allocation_for_offer(user, pk)
    return post_action(
        request,
        offer_forms.OfferMakeForm(request.POST),
        save=lambda form: offer_services.offer_make(
            actor=user,
            unit=allocation.unit,
            household=allocation.household,
            respond_by=form.cleaned_data["respond_by"],
            allocation=allocation,
        ),
        success=_("The offer has been made and the household informed."),
        back=redirect("letting_round_detail", allocation.round_id),
        done=lambda offer: redirect("letting_offer_detail", offer.pk),
    )


# --- Offers ---------------------------------------------------------------------------------------------


@requires("view_letting")
def offer_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    offers = offer_selectors.offers_for(actor(request))
    if status in Offer.Status.values:
        offers = offers.filter(status=status)
    return render(
        request,
        "letting/rounds/offer_list.html",
        {"offers": offers[:200], "status": status, "statuses": Offer.Status.choices},
    )


@requires("view_letting")
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    offer = offer_selectors.offer_detail(user, pk)
    live = offer.status in (Offer.Status.OFFERED, Offer.Status.VIEWING)
    context: dict[str, Any] = {
        "offer": offer,
        "live": live,
        "may_act": live and can(user, "manage_offers"),
    }
    if context["may_act"]:
        context.update(
            viewing_form=offer_forms.ViewingForm(),
            accept_form=offer_forms.AcceptForm(),
            decline_form=offer_forms.DeclineForm(),
            withdraw_form=offer_forms.WithdrawForm(),
        )
    context["handover"] = (
        getattr(offer, "key_handover", None) if offer.status == Offer.Status.ACCEPTED else None
    )
    return render(request, "letting/rounds/offer_detail.html", context)


ACTIONS: dict[str, type[Form] | None] = {
    "viewing": offer_forms.ViewingForm,
    "accept": offer_forms.AcceptForm,
    "decline": offer_forms.DeclineForm,
    "withdraw": offer_forms.WithdrawForm,
    "no_response": None,
}


@require_POST
@requires("manage_offers")
def offer_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = actor(request)
    offer = offer_selectors.offer_detail(user, pk)
    if action not in ACTIONS:
        raise Http404
    form_class = ACTIONS[action]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        context: dict[str, Any] = {
            "offer": offer,
            "live": True,
            "may_act": True,
            "viewing_form": offer_forms.ViewingForm(),
            "accept_form": offer_forms.AcceptForm(),
            "decline_form": offer_forms.DeclineForm(),
            "withdraw_form": offer_forms.WithdrawForm(),
        }
        context[f"{action}_form"] = form
        return render(request, "letting/rounds/offer_detail.html", context, status=400)
    data = form.cleaned_data if form is not None else {}
    try:
        if action == "viewing":
            offer_services.offer_plan_viewing(actor=user, offer=offer, at=data["at"])
        elif action == "accept":
            offer_services.offer_accept(
                actor=user,
                offer=offer,
                start_date=data["start_date"],
                key_handover_at=data["key_handover_at"],
                lease_type=data["lease_type"] or None,
                care_partner=data["care_partner"],
                flip_date=data["flip_date"],
                warning_reason=data["warning_reason"],
            )
        elif action == "decline":
            offer_services.offer_decline(actor=user, offer=offer, reason_code=data["reason_code"])
        elif action == "withdraw":
            offer_services.offer_withdraw(actor=user, offer=offer, reason_code=data["reason_code"])
        else:
            offer_services.offer_no_response(actor=user, offer=offer)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The offer has been updated."))
    return redirect("letting_offer_detail", offer.pk)


@requires("view_key_handovers")
def key_handovers(request: HttpRequest) -> HttpResponse:
    handovers = offer_selectors.key_handovers_for(actor(request), on=timezone.localdate())[:200]
    return render(request, "letting/rounds/key_handovers.html", {"handovers": handovers})
