"""The error report: the rows that failed or need a look, with the reason, as an .xlsx file."""

from __future__ import annotations

import io

import xlsxwriter
from django.utils.translation import gettext as _

from casework.exports import safe_cell

from .reader import Sheet

def _action_label(action: str) -> str:
    labels = {"create": _("new case"), "update": _("case updated"), "skip": _("unchanged"), "error": _("not imported")}
    return labels.get(action, action)


def error_report_xlsx(sheet: Sheet, reported: list[dict]) -> bytes:
    """One line per reported row: its row number, what happened, errors, warnings, then the
    row's own cells so the partner can correct them in place. Cells are written as text and
    formula-like values escaped, so nothing in the report runs when opened."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet_out = book.add_worksheet(_("Rows to check")[:31])
    bold = book.add_format({"bold": True, "bg_color": "#F2F2F2", "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    head = [_("Row"), _("Result"), _("Errors"), _("Warnings"), *sheet.headers]
    for col, title in enumerate(head):
        sheet_out.write_string(0, col, safe_cell(title), bold)
    cells_by_row = dict(sheet.rows)
    for line, item in enumerate(sorted(reported, key=lambda r: (r["action"] != "error", r["row"])), start=1):
        sheet_out.write_number(line, 0, item["row"])
        sheet_out.write_string(line, 1, _action_label(item["action"]))
        sheet_out.write_string(line, 2, "\n".join(item.get("errors", [])), wrap)
        sheet_out.write_string(line, 3, "\n".join(item.get("warnings", [])), wrap)
        for col, value in enumerate(cells_by_row.get(item["row"], []), start=4):
            if value is not None:
                sheet_out.write_string(line, col, safe_cell(value))
    sheet_out.set_column(0, 0, 6)
    sheet_out.set_column(1, 1, 14)
    sheet_out.set_column(2, 3, 50)
    sheet_out.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
