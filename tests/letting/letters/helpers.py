"""Reading what a letter says, in every form it takes: HTML, plain text and PDF."""

from __future__ import annotations

import html
import io
import re

from pypdf import PdfReader

from omkijken.letting.letters.services import letter_pdf
from omkijken.letting.models import Letter


def pdf_text(data: bytes) -> str:
    """The text of a PDF, page by page, as a reader (or a screen reader) extracts it."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


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
