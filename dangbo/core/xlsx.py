"""Rows the app writes into Excel workbooks, made safe to open.

A cell whose text begins with `=`, `+`, `-`, `@`, a tab or a carriage return is taken for
a formula by a spreadsheet: openpyxl writes `=…` as a live formula, and Excel evaluates
the others as soon as someone edits the cell (OWASP "CSV injection"). A member named
`=HYPERLINK("http://…","Lê Văn Bấm")` would be a link in the register. Such text is
written here as text, with Excel's "quote prefix" (the cell shows and keeps the text,
without the apostrophe being part of it), so that the file re-imports to the same value.
Characters XML cannot hold (control characters) are dropped rather than failing the
whole download.

Every workbook the app writes appends its rows through `append` (or builds cells with
`cell`); core/tests/test_xlsx.py checks that no module writes rows another way.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def append(ws, values, **style) -> None:
    """Append a row to `ws` (write-only or not), its text written as text."""
    ws.append([cell(ws, value, **style) for value in values])
