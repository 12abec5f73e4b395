"""Views of help between neighbours: thin, parse, call one service or selector, render.

A page a role may not use answers 403; a request outside the resident's complex answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.community.help import forms, selectors, services
from omkijken.community.help.models import HelpRequest
from omkijken.community.scope import resident_place
from omkijken.web.ui import apply_errors, flash_errors, form_page


@requires("use_neighbour_network")
def help_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    place = resident_place(user)
    if place is None:
        raise Http404
    requests = selectors.help_requests_for(user)
    return render(
        request,
        "community/help_list.html",
        {
            "place": place,
            "open_requests": requests.filter(status=HelpRequest.Status.OPEN),
            "mine": requests.filter(requester=place.person).exclude(status=HelpRequest.Status.CANCELLED),
            "helping": requests.filter(helper=place.person, status=HelpRequest.Status.CLAIMED),
            "offers": selectors.help_offers_for(user),
        },
    )


@requires("use_neighbour_network")
def help_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    return form_page(
        request,
        forms.HelpRequestForm(request.POST or None),
        template="community/help_form.html",
        save=lambda f: services.help_request_create(actor=user, **f.cleaned_data),
        done=lambda created: redirect("community_help_detail", pk=created.pk),
        success=_("Your question is posted. A neighbour can now offer to help."),
    )


@requires("use_neighbour_network")
def offer_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    return form_page(
        request,
        forms.HelpOfferForm(request.POST or None),
        template="community/offer_form.html",
        save=lambda f: services.help_offer_create(actor=user, **f.cleaned_data),
        done=lambda _offer: redirect("community_help"),
        success=_("Thank you! Your offer is visible to your neighbours."),
    )


def _detail_context(item: HelpRequest, me: int | None, close_form: forms.CloseHelpForm) -> dict[str, object]:
    return {
        "item": item,
        "pair_contact": selectors.pair_contact(item, me),
        "claim_form": forms.ClaimHelpForm(),
        "is_requester": me == item.requester_id,
        "is_helper": me is not None and me == item.helper_id,
        "can_claim": me is not None and me != item.requester_id and item.status == HelpRequest.Status.OPEN,
        "close_form": close_form,
    }


@login_required
def help_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    item = get_object_or_404(selectors.help_requests_for(user), pk=pk)
    place = resident_place(user)
    me = place.person.pk if place else None
    return render(request, "community/help_detail.html", _detail_context(item, me, forms.CloseHelpForm()))


@require_POST
@requires("use_neighbour_network")
def help_claim(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    item = get_object_or_404(selectors.help_requests_for(user), pk=pk)
    try:
        claim = forms.ClaimHelpForm(request.POST)
        share_phone = bool(claim.is_valid() and claim.cleaned_data["share_phone"])
        services.help_request_claim(actor=user, help_request=item, share_phone=share_phone)
        messages.success(request, _("Thank you! You are helping with this request. Contact your neighbour."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("community_help_detail", pk=pk)


@require_POST
@requires("use_neighbour_network")
def help_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    item = get_object_or_404(selectors.help_requests_for(user), pk=pk)
    form = forms.CloseHelpForm(request.POST)
    if form.is_valid():
        try:
            services.help_request_close(actor=user, help_request=item, note=form.cleaned_data["note"])
            messages.success(request, _("The request is closed. Thank you!"))
            return redirect("community_help_detail", pk=pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    place = resident_place(user)
    if place is None:
        raise Http404
    context = {**_detail_context(item, place.person.pk, form), "can_claim": False}
    return render(request, "community/help_detail.html", context, status=400)


@require_POST
@requires("use_neighbour_network")
def help_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    item = get_object_or_404(selectors.own_help_requests(user), pk=pk)
    try:
        services.help_request_cancel(actor=user, help_request=item)
        messages.success(request, _("Your request is withdrawn."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("community_help")
