"""The job runner and the job pages, inline (any database): who sees a job, that a job runs once,
that its writes and its "done" commit together, and that errors end it visibly."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from omkijken.accounts.models import Organisation
from omkijken.jobs import registry
from omkijken.jobs.models import Job
from omkijken.jobs.runner import JobContext, execute
from omkijken.jobs.services import job_submit

pytestmark = pytest.mark.django_db

calls: list[int] = []


@registry.register("tests.count")
def count(ctx: JobContext) -> dict[str, int]:
    calls.append(ctx.job.pk)
    ctx.progress(1, 2, "halfway")
    return {"n": len(calls)}


@registry.register("tests.write_then_fail")
def write_then_fail(ctx: JobContext) -> None:
    with ctx.finishing():
        Organisation.objects.create(name="Half geschreven", kind=Organisation.Kind.CORPORATION)
        raise ValidationError("De derde regel klopt niet.")


@registry.register("tests.crash")
def crash(ctx: JobContext) -> None:
    raise KeyError("oops")


@registry.register("tests.database_gone")
def database_gone(ctx: JobContext) -> None:
    raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture(autouse=True)
def _reset_calls() -> None:
    calls.clear()


def test_a_job_runs_once_even_when_the_queue_delivers_it_twice(persona) -> None:  # type: ignore[no-untyped-def]
    job = job_submit(actor=persona("verhuur"), kind="tests.count", title="Tellen")
    # it ran inline and is done, with its result and full progress
    assert job.state == Job.State.SUCCEEDED and job.result == {"n": 1}
    assert (job.progress_done, job.progress_total) == (2, 2)
    # when the queue hands it out again (a retry after the commit), nothing runs
    execute(job.pk)
    assert calls == [job.pk]


def test_submitting_the_same_work_while_it_waits_returns_the_waiting_job(persona, settings) -> None:  # type: ignore[no-untyped-def]
    settings.JOBS_MODE = "thread"  # started after commit, which a test never reaches: it waits
    first = job_submit(actor=persona("verhuur"), kind="tests.count", title="Tellen", key="tel:1")
    again = job_submit(actor=persona("verhuur"), kind="tests.count", title="Tellen", key="tel:1")
    assert again.pk == first.pk and first.state == Job.State.QUEUED
    # once it has ended, the same key starts new work
    execute(first.pk)
    assert (
        job_submit(actor=persona("verhuur"), kind="tests.count", title="Tellen", key="tel:1").pk != first.pk
    )


def test_a_failing_job_keeps_nothing_of_its_writes_and_says_why(persona) -> None:  # type: ignore[no-untyped-def]
    job = job_submit(actor=persona("verhuur"), kind="tests.write_then_fail", title="Half")
    assert job.state == Job.State.FAILED
    assert job.errors == ["De derde regel klopt niet."]
    assert not Organisation.objects.filter(name="Half geschreven").exists()


def test_an_unexpected_error_fails_the_job_with_a_message_not_a_traceback(persona) -> None:  # type: ignore[no-untyped-def]
    job = job_submit(actor=persona("verhuur"), kind="tests.crash", title="Crash")
    assert job.state == Job.State.FAILED
    assert job.errors == ["De taak is gestopt door een onverwachte fout (KeyError)."]


def test_a_lost_database_is_retried_and_fails_visibly_after_the_last_attempt(persona, settings) -> None:  # type: ignore[no-untyped-def]
    settings.JOBS_MODE = "thread"
    job = job_submit(actor=persona("verhuur"), kind="tests.database_gone", title="Weg")
    # an attempt that may be followed by another: back in the queue, and the queue is told to retry
    with pytest.raises(OperationalError):
        execute(job.pk, last_attempt=False)
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED and job.attempts == 1
    # the last attempt: failed, with the reason
    execute(job.pk, last_attempt=True)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.attempts == 2
    assert "te vaak onderbroken" in job.errors[0]


def test_only_who_started_a_job_sees_it(persona, login, settings) -> None:  # type: ignore[no-untyped-def]
    settings.JOBS_MODE = "thread"
    job = job_submit(actor=persona("verhuur"), kind="tests.count", title="Mijn taak")
    officer = login("verhuur")
    page = officer.get(reverse("job_detail", args=[job.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Mijn taak" in html and "In de wachtrij" in html and 'hx-trigger="every 2s"' in html
    assert "Mijn taak" in officer.get(reverse("job_list")).content.decode()
    # another user of the same corporation, and anyone else, get 404; without login, the login page
    assert login("projectleider").get(reverse("job_detail", args=[job.pk])).status_code == 404
    assert login("buur").get(reverse("job_detail", args=[job.pk])).status_code == 404
    assert "Mijn taak" not in login("projectleider").get(reverse("job_list")).content.decode()
    assert Client().get(reverse("job_detail", args=[job.pk])).status_code == 302


def test_the_polled_fragment_stops_polling_once_the_job_has_ended(persona, login) -> None:  # type: ignore[no-untyped-def]
    job = job_submit(actor=persona("verhuur"), kind="tests.crash", title="Crash")
    fragment = login("verhuur").get(reverse("job_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert "<html" not in html and "hx-trigger" not in html
    assert "Mislukt" in html and "onverwachte fout" in html


def test_an_export_prepared_in_the_background_is_downloaded_by_its_starter_only(login) -> None:  # type: ignore[no-untyped-def]
    officer = login("verhuur")
    response = officer.post(reverse("letting_exchange_export_job", args=["eenheden"]))
    job = Job.objects.get(kind="exchange.export")
    assert response.status_code == 302 and response["Location"] == reverse("job_detail", args=[job.pk])
    assert job.state == Job.State.SUCCEEDED
    download = officer.get(reverse("job_download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"].startswith("application/json")
    assert download.content.lstrip().startswith(b"[") or download.content.lstrip().startswith(b"{")
    assert login("projectleider").get(reverse("job_download", args=[job.pk])).status_code == 404
