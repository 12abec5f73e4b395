"""'Send all letters' is a job: each letter is marked sent only when its mail went out, a mail
server that fails mid-way leaves the rest for the next attempt, and no letter goes out twice."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from omkijken.jobs.models import Delivery, Job
from omkijken.letting.letters.services import letters_for_round
from omkijken.letting.models import Letter
from tests.jobs.mailservers import FlakyBackend
from tests.second_factor import log_in_verified

pytestmark = pytest.mark.django_db


def test_the_officer_sends_all_letters_as_a_job(letter_round, login) -> None:  # type: ignore[no-untyped-def]
    letters_for_round(actor=letter_round.officer, round=letter_round.round)
    response = login("verhuur").post(reverse("letting_round_letters_send", args=[letter_round.round.pk]))
    job = Job.objects.get(kind="letting.letters_send")
    assert response.status_code == 302
    assert job.state == Job.State.SUCCEEDED, job.errors
    assert job.result["message"] == "Per e-mail verstuurd: 6. Per post te versturen: 1."
    assert not Letter.objects.filter(round=letter_round.round, sent_at__isnull=True).exists()
    assert len(mail.outbox) == 6


def test_a_mail_server_failing_mid_way_leaves_the_rest_unsent_and_nothing_twice(
    letter_round, persona, settings
) -> None:  # type: ignore[no-untyped-def]
    from omkijken.jobs.services import job_submit

    letters_for_round(actor=letter_round.officer, round=letter_round.round)
    # given a mail server that takes two messages and then refuses the third
    settings.EMAIL_BACKEND = "tests.jobs.mailservers.FlakyBackend"
    FlakyBackend.seen, FlakyBackend.FAIL_FIRST = 0, 0
    original = FlakyBackend.send_messages

    def third_fails(self, messages):  # type: ignore[no-untyped-def]
        if FlakyBackend.seen == 2:
            FlakyBackend.seen += 1
            raise OSError("connection reset by the mail server")
        return original(self, messages)

    FlakyBackend.send_messages = third_fails  # type: ignore[method-assign]
    try:
        job = job_submit(
            actor=persona("verhuur"),
            kind="letting.letters_send",
            title="Brieven",
            params={"round": letter_round.round.pk},
        )
    finally:
        FlakyBackend.send_messages = original  # type: ignore[method-assign]
    # then the job (run inline, so this was its last attempt) failed and says so
    assert job.state == Job.State.FAILED
    sent_first = set(
        Letter.objects.filter(round=letter_round.round, sent_at__isnull=False, sent_to__gt="").values_list(
            "pk", flat=True
        )
    )
    assert len(sent_first) == 2 and len(mail.outbox) == 2
    # and the refused letter is not "perhaps sent": its claim was cleared
    assert not Delivery.objects.filter(claimed_at__isnull=False, sent_at__isnull=True).exists()
    # when it runs again with the server back, the rest goes out and the first two not again
    again = job_submit(
        actor=persona("verhuur"),
        kind="letting.letters_send",
        title="Brieven",
        params={"round": letter_round.round.pk},
    )
    assert again.state == Job.State.SUCCEEDED, again.errors
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == 6 and len(set(recipients)) == 6


def test_a_letter_perhaps_sent_by_a_dead_worker_is_not_sent_again_but_named(letter_round, persona) -> None:  # type: ignore[no-untyped-def]
    from omkijken.jobs.services import job_submit

    letters_for_round(actor=letter_round.officer, round=letter_round.round)
    letter = Letter.objects.get(round=letter_round.round, household=letter_round.households["passend"])
    # given a worker that handed this letter to the mail server and died before recording it
    Delivery.objects.create(key=f"letter:{letter.pk}", claimed_at=letter.created_at)
    job = job_submit(
        actor=persona("verhuur"),
        kind="letting.letters_send",
        title="Brieven",
        params={"round": letter_round.round.pk},
    )
    # then the others went out, this one did not, and the job names its household
    assert job.state == Job.State.FAILED
    assert any(letter.household.name in error for error in job.errors)
    assert "passend@example.org" not in [m.to[0] for m in mail.outbox]
    assert len(mail.outbox) == 5
    letter.refresh_from_db()
    assert letter.sent_at is None
    # and the officer may send it on purpose from the letter's page
    login_response = None
    from django.test import Client

    client = Client()
    log_in_verified(client, persona("verhuur"))
    login_response = client.post(reverse("letting_letter_send", args=[letter.pk]))
    assert login_response.status_code == 302
    letter.refresh_from_db()
    assert letter.sent_at is not None and [m.to[0] for m in mail.outbox].count("passend@example.org") == 1


def test_the_letters_page_reads_the_rounds_stored_json_once_not_per_letter(letter_round, login) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    letters = letters_for_round(actor=letter_round.officer, round=letter_round.round)
    assert len(letters) == 7
    with CaptureQueriesContext(connection) as queries:
        response = login("verhuur").get(reverse("letting_round_letters", args=[letter_round.round.pk]))
    assert response.status_code == 200
    # the round itself is read once (its name and status); the letters' query leaves its JSON out
    assert sum('"snapshot"' in q["sql"] for q in queries.captured_queries) <= 1
