"""Views of the network's shared part: the network home, a coordinator's page of one complex (which
shows every sub-context) and the resident's own profile.

Thin: parse, call one service or selector, render. A page a role may not use answers 403; a record
outside the actor's complex answers 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.community import forms, selectors, services
from omkijken.community.activities.selectors import activities_for, upcoming_activities
from omkijken.community.buddies.selectors import buddy_round, clients_without_request, my_buddies
from omkijken.community.checkins.forms import CheckInAgreementForm
from omkijken.community.checkins.selectors import check_ins_for, missed_check_ins, overdue_among
from omkijken.community.help.models import HelpRequest
from omkijken.community.help.selectors import help_requests_for, unclaimed_help_requests
from omkijken.community.scope import network_complexes, persons_in_complex, resident_place, staff_complexes
from omkijken.web.ui import form_page

PROFILE_FIELDS = (
    "is_good_neighbour",
    "skills",
    "languages",
    "interests",
    "availability",
    "buddy_capacity",
    "visibility",
    "share_phone",
    "share_email",
)


@requires("use_neighbour_network", "coordinate_network")
def network_home(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if can(user, "use_neighbour_network"):
        place = resident_place(user)
        if place is None:
            raise Http404
        context = {
            "place": place,
            "profile": selectors.own_profile(user),
            "neighbours": selectors.visible_profiles(user),
            "open_help": help_requests_for(user).filter(status=HelpRequest.Status.OPEN)[:5],
            "activities": upcoming_activities(user)[:3],
            "buddies": my_buddies(user),
            "calls": check_ins_for(user).filter(caller=place.person),
        }
        return render(request, "community/home_resident.html", context)
    return render(
        request,
        "community/home_staff.html",
        {
            "complexes": staff_complexes(user).order_by("name"),
            "unclaimed": unclaimed_help_requests(user)[:20],
            "missed": missed_check_ins(user)[:20],
            "year": timezone.localdate().year,
        },
    )


@requires("coordinate_network")
def coordination(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator's page of one complex: buddies, the calling rota, help and activities."""
    user = actor(request)
    complex_ = get_object_or_404(network_complexes(user), pk=pk)
    context: dict[str, Any] = {"complex": complex_, "year": timezone.localdate().year}
    if can(user, "coordinate_buddies"):
        context["round"] = buddy_round(user, complex_, view="community_coordination")
    if can(user, "propose_buddies"):
        context["clients_without_request"] = clients_without_request(user, complex_)
    if can(user, "manage_community"):
        context["unclaimed"] = unclaimed_help_requests(user).filter(complex=complex_)
        context["help"] = help_requests_for(user).filter(complex=complex_)[:30]
        agreements = list(check_ins_for(user).filter(complex=complex_))
        context["agreements"] = agreements
        context["missed"] = overdue_among(agreements)
        context["activities"] = activities_for(user).filter(complex=complex_)
        context["checkin_form"] = CheckInAgreementForm(
            persons=persons_in_complex(complex_.pk).order_by("first_name", "last_name")
        )
    return render(request, "community/coordination.html", context)


@requires("use_neighbour_network")
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if request.method == "POST":
        form = forms.ProfileForm(request.POST)
    else:
        profile = selectors.own_profile(user)
        initial: dict[str, Any] = {"visibility": "complex", "buddy_capacity": 0}
        if profile is not None:
            initial = {name: getattr(profile, name) for name in PROFILE_FIELDS}
        form = forms.ProfileForm(initial=initial)
    return form_page(
        request,
        form,
        template="community/profile_form.html",
        save=lambda f: services.profile_save(actor=user, **f.cleaned_data),
        done=lambda _profile: redirect("community_home"),
        success=_("Your profile has been saved."),
    )
