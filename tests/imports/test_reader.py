"""The two ways an .xlsx is read give the same cells; formulas are never read as values.

A workbook without formulas is read with python-calamine, one with a formula anywhere with
openpyxl (which gives a formula's text, where calamine gives only the result Excel stored).
"""

import datetime as dt
import io

import openpyxl
import pytest
import xlsxwriter

from casework.imports import reader
from casework.imports.reader import Formula, read_sheet


def _values_workbook(formula: str | None = None, formula_sheet: int = 0) -> bytes:
    """Every kind of cell a register holds, under a merged title, with blank rows and a blank
    first column; optionally a formula in the first or the second sheet."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Register")
    other = book.add_worksheet("Notes")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    stamp_format = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    time_format = book.add_format({"num_format": "hh:mm"})
    sheet.merge_range(1, 1, 1, 6, "ওকাপ — কেস রেজিস্টার ২০২৪")
    headers = ["Case Number", "Name", "Age", "Cost", "Date", "Departed at", "Time", "Relative", "Note"]
    sheet.write_row(3, 1, headers)
    rows = [
        ["R-001", "রহিমা খাতুন", 32, 150000.5, dt.date(2024, 1, 15), dt.datetime(2024, 1, 15, 13, 30), dt.time(9, 5), True, "'=not a formula"],
        ["R-002", "  Abdul   Malek ", "৩২", 1712345678, dt.date(2023, 12, 31), None, None, False, ""],
        [17, "", 0, -3.25, "05/02/2024", None, None, None, "+8801712345678"],
    ]
    for r, values in enumerate(rows, start=5):  # row 5 is left blank
        for c, value in enumerate(values, start=1):
            if isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, value, stamp_format)
            elif isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
            elif isinstance(value, dt.time):
                sheet.write_datetime(r, c, value, time_format)
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            elif value is not None:
                sheet.write(r, c, value)
    other.write(0, 0, "kept for the staff")
    if formula:
        (sheet if formula_sheet == 0 else other).write_formula(9, 2, formula, None, "cached result")
    book.close()
    return buffer.getvalue()


def _openpyxl_cells(data: bytes) -> list[list]:
    # calamine cannot tell an empty cell from one holding "": both are None (blank) in the import.
    return [[None if value == "" else value for value in row] for row in reader._openpyxl_rows(data)]


def _calamine_cells(data: bytes) -> list[list]:
    rows = reader._calamine_rows(data)
    assert rows is not None
    return [list(row) for row in rows]


def _trimmed(rows: list[list]) -> list[list]:
    """Rows without the trailing empty cells and rows (the two libraries pad differently)."""
    out = []
    for row in rows:
        while row and row[-1] is None:
            row = row[:-1]
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def test_calamine_and_openpyxl_give_the_same_cells():
    data = _values_workbook()
    calamine = _trimmed(_calamine_cells(data))
    assert calamine == _trimmed(_openpyxl_cells(data))
    # and they are the values a register needs, in the right rows (1-based row 5 is the header)
    assert calamine[3][1:4] == ["Case Number", "Name", "Age"]
    assert calamine[5][1:] == ["R-001", "রহিমা খাতুন", 32, 150000.5, dt.datetime(2024, 1, 15), dt.datetime(2024, 1, 15, 13, 30),
                               dt.time(9, 5), True, "=not a formula"]
    assert calamine[6][3:5] == ["৩২", 1712345678] and calamine[6][8] is False
    assert calamine[7][1:5] == [17, None, 0, -3.25]


def test_a_workbook_without_formulas_is_read_with_calamine(monkeypatch):
    def no_openpyxl(_data):
        raise AssertionError("openpyxl was used")

    monkeypatch.setattr(reader, "_openpyxl_rows", no_openpyxl)
    sheet = read_sheet(_values_workbook())
    assert sheet.header_row == 4
    assert [number for number, _cells in sheet.rows] == [6, 7, 8]
    assert sheet.rows[0][1][1] == "R-001"


@pytest.mark.parametrize("formula_sheet", [0, 1])
def test_a_formula_anywhere_sends_the_workbook_to_openpyxl_and_is_never_read_as_its_value(formula_sheet):
    data = _values_workbook(formula='=HYPERLINK("http://x","y")', formula_sheet=formula_sheet)
    assert reader._has_formulas(reader._check_zip(data))
    sheet = read_sheet(data)
    cells = [value for _number, row in sheet.rows for value in row]
    assert "cached result" not in cells
    if formula_sheet == 0:
        assert [str(c) for c in cells if isinstance(c, Formula)] == ['=HYPERLINK("http://x","y")']


def test_words_that_only_look_like_formulas_do_not_count_as_formulas():
    """Autofilter, data validation and conditional formats have <filterColumn>, <formula1>…"""
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Gender"])
    sheet.append(["Rahima", "F"])
    sheet.auto_filter.ref = "A1:B2"
    sheet.auto_filter.add_filter_column(1, ["F"])
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type="list", formula1='"F,M"')
    sheet.add_data_validation(validation)
    validation.add("B2:B100")
    book.save(buffer)
    data = buffer.getvalue()
    assert not reader._has_formulas(reader._check_zip(data))
    assert read_sheet(data).rows == [(2, ["Rahima", "F"])]


def test_a_file_calamine_cannot_read_is_read_with_openpyxl(monkeypatch):
    import python_calamine

    def refuse(_file):
        raise python_calamine.CalamineError("cannot read")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", refuse)
    data = _values_workbook()
    assert reader._calamine_rows(data) is None
    assert read_sheet(data).rows[0][1][1] == "R-001"  # openpyxl read it instead


def test_a_cell_calamine_fails_on_mid_sheet_is_a_plain_refusal_not_a_500(monkeypatch):
    def broken(_value):
        raise OverflowError("a value Python cannot hold")

    monkeypatch.setattr(reader, "_calamine_cell", broken)
    with pytest.raises(reader.FileRefused, match="could not be read"):
        read_sheet(_values_workbook())


def test_a_formula_after_the_first_scanned_megabyte_is_still_found():
    """The worksheet is scanned a megabyte at a time: a formula in a later piece must count."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    for r in range(40_000):  # about 1.5 MB of sheet XML before the formula
        sheet.write_string(r, 0, f"row {r:06d} filler text")
    sheet.write_formula(40_000, 0, "=1+1", None, 2)
    book.close()
    archive = reader._check_zip(buffer.getvalue())
    assert reader._has_formulas(archive)
    xml = archive.read("xl/worksheets/sheet1.xml")
    assert xml.index(b"<f>") > 1024 * 1024
