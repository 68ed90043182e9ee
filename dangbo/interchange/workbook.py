"""Read an interchange file (.xlsx, .csv, or .zip of .csv) into raw sheets, safely.

Refuses before parsing what could exhaust memory: files over the size limit, zip
archives that expand too much (workbook bombs), encrypted workbooks.
"""

import csv
import dataclasses
import functools
import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from dangbo.lib.vntext import repair_legacy

MAX_EXPANDED_BYTES = 1024 * 1024 * 1024  # what the archive may expand to
MAX_RATIO = 200  # expanded / compressed, per member: beyond it is a bomb, not a workbook
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls


class WorkbookError(Exception):
    """The file as a whole cannot be read. The message says why and what to do."""


@dataclasses.dataclass
class RawSheet:
    name: str
    header: list[str]
    # (Excel row number, values, fonts) — fonts only for text cells that are not ASCII,
    # the only ones a legacy encoding can hide in.
    rows: list[tuple[int, list, list[str | None] | None]]


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise WorkbookError(
            _("The file is not a valid Excel workbook (.xlsx) or zip of CSV files.")
        ) from None
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 10_000_000:
            raise WorkbookError(_("The file expands to an unreasonable size; it was refused."))
    if total > MAX_EXPANDED_BYTES:
        raise WorkbookError(_("The file expands to an unreasonable size; it was refused."))
    return archive


def _decode_csv(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WorkbookError(
            _("%(name)s is not UTF-8 text. Save it as “CSV UTF-8” and try again.") % {"name": name}
        ) from None


def _csv_sheet(name: str, text: str) -> RawSheet:
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    header = rows[0] if rows else []
    body = [(i, row, None) for i, row in enumerate(rows[1:], start=2)]
    return RawSheet(name=name, header=header, rows=body)


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
    """Attach the font name of every non-ASCII text cell of `sheet` to its row."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        by_number = {number: (values, i) for i, (number, values, _f) in enumerate(rows)}
        for index, cells in enumerate(book[sheet].iter_rows(), start=1):
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
        return [_csv_sheet(Path(name).stem, _decode_csv(data, name))]
    archive = _check_zip(data)
    names = archive.namelist()
    if "[Content_Types].xml" in names:
        return _xlsx_sheets(data)
    csvs = [n for n in names if n.lower().endswith(".csv") and not n.endswith("/")]
    if not csvs:
        raise WorkbookError(_("The zip file holds no .csv file."))
    return [_csv_sheet(Path(n).stem, _decode_csv(archive.read(n), n)) for n in csvs]
