"""Pages for explanation letters: a round's letters (compose, preview, PDF, send), and an
applicant's or resident's own letters. Thin: parse, call one service or selector, render."""

from __future__ import annotations

import smtplib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.jobs.models import Job
from omkijken.jobs.services import job_submit
from omkijken.letting.letters import selectors, services
from omkijken.letting.rounds.models import Round
from omkijken.letting.tasks import LETTERS_SEND
from omkijken.web.ui import button_action, flash_errors


@require_GET
@requires("view_letting")
def round_letters(request: HttpRequest, round_pk: int) -> HttpResponse:
    user = actor(request)
    round = selectors.round_for_letters(user, round_pk)
    letters = list(selectors.letters_of_round(user, round))
    return render(
        request,
        "letting/letters/round_letters.html",
        {
            "round": round,
            "letters": letters,
            "unsent": [letter for letter in letters if letter.sent_at is None],
            "by_post": [letter for letter in letters if letter.sent_at and not letter.sent_to],
            "may_send": can(user, "send_letters"),
            "accepted": round.status == Round.Status.ACCEPTED,
        },
    )


@require_POST
@requires("view_letting")
def round_letters_compose(request: HttpRequest, round_pk: int) -> HttpResponse:
    user = actor(request)
    round = selectors.round_for_letters(user, round_pk)
    return button_action(
        request,
        lambda: services.letters_for_round(actor=user, round=round),
        success=lambda letters: (
            ngettext("%(count)s letter is ready.", "%(count)s letters are ready.", len(letters))
            % {"count": len(letters)}
        ),
        back=redirect("letting_round_letters", round_pk=round.pk),
    )


@require_POST
@requires("view_letting")
def round_letters_send(request: HttpRequest, round_pk: int) -> HttpResponse:
    """Sending all letters is a background job (a round may have over a thousand)."""
    user = actor(request)
    round = selectors.round_for_letters(user, round_pk)
    back = redirect("letting_round_letters", round_pk=round.pk)
    try:
        services.letters_send_check(actor=user, round=round)
    except ValidationError as exc:
        flash_errors(request, exc)
        return back
    job = job_submit(
        actor=user,
        kind=LETTERS_SEND,
        title=_("Sending the letters of %(name)s") % {"name": round.name},
        params={"round": round.pk},
        key=f"letters:{round.pk}",
    )
    if job.state == Job.State.SUCCEEDED:
        messages.success(request, job.result.get("message", ""))
        return back
    if job.state == Job.State.FAILED:
        for error in job.errors:
            messages.error(request, error)
        return back
    messages.info(request, _("The letters are being sent. This page shows how far it got."))
    return redirect("job_detail", pk=job.pk)


@require_GET
@requires("view_letting", "apply_for_homes")
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    letter = selectors.letter_detail(user, pk)
    return render(
        request,
        "letting/letters/letter_detail.html",
        {
            "letter": letter,
            "may_send": can(user, "send_letters")
            and letter.sent_at is None
            and letter.round is not None
            and letter.round.status == Round.Status.ACCEPTED,
            "is_staff_view": can(user, "view_letting"),
        },
    )


@require_GET
@requires("view_letting", "apply_for_homes")
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    letter = selectors.letter_detail(actor(request), pk)
    response = HttpResponse(services.letter_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="letter-{letter.pk}.pdf"'
    return response


@require_POST
@requires("view_letting", "apply_for_homes")
def letter_send(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    letter = selectors.letter_detail(user, pk)
    try:
        # The officer's own click: a letter an interrupted job perhaps sent may go again.
        sent = services.letter_send(actor=user, letter=letter, retry_unconfirmed=True)
    except ValidationError as exc:
        flash_errors(request, exc)
    except (smtplib.SMTPException, OSError):
        messages.error(
            request, _("The mail server did not take the letter: it was not sent. Try again later.")
        )
    else:
        if sent.sent_to:
            messages.success(request, _("The letter was sent to %(address)s.") % {"address": sent.sent_to})
        else:
            messages.warning(
                request, _("This household has no e-mail address: print the PDF and send it by post.")
            )
    return redirect("letting_letter_detail", pk=letter.pk)


@require_GET
@requires("apply_for_homes")
def my_letters(request: HttpRequest) -> HttpResponse:
    letters = selectors.my_letters(actor(request))
    return render(request, "letting/letters/my_letters.html", {"letters": letters})
