"""Letters and evaluations come out of one PDF stack: tagged, with an embedded Unicode font, so a
Turkish, Arabic or Polish name prints as it is written (issue 14 part 8: "Ayd?n")."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from omkijken.letting.letters.pdf import PdfLetter, render_pdf
from omkijken.projects.pdf import Page, render

NAMES = ("Aydın", "Şükrü", "محمد", "Łukasz Wójcik")


def letter_to(names: str) -> bytes:
    return render_pdf(
        PdfLetter(
            corporation_name="Woonhaven",
            corporation_contact="Postbus 1, Vechtstad",
            place_and_date="Datum: 4 december 2026",
            addressee=[f"Huishouden {names}", "Brievenlaan 3", "9999 ZZ Vechtstad"],
            subject_label="Betreft",
            subject="Uw reactie op onze woningen",
            body_text="Beste bewoner,\n\nUitleg\n------\n\nWij hebben uw reactie ontvangen.",
            reference_label="Uw kenmerk: PAS-1",
            page_label="pagina {page} van {pages}",
        )
    )


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def is_tagged(data: bytes) -> bool:
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    return "/StructTreeRoot" in root and bool(root["/MarkInfo"].get("/Marked")) and root.get("/Lang") == "nl"


def test_a_letter_prints_turkish_arabic_and_polish_names_as_written() -> None:
    data = letter_to(" ".join(NAMES))
    text = text_of(data)
    for name in NAMES:
        assert name in text
    assert "?" not in text
    assert "pagina 1 van 1" in text and "Uw kenmerk: PAS-1" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_pdftotext_reads_the_names_back_from_a_letter() -> None:
    data = letter_to(" ".join(NAMES))
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    for name in ("Aydın", "Şükrü", "Łukasz Wójcik", "محمد"):
        assert name in text


def test_a_letter_is_a_tagged_pdf_with_its_language_and_title() -> None:
    data = letter_to("Aydın")
    reader = PdfReader(io.BytesIO(data))
    assert is_tagged(data)
    assert reader.metadata is not None and reader.metadata.title == "Uw reactie op onze woningen"


def test_an_evaluation_page_prints_the_names_and_is_tagged() -> None:
    data = render(
        [
            Page(
                header="Woonhaven · Vliethof",
                title="Jaarevaluatie 2026",
                sections=[("Wat ging goed", " ".join(NAMES))],
            )
        ],
        title="Vliethof: Jaarevaluatie 2026",
        language="nl",
    )
    text = text_of(data)
    assert "Jaarevaluatie 2026" in text and "Wat ging goed" in text
    for name in NAMES:
        assert name in text
    assert is_tagged(data)
