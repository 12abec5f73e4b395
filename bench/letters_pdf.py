"""Letter PDF rendering speed: how many letters per second the one PDF stack renders (WeasyPrint,
tagged PDF/UA-1, DejaVu embedded), the cost behind a round's bulk letters (1,355 in the demo's
large round), rendered in the letters job. Median of N runs; figures printed, never asserted.

    .venv/bin/python bench/letters_pdf.py --letters 100 --runs 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BODY = (
    "Beste heer Yılmaz,\n\nU reageerde op de woning Brievenlaan 3. De woning is aan een ander huishouden "
    "aangeboden.\n\nWaarom niet aan u\n-----------------\n\nVolgens de regels voor passend toewijzen mogen wij "
    "u deze woning niet aanbieden: uw inkomen past niet bij de huur.\n\nBezwaar maken\n-------------\n\n"
    "Bent u het niet eens met dit besluit? Dan kunt u binnen 42 dagen na de datum van deze brief bezwaar maken.\n\n"
    "Met vriendelijke groet,\nWoonhaven"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    ns = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omkijken.settings")
    import django

    django.setup()
    from omkijken.letting.letters.pdf import PdfLetter, render_pdf

    def letter(i: int) -> PdfLetter:
        return PdfLetter(
            corporation_name="Woonhaven",
            corporation_contact="Postbus 1, 9999 ZZ Vechtstad · 030 123 45 67",
            place_and_date="Datum: 4 december 2026",
            addressee=[f"Huishouden Aydın Şükrü {i}", "Brievenlaan 3", "9999 ZZ Vechtstad"],
            subject_label="Betreft",
            subject="Uw reactie op onze woningen: de uitkomst",
            body_text=BODY,
            reference_label=f"Uw kenmerk: PAS-{i:05d}",
            page_label="pagina {page} van {pages}",
        )

    render_pdf(letter(0))  # warm up (fonts, templates)
    rates, sizes = [], []
    for _ in range(ns.runs):
        start = time.perf_counter()
        for i in range(ns.letters):
            sizes.append(len(render_pdf(letter(i))))
        rates.append(ns.letters / (time.perf_counter() - start))
    rate = statistics.median(rates)
    print(
        f"letters/s: median {rate:.1f} of {ns.runs} runs of {ns.letters} (runs: {', '.join(f'{r:.1f}' for r in rates)}); "
        f"median PDF {statistics.median(sizes) / 1024:.0f} KiB; a round of 1,355 letters ≈ {1355 / rate / 60:.1f} min; "
        f"load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
