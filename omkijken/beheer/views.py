"""Pages of the building manager's day: "Vandaag", the resident overview per complex, a
household's contact moments and completing a key handover. Thin: one selector or service each."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.access import actor, requires
from omkijken.beheer import selectors, services
from omkijken.beheer.forms import ContactMomentForm, KeyHandoverCompleteForm
from omkijken.letting.offers.services import key_handover_complete
from omkijken.web.ui import form_page


@requires("view_day")
def today(request: HttpRequest) -> HttpResponse:
    day = selectors.day_for(actor(request))
    return render(request, "beheer/today.html", {"day": day})


@requires("view_resident_overview")
def residents(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    complex_ = selectors.managed_complex(user, pk)
    rows = selectors.resident_overview(user, complex_, on=timezone.localdate())
    return render(
        request,
        "beheer/residents.html",
        {"complex": complex_, "sections": selectors.group_by_section(rows), "row_count": len(rows)},
    )


@requires("record_contact_moments")
def contact_moments(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    household, lease = selectors.managed_household(user, pk)
    moments = list(selectors.contact_moments_for(user).filter(household=household)[:100])
    form = ContactMomentForm(request.POST or None)
    return form_page(
        request,
        form,
        template="beheer/contact_moments.html",
        save=lambda f: services.contact_moment_record(
            actor=user,
            household_id=household.pk,
            kind=f.cleaned_data["kind"],
            date=f.cleaned_data["date"],
            involved=f.cleaned_data["involved"],
            note=f.cleaned_data["note"],
        ),
        done=lambda _moment: redirect("beheer_contact_moments", pk=household.pk),
        success=_("The contact moment was recorded."),
        context={"household": household, "lease": lease, "moments": moments},
    )


@requires("complete_key_handovers")
def key_handover(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    handover = selectors.managed_key_handover(user, pk)
    form = KeyHandoverCompleteForm(request.POST or None)
    return form_page(
        request,
        form,
        template="beheer/key_handover.html",
        save=lambda f: key_handover_complete(
            actor=user,
            handover=handover,
            keys_handed_over=f.cleaned_data["keys_handed_over"],
            meter_electricity=f.cleaned_data["meter_electricity"],
            meter_gas=f.cleaned_data["meter_gas"],
            meter_water=f.cleaned_data["meter_water"],
            note=f.cleaned_data["note"],
        ),
        done=lambda _h: redirect("beheer_key_handover", pk=handover.pk),
        success=_("The key handover is marked as done."),
        context={"handover": handover},
    )
