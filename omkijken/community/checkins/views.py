"""Views of the calling rota: coordinators add calls, callers note them.

Thin: parse, call one service or selector, redirect. A page a role may not use answers 403; a record
outside the actor's scope answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.community.checkins import forms, selectors, services
from omkijken.community.scope import network_complexes, persons_in_complex
from omkijken.web.ui import flash_errors, post_action


@require_POST
@requires("coordinate_network")
def checkin_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    complex_ = get_object_or_404(network_complexes(user), pk=pk)
    return post_action(
        request,
        forms.CheckInAgreementForm(request.POST, persons=persons_in_complex(complex_.pk)),
        save=lambda form: services.check_in_agreement_create(
            actor=user,
            resident=form.cleaned_data["resident"],
            caller=form.cleaned_data["caller"],
            every_days=form.cleaned_data["every_days"],
            first_call_at=form.cleaned_data["first_call"],
        ),
        success=_("The call is added to the rota."),
        back=redirect("community_coordination", pk=complex_.pk),
    )


@require_POST
@login_required
def checkin_log(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    agreement = get_object_or_404(selectors.check_ins_for(user), pk=pk)
    due_at = parse_datetime(request.POST.get("due", "") or "")
    try:
        services.check_in_log(
            actor=user, agreement=agreement, reached=request.POST.get("reached") == "yes", due_at=due_at
        )
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("community_home")
    messages.success(request, _("Thank you. The call is noted."))
    return redirect("community_home")
