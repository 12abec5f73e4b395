"""The PDF of a letter, for households without an e-mail address and for the archive."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypedDict

# fpdf2's built-in Helvetica with the Windows-1252 encoding (WinAnsiEncoding in the PDF): it has
# é, ë, ï, the euro sign and typographic quotes and dashes, needs no font file (nothing to install
# on a fresh machine: Debian's DejaVu is not guaranteed and no installed Python package ships a
# text font), and keeps the PDF small. Characters outside Windows-1252 (a name in another script)
# fall back to their unaccented form, or "?" as a last resort.


def pdf_safe(text: str) -> str:
    import unicodedata

    out = []
    for ch in text:
        try:
            ch.encode("cp1252")
            out.append(ch)
        except UnicodeEncodeError:
            plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
            out.append(plain or "?")
    return "".join(out)


class _NextLine(TypedDict):
    """fpdf2's cell/multi_cell keywords that end a cell by moving to the next line's left margin."""

    new_x: str
    new_y: str


@dataclass(frozen=True)
class PdfLetter:
    corporation_name: str
    corporation_contact: str
    place_and_date: str
    addressee: list[str]
    subject_label: str
    subject: str
    body_text: str
    reference_label: str
    page_label: str  # with {page} and {pages}


def text_blocks(body_text: str) -> list[tuple[str, str]]:
    """("heading" | "paragraph", text) blocks of a letter's plain text; a heading is a line
    underlined with dashes."""
    blocks: list[tuple[str, str]] = []
    for raw in re.split(r"\n\s*\n", body_text.strip()):
        lines = raw.splitlines()
        if len(lines) == 2 and lines[1] and set(lines[1]) == {"-"}:
            blocks.append(("heading", lines[0]))
        else:
            blocks.append(("paragraph", "\n".join(lines)))
    return blocks


def render_pdf(doc: PdfLetter, *, compress: bool = True) -> bytes:
    from fpdf import FPDF

    class LetterPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("helvetica", size=8)
            self.set_text_color(90, 90, 90)
            label = doc.page_label.format(page=self.page_no(), pages="{nb}")
            self.cell(0, 8, pdf_safe(f"{doc.reference_label}   ·   {label}"), align="C")

    pdf = LetterPDF(format="A4", unit="mm")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_compression(compress)
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.set_title(pdf_safe(doc.subject))
    pdf.set_author(pdf_safe(doc.corporation_name))
    pdf.set_creator("Omkijken")
    pdf.add_page()
    line: _NextLine = {"new_x": "LMARGIN", "new_y": "NEXT"}
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 9, pdf_safe(doc.corporation_name), **line)
    if doc.corporation_contact:
        pdf.set_font("helvetica", size=9)
        pdf.set_text_color(90, 90, 90)
        pdf.cell(0, 5, pdf_safe(doc.corporation_contact), **line)
        pdf.set_text_color(0, 0, 0)
    pdf.ln(14)
    pdf.set_font("helvetica", size=11)
    for text in doc.addressee:
        pdf.cell(0, 5.5, pdf_safe(text), **line)
    pdf.ln(10)
    pdf.cell(0, 5.5, pdf_safe(doc.place_and_date), **line)
    pdf.ln(4)
    pdf.set_font("helvetica", "B", 11)
    pdf.multi_cell(0, 5.5, pdf_safe(f"{doc.subject_label}: {doc.subject}"), **line)
    pdf.ln(4)
    for kind, text in text_blocks(doc.body_text):
        if kind == "heading":
            pdf.ln(1)
            pdf.set_font("helvetica", "B", 11)
            pdf.multi_cell(0, 5.5, pdf_safe(text), **line)
            pdf.ln(1)
        else:
            pdf.set_font("helvetica", size=11)
            pdf.multi_cell(0, 5.5, pdf_safe(text), **line)
            pdf.ln(3)
    return bytes(pdf.output())
