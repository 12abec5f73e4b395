"""Simple A4 documents (an evaluation, an announcement letter) as PDF, in a Unicode font.

fpdf2's core fonts only know Windows-1252, so a name in another script would turn into "?". These
documents embed DejaVu Sans (``settings.PDF_FONT_DIR``, installed from the npm registry with the
front-end assets), which covers Latin with every diacritic, Greek, Cyrillic and Arabic."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from fpdf import FPDF

# fontTools reports every glyph subset at INFO; a PDF is not news.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT = "DejaVu"


def font_dir() -> Path:
    return Path(settings.PDF_FONT_DIR)


@dataclass(frozen=True)
class Page:
    """One page: a small header line, an optional address block, a title, and (label, text)
    sections; a section with an empty label is a plain paragraph."""

    header: str
    title: str
    sections: Sequence[tuple[str, str]] = field(default_factory=list)
    address: Sequence[str] = field(default_factory=list)
    footer: str = ""


def render(pages: Sequence[Page], *, title: str, language: str = "nl") -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_lang(language)
    pdf.set_creator("Omkijken")
    pdf.add_font(FONT, "", str(font_dir() / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(font_dir() / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=20)
    for page in pages:
        pdf.add_page()
        pdf.set_font(FONT, size=9)
        pdf.multi_cell(0, 5, page.header, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
        if page.address:
            pdf.set_font(FONT, size=11)
            for line in page.address:
                pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(8)
        pdf.set_font(FONT, "B", 15)
        pdf.multi_cell(0, 8, page.title, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        for label, text in page.sections:
            if label:
                pdf.set_font(FONT, "B", 11)
                pdf.multi_cell(0, 6, label, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT, size=11)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        if page.footer:
            pdf.ln(4)
            pdf.set_font(FONT, size=9)
            pdf.multi_cell(0, 5, page.footer, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
