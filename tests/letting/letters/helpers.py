"""Reading what a letter says, in every form it takes: HTML, plain text and PDF."""

from __future__ import annotations

import html
import re

from omkijken.letting.letters.services import letter_pdf
from omkijken.letting.models import Letter

_TJ = re.compile(rb"\((.*?)(?<!\\)\) Tj")


def pdf_text(data: bytes) -> str:
    """The text drawn in an uncompressed fpdf2 PDF (core fonts, Windows-1252), one line per Tj."""
    lines = []
    for raw in _TJ.findall(data):
        raw = re.sub(rb"\\([()\\])", rb"\1", raw)
        lines.append(raw.decode("cp1252"))
    return "\n".join(lines)


def flat(text: str) -> str:
    return " ".join(text.split())


def letter_texts(letter: Letter) -> dict[str, str]:
    """The HTML (unescaped), the plain text and the PDF text of a letter, whitespace flattened."""
    return {
        "html": flat(html.unescape(re.sub(r"<[^>]+>", " ", letter.body_html))),
        "text": flat(letter.body_text),
        "pdf": flat(pdf_text(letter_pdf(letter, compress=False))),
        "subject": letter.subject,
    }
