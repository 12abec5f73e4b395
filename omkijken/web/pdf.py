"""A readable, tagged PDF (PDF/UA-1) from an HTML template, made by WeasyPrint."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template_name: str, context: dict[str, Any], *, title: str, lang: str) -> bytes:
    """Render ``template_name`` with ``context`` (plus ``title`` and ``lang``) to PDF bytes."""
    import weasyprint

    with translation.override(lang):
        html = render_to_string(template_name, {**context, "title": title, "lang": lang})
    pdf = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None
    return bytes(pdf)
