"""Views of buddies: the resident's buddy page and the coordinators' buttons and proposals.

Thin: parse, call one service or selector, render. A page a role may not use answers 403; a record
outside the actor's scope answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.community.buddies import forms, selectors, services
from omkijken.community.buddies.models import BuddyRequest
from omkijken.web.ui import flash_errors, form_page


@requires("use_neighbour_network")
def buddy_page(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    own = selectors.own_buddy_request(user)
    # Who already asked sees their request, not a form to ask again.
    form = forms.BuddyRequestForm(request.POST if request.method == "POST" and own is None else None)
    return form_page(
        request,
        form,
        template="community/buddy.html",
        save=lambda f: services.buddy_request_create(
            actor=user,
            languages=f.cleaned_data["languages"],
            needs_shared_language=f.cleaned_data["needs_shared_language"],
            interests=f.cleaned_data["interests"],
            availability=f.cleaned_data["availability"],
            shares=f.shares(),
        ),
        done=lambda _request: redirect("community_buddy"),
        success=_("Thank you. The building manager will look for a buddy with you."),
        context={"own_request": own, "buddies": selectors.my_buddies(user)},
    )


@require_POST
@login_required
def buddy_end(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    pair = get_object_or_404(selectors.endable_pairs(user), pk=pk)
    services.buddy_pair_end(actor=user, pair=pair)
    messages.success(request, _("The pairing has ended."))
    if can(user, "use_neighbour_network"):
        return redirect("community_buddy")
    return redirect("community_home")


@require_POST
@requires("use_neighbour_network")
def buddy_withdraw(request: HttpRequest) -> HttpResponse:
    services.buddy_request_withdraw(actor=actor(request))
    messages.success(request, _("You no longer ask for a buddy."))
    return redirect("community_buddy")


def _posted_id(request: HttpRequest, name: str) -> int:
    """A record number the form posts; a missing or non-numeric one answers 400, nothing written."""
    value = request.POST.get(name, "")
    if not value.isdigit() or len(value) > 18:
        raise BadRequest(_("The form misses a choice or has an invalid one; reload the page and try again."))
    return int(value)


def _coordinated(request: HttpRequest, pk: int) -> BuddyRequest:
    """A buddy request the coordinator may decide on; 403 for any other (as the buttons always did)."""
    found = selectors.buddy_requests_for(actor(request)).filter(pk=pk).first()
    if found is None:
        raise PermissionDenied
    return found


@require_POST
@requires("coordinate_network")
def buddy_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    buddy_request = _coordinated(request, pk)
    neighbour_id, complex_id = _posted_id(request, "neighbour"), _posted_id(request, "complex")
    try:
        services.buddy_pair_confirm(
            actor=actor(request), buddy_request=buddy_request, neighbour_id=neighbour_id
        )
        messages.success(request, _("The pairing is confirmed."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("community_coordination", pk=complex_id)


@require_POST
@requires("coordinate_network")
def buddy_decline(request: HttpRequest, pk: int) -> HttpResponse:
    buddy_request = _coordinated(request, pk)
    neighbour_id, complex_id = _posted_id(request, "neighbour"), _posted_id(request, "complex")
    services.buddy_proposal_decline(
        actor=actor(request), buddy_request=buddy_request, neighbour_id=neighbour_id
    )
    messages.success(request, _("The proposal is declined; it will not be made again."))
    return redirect("community_coordination", pk=complex_id)


@requires("propose_buddies")
def care_propose(request: HttpRequest, person_pk: int) -> HttpResponse:
    user = actor(request)
    target = selectors.proposal_target(user, person_pk, view="community_care_propose")
    if target is None:
        raise Http404
    person, place = target

    def save(form: forms.CareProposalForm) -> BuddyRequest:
        data = form.cleaned_data
        try:
            return services.buddy_request_propose(
                actor=user,
                person=person,
                consent_given=data["consent_given"],
                languages=data["languages"],
                needs_shared_language=data["needs_shared_language"],
                interests=data["interests"],
                availability=data["availability"],
                shares=form.shares(),
            )
        except PermissionDenied as exc:  # not one of the coordinator's own clients
            raise Http404 from exc

    return form_page(
        request,
        forms.CareProposalForm(request.POST if request.method == "POST" else None),
        template="community/care_propose.html",
        save=save,
        done=lambda _request: redirect("community_coordination", pk=place.complex.pk),
        success=_("The buddy request is recorded."),
        context={"person": person, "place": place},
    )
