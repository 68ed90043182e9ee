"""Excel workbooks the app writes: rows made safe to open, and downloads of any size.

Safe rows. A cell whose text begins with `=`, `+`, `-`, `@`, a tab or a carriage return is
taken for a formula by a spreadsheet: openpyxl writes `=…` as a live formula, and Excel
evaluates the others as soon as someone edits the cell (OWASP "CSV injection"). A member
named `=HYPERLINK("http://…","Lê Văn Bấm")` would be a link in the register. Such text is
written here as text, with Excel's "quote prefix" (the cell shows and keeps the text,
without the apostrophe being part of it), so that the file re-imports to the same value.
Characters XML cannot hold (control characters) are dropped rather than failing the
whole download. Dates are shown day first.

Every workbook the app writes appends its rows through `append` (or builds cells with
`cell`); core/tests/test_xlsx.py checks that no module writes rows another way.

Downloads of any size: openpyxl's write-only mode (rows go to disk as they are appended,
not kept as cell objects) into a temporary file that the response then sends in chunks
(`download`). A city's register (thousands of rows) never sits in memory as a workbook.
"""

import datetime as dt
import tempfile
from collections.abc import Callable

from django.http import FileResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HEADER: dict = {}


def _header_style() -> dict:
    if not _HEADER:
        from openpyxl.styles import Alignment, Font

        _HEADER.update(font=Font(bold=True), alignment=Alignment(wrap_text=True, vertical="top"))
    return _HEADER


def cell(ws, value, **style):
    """`value` ready for `ws.append`: risky text as a text cell; a cell with `style`
    (`font`, `fill`, `alignment`, `number_format`) when given."""
    # Here, not at the top: openpyxl takes a tenth of a second to import, and modules that
    # merely may write a workbook are imported by every command.
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

    made = value if isinstance(value, Cell) else None
    text = made.value if made is not None else value
    risky = False
    if isinstance(text, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
        risky = text.startswith(FORMULA_STARTS)
    if made is None and not risky and not style:
        return text
    if made is None:
        made = WriteOnlyCell(ws, value=text)
    else:
        made.value = text
    if risky:
        made.data_type = "s"  # openpyxl took "=…" for a formula
        made.quotePrefix = True
    for name, setting in style.items():
        setattr(made, name, setting)
    return made


def append(ws, values, *, header: bool = False, **style) -> None:
    """Append a row to `ws` (write-only or not), its text written as text, its dates day
    first; a header row bold and wrapped."""
    if header:
        style = {**_header_style(), **style}
    row = []
    for value in values:
        if isinstance(value, dt.date) and not style:
            row.append(cell(ws, value, number_format=DATE_FORMAT))
        else:
            row.append(cell(ws, value, **style))
    ws.append(row)


def download(filename: str, fill: Callable) -> FileResponse:
    """The workbook `fill` writes (into a write-only Workbook: `book.create_sheet()`,
    then `append(ws, ...)` row by row), sent as an attachment."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    fill(book)
    file = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    book.save(file)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=filename, content_type=XLSX)
