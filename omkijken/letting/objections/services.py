"""Writes for objections: lodge one (the household, from its letter), register one received on
paper (the letting officer), decide it with a reason (the letting officer; the decision is mailed
to the household after commit, in its language).

The time limit is ``settings.OBJECTION_DAYS`` days (default 42, six weeks) from the date of the
household's letter about the round, or from the day the round was accepted when the household has
no sent letter. An objection received after it is refused; so is a second open objection of the
same household against the same round. Each objection records who lodged or registered it and who
decided it when, which is its audit trail.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.accounts.policy import require
from omkijken.letting.letters.models import Letter
from omkijken.letting.letters.services import letter_email, letter_language
from omkijken.letting.mail import send_templated
from omkijken.letting.objections.models import Objection
from omkijken.letting.rounds.ids import household_id
from omkijken.letting.rounds.models import Round
from omkijken.residents.models import Household
from omkijken.residents.selectors import own_household_id


def objection_deadline(*, round: Round, letter: Letter | None = None) -> dt.date:  # noqa: A002
    """The last day on which an objection against ``round`` is in time."""
    start = letter.sent_at if letter is not None and letter.sent_at else round.accepted_at
    first = timezone.localdate(start) if start else round.round_date
    return first + dt.timedelta(days=settings.OBJECTION_DAYS)


def sent_letter(*, round: Round, household: Household) -> Letter | None:  # noqa: A002
    """The household's latest sent letter about the round, if any."""
    return (
        Letter.objects.filter(round=round, household=household, sent_at__isnull=False)
        .order_by("-sent_at", "-pk")
        .first()
    )


def _create(
    *,
    actor: User,
    round: Round,  # noqa: A002
    household: Household,
    letter: Letter | None,
    via: str,
    grounds: str,
    received_on: dt.date,
) -> Objection:
    grounds = (grounds or "").strip()
    if not grounds:
        raise ValidationError({"grounds": _("Write why you object to the outcome.")})
    if round.status != Round.Status.ACCEPTED:
        raise ValidationError(_("An objection can only be made against the outcome of an accepted round."))
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date of receipt cannot be in the future.")})
    deadline = objection_deadline(round=round, letter=letter)
    if received_on > deadline:
        raise ValidationError(
            _("The time limit for an objection against this round ended on %(date)s.")
            % {"date": date_format(deadline, "DATE_FORMAT")}
        )
    if Objection.objects.filter(round=round, household=household, status=Objection.Status.OPEN).exists():
        raise ValidationError(_("There is already an open objection of this household against this round."))
    return Objection.objects.create(
        corporation=round.corporation,
        round=round,
        household=household,
        letter=letter,
        via=via,
        grounds=grounds,
        received_on=received_on,
        deadline=deadline,
        lodged_by=actor,
    )


@transaction.atomic
def objection_lodge(*, actor: User, letter: Letter, grounds: str) -> Objection:
    """The household lodges an objection against the round its (sent) letter is about."""
    require(actor, "apply_for_homes")
    letter = Letter.objects.select_related("round", "household").get(pk=letter.pk)
    if letter.household_id != own_household_id(actor) or letter.sent_at is None:
        raise PermissionDenied
    if letter.round is None:
        raise ValidationError(_("This letter is not about an allocation round."))
    rnd = Round.objects.select_for_update().get(pk=letter.round.pk)
    return _create(
        actor=actor,
        round=rnd,
        household=letter.household,
        letter=letter,
        via=Objection.Via.ONLINE,
        grounds=grounds,
        received_on=timezone.localdate(),
    )


@transaction.atomic
def objection_register(
    *,
    actor: User,
    round: Round,  # noqa: A002
    reference: str,
    grounds: str,
    received_on: dt.date,
) -> Objection:
    """The letting officer registers an objection received on paper, for the household whose
    reference the objection states."""
    require(actor, "handle_objections")
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    if rnd.corporation_id != getattr(actor.organisation, "pk", None):
        raise PermissionDenied
    household = Household.objects.filter(
        corporation=rnd.corporation, reference=(reference or "").strip()
    ).first()
    candidates = {c["id"] for c in (rnd.snapshot or {}).get("candidates", [])}
    if household is None or household_id(household.pk) not in candidates:
        raise ValidationError({"reference": _("No household with this reference took part in this round.")})
    return _create(
        actor=actor,
        round=rnd,
        household=household,
        letter=sent_letter(round=rnd, household=household),
        via=Objection.Via.PAPER,
        grounds=grounds,
        received_on=received_on,
    )


@transaction.atomic
def objection_decide(*, actor: User, objection: Objection, outcome: str, reason: str) -> Objection:
    """Uphold or reject an open objection, with the reason the household will read; the decision
    is mailed to the household after commit (by post when it has no e-mail address)."""
    require(actor, "handle_objections")
    obj = Objection.objects.select_for_update().select_related("household", "round").get(pk=objection.pk)
    if obj.corporation_id != getattr(actor.organisation, "pk", None):
        raise PermissionDenied
    if not obj.is_open:
        raise ValidationError(_("This objection has already been decided."))
    if outcome not in (Objection.Status.UPHELD, Objection.Status.REJECTED):
        raise ValidationError({"outcome": _("Choose whether the objection is upheld or rejected.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    email = letter_email(obj.household)
    language = letter_language(obj.household)
    obj.status = outcome
    obj.decision_reason = reason
    obj.decided_by = actor
    obj.decided_at = timezone.now()
    obj.decision_mailed_to = email
    obj.save(update_fields=["status", "decision_reason", "decided_by", "decided_at", "decision_mailed_to"])
    context = {
        "household": obj.household.name,
        "reference": obj.household.reference,
        "round_date": obj.round.round_date,
        "received_on": obj.received_on,
        "upheld": outcome == Objection.Status.UPHELD,
        "reason": reason,
        "corporation": obj.corporation.name,
    }
    transaction.on_commit(
        lambda: send_templated(
            to=[email], template_base="letting/email/objection_decided", context=context, language=language
        )
    )
    return obj
