"""In Debian's Chromium: the municipal officer (gemeente) chooses a year, the report is made in a
job, and she downloads the XLSX from the job page; both pages axe-clean (WCAG 2.x A and AA)."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.browser.conftest import axe_violations, log_in

pytestmark = [pytest.mark.browser]


def test_the_municipality_downloads_the_xlsx_report_from_the_job_page(
    page,
    live_server,
    demo_world_committed,  # type: ignore[no-untyped-def]
) -> None:
    # given gemeente on the reports page
    log_in(page, live_server.url, "gemeente")
    page.goto(f"{live_server.url}/rapportages/")
    assert page.get_by_role("heading", name="Rapportages", exact=True).is_visible()
    assert axe_violations(page) == []
    # when she asks for this year's report as Excel
    page.get_by_label("Jaar").fill(str(timezone.localdate().year))
    page.get_by_label("Bestand").select_option("xlsx")
    page.get_by_role("button", name="Rapportage maken").click()
    page.wait_for_load_state("networkidle")
    # then the job page offers the file, and it is a workbook of the report
    link = page.get_by_role("button", name="Download")
    link.wait_for(timeout=60_000)
    assert axe_violations(page) == []
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
    assert "Taakstelling en realisatie" in [
        c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row
    ]
