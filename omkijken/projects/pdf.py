"""Simple A4 documents (an evaluation, an announcement letter) as PDF, through the one PDF stack
(``omkijken.web.pdf``: tagged PDF/UA-1, DejaVu Sans embedded, so every script a name may be in
prints as written)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from omkijken.web.pdf import render_pdf


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
    return render_pdf("projects/pdf/pages.html", {"pages": pages}, title=title, lang=language)
