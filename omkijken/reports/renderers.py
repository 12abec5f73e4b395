"""A report as CSV, XLSX or an accessible PDF. The renderers only format what the selector built:
protected counts arrive as ``Cell`` and are written as "< 5" or their rounded value."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from omkijken.quotas.suppression import Cell
from omkijken.reports.selectors import Report, Value
from omkijken.web.pdf import render_pdf

FORMATS = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def display(value: Value) -> str:
    """A cell as text, in the active language's number format (1.234; € 1.234,50)."""
    if value is None:
        return ""
    if isinstance(value, Cell):
        return str(value) if value.value is None else formats.number_format(value.value, force_grouping=True)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return formats.number_format(value, 2, force_grouping=True)
    if isinstance(value, int):
        return formats.number_format(value, force_grouping=True)
    return str(value)


def is_number(value: Value) -> bool:
    return isinstance(value, (int, Decimal)) or (isinstance(value, Cell) and not value.suppressed)


def to_csv(report: Report) -> bytes:
    """One line per figure (section; table; row; column; value), semicolon-separated with a BOM,
    as Dutch spreadsheets open it; numbers without grouping so that they parse."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Section"), _("Table"), _("Row"), _("Column"), _("Value")])
    for section in report.sections:
        for table in section.tables:
            for row in [*table.rows, *table.footer]:
                head = display(row[0])
                for column, value in zip(table.header[1:], row[1:], strict=False):
                    if value is None:
                        continue
                    if isinstance(value, Cell):
                        text = str(value)
                    elif isinstance(value, Decimal):
                        text = f"{value:.2f}".replace(".", ",")
                    else:
                        text = str(value)
                    writer.writerow([section.heading, table.caption, head, column, text])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(report: Report) -> bytes:
    """One sheet per section: heading, text, then each table with its caption and a bold header."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    bold = Font(bold=True)
    info = book.create_sheet(_("Report")[:31])
    info.append([report.title])
    info["A1"].font = Font(bold=True, size=14)
    info.append([report.organisation])
    info.append([report.note])
    for i, section in enumerate(report.sections, start=1):
        name = f"{i} {section.heading}"[:31].translate({ord(c): " " for c in "[]:*?/\\"})
        sheet = book.create_sheet(name)
        sheet.append([section.heading])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([section.text])
        for table in section.tables:
            sheet.append([])
            sheet.append([table.caption])
            sheet.cell(row=sheet.max_row, column=1).font = bold
            sheet.append(list(table.header))
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            for row in [*table.rows, *table.footer]:
                sheet.append([_xlsx_value(v) for v in row])
        sheet.column_dimensions["A"].width = 40
    book.properties.title = report.title
    book.properties.language = get_language() or "nl"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value: Value) -> str | int | float | None:
    if isinstance(value, Cell):
        return str(value) if value.suppressed else value.value
    if isinstance(value, Decimal):
        return float(value)
    return value


def to_pdf(report: Report) -> bytes:
    return render_pdf(
        "reports/pdf/report.html",
        {"report": report, "sections": _displayed(report)},
        title=report.title,
        lang=get_language() or "nl",
    )


def _displayed(report: Report) -> list[dict[str, object]]:
    """The sections with every cell as (text, is a number), for the template."""
    return [
        {
            "section": section,
            "tables": [
                {
                    "table": table,
                    "rows": [[(display(v), is_number(v)) for v in row] for row in table.rows],
                    "footer": [[(display(v), is_number(v)) for v in row] for row in table.footer],
                }
                for table in section.tables
            ],
        }
        for section in report.sections
    ]


def render(report: Report, fmt: str) -> bytes:
    if fmt == "pdf":
        return to_pdf(report)
    if fmt == "csv":
        return to_csv(report)
    if fmt == "xlsx":
        return to_xlsx(report)
    raise ValueError(fmt)
