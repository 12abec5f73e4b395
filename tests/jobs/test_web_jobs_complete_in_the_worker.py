"""Acceptance: a round and an import submitted on the web run in the worker (``omkijken worker``,
a real subprocess on PostgreSQL) and the job's page shows their state and progress."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from omkijken.demo.personas import CORPORATION
from omkijken.exchange.models import ImportBatch
from omkijken.jobs.models import Job
from omkijken.letting.adverts.models import Advert
from omkijken.letting.rounds.models import Round
from omkijken.portfolio.models import Complex, Unit
from tests.jobs.conftest import wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

HEADER = "complexcode;eenheidcode;straat;huisnummer;toevoeging;postcode;plaats;verdieping;kamers;kale_huur"


def _job(pk: int) -> Job:
    return Job.objects.get(pk=pk)


def test_a_round_and_an_import_submitted_on_the_web_complete_in_the_worker(
    demo_world_committed, worker, login
) -> None:  # type: ignore[no-untyped-def]
    client = login("verhuur")
    # given a complex with vacancies open for a round
    advert = Advert.objects.filter(corporation__name=CORPORATION, status__in=["published", "closed"]).first()
    assert advert is not None
    complex_pk = advert.unit.complex_id
    # when the officer starts a round and uploads a CSV before any worker runs
    response = client.post(
        reverse("letting_round_new") + f"?complex={complex_pk}",
        {
            "name": "Ronde in de achtergrond",
            "on": timezone.localdate().isoformat(),
            "method": "optimal",
            "select_all": "on",
            "complex": complex_pk,
        },
    )
    round_job = Job.objects.get(kind="letting.round_run")
    assert response.status_code == 302 and response["Location"] == reverse("job_detail", args=[round_job.pk])
    code = Complex.objects.filter(corporation__name=CORPORATION).order_by("code").first().code
    upload = SimpleUploadedFile(
        "eenheden.csv",
        f"{HEADER}\n{code};ACHTER-1;Achtergrondstraat;5;;3997AA;Vechtstad;1;2;612,40\n".encode("cp1252"),
    )
    response = client.post(reverse("letting_exchange"), {"kind": "csv_units", "file": upload})
    import_job = Job.objects.get(kind="exchange.import")
    assert response.status_code == 302 and response["Location"] == reverse("job_detail", args=[import_job.pk])
    # then both wait, and their pages say so and poll for news
    for job in (round_job, import_job):
        page = client.get(reverse("job_detail", args=[job.pk])).content.decode()
        assert "In de wachtrij" in page and 'hx-trigger="every 2s"' in page
    assert not Round.objects.filter(name="Ronde in de achtergrond").exists()

    # when the worker runs
    worker()
    assert wait_for(lambda: _job(round_job.pk).finished and _job(import_job.pk).finished, timeout=180)

    # then the round was run and its page is linked from the job's
    round_job.refresh_from_db()
    assert round_job.state == Job.State.SUCCEEDED, round_job.errors
    rnd = Round.objects.get(name="Ronde in de achtergrond")
    assert round_job.result["url"] == reverse("letting_round_detail", args=[rnd.pk])
    # its progress went through the three steps
    assert (round_job.progress_done, round_job.progress_total) == (3, 3)
    fragment = client.get(reverse("job_detail", args=[round_job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "Klaar" in fragment and reverse("letting_round_detail", args=[rnd.pk]) in fragment
    assert "hx-trigger" not in fragment  # polling stops once the job has ended
    # and the import wrote its home and its batch, and dropped the uploaded file
    import_job.refresh_from_db()
    assert import_job.state == Job.State.SUCCEEDED, import_job.errors
    assert import_job.upload is None
    batch = ImportBatch.objects.get(pk=import_job.result["batch"])
    assert batch.created == 1 and Unit.objects.filter(code="ACHTER-1").exists()
