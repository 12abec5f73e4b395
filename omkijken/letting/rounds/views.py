"""Pages for allocation rounds and the single-vacancy ranking (under /verhuur/).

Thin: parse, call one service or selector, render. A role that may not use a page gets 403;
another corporation's record answers 404.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.accounts.models import User
from omkijken.accounts.policy import can
from omkijken.jobs.models import Job
from omkijken.jobs.services import job_submit
from omkijken.letting.adverts import selectors as advert_selectors
from omkijken.letting.offers import forms as offer_forms
from omkijken.letting.rounds import forms as round_forms
from omkijken.letting.rounds import ranking
from omkijken.letting.rounds import selectors as round_selectors
from omkijken.letting.rounds import services as round_services
from omkijken.letting.rounds.models import Round
from omkijken.letting.tasks import ROUND_RUN
from omkijken.web.charts import MixBar
from omkijken.web.ui import button_action, form_page

# --- Rounds ---------------------------------------------------------------------------------------


@requires("view_letting")
def round_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    rounds = round_selectors.rounds_for(user)[:100]
    return render(
        request,
        "letting/rounds/round_list.html",
        {"rounds": rounds, "may_run": can(user, "run_rounds")},
    )


@requires("run_rounds")
def round_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    complex_id = request.GET.get("complex") or request.POST.get("complex") or ""
    complex_pk = int(complex_id) if complex_id.isdigit() else None
    adverts = round_selectors.round_candidates(user, complex_id=complex_pk)
    if request.method == "POST":
        form = round_forms.RoundForm(request.POST, adverts=adverts)
    else:
        form = round_forms.RoundForm(
            adverts=adverts,
            initial={"name": _("Round of %(date)s") % {"date": timezone.localdate().strftime("%d-%m-%Y")}},
        )
    return form_page(
        request,
        form,
        template="letting/rounds/round_new.html",
        save=lambda f: _submit_round(user, f),
        done=lambda job: _round_submitted(request, job),
        context={
            "complexes": round_selectors.round_complexes(user),
            "complex_id": complex_pk,
            "count": len(form.advert_choices),
        },
    )


def _submit_round(user: User, form: round_forms.RoundForm) -> Job:
    """The round runs as a background job (an L-scale round takes minutes). A job that already
    failed (run inline) shows its errors on the form, as the service's would."""
    adverts = sorted(a.pk for a in form.cleaned_data["adverts"])
    job = job_submit(
        actor=user,
        kind=ROUND_RUN,
        title=_("Allocation round %(name)s") % {"name": form.cleaned_data["name"]},
        params={
            "adverts": adverts,
            "name": form.cleaned_data["name"],
            "on": form.cleaned_data["on"].isoformat(),
            "method": form.cleaned_data["method"],
        },
        key=f"round:{user.pk}:{hashlib.sha256(repr(adverts).encode()).hexdigest()[:32]}",
    )
    if job.state == Job.State.FAILED:
        raise ValidationError(job.errors)
    return job


def _round_submitted(request: HttpRequest, job: Job) -> HttpResponse:
    if job.state == Job.State.SUCCEEDED:
        messages.success(request, job.result.get("message", ""))
        return redirect(job.result["url"])
    messages.info(request, _("The round is being run. This page shows how far it got."))
    return redirect("job_detail", pk=job.pk)


def _mix_bars(effects: list[round_selectors.MixEffect]) -> list[dict[str, Any]]:
    out = []
    for e in effects:
        out.append(
            {
                "effect": e,
                "before": MixBar(
                    label=_("%(name)s before") % {"name": e.complex_name},
                    share=e.share_before,
                    vulnerable=e.vulnerable_before,
                    occupied=e.occupied,
                    target=e.target,
                    lower=e.lower,
                    upper=e.upper,
                ),
                "after": MixBar(
                    label=_("%(name)s after") % {"name": e.complex_name},
                    share=e.share_after,
                    vulnerable=e.vulnerable_after,
                    occupied=e.households_after,
                    target=e.target,
                    lower=e.lower,
                    upper=e.upper,
                ),
            }
        )
    return out


@requires("view_letting")
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    rnd = round_selectors.round_detail(user, pk)
    view = round_selectors.round_view(user, rnd)
    open_allocations = (
        round_selectors.allocations_without_offer(rnd) if rnd.status == Round.Status.ACCEPTED else {}
    )
    for row in view.rows:
        row.allocation_id = open_allocations.get(row.unit.pk)
    return render(
        request,
        "letting/rounds/round_detail.html",
        {
            "round": rnd,
            "view": view,
            "bars": _mix_bars(view.mix),
            "may_run": can(user, "run_rounds") and rnd.status == Round.Status.PROPOSED,
            "may_offer": can(user, "manage_offers"),
            "offer_form": offer_forms.OfferMakeForm(),
        },
    )


@requires("run_rounds")
def round_change(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    rnd = round_selectors.round_detail(user, pk)
    if rnd.status != Round.Status.PROPOSED:
        messages.error(request, _("Only a proposal can be changed."))
        return redirect("letting_round_detail", rnd.pk)
    view = round_selectors.round_view(user, rnd, view="round_change")
    form = round_forms.RoundChangeForm(request.POST or None, rows=view.rows)
    return form_page(
        request,
        form,
        template="letting/rounds/round_change.html",
        save=lambda f: round_services.round_change(
            actor=user,
            round=rnd,
            assignments=f.assignments(),
            reason=f.cleaned_data["reason"],
        ),
        done=lambda _changed: redirect("letting_round_detail", rnd.pk),
        success=_("The change has been checked against the rules and saved."),
        context={"round": rnd},
    )


@require_POST
@requires("run_rounds")
def round_accept(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    rnd = round_selectors.round_detail(user, pk)
    return button_action(
        request,
        lambda: round_services.round_accept(actor=user, round=rnd),
        success=lambda allocations: (
            ngettext(
                "Round accepted: %(n)s home allocated.",
                "Round accepted: %(n)s homes allocated.",
                len(allocations),
            )
            % {"n": len(allocations)}
        ),
        back=redirect("letting_round_detail", rnd.pk),
    )


@require_POST
@requires("run_rounds")
def round_discard(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    rnd = round_selectors.round_detail(user, pk)
    return button_action(
        request,
        lambda: round_services.round_discard(actor=user, round=rnd),
        success=_("The proposal has been discarded."),
        back=redirect("letting_round_list"),
    )


# --- Single vacancy ---------------------------------------------------------------------------------


@requires("view_letting")
def rank_vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    advert = round_selectors.advert_for(user, pk)
    ranked = ranking.rank_vacancy(actor=user, advert=advert, on=timezone.localdate())
    offer_form = None
    if can(user, "manage_offers"):
        offer_form = offer_forms.ManualOfferForm(households=advert_selectors.advert_responders(advert))
    return render(
        request, "letting/rounds/rank.html", {"advert": advert, "ranking": ranked, "offer_form": offer_form}
    )
