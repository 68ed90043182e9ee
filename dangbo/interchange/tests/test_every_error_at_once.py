"""A workbook with nine bad rows among good ones is refused in one run, naming the nine
rows and nothing else: no error caused only by another one (the events of a member whose
dossier row is bad, or the rows of a valid member whose code a bad duplicate row repeats).
"""

import datetime as dt
import io

from django.utils import translation

from dangbo.interchange.exporter import write_workbook
from dangbo.interchange.importer import import_file
from dangbo.interchange.report_text import summary_lines
from dangbo.members.models import Member, MembershipEvent
from dangbo.ratings.models import Rating
from dangbo.targets.models import Target

D = dt.date


def member(code, name, birth, sex="Nam"):
    return [code, name, None, None, None, birth, sex, "Kinh", None, None, None, None, None, None, None, None, None]


def event(code, kind, date, org=None, status=None, admitted=None, official=None):
    return [code, kind, date, org, status, admitted, official, None, None, None]


NINE = {
    "members": [
        member("A001", "Nguyễn Văn An", D(1980, 1, 1)),  # row 2
        member("A002", "Trần Thị Bình", 1985, "Nữ"),  # row 3
        member("A003", "Lê Văn Cường", 1990, "Khác"),  # row 4: 1. a bad sex value
        member("A002", "Trần Thị Bình", 1986, "Nữ"),  # row 5: 2. the same code with other content
        member("A004", "Phạm Văn Dũng", D(2008, 5, 1)),  # row 6
        member("A005", "Hoàng Văn Em", 1970),  # row 7
        member("A006", "Vũ Thị Hoa", 1975, "Nữ"),  # row 8
        member("A007", "Đặng Văn Giang", 1980),  # row 9
        member("A008", "Bùi Văn Hải", 1982),  # row 10
    ],
    "events": [
        event("A001", "Kết nạp", D(2015, 3, 5), "CELL1A"),  # row 2
        event("A001", "Công nhận chính thức", D(2016, 3, 5)),  # row 3
        event("A002", "Kết nạp", D(2018, 6, 1), "CELL1B"),  # row 4: a valid member, no false error
        event("A003", "Kết nạp", D(2019, 1, 1), "CELL1A"),  # row 5: its member's row is wrong: not again
        event("A008", "Kết nạp", D(2019, 2, 1), "KHONGCO"),  # row 6: 3. an unknown organization
        event("A006", "Kết nạp", "31/02/2023", "CELL1A"),  # row 7: 4. an impossible date
        event("A004", "Kết nạp", D(2022, 6, 1), "CELL1A"),  # row 8: 5. an admission at 14
        event("A005", "Kết nạp", D(2000, 1, 1), "CELL2A"),  # row 9
        event("A005", "Công nhận chính thức", D(2001, 1, 1)),  # row 10
        event("A005", "Từ trần", D(2020, 3, 1)),  # row 11
        event("A005", "Chuyển sinh hoạt nội bộ", D(2021, 6, 1), "CELL1A"),  # row 12: 6. an event after death
        event("A007", "Khen thưởng", D(2020, 1, 1)),  # row 13: 7. an unknown kind of event
        event("A006", "Công nhận chính thức", D(2024, 3, 1)),  # row 14: follows the misdated row: not again
    ],
    "ratings": [
        [2022, "Đảng viên", "A001", "Hoàn thành tốt nhiệm vụ", None, None],  # row 2
        [2022, "Đảng viên", "A002", "Xuất sắc lắm", None, None],  # row 3: 8. a level outside the list
    ],
    "targets": [
        [2022, "DIST", "CT01", "Tổng sản phẩm", "tỷ đồng", "nhiều", None, "Tăng", None],  # row 2: 9. a bad number
        [2022, "DIST", "CT02", "Thu ngân sách", "tỷ đồng", 120, 130, "Tăng", None],  # row 3
    ],
}


def workbook(rows) -> bytes:
    buffer = io.BytesIO()
    write_workbook(rows, buffer)
    return buffer.getvalue()


def test_nine_bad_rows_are_named_at_once_and_nothing_else(tree):
    report = import_file(data=workbook(NINE), name="chin-loi.xlsx")
    named = sorted((p.sheet, p.row, p.column) for p in report.errors)
    assert named == sorted([
        ("Đảng viên", 4, "Giới tính"),
        ("Đảng viên", 5, "Mã đảng viên"),
        ("Biến động", 6, "Mã tổ chức"),
        ("Biến động", 7, "Ngày"),
        ("Biến động", 8, "Ngày"),
        ("Biến động", 12, "Loại"),
        ("Biến động", 13, "Loại"),
        ("Xếp loại", 3, "Mức"),
        ("Chỉ tiêu", 2, "Kế hoạch"),
    ]), [str(p) for p in report.errors]
    assert not report.written
    assert not Member.objects.exists() and not MembershipEvent.objects.exists()
    assert not Rating.objects.exists() and not Target.objects.exists()
    # What it would have created, and that nothing was written.
    with translation.override("vi"):
        lines = summary_lines(report)
    assert lines[0].startswith("Tệp có lỗi: không có gì được ghi.")
    assert report.counts["Đảng viên"]["created"] == 7 and report.counts["Biến động"]["created"] == 3


def test_once_the_nine_rows_are_corrected_the_file_imports(tree):
    fixed = {
        "members": [row for i, row in enumerate(NINE["members"]) if i != 3],  # no second A002
        "events": [
            event("A001", "Kết nạp", D(2015, 3, 5), "CELL1A"),
            event("A001", "Công nhận chính thức", D(2016, 3, 5)),
            event("A002", "Kết nạp", D(2018, 6, 1), "CELL1B"),
            event("A003", "Kết nạp", D(2019, 1, 1), "CELL1A"),
            event("A008", "Kết nạp", D(2019, 2, 1), "CELL1B"),
            event("A006", "Kết nạp", D(2023, 2, 28), "CELL1A"),
            event("A004", "Kết nạp", D(2026, 6, 1), "CELL1A"),
            event("A005", "Kết nạp", D(2000, 1, 1), "CELL2A"),
            event("A005", "Công nhận chính thức", D(2001, 1, 1)),
            event("A005", "Chuyển sinh hoạt nội bộ", D(2019, 6, 1), "CELL1A"),
            event("A005", "Từ trần", D(2020, 3, 1)),
            event("A007", "Kết nạp", D(2020, 1, 1), "CELL1A"),
            event("A006", "Công nhận chính thức", D(2024, 3, 1)),
        ],
        "ratings": [
            [2022, "Đảng viên", "A001", "Hoàn thành tốt nhiệm vụ", None, None],
            [2022, "Đảng viên", "A002", "Hoàn thành nhiệm vụ", None, None],
        ],
        "targets": [
            [2022, "DIST", "CT01", "Tổng sản phẩm", "tỷ đồng", "1.200", None, "Tăng", None],
            [2022, "DIST", "CT02", "Thu ngân sách", "tỷ đồng", 120, 130, "Tăng", None],
        ],
    }
    fixed["members"][2] = member("A003", "Lê Văn Cường", 1990, "Nam")
    report = import_file(data=workbook(fixed), name="da-sua.xlsx")
    assert report.ok, [str(p) for p in report.errors]
    assert report.written and Member.objects.count() == 8 and MembershipEvent.objects.count() == 13
