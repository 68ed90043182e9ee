"""Excel downloads of any size: openpyxl's write-only mode (rows go to disk as they are
appended, not kept as cell objects) into a temporary file that the response then sends
in chunks. A city's register (thousands of rows) never sits in memory as a workbook."""

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def cells(ws, values: Iterable, *, header: bool = False) -> list:
    """A row for `ws.append`: dates shown day first, a header bold and wrapped."""
    row = []
    for value in values:
        if header or isinstance(value, dt.date):
            cell = WriteOnlyCell(ws, value=value)
            if header:
                cell.font, cell.alignment = _BOLD, _WRAP
            else:
                cell.number_format = DATE_FORMAT
            row.append(cell)
        else:
            row.append(value)
    return row


def download(filename: str, fill: Callable[[Workbook], None]) -> FileResponse:
    """The workbook `fill` writes (into a write-only Workbook: `book.create_sheet()`,
    then `ws.append(...)` row by row), sent as an attachment."""
    book = Workbook(write_only=True)
    fill(book)
    file = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    book.save(file)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=filename, content_type=XLSX)
