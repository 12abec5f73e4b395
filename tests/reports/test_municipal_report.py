"""The municipal report as a file (PDF, CSV, XLSX), from the command line and from the reports
page: headings and figures present, and for the municipality no count under 5."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from omkijken.accounts.models import Role
from omkijken.jobs.models import Job
from omkijken.quotas.models import Quota
from omkijken.reports.selectors import count_cells, municipal_report
from tests.factories import make_login
from tests.quotas.vechtdal import Municipality
from tests.second_factor import log_in_verified

pytestmark = pytest.mark.django_db

SMALL = re.compile(r"(?<![\w.,:/<\-])[0-4](?![\w.,:/\-])")


@pytest.fixture
def vechtdal() -> Municipality:
    """Vechtdal: 10 formerly homeless households housed this year in Aabuurt, 3 in Beebuurt, none
    in Ceebuurt, among enough other tenants that homes and occupied homes are never under 5; a
    quota of 20."""
    place = Municipality()
    today = timezone.localdate()
    place.house("Aabuurt", vulnerable=10, regular=10, start=today)
    place.house("Beebuurt", vulnerable=3, regular=12, start=today)
    place.house("Ceebuurt", vulnerable=0, regular=15, start=today)
    Quota.objects.create(
        municipality=place.municipality,
        corporation=place.corporation,
        year=today.year,
        target_group="DAK",
        required=20,
    )
    return place


def pdf_text(data: bytes) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode()
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_municipal_pdf_shows_headings_and_figures_and_no_count_under_five(vechtdal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # when the report is written from the command line as the municipality
    out = tmp_path / "rapport.pdf"
    call_command(
        "report",
        "municipal",
        "--year",
        str(timezone.localdate().year),
        "--format",
        "pdf",
        "-o",
        str(out),
        "--municipality",
        "9998",
    )
    data = out.read_bytes()
    text = pdf_text(data)
    # then it is a tagged PDF in Dutch with the report's headings and figures
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "nl"
    for heading in (
        "Taakstelling en realisatie",
        "Per buurt en doelgroep",
        "Signalen per buurt",
        "Deelname",
    ):
        assert heading in text
    assert "Aabuurt" in text and "Gemeente Vechtdal" in text
    assert re.search(r"<\s?5", text)  # Beebuurt's 3 and Ceebuurt's 0
    assert re.search(r"\b10\b", text)  # Aabuurt's 10 (a multiple of 5: unchanged by rounding)
    # and no count under 5 appears anywhere (the page numbers and "1 januari" in a text aside)
    assert not SMALL.findall(re.sub(r"\d+\s*/\s*\d+|1\s+januari", "", text))


def test_every_count_the_municipality_gets_is_hidden_or_a_rounded_five_or_more(vechtdal) -> None:  # type: ignore[no-untyped-def]
    report = municipal_report(vechtdal.officer, year=timezone.localdate().year)
    assert report is not None and report.protected
    cells = [cell for section in report.sections for cell in count_cells(section)]
    assert cells
    assert all(c.suppressed or (c.value is not None and c.value >= 5 and c.value % 5 == 0) for c in cells)


def test_the_corporation_gets_its_own_exact_figures(vechtdal) -> None:  # type: ignore[no-untyped-def]
    leader = make_login(username="leider-vd", organisation=vechtdal.corporation, role=Role.PROJECT_LEADER)
    report = municipal_report(leader, year=timezone.localdate().year)
    assert report is not None and not report.protected
    sections = {section.key: section for section in report.sections}
    housed = sections["quota"].tables[0].rows[0][3]
    assert housed.value == 13  # type: ignore[union-attr]
    hoods = {row[0]: row[4].value for row in sections["neighbourhoods"].tables[0].rows}  # type: ignore[union-attr]
    assert hoods == {"Aabuurt": 10, "Beebuurt": 3, "Ceebuurt": 0}


def test_the_csv_lists_each_figure_on_a_line_with_small_counts_hidden(vechtdal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "rapport.csv"
    call_command(
        "report",
        "municipal",
        "--year",
        str(timezone.localdate().year),
        "--format",
        "csv",
        "-o",
        str(out),
        "--municipality",
        "9998",
    )
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Sectie", "Tabel", "Rij", "Kolom", "Waarde"]
    vulnerable = {r[2]: r[4] for r in rows if r[3] == "Kwetsbare huishoudens"}
    assert vulnerable == {"Aabuurt": "10", "Beebuurt": "< 5", "Ceebuurt": "< 5", "Totaal": "15"}
    housed = [r[4] for r in rows if r[3] == "Gehuisvest"]
    assert housed == ["15"]  # 13, rounded to 5


def test_the_xlsx_has_a_sheet_per_section_with_numbers_as_numbers(vechtdal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "rapport.xlsx"
    call_command(
        "report",
        "municipal",
        "--year",
        str(timezone.localdate().year),
        "--format",
        "xlsx",
        "-o",
        str(out),
        "--municipality",
        "9998",
    )
    book = load_workbook(out)
    report = municipal_report(vechtdal.officer, year=timezone.localdate().year)
    assert report is not None
    assert len(book.sheetnames) == 1 + len(report.sections)  # the cover and a sheet per section
    values = [c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row]
    assert "< 5" in values and 10 in values
    assert not [v for v in values if isinstance(v, int) and 0 < v < 5]


def test_the_reports_page_makes_the_file_in_a_job_and_offers_it(vechtdal, client) -> None:  # type: ignore[no-untyped-def]
    log_in_verified(client, vechtdal.officer)
    page = client.get(reverse("reports"))
    assert page.status_code == 200 and "Rapportages" in page.content.decode()
    response = client.post(
        reverse("reports"), {"year": timezone.localdate().year, "quarter": "", "format": "xlsx"}
    )
    job = Job.objects.get(started_by=vechtdal.officer)
    assert response.status_code == 302 and response["Location"] == reverse("job_detail", args=[job.pk])
    assert job.state == Job.State.SUCCEEDED and job.output_name.endswith(".xlsx")
    download = client.get(reverse("job_download", args=[job.pk]))
    assert download.status_code == 200
    load_workbook(
        io.BytesIO(b"".join(download.streaming_content) if download.streaming else download.content)
    )


def test_a_year_out_of_range_is_refused_in_dutch_and_no_job_is_made(vechtdal, client) -> None:  # type: ignore[no-untyped-def]
    log_in_verified(client, vechtdal.officer)
    response = client.post(reverse("reports"), {"year": "1850", "quarter": "5", "format": "docx"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Kies een jaar van 2000 tot en met 2100." in body
    assert "Kies het hele jaar of een kwartaal van 1 tot en met 4." in body
    assert not Job.objects.filter(started_by=vechtdal.officer).exists()


def test_the_reports_page_takes_a_constant_number_of_queries(
    vechtdal, client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    log_in_verified(client, vechtdal.officer)
    for fmt in ("csv", "pdf"):
        client.post(reverse("reports"), {"year": timezone.localdate().year, "format": fmt})
    with django_assert_max_num_queries(20):
        assert client.get(reverse("reports")).status_code == 200
