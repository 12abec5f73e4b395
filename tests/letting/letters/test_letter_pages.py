"""The letter pages: the officer composes, previews, downloads and sends a round's letters; an
applicant reads and downloads only their own letters, once sent."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from omkijken.accounts.models import Membership, Organisation, Role, User
from omkijken.demo.personas import OTHER_CORPORATION
from omkijken.letting.models import Letter
from tests.second_factor import log_in_verified

pytestmark = pytest.mark.django_db


def compose(client: Client, letter_round) -> None:  # type: ignore[no-untyped-def]
    response = client.post(reverse("letting_round_letters_compose", args=[letter_round.round.pk]))
    assert response.status_code == 302


def test_the_officer_composes_previews_and_sends_the_letters_of_a_round(
    letter_round, login, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    # given the letting officer on the round's letters page
    client = login("verhuur")
    url = reverse("letting_round_letters", args=[letter_round.round.pk])
    # when they compose the letters
    compose(client, letter_round)
    page = client.get(url).content.decode()
    # then every responding household is listed with a link to its letter and PDF
    for household in letter_round.households.values():
        assert household.name in page
    letter = Letter.objects.get(round=letter_round.round, household=letter_round.households["passend"])
    assert reverse("letting_letter_detail", args=[letter.pk]) in page
    # and the preview shows the letter
    preview = client.get(reverse("letting_letter_detail", args=[letter.pk])).content.decode()
    assert "Uw huishoudinkomen is bij ons bekend als € 20.000,00 per jaar" in preview
    # when they send all letters
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("letting_round_letters_send", args=[letter_round.round.pk]))
    assert response.status_code == 302
    # then six went by e-mail and the household without an address is listed for post
    assert len(mail.outbox) == 6
    page = client.get(url).content.decode()
    assert "Per post te versturen" in page
    large = Letter.objects.get(round=letter_round.round, household=letter_round.households["large"])
    assert reverse("letting_letter_pdf", args=[large.pk]) in page


def test_the_pdf_downloads_as_an_attachment(letter_round, login) -> None:  # type: ignore[no-untyped-def]
    client = login("verhuur")
    compose(client, letter_round)
    letter = Letter.objects.get(round=letter_round.round, household=letter_round.households["passend"])
    response = client.get(reverse("letting_letter_pdf", args=[letter.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="letter-{letter.pk}.pdf"'
    assert response.content.startswith(b"%PDF")


def test_a_project_leader_may_read_but_not_compose_or_send(letter_round, login) -> None:  # type: ignore[no-untyped-def]
    compose(login("verhuur"), letter_round)
    client = login("projectleider")
    assert client.get(reverse("letting_round_letters", args=[letter_round.round.pk])).status_code == 200
    assert (
        client.post(reverse("letting_round_letters_compose", args=[letter_round.round.pk])).status_code == 403
    )
    assert client.post(reverse("letting_round_letters_send", args=[letter_round.round.pk])).status_code == 403
    letter = Letter.objects.filter(round=letter_round.round).first()
    assert client.post(reverse("letting_letter_send", args=[letter.pk])).status_code == 403
    assert not Letter.objects.filter(round=letter_round.round, sent_at__isnull=False).exists()


def test_an_officer_of_another_corporation_finds_neither_the_round_nor_its_letters(
    letter_round, login
) -> None:  # type: ignore[no-untyped-def]
    compose(login("verhuur"), letter_round)
    other = User.objects.create_user(username="verhuur-oost")
    Membership.objects.create(
        user=other, organisation=Organisation.objects.get(name=OTHER_CORPORATION), role=Role.LETTING_OFFICER
    )
    client = Client()
    log_in_verified(client, other)
    letter = Letter.objects.filter(round=letter_round.round).first()
    assert client.get(reverse("letting_round_letters", args=[letter_round.round.pk])).status_code == 404
    assert (
        client.post(reverse("letting_round_letters_compose", args=[letter_round.round.pk])).status_code == 404
    )
    assert client.post(reverse("letting_round_letters_send", args=[letter_round.round.pk])).status_code == 404
    assert client.get(reverse("letting_letter_detail", args=[letter.pk])).status_code == 404
    assert client.get(reverse("letting_letter_pdf", args=[letter.pk])).status_code == 404
    assert client.post(reverse("letting_letter_send", args=[letter.pk])).status_code == 404


def test_an_applicant_sees_only_their_own_letters_and_only_once_sent(letter_round, login) -> None:  # type: ignore[no-untyped-def]
    # given composed letters, and the applicant of the household that ranked lower (English)
    officer = login("verhuur")
    compose(officer, letter_round)
    own = Letter.objects.get(round=letter_round.round, household=letter_round.households["later"])
    someone_else = Letter.objects.get(round=letter_round.round, household=letter_round.households["channel"])
    applicant = Client()
    log_in_verified(applicant, User.objects.get(username="letters-lat-30417"))
    # then an unsent letter is not there yet
    assert "Your response to our homes" not in applicant.get(reverse("letting_my_letters")).content.decode()
    assert applicant.get(reverse("letting_letter_detail", args=[own.pk])).status_code == 404
    # when the officer sends both letters
    officer.post(reverse("letting_letter_send", args=[own.pk]))
    officer.post(reverse("letting_letter_send", args=[someone_else.pk]))
    # then the applicant finds their own letter, reads it and downloads its PDF
    page = applicant.get(reverse("letting_my_letters")).content.decode()
    assert own.subject in page
    assert reverse("letting_letter_detail", args=[own.pk]) in page
    assert reverse("letting_letter_detail", args=[someone_else.pk]) not in page
    detail = applicant.get(reverse("letting_letter_detail", args=[own.pk]))
    assert detail.status_code == 200
    assert "Your registration date is" in detail.content.decode()
    assert applicant.get(reverse("letting_letter_pdf", args=[own.pk])).status_code == 200
    # but another household's letter answers 404, page and PDF
    assert applicant.get(reverse("letting_letter_detail", args=[someone_else.pk])).status_code == 404
    assert applicant.get(reverse("letting_letter_pdf", args=[someone_else.pk])).status_code == 404
    # and the applicant cannot send or compose
    assert applicant.post(reverse("letting_letter_send", args=[own.pk])).status_code == 403
    assert applicant.get(reverse("letting_round_letters", args=[letter_round.round.pk])).status_code == 403
