"""Rounds, offers, key handovers and letters for the letting demo, made through the real services.

Layered on the adverts, home seekers and nominations of ``omkijken.letting.demo.adverts``, so the
round, offer, key-handover and letter pages have something to show: one accepted round (its
allocations offered; some offers accepted, with a lease and a key handover this week or next, some
declined with a reason, some still open; its letters composed and sent; two objections against it,
one open and one decided) and one round left as a
proposal. Deterministic for a seed; small (six homes per round, the accepted one over homes with
few responders, as every responder gets a letter), so the demo stays fast.
Mail goes through the configured e-mail backend (the console backend by default).
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from omkijken.accounts.models import Membership, Organisation, Role, User
from omkijken.demo.personas import CORPORATION
from omkijken.letting.adverts.models import Advert
from omkijken.letting.letters.models import Letter
from omkijken.letting.letters.services import letters_for_round, letters_send_all
from omkijken.letting.objections import services as objection_services
from omkijken.letting.objections.models import Objection
from omkijken.letting.offers import services as offer_services
from omkijken.letting.offers.models import DeclineReason
from omkijken.letting.rounds.models import Allocation, Round
from omkijken.letting.rounds.selectors import round_candidates
from omkijken.letting.rounds.services import round_accept, round_run

ACCEPTED_ROUND_HOMES = 6
PROPOSED_ROUND_HOMES = 6
# What happens to the offers of the accepted round, in turn.
OFFER_OUTCOMES = ("accept", "decline", "accept", "viewing", "offered", "accept")
DECLINE_REASONS = (DeclineReason.HUU, DeclineReason.WOB, DeclineReason.PER, DeclineReason.BUI)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _quiet_homes(officer: User, count: int, *, mixed_names: tuple[str, ...]) -> list[Advert]:
    """The ``count`` open vacancies outside the mixed complexes with the fewest responders (each
    responder gets a letter, so few keep the demo fast)."""
    return list(
        round_candidates(officer)
        .filter(responders__gt=0)
        .exclude(unit__complex__name__in=mixed_names)
        .order_by("responders", "unit__complex__name", "pk")[:count]
    )


def _mixed_homes(officer: User, count: int, *, mixed_names: tuple[str, ...]) -> list[Advert]:
    """Up to ``count`` open vacancies of the first mixed complex (by name) with responders."""
    adverts: list[Advert] = list(
        round_candidates(officer).filter(responders__gt=0, unit__complex__name__in=mixed_names)
    )
    first = adverts[0].unit.complex_id if adverts else None
    return [a for a in adverts if a.unit.complex_id == first][:count]


def build_rounds_demo(*, seed: int, today: dt.date, mixed_names: tuple[str, ...]) -> None:
    """The accepted round is over a few quiet homes (few responders, so few letters); the proposal
    is over homes of a mixed complex (``mixed_names``), so that its page shows the effect on the mix."""
    rng = random.Random(f"letting-rounds-{seed}")  # noqa: S311 - demo data, not security
    corporation = Organisation.objects.filter(name=CORPORATION).first()
    membership = (
        Membership.objects.filter(organisation=corporation, role=Role.LETTING_OFFICER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if corporation is None or membership is None:
        return
    officer = membership.user

    # -- one accepted round, its offers and letters -------------------------------------------------
    homes = _quiet_homes(officer, ACCEPTED_ROUND_HOMES, mixed_names=mixed_names)
    if not homes:
        return
    accepted = round_run(actor=officer, adverts=homes, name=f"Ronde {today:%d-%m-%Y}", on=today)
    round_accept(actor=officer, round=accepted)
    accepted.refresh_from_db()
    _offers_of(accepted, officer, rng)
    letters_for_round(actor=officer, round=accepted)
    letters_send_all(actor=officer, round=accepted)
    _objections_of(accepted, officer)

    # -- one round left as a proposal, over a mixed complex ------------------------------------------
    others = _mixed_homes(officer, PROPOSED_ROUND_HOMES, mixed_names=mixed_names)
    if others:
        round_run(actor=officer, adverts=others, name=f"Ronde {today:%d-%m-%Y} (voorstel)", on=today)


def _objections_of(rnd: Round, officer: User) -> None:
    """Two objections against the accepted round, received on paper: one still open, one rejected
    with a reason (its decision mailed like the letters)."""
    letters = list(
        Letter.objects.filter(round=rnd, sent_at__isnull=False)
        .exclude(kind=Letter.Kind.ALLOCATED)
        .select_related("household")
        .order_by("household__reference", "pk")[:2]
    )
    grounds = (
        "Ik heb op deze woning gereageerd en denk dat mijn inschrijfduur langer is dan u hebt gerekend.",
        "Volgens mij had ik voorrang; ik vraag u het besluit opnieuw te bekijken.",
    )
    today = timezone.localdate()
    made = [
        objection_services.objection_register(
            actor=officer, round=rnd, reference=letter.household.reference, grounds=text, received_on=today
        )
        for letter, text in zip(letters, grounds, strict=False)
    ]
    if len(made) == 2:
        objection_services.objection_decide(
            actor=officer,
            objection=made[1],
            outcome=Objection.Status.REJECTED,
            reason=(
                "Wij hebben de volgorde opnieuw nagelopen: een huishouden met een eerdere inschrijfdatum "
                "ging voor. De uitkomst van de ronde blijft staan."
            ),
        )


def _offers_of(rnd: Round, officer: User, rng: random.Random) -> None:
    """Offer every allocation of the round; then accept, decline or leave open each in turn."""
    real_today = timezone.localdate()  # the services check dates against the real clock
    handovers = 0
    for i, allocation in enumerate(
        Allocation.objects.filter(round=rnd).select_related("unit", "household").order_by("unit_id")
    ):
        offer = offer_services.offer_make(
            actor=officer,
            unit=allocation.unit,
            household=allocation.household,
            respond_by=real_today + dt.timedelta(days=7),
            allocation=allocation,
        )
        outcome = OFFER_OUTCOMES[i % len(OFFER_OUTCOMES)]
        if outcome == "accept":
            # key handovers spread over this week and the next
            day = real_today + dt.timedelta(days=1 + 3 * handovers)
            handovers += 1
            offer_services.offer_accept(
                actor=officer, offer=offer, start_date=day, key_handover_at=_at(day, 10)
            )
        elif outcome == "decline":
            offer_services.offer_decline(actor=officer, offer=offer, reason_code=rng.choice(DECLINE_REASONS))
        elif outcome == "viewing":
            offer_services.offer_plan_viewing(
                actor=officer, offer=offer, at=_at(real_today + dt.timedelta(days=2), 14)
            )
