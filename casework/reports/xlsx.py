"""xlsx export of a report: one sheet per table, numbers as numbers, hidden cells as "<5" or "x".

Written from the same Table objects the page shows (anonymised: the same rounded figures), so
export and page cannot disagree.
"""

from __future__ import annotations

import io
import re

import xlsxwriter
from django.utils.translation import gettext as _

from .formatting import SUPPRESSED_PRIMARY, SUPPRESSED_SECONDARY, anonymised_note, number
from .tables import Cell, Table


def _sheet_name(title: str, used: set) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", title)[:28].strip() or "Sheet"
    base, n = name, 2
    while name.lower() in used:
        name = f"{base[:25]} {n}"
        n += 1
    used.add(name.lower())
    return name


def _value(cell: Cell):
    if cell.state == "primary":
        return SUPPRESSED_PRIMARY
    if cell.state == "secondary":
        return SUPPRESSED_SECONDARY
    if cell.state == "na":
        return ""
    return cell.value


def workbook(*, title: str, scope_label: str, filters: list[tuple[str, str]], tables: list[Table],
             texts: list[dict] | None = None, anonymised: bool = False, more_texts: int = 0) -> bytes:
    """The report's tables, a sheet each, and its texts; `more_texts` (a number) says that only the
    newest that many texts are in the file and more match."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    heading = book.add_format({"bold": True, "font_size": 14})
    header = book.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1, "text_wrap": True})
    total = book.add_format({"bold": True, "top": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    used: set = set()
    for table in tables:
        sheet = book.add_worksheet(_sheet_name(table.title, used))
        sheet.write(0, 0, f"{title}: {table.title}", heading)
        sheet.write(1, 0, scope_label)
        row = 2
        for label, value in filters:
            sheet.write(row, 0, label, bold)
            sheet.write(row, 1, value)
            row += 1
        if anonymised:
            sheet.write(row, 0, anonymised_note())
            row += 1
        if table.unit_note:
            sheet.write(row, 0, table.unit_note)
            row += 1
        row += 1
        headers = [str(table.row_header or "")] + [str(c.label) for c in table.columns]
        if table.show_row_totals:
            headers.append(str(table.total_label))
        headers += [str(d.label) for d in table.derived]
        sheet.write_row(row, 0, headers, header)
        sheet.set_column(0, 0, 38)
        sheet.set_column(1, len(headers), 14)
        row += 1
        for line in table.body():
            fmt = total if line["is_total"] else None
            label = _("Total") if line["is_total"] else line["label"]
            values = [str(label)] + [_value(c) for c in line["cells"]] + [_value(c) for c in line["derived"]]
            for col, value in enumerate(values):
                if fmt is not None:
                    sheet.write(row, col, value, fmt)
                else:
                    sheet.write(row, col, value)
            row += 1
    if texts:
        sheet = book.add_worksheet(_sheet_name(_("Texts"), used))
        sheet.set_column(0, 0, 30)
        sheet.set_column(1, 1, 100)
        row = 0
        if more_texts:
            sheet.write(row, 0, _("Only the newest %(n)s texts are in this file; more match. To get the others, "
                                  "narrow the filters (for example the period).") % {"n": number(more_texts)}, bold)
            row += 2
        for item in texts:
            sheet.write(row, 0, item["heading"], bold)
            row += 1
            for label, value in item["facts"]:
                sheet.write(row, 0, label)
                sheet.write(row, 1, value)
                row += 1
            for label, value in item["paragraphs"]:
                sheet.write(row, 0, label)
                sheet.write(row, 1, value, wrap)
                row += 1
            row += 1
    book.close()
    return buffer.getvalue()
