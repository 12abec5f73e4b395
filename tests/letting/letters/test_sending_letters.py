"""Sending: e-mail with the PDF attached, marked sent only once the mail server took it; post when
there is no e-mail address; only for an accepted round, each letter once."""

from __future__ import annotations

import io
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from omkijken.accounts.models import User
from omkijken.letting.letters.services import letter_pdf, letter_send, letters_for_round, letters_send_all
from omkijken.letting.models import Letter, Round
from tests.letting.letters.helpers import flat, pdf_text

pytestmark = pytest.mark.django_db


def letter_of(letter_round, key: str) -> Letter:  # type: ignore[no-untyped-def]
    letters_for_round(actor=letter_round.officer, round=letter_round.round)
    return Letter.objects.get(round=letter_round.round, household=letter_round.households[key])


def test_a_letter_is_e_mailed_with_the_pdf_attached_and_only_then_marked_sent(letter_round) -> None:  # type: ignore[no-untyped-def]
    # given a composed letter of an accepted round to a household with an e-mail address
    letter = letter_of(letter_round, "passend")
    # when the officer sends it
    sent = letter_send(actor=letter_round.officer, letter=letter)
    # then one message went to the household, with the letter as HTML and PDF, and it is marked sent
    assert sent.sent_to == "passend@example.org" and sent.sent_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["passend@example.org"]
    assert message.subject == "Uw reactie op onze woningen: de uitkomst"
    assert "€ 20.000,00 per jaar" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "€ 20.000,00 per jaar" in html
    [(filename, content, attachment_type)] = message.attachments
    assert filename == f"brief-{letter.pk}.pdf"
    assert attachment_type == "application/pdf"
    assert content.startswith(b"%PDF")


def test_a_letter_the_mail_server_refused_stays_unsent_and_can_be_sent_again(letter_round, settings) -> None:  # type: ignore[no-untyped-def]
    letter = letter_of(letter_round, "passend")
    # given a mail server that is down
    settings.EMAIL_BACKEND = "tests.jobs.mailservers.RefusingBackend"
    # when the officer sends the letter, the error reaches them and the letter is not marked sent
    with pytest.raises(smtplib.SMTPException):
        letter_send(actor=letter_round.officer, letter=letter)
    letter.refresh_from_db()
    assert letter.sent_at is None and letter.sent_to == ""
    # and once the server is back, the same letter goes out, once
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    letter_send(actor=letter_round.officer, letter=letter)
    letter.refresh_from_db()
    assert letter.sent_at is not None
    assert [m.to for m in mail.outbox] == [["passend@example.org"]]


def test_a_household_without_e_mail_is_marked_for_post(letter_round) -> None:  # type: ignore[no-untyped-def]
    # given the large household, which has no e-mail address
    letter = letter_of(letter_round, "large")
    # when all letters of the round are sent
    mailed, post = letters_send_all(actor=letter_round.officer, round=letter_round.round)
    # then it is listed for post, with no address, and the six others were e-mailed
    assert [p.pk for p in post] == [letter.pk]
    letter.refresh_from_db()
    assert letter.sent_at is not None and letter.sent_to == ""
    assert len(mailed) == 6
    assert len(mail.outbox) == 6
    assert {m.to[0] for m in mail.outbox} == {
        "nominee@example.org",
        "kanaal@example.org",
        "winb@example.org",
        "later@example.org",
        "passend@example.org",
        "winc@example.org",
    }
    # and the English-speaking household got an English e-mail
    [english] = [m for m in mail.outbox if m.to == ["later@example.org"]]
    assert english.subject == "Your response to our homes: the outcome"
    assert english.attachments[0][0] == f"letter-{Letter.objects.get(sent_to='later@example.org').pk}.pdf"


def test_a_letter_is_sent_once(letter_round) -> None:  # type: ignore[no-untyped-def]
    letter = letter_of(letter_round, "passend")
    letter_send(actor=letter_round.officer, letter=letter)
    with pytest.raises(ValidationError):
        letter_send(actor=letter_round.officer, letter=letter)


def test_letters_of_a_proposed_round_are_a_preview_and_cannot_be_sent(letter_round) -> None:  # type: ignore[no-untyped-def]
    # given a round that is still a proposal
    Round.objects.filter(pk=letter_round.round.pk).update(status=Round.Status.PROPOSED)
    letter_round.round.refresh_from_db()
    # when the officer composes its letters, they exist as a preview
    letter = letter_of(letter_round, "passend")
    # but sending is refused and nothing is mailed
    with pytest.raises(ValidationError):
        letter_send(actor=letter_round.officer, letter=letter)
    with pytest.raises(ValidationError):
        letters_send_all(actor=letter_round.officer, round=letter_round.round)
    assert mail.outbox == []


def test_a_discarded_round_gets_no_letters(letter_round) -> None:  # type: ignore[no-untyped-def]
    Round.objects.filter(pk=letter_round.round.pk).update(status=Round.Status.DISCARDED)
    letter_round.round.refresh_from_db()
    with pytest.raises(ValidationError):
        letters_for_round(actor=letter_round.officer, round=letter_round.round)
    assert not Letter.objects.filter(round=letter_round.round).exists()


@pytest.mark.parametrize(
    "username", ["projectleider", "beheerder", "zorgpartner", "gemeente", "buur", "admin"]
)
def test_only_a_letting_officer_composes_and_sends_letters(letter_round, username: str) -> None:  # type: ignore[no-untyped-def]
    actor = User.objects.get(username=username)
    with pytest.raises(PermissionDenied):
        letters_for_round(actor=actor, round=letter_round.round)
    letter = letter_of(letter_round, "passend")
    with pytest.raises(PermissionDenied):
        letter_send(actor=actor, letter=letter)
    assert Letter.objects.get(pk=letter.pk).sent_at is None


def test_the_pdf_is_an_a4_letter_with_the_dutch_reason_and_page_numbers(letter_round) -> None:  # type: ignore[no-untyped-def]
    # given the letter of the household with too low an income for the rent
    letter = letter_of(letter_round, "passend")
    # when it is rendered as PDF (compressed, as sent, and uncompressed to read it)
    compressed = letter_pdf(letter)
    data = letter_pdf(letter, compress=False)
    text = flat(pdf_text(data))
    # then it is a PDF with the corporation, addressee, subject, reason, route and page number
    assert compressed.startswith(b"%PDF") and data.startswith(b"%PDF")
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    assert text.startswith("Woonhaven")
    assert "Familie Passendheid-Markeer" in text
    assert "Betreft: Uw reactie op onze woningen: de uitkomst" in text
    assert "Brievenlaan 3, Vechtstad" in text
    assert "Volgens de regels voor passend toewijzen mogen wij u dan een woning aanbieden" in text
    assert "binnen 42 dagen na de datum van deze brief" in text and "Bezwaar maken" in text
    assert "Uw kenmerk: PAS-93385" in text
    assert "pagina 1 van 1" in text
