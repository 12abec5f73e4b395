"""Letting's background jobs: an allocation round, and sending a round's letters."""

from __future__ import annotations

import datetime as dt
import smtplib
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.jobs.registry import register
from omkijken.jobs.runner import JobContext, JobFailed, TryAgain
from omkijken.letting.adverts.models import Advert
from omkijken.letting.letters import services as letter_services
from omkijken.letting.rounds import services as round_services
from omkijken.letting.rounds.models import Round

ROUND_RUN = "letting.round_run"
LETTERS_SEND = "letting.letters_send"


def _starter(ctx: JobContext) -> User:
    user = User.objects.filter(pk=ctx.job.started_by_id).first() if ctx.job.started_by_id else None
    if user is None:
        raise JobFailed([_("The person who started this job no longer has an account.")])
    return user


@register(ROUND_RUN)
def run_round(ctx: JobContext) -> dict[str, Any]:
    actor = _starter(ctx)
    params = ctx.params
    adverts = list(Advert.objects.filter(pk__in=params["adverts"]).select_related("unit"))
    if len(adverts) != len(params["adverts"]):
        raise JobFailed([_("Some of the selected vacancies no longer exist.")])
    with ctx.finishing() as result:
        rnd = round_services.round_run(
            actor=actor,
            adverts=adverts,
            name=params["name"],
            on=dt.date.fromisoformat(params["on"]),
            method=params.get("method", "optimal"),
            progress=ctx.progress,
        )
        result.update(
            round=rnd.pk,
            url=reverse("letting_round_detail", args=[rnd.pk]),
            link=_("Open the round"),
            message=_("The round has been run. Check the proposal, then accept or change it."),
        )
    return result


@register(LETTERS_SEND)
def send_letters(ctx: JobContext) -> dict[str, Any]:
    actor = _starter(ctx)
    rnd = Round.objects.filter(pk=ctx.params["round"]).first()
    if rnd is None:
        raise JobFailed([_("This round no longer exists.")])
    try:
        outcome = letter_services.letters_deliver_all(
            actor=actor, round=rnd, progress=ctx.progress, job_id=ctx.job.pk
        )
    except (smtplib.SMTPException, OSError) as exc:  # the mail server: what went out stays sent
        raise TryAgain(str(exc)) from exc
    if outcome.perhaps_sent:
        raise JobFailed(
            [
                _(
                    "An earlier attempt handed the letter to %(household)s to the mail server without hearing back. "
                    "It is not sent again by itself: ask the household whether it arrived, and if not, send it from the letter's page."
                )
                % {"household": name}
                for name in outcome.perhaps_sent
            ]
        )
    return {
        "message": _("Sent by e-mail: %(mailed)s. To send by post: %(post)s.")
        % {"mailed": len(outcome.mailed), "post": len(outcome.post)},
        "url": reverse("letting_round_letters", kwargs={"round_pk": rnd.pk}),
        "link": _("Back to the letters"),
    }
