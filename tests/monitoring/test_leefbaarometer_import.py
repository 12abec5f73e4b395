"""The Leefbaarometer CSV is imported all or nothing, every wrong row named."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from omkijken.jobs.models import Job
from omkijken.monitoring.models import LeefbaarometerScore
from omkijken.portfolio.models import Complex

pytestmark = pytest.mark.django_db


def _upload(client, text: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/monitoring/leefbaarometer/",
        {"file": SimpleUploadedFile("lbm.csv", text.encode(), content_type="text/csv")},
    )


def test_scores_of_known_buurten_are_imported_and_shown_per_neighbourhood(login) -> None:  # type: ignore[no-untyped-def]
    code = Complex.objects.get(name="Vliethof").neighbourhood.code
    client = login("projectleider")
    response = _upload(
        client, f"bu_code;jaar;lbm;fys;onv;soc;vrz;won\n{code};2022;-0,0412;0,01;-0,05;-0,02;0,03;-0,01\n"
    )
    assert response.status_code == 302
    score = LeefbaarometerScore.objects.get(neighbourhood__code=code, year=2022)
    assert str(score.total) == "-0.0412" and str(score.social) == "-0.0200"
    page = client.get("/monitoring/leefbaarheid/?jaar=2022").content.decode()
    assert "-0,041" in page


def test_an_unknown_buurt_code_refuses_the_whole_file_and_names_the_row(login) -> None:  # type: ignore[no-untyped-def]
    code = Complex.objects.get(name="Vliethof").neighbourhood.code
    client = login("projectleider")
    _upload(client, f"bu_code,jaar,lbm\n{code},2022,0.01\nBU99999999,2022,0.02\n{code},twintig,0.01\n")
    job = Job.objects.filter(kind="monitoring.leefbaarometer_import").latest("pk")
    assert job.state == Job.State.FAILED
    text = " ".join(job.errors)
    assert "BU99999999" in text and "3" in text and "4" in text
    assert not LeefbaarometerScore.objects.exists()


def test_a_file_without_the_score_column_is_refused(login) -> None:  # type: ignore[no-untyped-def]
    _upload(login("admin"), "bu_code;jaar\nBU03440101;2022\n")
    job = Job.objects.filter(kind="monitoring.leefbaarometer_import").latest("pk")
    assert job.state == Job.State.FAILED and "lbm" in " ".join(job.errors)
