"""Writes for explanation letters: compose a round's letters, send them (e-mail with the PDF
attached, after commit) or mark them for post, and render a letter as PDF.

A household that responded to a round's homes gets one letter per round: *allocated*,
*passed over* or *ineligible* (see ``omkijken.letting.letters.compose``). Letters can be composed for a
proposed round (a preview) and again after a change; sending is only possible once the round is
accepted. A sent letter is never rewritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.accounts.policy import can
from omkijken.jobs.outbox import PerhapsSent, deliver_once
from omkijken.letting.letters.compose import UnitFacts, compose_letter, round_outcomes
from omkijken.letting.letters.models import Letter
from omkijken.letting.letters.pdf import PdfLetter, render_pdf
from omkijken.letting.rounds.ids import pk_or_none
from omkijken.letting.rounds.models import Round
from omkijken.portfolio.models import Unit
from omkijken.residents.models import Household, Lease, Person

LETTER_KINDS = (Letter.Kind.ALLOCATED, Letter.Kind.PASSED_OVER, Letter.Kind.INELIGIBLE)


# --- Who receives a letter, in which language ---------------------------------------------------


def main_person(household: Household) -> Person | None:
    """The main tenant, else the oldest member (the household's letters are addressed to them)."""
    members = list(household.members.select_related("user").all())
    for person in members:
        if person.is_main_tenant:
            return person
    return members[0] if members else None


def letter_language(household: Household) -> str:
    """The main person's preferred language when they have a login, else Dutch."""
    person = main_person(household)
    user = person.user if person else None
    language = getattr(user, "preferred_language", "") or "nl"
    return language if language in ("nl", "en") else "nl"


def letter_email(household: Household) -> str:
    """The main person's e-mail address (their login's when the person has none); empty when the
    household has no e-mail address: its letter goes by post."""
    person = main_person(household)
    if person is None:
        return ""
    return person.email or (person.user.email if person.user else "")


def household_address(household: Household, on: dt.date) -> list[str]:
    """Address lines of the household's current home, when we let it one."""
    lease = (
        Lease.objects.filter(household=household, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("unit")
        .order_by("-start_date")
        .first()
    )
    if lease is None:
        return []
    unit = lease.unit
    postcode = f"{unit.postcode[:4]} {unit.postcode[4:]}"
    return [unit.address, f"{postcode}  {unit.city}"]


def corporation_contact(organisation: object) -> str:
    parts = [getattr(organisation, "email", ""), getattr(organisation, "phone", "")]
    return " · ".join(p for p in parts if p)


# --- Permissions --------------------------------------------------------------------------------


def _require_officer(actor: User, round: Round) -> None:
    if not can(actor, "send_letters"):
        raise PermissionDenied
    if actor.organisation is None or round.corporation_id != actor.organisation.pk:
        raise PermissionDenied


# --- Compose ------------------------------------------------------------------------------------


@transaction.atomic
def letters_for_round(*, actor: User, round: Round) -> list[Letter]:
    """Compose the letters of a round: one per household that responded to its homes. Unsent
    letters of the round are composed afresh (the round may have changed); sent ones are kept."""
    _require_officer(actor, round)
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.status not in (Round.Status.PROPOSED, Round.Status.ACCEPTED):
        raise ValidationError(_("A discarded round gets no letters."))
    if not round.snapshot or not round.result:
        raise ValidationError(_("This round has no result yet."))
    outcomes = round_outcomes(round.snapshot, round.result)
    household_pks = {pk: cid for cid in outcomes if (pk := pk_or_none(cid)) is not None}
    households = {
        h.pk: h
        for h in Household.objects.filter(
            pk__in=[pk for pk in household_pks if pk], corporation=round.corporation
        )
        .select_related("corporation")
        .prefetch_related("members__user")
    }
    unit_ids = {o.allocated for o in outcomes.values() if o.allocated} | {
        u.unit for o in outcomes.values() for u in o.not_allocated
    }
    unit_pks = {uid: pk_or_none(uid) for uid in unit_ids}
    units_by_pk = {u.pk: u for u in Unit.objects.filter(pk__in=[pk for pk in unit_pks.values() if pk])}
    facts = {
        uid: UnitFacts(units_by_pk[pk].address, units_by_pk[pk].city, float(units_by_pk[pk].net_rent))
        for uid, pk in unit_pks.items()
        if pk in units_by_pk
    }
    sent = set(
        Letter.objects.filter(round=round, sent_at__isnull=False).values_list("household_id", flat=True)
    )
    Letter.objects.filter(round=round, sent_at__isnull=True).delete()
    contact = corporation_contact(round.corporation)
    created = []
    for pk, cid in sorted(household_pks.items()):
        household = households.get(pk)
        if household is None or household.pk in sent:
            continue
        outcome = outcomes[cid]
        language = letter_language(household)
        composed = compose_letter(
            outcome=outcome,
            household_name=household.name,
            household_reference=household.reference,
            corporation_name=round.corporation.name,
            corporation_contact=contact,
            round_date=round.round_date,
            units=facts,
            language=language,
        )
        unit_id = outcome.allocated or (
            outcome.not_allocated[0].unit if len(outcome.not_allocated) == 1 else None
        )
        created.append(
            Letter(
                household=household,
                kind=composed.kind,
                round=round,
                unit=units_by_pk.get(unit_pks.get(unit_id)) if unit_id else None,  # type: ignore[arg-type]
                language=language,
                subject=composed.subject,
                body_html=composed.body_html,
                body_text=composed.body_text,
                created_by=actor,
            )
        )
    Letter.objects.bulk_create(created)
    return list(
        Letter.objects.filter(round=round).select_related("household").order_by("household__name", "pk")
    )


# --- Send ---------------------------------------------------------------------------------------


def _sendable(actor: User, letter: Letter) -> Letter:
    letter = Letter.objects.select_related("round", "household").get(pk=letter.pk)
    if letter.round is None:
        raise PermissionDenied
    _require_officer(actor, letter.round)
    if letter.round.status != Round.Status.ACCEPTED:
        raise ValidationError(_("Letters are sent only once the round has been accepted."))
    if letter.sent_at is not None:
        raise ValidationError(_("This letter has already been sent."))
    return letter


def letter_send(
    *, actor: User, letter: Letter, job_id: int | None = None, retry_unconfirmed: bool = False
) -> Letter:
    """Send one letter: by e-mail (HTML with the PDF attached) to the household's main person,
    or, when the household has no e-mail address, mark it for post (the officer downloads the
    PDF). Only letters of an accepted round are sent, each once.

    The letter is marked sent only once the mail server took the message, and a message is handed
    to it at most once (``omkijken.jobs.outbox``): a mail error leaves the letter unsent, to be
    sent again; a crash after handing it over leaves it "perhaps sent", never sent twice.
    Not one transaction on purpose: the claim must commit before the mail goes out.
    ``retry_unconfirmed``: the officer sends a "perhaps sent" letter again on purpose."""
    letter = _sendable(actor, letter)
    address = letter_email(letter.household)
    if not address:
        Letter.objects.filter(pk=letter.pk, sent_at__isnull=True).update(sent_to="", sent_at=timezone.now())
    else:

        def confirm() -> None:
            Letter.objects.filter(pk=letter.pk, sent_at__isnull=True).update(
                sent_to=address, sent_at=timezone.now()
            )

        deliver_once(
            key=f"letter:{letter.pk}",
            send=lambda: email_letter(letter, address),
            confirm=confirm,
            job_id=job_id,
            retry_unconfirmed=retry_unconfirmed,
        )
    letter.refresh_from_db()
    return letter


@dataclass
class Delivered:
    mailed: list[Letter] = field(default_factory=list)
    post: list[Letter] = field(default_factory=list)
    perhaps_sent: list[str] = field(default_factory=list)  # households whose letter may have gone out


def letters_send_check(*, actor: User, round: Round) -> None:
    _require_officer(actor, round)
    if round.status != Round.Status.ACCEPTED:
        raise ValidationError(_("Letters are sent only once the round has been accepted."))


def letters_deliver_all(
    *,
    actor: User,
    round: Round,
    progress: Callable[[int, int, str], None] | None = None,
    job_id: int | None = None,
) -> Delivered:
    """Send every unsent letter of an accepted round, one by one (each as ``letter_send``), so
    that an interruption keeps what went out and the next attempt sends the rest."""
    letters_send_check(actor=actor, round=round)
    pks = list(
        Letter.objects.filter(round=round, sent_at__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    out = Delivered()
    for number, pk in enumerate(pks, start=1):
        letter = Letter.objects.select_related("household").get(pk=pk)
        if progress:
            progress(
                number - 1,
                len(pks),
                _("Sending letter %(number)s of %(total)s") % {"number": number, "total": len(pks)},
            )
        try:
            sent = letter_send(actor=actor, letter=letter, job_id=job_id)
        except PerhapsSent:
            out.perhaps_sent.append(letter.household.name)
            continue
        except ValidationError:
            continue  # sent meanwhile (another attempt got there first)
        (out.mailed if sent.sent_to else out.post).append(sent)
    return out


def letters_send_all(*, actor: User, round: Round) -> tuple[list[Letter], list[Letter]]:
    """Send every unsent letter of an accepted round. Returns (e-mailed, for post)."""
    done = letters_deliver_all(actor=actor, round=round)
    return done.mailed, done.post


def email_letter(letter: Letter, address: str) -> int:
    """E-mail one letter (text, HTML alternative, PDF attachment) in the letter's language."""
    letter.sent_to = address
    if letter.sent_at is None:
        letter.sent_at = timezone.now()  # the PDF's date: today (not saved here)
    context = {"letter": letter}
    with translation.override(letter.language):
        text = render_to_string("letting/email/letter.txt", context)
        html = render_to_string("letting/email/letter.html", context)
        filename = _("letter-%(number)s.pdf") % {"number": letter.pk}
    message = EmailMultiAlternatives(subject=letter.subject, body=text, to=[address])
    message.attach_alternative(html, "text/html")
    message.attach(filename, letter_pdf(letter), "application/pdf")
    return message.send()


# --- PDF ----------------------------------------------------------------------------------------


def letter_pdf(letter: Letter, *, compress: bool = True) -> bytes:
    """The letter as an A4 PDF: corporation, addressee, date, subject, body, page numbers."""
    household = letter.household
    corporation = letter.round.corporation if letter.round else household.corporation
    when = timezone.localdate(letter.sent_at or letter.created_at)
    with translation.override(letter.language):
        place = _("Date: %(date)s") % {"date": date_format(when, "DATE_FORMAT")}
        doc = PdfLetter(
            corporation_name=corporation.name,
            corporation_contact=corporation_contact(corporation),
            place_and_date=place,
            addressee=[household.name, *household_address(household, when)],
            subject_label=_("Subject"),
            subject=letter.subject,
            body_text=letter.body_text,
            reference_label=_("Your reference: %(reference)s") % {"reference": household.reference},
            page_label=_("page {page} of {pages}"),
            language=letter.language,
        )
    return render_pdf(doc, compress=compress)
