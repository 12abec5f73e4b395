"""Letting pages of nominations for direct mediation (special-category data: every read is
logged by the selectors).

Thin views: parse, call one service or selector, render. A page a role may not use answers 403; a
record outside the actor's scope 404.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.letting.nominations import forms as nomination_forms
from omkijken.letting.nominations import selectors as nomination_selectors
from omkijken.letting.nominations import services as nomination_services
from omkijken.letting.nominations.models import Nomination
from omkijken.web.ui import button_action, form_page

PAGE_SIZE = 25


@requires("view_nominations")
def nomination_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    page = Paginator(nomination_selectors.nomination_list(user), PAGE_SIZE).get_page(request.GET.get("page"))
    shown = nomination_selectors.nomination_page(user, page.object_list, view="nomination_list")
    return render(
        request,
        "letting/intake/nomination_list.html",
        {"page": page, "nominations": shown, "may_nominate": can(user, "nominate")},
    )


@requires("view_nominations")
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    nomination = nomination_selectors.nomination_detail(user, pk)
    return render(
        request,
        "letting/intake/nomination_detail.html",
        {
            "nomination": nomination,
            "complexes": nomination_selectors.complexes_named(nomination.complexes),
            "needs": [label for code, label in nomination_forms.NEED_CHOICES if code in nomination.needs],
            "may_withdraw": can(user, "nominate") and nomination.status in Nomination.OPEN_STATUSES,
        },
    )


@requires("nominate")
def nomination_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    choices = nomination_selectors.nomination_choices(user, on=timezone.localdate())
    if request.method == "POST":
        form = nomination_forms.NominationForm(
            request.POST, households=choices.households, complexes=choices.complexes
        )
    else:
        initial: dict[str, Any] = {"nominated_on": timezone.localdate()}
        chosen = request.GET.get("household", "")
        if chosen.isdigit() and int(chosen) in choices.statuses:
            initial.update(household=int(chosen), target_group=choices.statuses[int(chosen)])
        form = nomination_forms.NominationForm(
            initial=initial, households=choices.households, complexes=choices.complexes
        )

    def save(form: nomination_forms.NominationForm) -> Nomination:
        data = form.cleaned_data
        household = next(h for h in choices.clients if h.pk == data["household"])
        return nomination_services.nomination_create(
            actor=user,
            household=household,
            corporation=household.corporation,
            target_group=data["target_group"],
            household_size=data["household_size"],
            income_class=data["income_class"],
            pension_age=data["pension_age"],
            needs=data["needs"],
            complexes=form.complexes(),
            nominated_on=data["nominated_on"],
            support_until=data["support_until"],
            consent_reference=data["consent_reference"],
            existing_home_reason=data["existing_home_reason"],
        )

    return form_page(
        request,
        form,
        template="letting/intake/nomination_form.html",
        save=save,
        done=lambda nomination: redirect("letting_nomination_detail", nomination.pk),
        success=_("The nomination has been sent to the corporation."),
        context={"has_complexes": bool(choices.complexes)},
    )


@require_POST
@requires("nominate")
def nomination_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    nomination = nomination_selectors.nominations_for(user).filter(pk=pk).first()
    if nomination is None:
        raise Http404
    return button_action(
        request,
        lambda: nomination_services.nomination_withdraw(actor=user, nomination=nomination),
        success=_("The nomination has been withdrawn."),
        back=redirect("letting_nomination_list"),
    )
