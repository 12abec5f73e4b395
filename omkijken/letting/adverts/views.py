"""Letting pages of adverts: the letting home, adverts and their channels, and the applicant's
homes to let and responses.

Thin views: parse, call one service or selector, render. A page a role may not use answers 403; a
record outside the actor's scope 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.letting.adverts import forms as advert_forms
from omkijken.letting.adverts import selectors as advert_selectors
from omkijken.letting.adverts import services as advert_services
from omkijken.letting.adverts.models import Advert
from omkijken.letting.channels import Channel
from omkijken.letting.intake import selectors as intake_selectors
from omkijken.letting.intake import services as intake_services
from omkijken.letting.intake.models import MotivationApplication
from omkijken.letting.nominations import selectors as nomination_selectors
from omkijken.letting.nominations.models import Nomination
from omkijken.web.ui import button_action, flash_errors, form_page


def _labelled(adverts: list[Advert]) -> list[Advert]:
    """Set ``channel_labels`` and ``proposed_labels``: the channels in words. Template-only
    attributes, not on the model, hence setattr."""
    labels = dict(Channel.choices)
    for advert in adverts:
        setattr(advert, "channel_labels", [str(labels.get(c, c)) for c in advert.channels])  # noqa: B010
        setattr(advert, "proposed_labels", [str(labels.get(c, c)) for c in advert.proposed_channels])  # noqa: B010
    return adverts


# --- Letting home and adverts (staff) ------------------------------------------------------------


@requires("view_adverts")
def letting_home(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    search = advert_forms.EndLeaseSearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    return render(
        request,
        "letting/intake/home.html",
        {
            "adverts": _labelled(list(advert_selectors.advert_list(user)[:100])),
            "vacancies": advert_selectors.vacancies_without_advert(user)
            if can(user, "manage_adverts")
            else [],
            "search": search,
            "leases": advert_selectors.current_leases(user, query=query)
            if can(user, "manage_adverts")
            else [],
            "query": query,
            "may_manage": can(user, "manage_adverts"),
            "open_applications": intake_selectors.application_list(user)
            .filter(status__in=MotivationApplication.OPEN_STATUSES)
            .count(),
            "open_nominations": nomination_selectors.nominations_for(user)
            .filter(status__in=Nomination.OPEN_STATUSES)
            .count(),
        },
    )


@requires("view_letting", "manage_adverts")
def advert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    advert = _labelled([advert_selectors.advert_detail(user, pk)])[0]
    return render(
        request,
        "letting/intake/advert_detail.html",
        {
            "advert": advert,
            "responses": advert_selectors.advert_responses(advert),
            "may_manage": can(user, "manage_adverts"),
            "today": timezone.localdate(),
        },
    )


def _advert_form_context(
    unit: Any, form: advert_forms.AdvertForm, proposed: list[str], reason: str, advert: Advert | None
) -> dict[str, Any]:
    labels = dict(Channel.choices)
    return {
        "unit": unit,
        "form": form,
        "proposed": [labels[c] for c in proposed],
        "reason": reason,
        "advert": advert,
    }


@requires("manage_adverts")
def advert_new(request: HttpRequest) -> HttpResponse:
    try:
        unit_pk = int(request.GET.get("unit", ""))
    except ValueError:
        raise Http404 from None
    user = actor(request)
    unit = advert_selectors.unit_for_advert(user, unit_pk)
    today = timezone.localdate()
    proposed, reason = advert_services.propose_channels(unit=unit, on=today)
    if request.method == "POST":
        form = advert_forms.AdvertForm(request.POST, proposed=proposed)
    else:
        form = advert_forms.AdvertForm(
            proposed=proposed,
            initial={
                "channels": proposed,
                "criteria": advert_services.default_criteria(unit=unit, channels=proposed),
                "starts_on": today,
                "ends_on": today + dt.timedelta(days=advert_services.DEFAULT_PERIOD_DAYS),
            },
        )
    return form_page(
        request,
        form,
        template="letting/intake/advert_form.html",
        save=lambda f: advert_services.advert_create(actor=user, unit=unit, **f.cleaned_data),
        done=lambda advert: redirect("letting_advert_detail", advert.pk),
        success=_("The advert has been saved as a draft."),
        context=_advert_form_context(unit, form, proposed, reason, None),
    )


@requires("manage_adverts")
def advert_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    advert = advert_selectors.advert_detail(user, pk)
    if advert.status != Advert.Status.DRAFT:
        messages.error(request, _("Only a draft advert can be changed."))
        return redirect("letting_advert_detail", advert.pk)
    if request.method == "POST":
        form = advert_forms.AdvertForm(request.POST, proposed=advert.proposed_channels)
    else:
        form = advert_forms.AdvertForm(
            proposed=advert.proposed_channels,
            initial={
                "channels": advert.channels,
                "criteria": advert.criteria,
                "starts_on": advert.starts_on,
                "ends_on": advert.ends_on,
                "override_reason": advert.override_reason,
            },
        )
    return form_page(
        request,
        form,
        template="letting/intake/advert_form.html",
        save=lambda f: advert_services.advert_update(actor=user, advert=advert, **f.cleaned_data),
        done=lambda _saved: redirect("letting_advert_detail", advert.pk),
        success=_("The advert has been saved."),
        context=_advert_form_context(
            advert.unit, form, advert.proposed_channels, advert.proposal_reason, advert
        ),
    )


ADVERT_ACTIONS = {
    "publish": (advert_services.advert_publish, _("The advert is published.")),
    "close": (advert_services.advert_close, _("The advert is closed for responses.")),
    "withdraw": (advert_services.advert_withdraw, _("The advert has been withdrawn.")),
}


@require_POST
@requires("manage_adverts")
def advert_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = actor(request)
    if action not in ADVERT_ACTIONS:
        raise Http404
    advert = advert_selectors.advert_detail(user, pk)
    service, message = ADVERT_ACTIONS[action]
    return button_action(
        request,
        lambda: service(actor=user, advert=advert),
        success=message,
        back=redirect("letting_advert_detail", advert.pk),
    )


@require_POST
@requires("manage_adverts")
def lease_end_and_propose(request: HttpRequest, lease_pk: int) -> HttpResponse:
    user = actor(request)
    lease = advert_selectors.lease_to_end(user, lease_pk)
    try:
        advert = advert_services.on_lease_ended(actor=user, lease=lease)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("letting_home")
    messages.success(
        request, _("A draft advert with the proposed channels has been made. Check it and publish it.")
    )
    return redirect("letting_advert_detail", advert.pk)


# --- Applicants: homes to let and responses -------------------------------------------------------


@requires("apply_for_homes")
def homes(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    household = advert_selectors.applicant_household(user)
    return render(
        request,
        "letting/intake/homes.html",
        {
            "adverts": list(advert_selectors.open_adverts_for_applicant(user)[:100]),
            "registration": advert_selectors.active_registration(household),
            "household": household,
            "responses": advert_selectors.own_responses(user),
            "applications": list(intake_selectors.application_list(user)),
            "complexes": list(intake_services.good_neighbour_complexes(household.corporation_id))
            if household
            else [],
        },
    )


@requires("apply_for_homes")
def home_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    advert = advert_selectors.applicant_advert(user, pk)
    household = advert_selectors.applicant_household(user)
    if request.method == "POST":
        if household is None:
            # What response_create's own-household check answers for someone who lives nowhere.
            raise PermissionDenied
        try:
            advert_services.response_create(actor=user, advert=advert, household=household)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(
                request, _("You have responded. Your responses are listed in order of preference.")
            )
            return redirect("letting_homes")
    return render(
        request,
        "letting/intake/home_detail.html",
        {
            "advert": advert,
            "registration": advert_selectors.active_registration(household),
            "open": advert.status == Advert.Status.PUBLISHED
            and advert.starts_on <= timezone.localdate() <= advert.ends_on,
        },
    )


RESPONSE_ACTIONS = {"withdraw", "up", "down"}


@require_POST
@requires("apply_for_homes")
def response_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = actor(request)
    if action not in RESPONSE_ACTIONS:
        raise Http404
    response = advert_selectors.own_response(user, pk)
    try:
        if action == "withdraw":
            advert_services.response_withdraw(actor=user, response=response)
            messages.success(request, _("Your response has been withdrawn."))
        else:
            advert_services.response_move(actor=user, response=response, up=action == "up")
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("letting_homes")
