"""A held-out-style workbook for the tests: a province with two districts, a grassroots
committee moved from one district to the other on 01/07/2023, members with their
events (one `Khai trừ` already in `Biến động`, one only in `Kỷ luật`), the inspection
program of 2022 and 2023, remedies, discipline decisions. The figures expected from it
are worked out by hand in `EXPECTED` (REPORT.md's rules; the reasoning is beside each).

`BAD` adds rows that are wrong in each sheet: every one must be named, nothing written.
"""

import copy
import datetime as dt
import io

from dangbo.interchange.exporter import write_workbook

D = dt.date
ABOVE, GRASSROOTS, CELL, GRASSROOTS_CELL = (
    "Đảng bộ cấp trên cơ sở",
    "Đảng bộ cơ sở",
    "Chi bộ trực thuộc",
    "Chi bộ cơ sở",
)
FOUNDED = D(2000, 1, 1)
MOVE_DAY = D(2023, 7, 1)

ORGANIZATIONS = [
    ["TINHX", "Đảng bộ tỉnh Xuân Thủy", ABOVE, None, None, FOUNDED, None],
    ["HA", "Đảng bộ huyện An Lão", ABOVE, "TINHX", None, FOUNDED, None],
    ["HB", "Đảng bộ huyện Bình Giang", ABOVE, "TINHX", None, FOUNDED, None],
    ["XA1", "Đảng bộ xã An Tiến", GRASSROOTS, "HA", "Xã, thị trấn", FOUNDED, None],
    ["XA1_C1", "Chi bộ thôn Một", CELL, "XA1", None, FOUNDED, None],
    ["XA1_C2", "Chi bộ thôn Hai", CELL, "XA1", None, FOUNDED, None],
    ["XA2", "Đảng bộ xã An Thắng", GRASSROOTS, "HA", "Xã, thị trấn", FOUNDED, None],
    ["XA2_C1", "Chi bộ thôn Ba", CELL, "XA2", None, FOUNDED, None],
    ["XB1", "Đảng bộ xã Bình Minh", GRASSROOTS, "HB", "Xã, thị trấn", FOUNDED, None],
    ["XB1_C1", "Chi bộ thôn Bốn", CELL, "XB1", None, FOUNDED, None],
    ["CBB", "Chi bộ Trường THPT Bình Giang", GRASSROOTS_CELL, "HB", "Trường học", FOUNDED, None],
]
# The grassroots committee of An Tiến moves from An Lão to Bình Giang on 01/07/2023.
REORGANIZATIONS = [[MOVE_DAY, "Chuyển cấp trên", "XA1", "HB", None, "15-QĐ/TU"]]


def _member(code, name, born, sex="Nam"):
    return [code, name, None, None, None, born, sex, "Kinh", None, None, None, None, None, None, None, None, None]


MEMBERS = [
    _member("M01", "Nguyễn Văn Bình", D(1970, 2, 3)),
    _member("M02", "Trần Văn Cường", D(1975, 4, 5)),
    _member("M03", "Lê Thị Dung", D(1980, 6, 7), "Nữ"),
    _member("M04", "Phạm Văn Đức", D(1965, 8, 9)),
    _member("M05", "Hoàng Thị Hà", D(1995, 10, 11), "Nữ"),
    _member("M06", "Vũ Văn Hùng", D(1972, 12, 1)),
    _member("M07", "Đỗ Thị Lan", D(1985, 1, 2), "Nữ"),
    _member("M08", "Bùi Văn Minh", D(1978, 3, 4)),
    _member("M09", "Đặng Văn Nam", D(1969, 5, 6)),
    _member("M10", "Ngô Thị Oanh", D(1990, 7, 8), "Nữ"),
]
OPENING = D(2022, 1, 1)
HOME = {
    "M01": "XA1_C1",
    "M02": "XA1_C1",
    "M03": "XA1_C2",
    "M04": "XA2_C1",
    "M05": "XA2_C1",
    "M06": "XB1_C1",
    "M07": "XB1_C1",
    "M08": "CBB",
    "M09": "XA1_C2",
    "M10": "XA2_C1",
}


def _event(code, kind, date, org=None, status=None, admitted=None, official=None, number=None, reason=None):
    return [code, kind, date, org, status, admitted, official, number, reason, None]


EVENTS = [
    _event(
        code,
        "Đầu kỳ",
        OPENING,
        org,
        "Dự bị" if code == "M05" else "Chính thức",
        D(2021, 9, 1) if code == "M05" else D(2010, 5, 1),
        None if code == "M05" else D(2011, 5, 1),
    )
    for code, org in HOME.items()
] + [
    # M02's expulsion is in the register's sheet; its decision in `Kỷ luật` takes it.
    _event("M02", "Khai trừ", D(2023, 8, 15), number="20-QĐ/ĐU", reason="Vi phạm tư cách đảng viên"),
]
RATINGS = [
    [2022, "Đảng viên", "M06", "Hoàn thành tốt nhiệm vụ", None, None],  # disciplined in 2022: a warning
    [2022, "Đảng viên", "M07", "Hoàn thành tốt nhiệm vụ", None, None],
]

CK, DH, TC, KTGS, GSCD, GSTX = (
    "Kiểm tra chấp hành",
    "Kiểm tra khi có dấu hiệu vi phạm",
    "Kiểm tra tài chính",
    "Kiểm tra thực hiện nhiệm vụ kiểm tra, giám sát",
    "Giám sát chuyên đề",
    "Giám sát thường xuyên",
)
UBKT, BTV, CU, CB = "Ủy ban Kiểm tra", "Ban Thường vụ", "Cấp ủy", "Chi bộ"
TO_CHUC, DANG_VIEN = "Tổ chức", "Đảng viên"


def _item(code, year, kind, body, org, subject, subject_code, start, end=None, conclusion=None, **text):
    return [
        code,
        year,
        kind,
        body,
        org,
        subject,
        subject_code,
        start,
        end,
        conclusion,
        text.get("strengths"),
        text.get("shortcomings"),
        text.get("number"),
        None,
    ]


ITEMS = [
    _item(
        "K22-01",
        2022,
        CK,
        UBKT,
        "HA",
        TO_CHUC,
        "XA1",
        D(2022, 3, 10),
        D(2022, 4, 20),
        "Có khuyết điểm",
        strengths="Lãnh đạo hoàn thành nhiệm vụ chính trị",
        shortcomings="Sinh hoạt chi bộ chưa đều",
    ),
    _item(
        "K22-02",
        2022,
        DH,
        UBKT,
        "HA",
        DANG_VIEN,
        "M09",
        D(2022, 5, 5),
        D(2022, 6, 30),
        "Có vi phạm đến mức phải xử lý kỷ luật",
        number="12-QĐ/UBKT",
    ),
    _item("K22-03", 2022, GSCD, BTV, "HA", TO_CHUC, "XA2", D(2022, 9, 1)),
    _item("K22-04", 2022, GSTX, CU, "XA1", TO_CHUC, "XA1_C1", D(2022, 2, 15), D(2022, 12, 15), "Không có vi phạm"),
    _item("K22-05", 2022, TC, UBKT, "HB", TO_CHUC, "CBB", D(2022, 10, 1), D(2023, 1, 10), "Có vi phạm"),
    # XA1 is under HA on 10/03/2023 and under HB from 01/07/2023.
    _item(
        "K23-01",
        2023,
        DH,
        UBKT,
        "XA1",
        DANG_VIEN,
        "M02",
        D(2023, 3, 10),
        D(2023, 5, 30),
        "Có vi phạm đến mức phải xử lý kỷ luật",
    ),
    _item("K23-02", 2023, GSCD, CU, "XA1", TO_CHUC, "XA1_C2", D(2023, 8, 15), D(2023, 10, 30), "Có khuyết điểm"),
    _item("K23-03", 2023, CK, UBKT, "HA", TO_CHUC, "XA2", D(2023, 4, 1), D(2023, 6, 30), "Không có vi phạm"),
    _item("K23-04", 2023, KTGS, UBKT, "HB", TO_CHUC, "XB1", D(2023, 9, 5)),
    _item("K23-05", 2023, GSTX, CB, "XB1_C1", DANG_VIEN, "M07", D(2023, 2, 1), D(2023, 12, 20), "Không có vi phạm"),
]
REMEDIES = [
    ["K22-01", "Kiện toàn chi ủy chi bộ thôn Hai", D(2022, 6, 30), D(2022, 6, 20)],
    ["K22-01", "Chấn chỉnh việc ghi biên bản sinh hoạt chi bộ", D(2022, 9, 30), D(2022, 10, 15)],  # late, done
    ["K22-01", "Rà soát việc thu, nộp đảng phí", D(2022, 12, 31), None],  # due on 31/12: not overdue
    ["K22-02", "Kiểm điểm trước chi bộ", D(2022, 7, 31), D(2022, 7, 30)],
    ["K22-04", "Duy trì sinh hoạt định kỳ hằng tháng", D(2022, 11, 30), None],  # overdue at 31/12/2022
    ["K22-05", "Hoàn trả kinh phí chi sai quy định", D(2023, 3, 31), D(2023, 3, 15)],  # done the next year
    ["K23-01", "Kiểm điểm trước chi bộ", D(2023, 6, 30), D(2023, 6, 25)],
    ["K23-02", "Bổ sung sổ sách của chi bộ", D(2023, 12, 31), D(2023, 12, 20)],
    ["K23-02", "Rà soát việc thực hiện nghị quyết chuyên đề", D(2023, 11, 30), None],  # overdue at 31/12/2023
    ["K23-04", "Báo cáo kết quả tự kiểm tra", D(2024, 1, 15), None],  # due next year: not overdue
]


def _discipline(date, subject, code, form, org, body, violation=None, item=None, number=None, reason=None):
    return [date, subject, code, form, org, body, violation, item, number, reason]


DISCIPLINES = [
    # M09's expulsion is only here: the decision writes the `Khai trừ` event.
    _discipline(
        D(2022, 11, 20),
        DANG_VIEN,
        "M09",
        "Khai trừ",
        "HA",
        UBKT,
        D(2022, 3, 1),
        "K22-02",
        "45-QĐ/UBKT",
        "Vi phạm tư cách đảng viên",
    ),
    _discipline(D(2022, 9, 12), DANG_VIEN, "M06", "Cảnh cáo", "HB", UBKT, None, None, "30-QĐ/UBKT"),
    _discipline(D(2022, 3, 3), DANG_VIEN, "M01", "Cách chức", "HA", BTV, None, None, "08-QĐ/HU"),
    # M02's expulsion is also in `Biến động`: the same fact, counted once.
    _discipline(D(2023, 8, 15), DANG_VIEN, "M02", "Khai trừ", "XA1", CU, None, "K23-01", "20-QĐ/ĐU"),
    # more than five years after the conduct: a warning (QĐ 69), recorded anyway
    _discipline(D(2023, 6, 10), DANG_VIEN, "M04", "Khiển trách", "XA2", CU, D(2016, 2, 1), None, "07-QĐ/ĐU"),
    _discipline(D(2023, 12, 1), TO_CHUC, "XA1_C2", "Khiển trách", "XA1", CU, None, "K23-02", "33-QĐ/ĐU"),
    _discipline(D(2023, 5, 5), DANG_VIEN, "M05", "Khiển trách", "XA2", CU, None, None, "05-QĐ/ĐU"),
]


def rows() -> dict[str, list[list]]:
    return copy.deepcopy(
        {
            "organizations": ORGANIZATIONS,
            "reorganizations": REORGANIZATIONS,
            "members": MEMBERS,
            "events": EVENTS,
            "ratings": RATINGS,
            "inspections": ITEMS,
            "remedies": REMEDIES,
            "disciplines": DISCIPLINES,
        }
    )


def workbook(sheets: dict[str, list[list]]) -> bytes:
    buffer = io.BytesIO()
    write_workbook(sheets, buffer)
    return buffer.getvalue()


def _inspection(inspections, supervisions, signs, concluded, violations, total, done, overdue) -> dict:
    return {
        "inspections": inspections,
        "supervisions": supervisions,
        "signs_of_violation": signs,
        "concluded": concluded,
        "with_violations": violations,
        "remedies": {"total": total, "done": done, "overdue": overdue},
    }


def _discipline_figures(organizations=0, members=0, **forms) -> dict:
    by_form = {k: forms.get(k, 0) for k in ("reprimand", "warning", "removal", "expulsion", "dissolution")}
    return {"organizations": organizations, "members": members, "by_form": by_form}


# (organization, year) -> (inspection, discipline, removed_from_party), by hand:
EXPECTED = {
    # 2022. HA: K22-01, K22-02, K22-03 and K22-04 (XA1 was under HA); K22-03 is not concluded;
    # remedies of those: 5, done by 31/12: 3 (one late but done), overdue: K22-04's (the one
    # due on 31/12 is not "before" it). Discipline: M01's removal, M09's expulsion (written
    # by the decision: the one removal from the Party).
    ("HA", 2022): (_inspection(2, 2, 1, 3, 1, 5, 3, 1), _discipline_figures(members=2, removal=1, expulsion=1), 1),
    # HB: K22-05, concluded only on 10/01/2023; its remedy done in 2023, due in 2023.
    ("HB", 2022): (_inspection(1, 0, 0, 0, 0, 1, 0, 0), _discipline_figures(members=1, warning=1), 0),
    ("XA1", 2022): (_inspection(0, 1, 0, 1, 0, 1, 0, 1), _discipline_figures(), 1),
    ("TINHX", 2022): (
        _inspection(3, 2, 1, 3, 1, 6, 3, 1),
        _discipline_figures(members=3, warning=1, removal=1, expulsion=1),
        1,
    ),
    # 2023. K23-01 counts in HA (XA1 under HA on 10/03), K23-02 in HB (on 15/08); K23-05 in
    # HB. M02's expulsion (15/08, by XA1, under HB that day) counts in HB once, in figures
    # of both the register and discipline.
    ("HA", 2023): (_inspection(2, 0, 1, 2, 1, 1, 1, 0), _discipline_figures(members=2, reprimand=2), 0),
    ("HB", 2023): (
        _inspection(1, 2, 0, 2, 0, 3, 1, 1),
        _discipline_figures(organizations=1, members=1, reprimand=1, expulsion=1),
        1,
    ),
    ("XA1", 2023): (
        _inspection(1, 1, 1, 2, 1, 3, 2, 1),
        _discipline_figures(organizations=1, members=1, reprimand=1, expulsion=1),
        1,
    ),
    ("TINHX", 2023): (
        _inspection(3, 2, 1, 4, 1, 4, 2, 1),
        _discipline_figures(organizations=1, members=3, reprimand=3, expulsion=1),
        1,
    ),
    ("XA2", 2023): (_inspection(0, 0, 0, 0, 0, 0, 0, 0), _discipline_figures(members=2, reprimand=2), 0),
}


def bad_rows() -> tuple[dict[str, list[list]], list[tuple[str, int, str]]]:
    """The good rows with wrong ones added at the end of each sheet, and the (sheet, row,
    column) of each error the import must name, nothing else. Rows that only follow from
    a wrong row (a remedy of a wrong item) are not named again."""
    sheets = rows()
    items, remedies, disciplines = sheets["inspections"], sheets["remedies"], sheets["disciplines"]
    first = len(items) + 2  # Excel row of the first added item (header = row 1)
    items += [
        _item("BAD-01", 2023, CK, UBKT, "HA", TO_CHUC, "XA2", D(2023, 2, 1), None, "Có vi phạm"),  # no date
        _item("BAD-02", 2023, CK, UBKT, "HA", TO_CHUC, "XA2", D(2023, 2, 1), D(2023, 3, 1)),  # no conclusion
        _item("BAD-03", 2023, CK, UBKT, "KHONGCO", TO_CHUC, "XA2", D(2023, 2, 1)),  # unknown organization
        _item("BAD-04", 2023, DH, UBKT, "HA", DANG_VIEN, "M09", D(2023, 1, 10)),  # expelled on 20/11/2022 (Kỷ luật)
        _item("BAD-05", 1999, CK, UBKT, "HB", TO_CHUC, "XB1", D(1999, 5, 15)),  # HB founded in 2000
        _item("BAD-06", 2023, "Kiểm tra đột xuất", UBKT, "HB", TO_CHUC, "XB1", D(2023, 5, 15)),  # unknown kind
        _item("BAD-07", 2023, CK, UBKT, "HB", TO_CHUC, "XB1", D(2023, 5, 15), D(2023, 4, 1), "Có vi phạm"),
    ]
    expected = [
        ("Kiểm tra, giám sát", first, "Đến ngày"),
        ("Kiểm tra, giám sát", first + 1, "Kết luận"),
        ("Kiểm tra, giám sát", first + 2, "Mã tổ chức"),
        ("Kiểm tra, giám sát", first + 3, "Mã đối tượng"),
        ("Kiểm tra, giám sát", first + 4, "Mã tổ chức"),
        ("Kiểm tra, giám sát", first + 5, "Loại"),
        ("Kiểm tra, giám sát", first + 6, "Đến ngày"),
    ]
    first = len(remedies) + 2
    remedies += [
        ["KHONGCO", "Việc gì đó", D(2023, 5, 1), None],  # unknown item
        ["BAD-01", "Theo cuộc sai", D(2023, 5, 1), None],  # the item's row is wrong: not named again
        ["K23-03", "Hạn trước khi kiểm tra", D(2023, 3, 1), None],  # due before the item began
        ["K22-02", "Báo cáo kết quả khắc phục", D(2022, 8, 1), D(2027, 1, 1)],  # done after today
    ]
    expected += [
        ("Biện pháp khắc phục", first, "Mã cuộc"),
        ("Biện pháp khắc phục", first + 2, "Hạn"),
        ("Biện pháp khắc phục", first + 3, "Ngày hoàn thành"),
    ]
    first = len(disciplines) + 2
    disciplines += [
        _discipline(D(2023, 6, 1), DANG_VIEN, "M05", "Khai trừ", "XA2", CU),  # a probationary member
        _discipline(D(2023, 6, 1), TO_CHUC, "XA2_C1", "Cách chức", "XA2", CU),  # not for an organization
        _discipline(D(2023, 10, 1), DANG_VIEN, "M02", "Khiển trách", "XA1", CU),  # expelled on 15/08/2023
        _discipline(D(2023, 6, 1), DANG_VIEN, "M10", "Khiển trách", "KHONGCO", CU),  # unknown deciding org
        _discipline(D(2022, 9, 12), DANG_VIEN, "M06", "Cảnh cáo", "HB", BTV, None, None, "31-QĐ"),  # key twice
        _discipline(D(2023, 6, 2), DANG_VIEN, "M10", "Khiển trách", "XA2", CU, None, "BAD-02"),  # wrong item
        _discipline(D(2023, 6, 1), DANG_VIEN, "M03", "Cảnh cáo", "XA1", CU, D(2023, 7, 1)),  # violation after
    ]
    expected += [
        ("Kỷ luật", first, "Hình thức"),
        ("Kỷ luật", first + 1, "Hình thức"),
        ("Kỷ luật", first + 2, "Mã đối tượng"),
        ("Kỷ luật", first + 3, "Mã tổ chức quyết định"),
        ("Kỷ luật", first + 4, "Hình thức"),
        ("Kỷ luật", first + 6, "Ngày vi phạm"),
    ]
    return sheets, expected
