"""Objections (bezwaar) against a round's outcome: lodged from the letter or on paper, decided with a
reason, the decision mailed in the household's language; in time only; scoped to the organisation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from omkijken.accounts.models import Membership, Organisation, Role, User
from omkijken.demo.personas import OTHER_CORPORATION
from omkijken.letting.models import Letter, Objection
from omkijken.letting.objections.services import objection_decide, objection_register
from tests.second_factor import log_in_verified

pytestmark = pytest.mark.django_db


def client_of(household) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    log_in_verified(client, household.members.get(is_main_tenant=True).user)
    return client


def letter_of(sent_round, key: str) -> Letter:  # type: ignore[no-untyped-def]
    return Letter.objects.get(round=sent_round.round, household=sent_round.households[key])


def test_a_household_lodges_from_its_letter_and_the_decision_is_mailed_in_its_language(
    sent_round, login, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    # given the English-speaking household's sent letter, which says how to object
    household = sent_round.households["later"]
    letter = letter_of(sent_round, "later")
    assert "Lodge an objection" in letter.body_text and "within 42 days" in letter.body_text
    client = client_of(household)
    page = client.get(reverse("letting_letter_detail", args=[letter.pk])).content.decode()
    assert reverse("letting_objection_lodge", args=[letter.pk]) in page
    # when it lodges an objection
    response = client.post(
        reverse("letting_objection_lodge", args=[letter.pk]), {"grounds": "My registration date is wrong."}
    )
    # then it is open, online, with the time limit counted from the letter's date
    objection = Objection.objects.get(household=household)
    assert response.status_code == 302
    assert (objection.status, objection.via, objection.letter_id) == ("open", "online", letter.pk)
    assert objection.deadline == timezone.localdate(letter.sent_at) + dt.timedelta(days=42)
    # when the letting officer rejects it with a reason
    mail.outbox.clear()
    officer = login("verhuur")
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(
            reverse("letting_objection_decide", args=[objection.pk]),
            {"outcome": "rejected", "reason": "We checked the date with the register: it is right."},
        )
    assert response.status_code == 302
    # then the decision is saved and mailed, in English, to the household's address
    objection.refresh_from_db()
    assert objection.status == "rejected" and objection.decided_by.username == "verhuur"
    (message,) = mail.outbox
    assert message.to == ["later@example.org"]
    assert message.subject == "Your objection: our decision"
    assert "We checked the date with the register" in message.body
    assert "the outcome of the round stands" in message.body
    # and the household sees the decision on its own page
    mine = client.get(reverse("letting_objection_detail", args=[objection.pk])).content.decode()
    assert "We checked the date with the register" in mine


def test_a_dutch_household_gets_an_upheld_decision_in_dutch(
    sent_round, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    objection = objection_register(
        actor=sent_round.officer,
        round=sent_round.round,
        reference="KAN-61902",
        grounds="Per brief: ik ben ten onrechte overgeslagen.",
        received_on=timezone.localdate(),
    )
    assert objection.via == "paper" and objection.letter == letter_of(sent_round, "channel")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        objection_decide(
            actor=sent_round.officer, objection=objection, outcome="upheld", reason="U hebt gelijk."
        )
    (message,) = mail.outbox
    assert message.to == ["kanaal@example.org"]
    assert message.subject == "Uw bezwaar: wij geven u gelijk"
    assert "U hebt gelijk." in message.body


def test_an_objection_after_the_time_limit_is_refused_and_nothing_is_written(sent_round) -> None:  # type: ignore[no-untyped-def]
    # given a letter sent 43 days ago
    letter = letter_of(sent_round, "later")
    # (at noon of the local day 43 days back: "now minus 43 days" crosses midnight in the late evening
    # when summer time ended in between, and the letter would then count as sent 42 days ago)
    sent = dt.datetime.combine(timezone.localdate() - dt.timedelta(days=43), dt.time(12))
    Letter.objects.filter(pk=letter.pk).update(sent_at=timezone.make_aware(sent))
    client = client_of(sent_round.households["later"])
    # when the household lodges an objection anyway
    response = client.post(reverse("letting_objection_lodge", args=[letter.pk]), {"grounds": "Too late?"})
    # then it is told the time limit has ended, and nothing is written
    assert response.status_code == 200
    assert "De termijn voor bezwaar tegen deze ronde is verstreken op" in response.content.decode()
    assert not Objection.objects.filter(round=sent_round.round).exists()


def test_a_paper_objection_received_after_the_limit_or_for_a_stranger_is_refused(sent_round, login) -> None:  # type: ignore[no-untyped-def]
    client = login("verhuur")
    url = reverse("letting_objection_register", args=[sent_round.round.pk])
    late = timezone.localdate() + dt.timedelta(days=1)
    # received in the future
    response = client.post(
        url, {"reference": "KAN-61902", "grounds": "Bezwaar", "received_on": late.isoformat()}
    )
    assert response.status_code == 200 and "in de toekomst" in response.content.decode()
    # a household that did not take part in the round
    response = client.post(
        url,
        {"reference": "STIL-10101", "grounds": "Bezwaar", "received_on": timezone.localdate().isoformat()},
    )
    assert (
        response.status_code == 200
        and "geen huishouden met deze referentie" in response.content.decode().lower()
    )
    # received after the time limit (the letter is older than 42 days)
    Letter.objects.filter(round=sent_round.round).update(sent_at=timezone.now() - dt.timedelta(days=50))
    response = client.post(
        url, {"reference": "KAN-61902", "grounds": "Bezwaar", "received_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 200 and "termijn" in response.content.decode()
    assert not Objection.objects.filter(round=sent_round.round).exists()


def test_a_decision_without_a_reason_is_refused_and_nothing_is_mailed(
    sent_round, login, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    objection = objection_register(
        actor=sent_round.officer,
        round=sent_round.round,
        reference="KAN-61902",
        grounds="Bezwaar",
        received_on=timezone.localdate(),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = login("verhuur").post(
            reverse("letting_objection_decide", args=[objection.pk]), {"outcome": "upheld", "reason": "   "}
        )
    assert response.status_code == 200
    assert "Geef de reden voor het besluit." in response.content.decode()
    objection.refresh_from_db()
    assert objection.status == "open" and objection.decision_reason == ""
    assert mail.outbox == []


def test_a_second_open_objection_is_refused(sent_round) -> None:  # type: ignore[no-untyped-def]
    kwargs = {
        "actor": sent_round.officer,
        "round": sent_round.round,
        "reference": "KAN-61902",
        "grounds": "Bezwaar",
    }
    objection_register(**kwargs, received_on=timezone.localdate())
    with pytest.raises(ValidationError, match="Er loopt al een bezwaar"):
        objection_register(**kwargs, received_on=timezone.localdate())
    assert Objection.objects.filter(round=sent_round.round).count() == 1


def test_another_corporation_and_another_household_do_not_find_the_objection(sent_round) -> None:  # type: ignore[no-untyped-def]
    objection = objection_register(
        actor=sent_round.officer,
        round=sent_round.round,
        reference="KAN-61902",
        grounds="Bezwaar",
        received_on=timezone.localdate(),
    )
    other = User.objects.create_user(username="verhuur-elders")
    Membership.objects.create(
        user=other, organisation=Organisation.objects.get(name=OTHER_CORPORATION), role=Role.LETTING_OFFICER
    )
    client = Client()
    log_in_verified(client, other)
    for name in ("letting_objection_detail", "letting_objection_decide"):
        assert client.get(reverse(name, args=[objection.pk])).status_code == 404
    assert client.get(reverse("letting_objection_register", args=[sent_round.round.pk])).status_code == 404
    # another household of the same corporation sees neither the objection nor the letter's form
    stranger = client_of(sent_round.households["later"])
    assert stranger.get(reverse("letting_objection_detail", args=[objection.pk])).status_code == 404
    channel_letter = letter_of(sent_round, "channel")
    assert stranger.get(reverse("letting_objection_lodge", args=[channel_letter.pk])).status_code == 404
