"""The report as an Excel workbook: one sheet per section, Vietnamese headers, totals."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from dangbo.core import xlsx

from .tables import sections

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F0F0F3")


def build_xlsx(figures: dict) -> bytes:
    book = Workbook()
    book.remove(book.active)
    org, year = figures["organization"], figures["year"]
    for section in sections(figures):
        sheet = book.create_sheet(section.sheet[:31])
        xlsx.append(sheet, [f"{section.title} năm {year}"], font=Font(bold=True, size=13))
        xlsx.append(sheet, [f"{org['name']} ({org['code']})"])
        xlsx.append(sheet, [])
        xlsx.append(sheet, section.headers, font=BOLD, fill=HEADER_FILL)
        header_row = sheet.max_row
        for row in section.rows:
            xlsx.append(sheet, row)
        if section.total:
            xlsx.append(sheet, section.total, font=BOLD)
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        sheet.column_dimensions["A"].width = 48 if section.sheet != "Cảnh báo" else 6
        for letter in "BC":
            sheet.column_dimensions[letter].width = 80 if section.sheet == "Cảnh báo" and letter == "B" else 18
        for row in sheet.iter_rows(min_row=header_row + 1):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
