"""Objection pages: the officer's list, one objection (and its decision), registering a paper
objection; the household's form to lodge one from its letter. Thin: parse, call, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.letting.objections import forms, selectors, services
from omkijken.web.pagination import paginate
from omkijken.web.ui import form_page


@require_GET
@requires("handle_objections")
def objection_list(request: HttpRequest) -> HttpResponse:
    objections = selectors.objections_for(actor(request))
    status = request.GET.get("status", "")
    if status in ("open", "upheld", "rejected"):
        objections = objections.filter(status=status)
    return render(
        request,
        "letting/objections/objection_list.html",
        {"page": paginate(request, objections), "status": status},
    )


@require_GET
@requires("handle_objections", "apply_for_homes")
def objection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    objection = selectors.objection_detail(user, pk)
    return render(
        request,
        "letting/objections/objection_detail.html",
        {"objection": objection, "may_decide": can(user, "handle_objections") and objection.is_open},
    )


@requires("handle_objections")
def objection_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    objection = selectors.objection_detail(user, pk)
    if not objection.is_open:
        return redirect("letting_objection_detail", objection.pk)
    form = forms.DecideForm(request.POST or None)
    return form_page(
        request,
        form,
        template="letting/objections/objection_decide.html",
        save=lambda f: services.objection_decide(
            actor=user,
            objection=objection,
            outcome=f.cleaned_data["outcome"],
            reason=f.cleaned_data["reason"],
        ),
        done=lambda decided: redirect("letting_objection_detail", decided.pk),
        success=_("The decision has been saved and will be sent to the household."),
        context={"objection": objection},
    )


@requires("handle_objections")
def objection_register(request: HttpRequest, round_pk: int) -> HttpResponse:
    user = actor(request)
    rnd = selectors.round_for_objections(user, round_pk)
    form = forms.RegisterForm(request.POST or None)
    return form_page(
        request,
        form,
        template="letting/objections/objection_register.html",
        save=lambda f: services.objection_register(
            actor=user,
            round=rnd,
            reference=f.cleaned_data["reference"],
            grounds=f.cleaned_data["grounds"],
            received_on=f.cleaned_data["received_on"],
        ),
        done=lambda registered: redirect("letting_objection_detail", registered.pk),
        success=_("The objection has been registered."),
        context={"round": rnd},
    )


@requires("apply_for_homes")
def objection_lodge(request: HttpRequest, letter_pk: int) -> HttpResponse:
    user = actor(request)
    letter = selectors.own_letter(user, letter_pk)
    assert letter.round is not None  # (own_letter only returns letters about a round)
    form = forms.LodgeForm(request.POST or None)
    return form_page(
        request,
        form,
        template="letting/objections/objection_lodge.html",
        save=lambda f: services.objection_lodge(actor=user, letter=letter, grounds=f.cleaned_data["grounds"]),
        done=lambda lodged: redirect("letting_objection_detail", lodged.pk),
        success=_("Your objection has been received. We will tell you our decision in writing."),
        context={
            "letter": letter,
            "deadline": services.objection_deadline(round=letter.round, letter=letter),
            "today": timezone.localdate(),
            "objections": selectors.objections_of_letter(letter),
        },
    )
