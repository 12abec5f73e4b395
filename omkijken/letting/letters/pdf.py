"""The PDF of a letter, for households without an e-mail address and for the archive: the one
PDF stack (``omkijken.web.pdf``, tagged, with an embedded Unicode font, so "Aydın" stays Aydın)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from omkijken.web.pdf import render_pdf as render_template_pdf


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
    language: str = "nl"


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


def css_string(text: str) -> str:
    """A CSS string literal of ``text`` (for generated content such as the page footer)."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,:;·-()'/" else f"\\{ord(ch):06x}" for ch in text)
    return f'"{escaped}"'


def footer_content(reference_label: str, page_label: str) -> str:
    """The CSS ``content`` of the footer: the reference, then "page {page} of {pages}" with the
    page counters in place of the placeholders."""
    parts = [css_string(f"{reference_label}   ·   ")]
    for piece in re.split(r"(\{page\}|\{pages\})", page_label):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def render_pdf(doc: PdfLetter, *, compress: bool = True) -> bytes:
    return render_template_pdf(
        "letting/pdf/letter.html",
        {
            "doc": doc,
            "blocks": text_blocks(doc.body_text),
            "footer_css": footer_content(doc.reference_label, doc.page_label),
        },
        title=doc.subject,
        lang=doc.language,
        compress=compress,
    )
