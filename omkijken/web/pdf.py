"""The one PDF stack: HTML templates rendered by WeasyPrint as tagged PDF/UA-1 with an embedded
Unicode font.

Letters, evaluations, announcement letters and the municipal report all come through
``render_pdf``. Why WeasyPrint and not fpdf2 with tagging:

* fpdf2's core fonts only know Windows-1252 ("Aydın" printed as "Ayd?n"); with a TrueType font it
  draws Unicode, but it shapes no Arabic (letters stay unjoined, left to right) and its tagging
  covers only a few structure elements, written by hand in every document.
* WeasyPrint lays out HTML and CSS with Pango/HarfBuzz (Arabic joined and right to left, Turkish
  and Polish diacritics), and with ``pdf_variant="pdf/ua-1"`` writes the structure tree from the
  HTML itself: headings, paragraphs, tables with header cells, the document language and title.
  A document is an ordinary Django template, translated with the same ``{% translate %}`` as the
  pages, and tested as text.

The font is DejaVu Sans (``settings.PDF_FONT_DIR``, from the npm package ``dejavu-fonts-ttf``
that ``npm ci`` installs with the front-end assets): it covers Latin with every diacritic, Greek,
Cyrillic and basic Arabic. WeasyPrint embeds the subset a document uses.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

# fontTools reports every glyph subset at INFO, WeasyPrint every unsupported CSS hint at WARNING.
logging.getLogger("fontTools").setLevel(logging.WARNING)
logging.getLogger("weasyprint").setLevel(logging.ERROR)


_local = threading.local()


def _font_config() -> object:
    """One WeasyPrint font configuration per thread, kept between documents: it registers the
    @font-face fonts once (WeasyPrint keys them by their rules), which halves the time of a
    letter in a round of many."""
    from weasyprint.text.fonts import FontConfiguration

    config = getattr(_local, "fonts", None)
    if config is None:
        config = _local.fonts = FontConfiguration()
    return config


def font_dir() -> Path:
    return Path(settings.PDF_FONT_DIR)


def font_faces() -> str:
    """The @font-face rules of the embedded font (regular and bold)."""
    regular = (font_dir() / "DejaVuSans.ttf").as_uri()
    bold = (font_dir() / "DejaVuSans-Bold.ttf").as_uri()
    return (
        f'@font-face {{ font-family: "Omkijken"; src: url("{regular}"); font-weight: normal; }}\n'
        f'@font-face {{ font-family: "Omkijken"; src: url("{bold}"); font-weight: bold; }}'
    )


def render_pdf(
    template_name: str, context: dict[str, Any], *, title: str, lang: str = "nl", compress: bool = True
) -> bytes:
    """A tagged PDF (PDF/UA-1) of an HTML template that extends ``pdf/base.html``. ``title`` is the
    document title (shown by readers instead of the file name), ``lang`` its language."""
    from weasyprint import HTML

    html = render_to_string(
        template_name, {**context, "pdf_title": title, "pdf_lang": lang, "pdf_font_faces": font_faces()}
    )
    fonts = _font_config()
    document = HTML(string=html, base_url=str(font_dir()))
    return bytes(
        document.write_pdf(
            pdf_variant="pdf/ua-1",
            font_config=fonts,
            uncompressed_pdf=not compress,
            pdf_identifier=False,
        )
    )
