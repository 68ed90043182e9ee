"""The report as a Word file in Party document format (HD 36-HD/VPTW; RULES.md).

A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman. Header in a
borderless two-column table: left the superior body, the issuing body in capitals bold
14 with "*" under it, then "Số 12-BC/HU"; right "ĐẢNG CỘNG SẢN VIỆT NAM" bold 15
underlined over its width, then the place-and-date line italic 14. Title "BÁO CÁO"
bold 16, the subject line, body 14, the tables, "Nơi nhận" and the signature block.
"""

import dataclasses
import datetime as dt
import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from dangbo.lib.vntext import format_number, official_date

from . import wording
from .parts import PARTS
from .tables import sections

FONT = "Times New Roman"
TEXT_WIDTH = Mm(210 - 30 - 15)


@dataclasses.dataclass
class Heading:
    """What the header and the signature block say."""

    superior_body: str  # "TỈNH ỦY HẢI DƯƠNG"
    issuing_body: str  # "HUYỆN ỦY THANH HÀ"
    abbreviation: str  # "HU"
    place: str  # "Thanh Hà"
    short_name: str  # "Huyện ủy"
    day: dt.date
    number: int | None = None  # None: a draft, the number is written in by hand
    signer: str = ""
    is_cell: bool = False

    @property
    def symbol(self) -> str:
        number = f"{self.number:02d}" if self.number else "     "
        return f"{number}-BC/{self.abbreviation}"


def _font(run, size: float, *, bold=False, italic=False, underline=False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(
    container,
    text: str = "",
    size: float = 14,
    *,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    bold=False,
    italic=False,
    underline=False,
    indent=False,
    before=0,
    after=6,
):
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.15
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if text:
        _font(p.add_run(text), size, bold=bold, italic=italic, underline=underline)
    return p


def _cell_para(cell, text, size=14, **kwargs):
    """Write into a table cell: its first, empty paragraph first."""
    kwargs.setdefault("align", WD_ALIGN_PARAGRAPH.CENTER)
    kwargs.setdefault("after", 0)
    if len(cell.paragraphs) == 1 and not cell.paragraphs[0].text and not cell.paragraphs[0].runs:
        p = cell.paragraphs[0]
        p.alignment = kwargs["align"]
        fmt = p.paragraph_format
        fmt.space_before, fmt.space_after = Pt(kwargs.get("before", 0)), Pt(kwargs["after"])
        _font(
            p.add_run(text),
            size,
            bold=kwargs.get("bold", False),
            italic=kwargs.get("italic", False),
            underline=kwargs.get("underline", False),
        )
        return p
    return _para(cell, text, size, **kwargs)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table, widths) -> None:
    """Column widths on the grid and on every cell: Word reads the cells, LibreOffice the grid."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _header(document, h: Heading) -> None:
    table = document.add_table(rows=2, cols=2)
    _no_borders(table)
    _widths(table, [Mm(72), TEXT_WIDTH - Mm(72)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    if h.superior_body:
        _cell_para(left, h.superior_body, 14)
    _cell_para(left, h.issuing_body, 14, bold=True)
    _cell_para(left, "*", 14)
    _cell_para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True, underline=True)
    _cell_para(table.cell(1, 0), f"Số {h.symbol}", 14, before=3)
    _cell_para(table.cell(1, 1), f"{h.place}, {official_date(h.day)}", 14, italic=True, before=3)


def _table(document, section) -> None:
    columns = len(section.headers)
    table = document.add_table(rows=1, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    first = Mm(95) if columns == 2 else Mm(80)
    if section.sheet == "Cảnh báo":
        widths = [Mm(14), TEXT_WIDTH - Mm(14) - Mm(35), Mm(35)]
    else:
        rest = (TEXT_WIDTH - first) // (columns - 1)
        widths = [first] + [rest] * (columns - 1)
    for cell, text in zip(table.rows[0].cells, section.headers, strict=True):
        _cell_para(cell, text, 13, bold=True)
    rows = list(section.rows) + ([section.total] if section.total else [])
    for index, values in enumerate(rows):
        cells = table.add_row().cells
        is_total = section.total is not None and index == len(rows) - 1
        for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
            text = format_number(value) if isinstance(value, int) else str(value)
            align = WD_ALIGN_PARAGRAPH.LEFT if column == 0 or isinstance(value, str) else WD_ALIGN_PARAGRAPH.RIGHT
            if section.sheet == "Cảnh báo" and column == 0:
                align = WD_ALIGN_PARAGRAPH.CENTER
            _cell_para(cell, text, 13, align=align, bold=is_total)
    _widths(table, widths)


def _mixed_case(body: str) -> str:
    """ "Tỉnh ủy Hải Dương" from "TỈNH ỦY HẢI DƯƠNG", for the recipients list."""
    words = [w.capitalize() for w in body.split()]
    for i, w in enumerate(words[1:], 1):
        if w in ("Ủy", "Bộ") or (words[i - 1] == "Ủy" and w in ("Xã", "Phường", "Thị")) or w == "Trấn":
            words[i] = w.lower()
    return " ".join(words)


def _closing(document, h: Heading) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [Mm(80), TEXT_WIDTH - Mm(80)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    _cell_para(left, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=12)
    recipients = []
    if h.superior_body:
        recipients.append(f"- {_mixed_case(h.superior_body)} (để báo cáo),")
    if not h.is_cell:
        recipients.append("- Các đồng chí Ủy viên Ban Thường vụ,")
    recipients.append(f"- Lưu Văn phòng {h.short_name}." if not h.is_cell else "- Lưu Chi bộ.")
    for line in recipients:
        _cell_para(left, line, 12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_para(right, "T/M CHI BỘ" if h.is_cell else "T/M BAN THƯỜNG VỤ", 14, bold=True, before=12)
    _cell_para(right, "BÍ THƯ", 14, bold=True)
    for _ in range(3):
        _cell_para(right, "", 14)
    _cell_para(right, h.signer, 14, bold=True)


def build_docx(figures: dict, heading: Heading) -> bytes:
    f = figures
    year = f["year"]
    names = wording.names_of(f["organization"]["name"])
    document = Document()
    _setup(document)
    _header(document, heading)
    _para(document, "BÁO CÁO", 16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=18, after=0)
    _para(
        document, f"Kết quả công tác xây dựng Đảng năm {year}", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0
    )
    _para(document, "-----", 14, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    who = "Chi bộ" if heading.is_cell else f"Ban Thường vụ {heading.short_name}"
    _para(
        document,
        f"Thực hiện chương trình công tác năm {year}, {who} báo cáo kết quả công tác xây dựng Đảng "
        f"năm {year} của {f['organization']['name']} như sau:",
        indent=True,
    )

    tables = {s.sheet: s for s in sections(f)}
    number = 0

    def heading_and_table(key: str) -> None:
        nonlocal number
        number += 1
        section = tables[key]
        _para(
            document,
            f"Biểu {number}. {section.title} năm {year}",
            13,
            italic=True,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            before=6,
        )
        _table(document, section)
        _para(document, "", 6, after=0)

    _para(document, "I. CÔNG TÁC ĐẢNG VIÊN", bold=True, before=6)
    for text in (
        wording.headcount_sentence(f, names.level),
        wording.membership_sentence(f, names.level),
        wording.movement_sentence(f),
    ):
        _para(document, text, indent=True)
    heading_and_table("Đảng viên")

    _para(document, "II. CÔNG TÁC CÁN BỘ, ĐÀO TẠO, BỒI DƯỠNG", bold=True, before=6)
    _para(document, wording.cadre_clause(f, heading.short_name) + ".", indent=True)
    training = wording.training_clause(f)
    _para(document, f"Công tác đào tạo, bồi dưỡng: {training}.", indent=True)
    heading_and_table("Cán bộ")
    heading_and_table("Đào tạo")

    numerals = iter(["III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"])
    for part in PARTS:
        if not part.heading:
            continue
        _para(document, f"{next(numerals)}. {part.heading}", bold=True, before=6)
        for text in part.sentences(f, names) or [part.none_text]:
            _para(document, text, indent=True)
        for table in part.tables(f):
            heading_and_table(table.sheet)

    _para(document, f"{next(numerals)}. ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG", bold=True, before=6)
    ratings = [s for s in (wording.grassroots_ratings_sentence(f), wording.member_ratings_sentence(f)) if s]
    for text in ratings or ["Chưa có kết quả đánh giá, xếp loại chất lượng của năm."]:
        _para(document, text, indent=True)
    heading_and_table("Xếp loại")

    _para(document, f"{next(numerals)}. THỰC HIỆN CHỈ TIÊU KINH TẾ - XÃ HỘI", bold=True, before=6)
    clause = wording.targets_clause(f)
    _para(
        document,
        f"Năm {year}, {names.level} đã lãnh đạo, chỉ đạo thực hiện các chỉ tiêu đề ra, {clause}."
        if clause
        else f"Năm {year}, {names.level} không đặt chỉ tiêu kinh tế - xã hội.",
        indent=True,
    )
    heading_and_table("Chỉ tiêu")

    _para(document, f"{next(numerals)}. NHỮNG VẤN ĐỀ CẦN LƯU Ý", bold=True, before=6)
    if f["warnings"]:
        _para(document, "Qua rà soát, hệ thống ghi nhận các cảnh báo theo quy định sau:", indent=True)
        heading_and_table("Cảnh báo")
    else:
        _para(document, "Không có cảnh báo theo quy định.", indent=True)
    _closing(document, heading)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
