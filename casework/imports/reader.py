"""Reading an uploaded register safely: .xlsx or .csv, nothing else.

Refused with a clear message that says what to do (never a 500): files over the size limit,
encrypted workbooks, old .xls files, UTF-16 text without its marker, zip bombs, anything that is
not a spreadsheet. Formulas are never evaluated:
the workbook is read without computed values, and a cell holding a formula is reported as such.

A workbook is read with python-calamine (Rust, about ten times faster than openpyxl) when none of
its sheets holds a formula; calamine gives only the results that Excel stored for a formula, so a
workbook with formulas is read with openpyxl, which gives the formula's text. Both give the same
values for the same cells (tests/imports/test_reader.py compares them).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from .headers import find_header_row

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
DEFAULT_MAX_BYTES = 15 * 1024 * 1024
DEFAULT_MAX_ROWS = 50_000
MAX_COLUMNS = 200
# An .xlsx unpacks to about 5-10 times its size; far more means a zip bomb.
MAX_UNPACKED = 400 * 1024 * 1024
MAX_RATIO = 200


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


class FileRefused(ValueError):
    """The file cannot be imported at all; the message tells the person what to do."""


class Formula(str):
    """A cell that holds a formula (kept as its text, never computed)."""


_ESCAPED = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def unescape(value):
    """Undo the export's formula escaping ('=… written as text) so exports import back."""
    if isinstance(value, str) and value.startswith(_ESCAPED):
        return value[1:]
    return value


@dataclass
class Sheet:
    headers: list[str]
    header_row: int  # 1-based row number of the header in the file
    rows: list[tuple[int, list]] = field(default_factory=list)  # (1-based row number, cells)


# Stream names in an OLE2 container's directory (UTF-16LE): an encrypted .xlsx holds its workbook
# in "EncryptedPackage" with "EncryptionInfo"; an old .xls is a "Workbook" (or, before 1997, "Book").
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_XLS_STREAMS = ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le"))


def _refuse_ole(data: bytes) -> None:
    """An OLE2 file is an encrypted .xlsx, an old .xls, or something else (a .doc): say which."""
    if any(stream in data for stream in _ENCRYPTED_STREAMS):
        raise FileRefused(_("This workbook is protected with a password. Open it in Excel, remove the password "
                            "(File → Info → Protect Workbook → Encrypt with Password, and clear it), save it, then upload it again."))
    if any(stream in data for stream in _XLS_STREAMS):
        raise FileRefused(_("This is an old Excel file (.xls). Open it in Excel and choose File → Save As → "
                            "Excel Workbook (.xlsx), then upload the new file."))
    raise FileRefused(_("This is not a spreadsheet. Upload an Excel (.xlsx) or CSV file."))


def _looks_like_utf16(head: bytes) -> bool:
    """Text in UTF-16 without a byte-order mark: the high byte of each character is often zero
    (ASCII), the low byte never is. A binary file has zeros on both sides."""
    sample = head[:4096]
    if len(sample) < 8:
        return False
    high_low = [(sample[0::2], sample[1::2]), (sample[1::2], sample[0::2])]  # big-endian, little-endian
    return any(high.count(0) > 0.3 * len(high) and low.count(0) == 0 for high, low in high_low)


def sniff_kind(head: bytes, name: str = "") -> str:
    """'xlsx' or 'csv' from the first bytes (never trusting the file name alone)."""
    if head.startswith(OLE_MAGIC):
        _refuse_ole(head)
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        if _looks_like_utf16(head):
            raise FileRefused(_("This CSV file is saved as UTF-16 (Unicode text), which we cannot read without its marker. "
                                "In Excel choose File → Save As → “CSV UTF-8 (Comma delimited)”, then upload that file."))
        raise FileRefused(_("This is not a spreadsheet. Upload an Excel (.xlsx) or CSV file."))
    return "csv"


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FileRefused(_("This file is damaged or is not an Excel workbook.")) from exc
    names = {info.filename for info in infos}
    if "EncryptedPackage" in names or "EncryptionInfo" in names:
        raise FileRefused(_("This workbook is password-protected. Remove the password in Excel and upload it again."))
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise FileRefused(_("This is not an Excel workbook. Upload an Excel (.xlsx) or CSV file."))
    unpacked = sum(info.file_size for info in infos)
    packed = max(1, sum(info.compress_size for info in infos))
    if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
        raise FileRefused(_("This workbook is too large once unpacked. Split it into smaller files."))
    return archive


# A formula is an <f> element in a worksheet part (<f>, <f t="shared" …/>, or with a prefix, <x:f>);
# nothing else in a worksheet is named "f" (<filterColumn>, <formula1> and the like are not matched).
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


def _has_formulas(archive: zipfile.ZipFile) -> bool:
    """Whether any worksheet holds a formula; each part is scanned a megabyte at a time (a sheet may
    unpack to hundreds of megabytes), keeping the last bytes of a piece so no tag is cut in two."""
    for info in archive.infolist():
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            with archive.open(info) as part:
                tail = b""
                while piece := part.read(1024 * 1024):
                    if _FORMULA_TAG.search(tail + piece):
                        return True
                    tail = piece[-64:]
    return False


def _calamine_cell(value):
    """A calamine value as openpyxl gives it: None for an empty cell, whole numbers as int, a date
    as a datetime at midnight, and the export's formula escaping undone."""
    kind = value.__class__
    if kind is str:
        return unescape(value) if value else None
    if kind is float:
        return int(value) if value.is_integer() else value
    if kind is dt.date:
        return dt.datetime(value.year, value.month, value.day)
    return value


def _calamine_rows(data: bytes):
    """The first worksheet's rows from row 1, or None when calamine cannot read the file (openpyxl
    then reads it, and refuses it with its usual message if it cannot either)."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [m.name for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        if not sheets:
            return None
        sheet = workbook.get_sheet_by_name(sheets[0])
        # iter_rows converts row by row; it starts at row 1 but at the first used column.
        lead = [None] * (sheet.start[1] if sheet.start else 0)
        rows = sheet.iter_rows()
    except Exception:  # calamine raises its own kinds and plain ones on a malformed file
        return None
    return _converted(rows, lead)


def _converted(rows, lead: list):
    try:
        for row in rows:
            yield (lead + [_calamine_cell(v) for v in row])[:MAX_COLUMNS]
    except Exception as exc:  # the sheet is read when opened; this is only a safety net
        raise FileRefused(_("This Excel file could not be read. Save it again as .xlsx and retry.")) from exc


def _xlsx_rows(data: bytes):
    archive = _check_zip(data)
    if not _has_formulas(archive):
        rows = _calamine_rows(data)
        if rows is not None:
            return rows
    return _openpyxl_rows(data)


def _openpyxl_rows(data: bytes):
    import openpyxl

    try:
        # read_only streams the sheet; data_only=False so formulas come back as their text and
        # are never computed (nor are cached results of formulas trusted).
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a malformed file
        raise FileRefused(_("This Excel file could not be read. Save it again as .xlsx and retry.")) from exc
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise FileRefused(_("This workbook has no sheets."))
        for row in sheet.iter_rows():
            values = []
            for cell in row[:MAX_COLUMNS]:
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f":
                    value = Formula(str(value))
                values.append(unescape(value))
            yield values
    except FileRefused:
        raise
    except Exception as exc:
        raise FileRefused(_("This Excel file could not be read. Save it again as .xlsx and retry.")) from exc
    finally:
        workbook.close()


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(_("This CSV file is not in UTF-8. In Excel choose “CSV UTF-8” when saving, then upload it again.")) from exc


def _csv_rows(data: bytes):
    text = _decode(data)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            # In a CSV a leading "=" is how a formula is written: never computed, reported instead.
            yield [Formula(v) if v.startswith("=") else unescape(v) for v in row[:MAX_COLUMNS]]
    except csv.Error as exc:
        # csv's own words ("field larger than field limit") are English and say nothing to do.
        raise FileRefused(_("This CSV file could not be read: a cell is too long or a quotation mark is not closed. "
                            "Open it in Excel, save it again as “CSV UTF-8”, then upload it again.")) from exc


def _blank(row) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def read_sheet(data: bytes, name: str = "") -> Sheet:
    """The header and data rows of the first sheet. Blank rows are dropped; row numbers kept."""
    if not data:
        raise FileRefused(_("The file is empty."))
    if len(data) > max_bytes():
        raise FileRefused(_("The file is larger than %(mb)s MB. Split it into smaller files.") % {"mb": max_bytes() // (1024 * 1024)})
    if data.startswith(OLE_MAGIC):
        _refuse_ole(data)  # the whole file: the directory naming its streams may be anywhere in it
    kind = sniff_kind(data[:8192], name)
    rows_iter = _xlsx_rows(data) if kind == "xlsx" else _csv_rows(data)
    head: list[list] = []
    for row in rows_iter:
        head.append(row)
        if len(head) >= 30:
            break
    header_index = find_header_row(head)
    if header_index is None:
        raise FileRefused(_("No header row found: the first rows must name the columns (for example Name, Gender, District)."))
    headers = ["" if v is None else str(v).strip() for v in head[header_index]]
    sheet = Sheet(headers=headers, header_row=header_index + 1)
    number = header_index + 1
    for row in head[header_index + 1:]:
        number += 1
        if not _blank(row):
            sheet.rows.append((number, row))
    for row in rows_iter:
        number += 1
        if _blank(row):
            continue
        sheet.rows.append((number, row))
        if len(sheet.rows) > max_rows():
            raise FileRefused(_("The file has more than %(n)s rows. Split it into smaller files.") % {"n": max_rows()})
    return sheet
