"""Read an interchange file (.xlsx, .csv, or .zip of .csv) into raw sheets, safely.

This is the boundary every uploaded workbook crosses. Before any parser sees the file it
is refused when it is over the size limit, encrypted, or when `scan` finds that reading
it would take more than the limits allow (a far cell, a compression bomb, parts that lie
about their size, shared strings copied into a million cells, more memory than
`DANGBO_READ_MEMORY_MB`). CSV text with control characters is refused too. Every refusal
is a `WorkbookError` with a message in the user's language; nothing else escapes.
"""

import csv
import dataclasses
import functools
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from dangbo.lib.vntext import repair_legacy

from . import scan

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls
# C0 control characters other than tab and line breaks, and DEL: never in a CSV file
# that Excel or LibreOffice wrote; a NUL in a name would reach the database.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class WorkbookError(Exception):
    """The file as a whole cannot be read. The message says why and what to do."""


@dataclasses.dataclass
class RawSheet:
    name: str
    header: list[str]
    # (Excel row number, values, fonts) — fonts only for text cells that are not ASCII,
    # the only ones a legacy encoding can hide in.
    rows: list[tuple[int, list, list[str | None] | None]]


def memory_limit() -> int:
    return settings.DANGBO_READ_MEMORY_MB * 2**20


def _open_zip(data: bytes) -> zipfile.ZipFile:
    """The archive, once every part of it is measured and found within the limits."""
    not_valid = WorkbookError(_("The file is not a valid Excel workbook (.xlsx) or zip of CSV files."))
    try:
        scan.check_directory(data)
        archive = zipfile.ZipFile(io.BytesIO(data))
        measured = scan.scan_archive(archive, data)
        scan.check_limits(measured, memory_limit())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise not_valid from None
    except scan.ScanError as exc:
        raise _refusal(exc, data) from None
    return archive


def _refusal(exc: scan.ScanError, data: bytes | None = None) -> WorkbookError:
    """The message for a refusal of `scan`, naming the sheet where there is one."""
    p = dict(exc.params)
    if "name" in p:
        p["name"] = _sheet_name(data, p["name"]) if data else p["name"]
    for key in ("size", "limit", "needed"):
        if key in p and exc.code in ("expanded", "memory"):
            p[key] = filesizeformat(p[key])
    for key in ("cells", "limit", "count", "ratio"):
        if key in p and isinstance(p[key], int):
            p[key] = number_format(p[key], force_grouping=True)
    if exc.code in ("cells", "extent") and "rows" in p:
        p["cell"] = cell_reference(p.pop("rows"), p.pop("columns"))
    messages = {
        "parts": _("The file holds %(count)s parts, more than a workbook has (at most %(limit)s); it was refused."),
        "expanded": _("The file expands to %(size)s when unpacked, more than %(limit)s; it was refused. "
                      "Split it into smaller files."),
        "ratio": _("A part of the file (%(name)s) expands %(ratio)s times when unpacked (at most %(limit)s): "
                   "this is how compression bombs are made, so the file was refused."),
        "file_ratio": _("The file expands %(ratio)s times when unpacked (at most %(limit)s): "
                        "this is how compression bombs are made, so the file was refused."),
        "values": _("The file holds %(cells)s cells, more than the %(limit)s one import may read. "
                    "Split it into smaller files."),
        "encrypted": _("The workbook is password-protected or in the old .xls format. "
                       "Remove the password and save it as .xlsx."),
        "method": _("A part of the file (%(name)s) is compressed in a way Excel never uses. "
                    "Open it in Excel, save it again as .xlsx and retry."),
        "size": _("A part of the file (%(name)s) is not the size it declares: the file is damaged or forged. "
                  "Open it in Excel, save it again as .xlsx and retry."),
        "malformed": _("The workbook is damaged (%(name)s). Open it in Excel, save it again as .xlsx and retry."),
        "dtd": _("The workbook holds an XML document type declaration, which Excel never writes; it was refused."),
        "text": _("A cell of the workbook holds more than %(limit)s characters, more than Excel allows; "
                  "it was refused."),
        "extent": _("The sheet %(name)s has a cell at %(cell)s, beyond the last row or column Excel allows; "
                    "the file was refused."),
        "cells": _("The sheet %(name)s reaches cell %(cell)s: read from A1, the file would hold %(cells)s cells "
                   "(at most %(limit)s). Delete the empty rows and columns after the data, save and retry."),
        "memory": _("Reading this file would take about %(needed)s of memory, more than the %(limit)s allowed. "
                    "Split it into smaller files."),
    }
    return WorkbookError(messages[exc.code] % p)


def cell_reference(row: int, column: int) -> str:
    """`XFD1048576` for row 1,048,576 and column 16,384."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def _sheet_name(data: bytes, part: str) -> str:
    """The name a person sees for the part `part` of a workbook: its sheet's name when
    the workbook's list of sheets says so, otherwise the part's own name. Read only
    after `scan` has found no document type declaration in any part."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
              "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "").lstrip("/") for r in rels.findall("p:Relationship", ns)}
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        for sheet in book.iterfind("m:sheets/m:sheet", ns):
            target = targets.get(sheet.get(rid), "")
            if target and (part == target or part == f"xl/{target}"):
                return sheet.get("name") or part
    except Exception:  # a best effort for a message: the file is being refused anyway
        pass
    return part


def _decode_csv(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WorkbookError(
            _("%(name)s is not UTF-8 text. Save it as “CSV UTF-8” and try again.") % {"name": name}
        ) from None


def _csv_sheet(name: str, data: bytes) -> RawSheet:
    """The sheet of the CSV file `name` (its name without folder and extension)."""
    text = _decode_csv(data, name)
    control = CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise WorkbookError(
            _("Line %(line)d of %(name)s holds a control character (%(code)s), which a CSV file saved by Excel "
              "never has. Remove it and try again.")
            % {"line": line, "name": name, "code": f"U+{ord(control.group()):04X}"}
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error:
        raise WorkbookError(
            _("Line %(line)d of %(name)s is not valid CSV (a quotation mark is not closed, or a cell is "
              "longer than %(limit)s characters).")
            % {"line": reader.line_num, "name": name, "limit": number_format(csv.field_size_limit(),
                                                                              force_grouping=True)}
        ) from None
    header = rows[0] if rows else []
    body = [(i, row, None) for i, row in enumerate(rows[1:], start=2)]
    return RawSheet(name=Path(name).stem, header=header, rows=body)


def _check_csv(data: bytes, name: str, before: scan.Scan | None = None) -> scan.Scan:
    """The CSV file measured, with the files of the same zip read `before` it."""
    measured = scan.scan_csv(data, name)
    if before is not None:
        measured.parts[:0] = before.parts
    try:
        scan.check_limits(measured, memory_limit())
    except scan.ScanError as exc:
        raise _refusal(exc) from None
    return measured


def _xlsx_sheets(data: bytes) -> list[RawSheet]:
    """Values by python-calamine (fast); the fonts of cells, which reveal legacy TCVN3/VNI
    text, by openpyxl, but only for the sheets where a text cell looks legacy: reading
    styles is ten times slower than reading values."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for name in book.sheet_names:
            grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            header = ["" if v is None else str(v) for v in grid[0]] if grid else []
            rows = [(index, list(values), None) for index, values in enumerate(grid[1:], start=2)]
            if _looks_legacy(rows):
                _add_fonts(data, name, rows)
            sheets.append(RawSheet(name=name, header=header, rows=rows))
    except WorkbookError:
        raise
    except Exception as exc:  # calamine and openpyxl raise many kinds for a damaged file
        raise WorkbookError(
            _("The workbook cannot be read (%(error)s). Open it in Excel, save it again as .xlsx and retry.")
            % {"error": exc.__class__.__name__}
        ) from None
    return sheets


@functools.lru_cache(maxsize=200_000)
def repaired(text: str, font: str | None = None) -> tuple[str, str | None]:
    """`repair_legacy`, remembered: a register repeats its places, ethnicities and name
    parts, and the sheets are scanned here first and converted by the importer later."""
    return repair_legacy(text, font)


def _looks_legacy(rows) -> bool:
    for _number, values, _fonts in rows:
        for value in values:
            if isinstance(value, str) and not value.isascii() and repaired(value)[1] is not None:
                return True
    return False


def _add_fonts(data: bytes, sheet: str, rows) -> None:
    """Attach the font name of every non-ASCII text cell of `sheet` to its row.

    openpyxl is given the rows and columns calamine found: left to itself, it would pad
    every row to the width the sheet's <dimension> claims, and add empty rows up to it."""
    import openpyxl

    if not rows:
        return
    width = max(len(values) for _n, values, _f in rows)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        by_number = {number: (values, i) for i, (number, values, _f) in enumerate(rows)}
        cells_by_row = book[sheet].iter_rows(min_row=1, max_row=rows[-1][0], min_col=1, max_col=max(width, 1))
        for index, cells in enumerate(cells_by_row, start=1):
            if index not in by_number:
                continue
            values, i = by_number[index]
            fonts: list[str | None] = [None] * len(values)
            for pos, cell in enumerate(cells[: len(values)]):
                if isinstance(cell.value, str) and not cell.value.isascii():
                    fonts[pos] = getattr(getattr(cell, "font", None), "name", None)
            rows[i] = (index, values, fonts)
    finally:
        book.close()


def _too_large() -> WorkbookError:
    limit = settings.DANGBO_MAX_UPLOAD_BYTES
    return WorkbookError(
        _("The file is larger than %(mb)d MB; split it into smaller files.") % {"mb": limit // 2**20}
    )


def read_file(path: str | Path) -> bytes:
    """The bytes of a file, refused before reading when it is over the size limit."""
    path = Path(path)
    try:
        if path.stat().st_size > settings.DANGBO_MAX_UPLOAD_BYTES:
            raise _too_large()
        return path.read_bytes()
    except OSError:
        raise WorkbookError(_("The file %(name)s cannot be opened.") % {"name": path.name}) from None


def read_workbook(data: bytes, name: str) -> list[RawSheet]:
    """The sheets of an .xlsx, a .csv or a .zip of .csv files."""
    if len(data) > settings.DANGBO_MAX_UPLOAD_BYTES:
        raise _too_large()
    if data.startswith(OLE_MAGIC):
        raise WorkbookError(
            _("The workbook is password-protected or in the old .xls format. Remove the password and save it as .xlsx.")
        )
    lower = name.lower()
    if lower.endswith(".csv"):
        _check_csv(data, name)
        return [_csv_sheet(name, data)]
    archive = _open_zip(data)
    names = archive.namelist()
    if "[Content_Types].xml" in names:
        return _xlsx_sheets(data)
    csvs = [n for n in names if n.lower().endswith(".csv") and not n.endswith("/")]
    if not csvs:
        raise WorkbookError(_("The zip file holds no .csv file."))
    sheets = []
    measured = None
    for n in csvs:
        part = archive.read(n)
        measured = _check_csv(part, n, measured)
        sheets.append(_csv_sheet(n, part))
    return sheets
