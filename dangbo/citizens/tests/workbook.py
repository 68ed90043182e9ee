"""A held-out-style workbook for the citizens sheets, built by hand: deadlines that cross
Tết (Nhâm Dần 2022: 31/01–04/02; Quý Mão 2023: 20–26/01), weekends, New Year (2023: Sunday
01/01 with Monday 02/01 in lieu), the days in lieu of 30/04–01/05/2022 (02 and 03/05) and
of the Hùng Kings' day (Monday 11/04/2022), and a commune moved to another district on
01/07/2022. Every due date was counted by hand on the calendar (the comments), and the
expected figures of REPORT.md worked out from them.

    TINH ─┬ HUYEN_A ─┬ XA_1 (until 30/06/2022) ─ XA_1_C1
          │          └ XA_2 ─ XA_2_C1
          └ HUYEN_B ─┬ XA_1 (from 01/07/2022)
                     └ XA_3 ─ XA_3_C1
"""

import datetime as dt
import io

from dangbo.interchange.exporter import write_workbook

D = dt.date
FOUNDED = D(2000, 1, 1)
MOVED = D(2022, 7, 1)

ORGANIZATIONS = [
    ["TINH", "Đảng bộ tỉnh Thử Nghiệm", "Đảng bộ cấp trên cơ sở", None, None, FOUNDED, None],
    ["HUYEN_A", "Đảng bộ huyện An", "Đảng bộ cấp trên cơ sở", "TINH", None, FOUNDED, None],
    ["HUYEN_B", "Đảng bộ huyện Bình", "Đảng bộ cấp trên cơ sở", "TINH", None, FOUNDED, None],
    ["XA_1", "Đảng bộ xã Một", "Đảng bộ cơ sở", "HUYEN_A", "Xã, thị trấn", FOUNDED, None],
    ["XA_1_C1", "Chi bộ thôn Một", "Chi bộ trực thuộc", "XA_1", None, FOUNDED, None],
    ["XA_2", "Đảng bộ xã Hai", "Đảng bộ cơ sở", "HUYEN_A", "Xã, thị trấn", FOUNDED, None],
    ["XA_2_C1", "Chi bộ thôn Hai", "Chi bộ trực thuộc", "XA_2", None, FOUNDED, None],
    ["XA_3", "Đảng bộ xã Ba", "Đảng bộ cơ sở", "HUYEN_B", "Xã, thị trấn", FOUNDED, None],
    ["XA_3_C1", "Chi bộ thôn Ba", "Chi bộ trực thuộc", "XA_3", None, FOUNDED, None],
]
REORGANIZATIONS = [[MOVED, "Chuyển cấp trên", "XA_1", "HUYEN_B", None, "15-QĐ/TU"]]
MEMBERS = [
    ["M1", "Trần Văn Chủ", None, None, None, D(1970, 5, 1), "Nam"],
    ["M2", "Lê Thị Hai", None, None, None, D(1975, 3, 2), "Nữ"],
    ["M3", "Phạm Văn Ba", None, None, None, D(1968, 8, 9), "Nam"],
]
EVENTS = [
    ["M1", "Đầu kỳ", D(2020, 1, 1), "XA_2_C1", "Chính thức", D(1995, 1, 1), D(1996, 1, 1)],
    ["M2", "Đầu kỳ", D(2020, 1, 1), "XA_1_C1", "Chính thức", D(1999, 1, 1), D(2000, 1, 1)],
    ["M3", "Đầu kỳ", D(2020, 1, 1), "XA_3_C1", "Chính thức", D(1990, 1, 1), D(1991, 1, 1)],
]

# Ngày, Mã tổ chức, Hình thức, Người chủ trì, Số lượt công dân, Nội dung, Ghi chú
RECEPTIONS = [
    [D(2022, 1, 14), "HUYEN_A", "Tiếp định kỳ", "M1", 6, "Đất đai", None],
    [D(2022, 1, 14), "HUYEN_A", "Tiếp đột xuất", "M1", 3, "Vụ việc đông người", None],  # the same day: one day
    [D(2022, 2, 15), "HUYEN_A", "tiep dinh ky", "M1", 4, None, None],  # folded value
    [D(2022, 4, 20), "HUYEN_A", "Đối thoại", "M1", 50, "Đối thoại về giải phóng mặt bằng", None],
    [D(2022, 12, 15), "HUYEN_A", "Tiếp định kỳ", None, None, None, None],  # empty: 0 citizens
    [D(2022, 3, 10), "XA_1", "Tiếp định kỳ", "M2", 5, None, None],  # XA_1 under HUYEN_A
    [D(2022, 3, 25), "XA_1", "Tiếp định kỳ", "M2", 2, None, None],
    [D(2022, 7, 11), "XA_1", "Tiếp định kỳ", "M2", 7, None, None],  # XA_1 under HUYEN_B
    [D(2022, 8, 12), "XA_1", "Đối thoại", "M2", 30, None, None],
    [D(2022, 5, 10), "XA_2", "Tiếp định kỳ", "M1", 3, None, None],
    [D(2022, 9, 9), "XA_3", "Tiếp đột xuất", "M3", 8, None, None],
    [D(2021, 12, 31), "XA_3", "Tiếp định kỳ", "M3", 4, None, None],  # 2021
    [D(2023, 1, 3), "XA_3", "Tiếp định kỳ", "M3", 2, None, None],  # 2023
]

# Mã đơn, Ngày nhận, Mã tổ chức, Loại, Nội dung, Người gửi, Kênh, Mã đảng viên liên quan, Mức độ,
# Vùng khó khăn, Ngày thụ lý, Ngày giải quyết, Kết quả, Số văn bản, Ghi chú
PETITIONS = [
    # Fri 21/01/2022 + 10 days = Mon 31/01, Tết's eve; off until Fri 04/02 and the weekend → Mon 07/02.
    # Accepted 07/02; + 30 days = Wed 09/03. Closed 09/03: on time.
    ["A1", D(2022, 1, 21), "HUYEN_A", "Khiếu nại", "Khiếu nại thu hồi đất", "Nguyễn Văn Một", "Trực tiếp", None,
     None, None, D(2022, 2, 7), D(2022, 3, 9), "Đúng một phần", "12/QĐ-UBND", None],
    # Wed 26/01/2022 + 7 working days: 27, 28/01, (29/01–06/02 weekends and Tết), 07, 08, 09, 10, 11/02 → Fri 11/02.
    # Accepted 10/02, complex: + 60 days = Mon 11/04, the day in lieu of the Hùng Kings' day → Tue 12/04.
    # Closed 12/04: on time (only because of the day in lieu).
    ["A2", D(2022, 1, 26), "HUYEN_A", "Tố cáo", "Tố cáo cán bộ", "Người tố cáo Một", "Bưu chính", "M1",
     "Phức tạp", "Không", D(2022, 2, 10), D(2022, 4, 12), "Sai", "05/KL-UBKT", None],
    # Thu 28/04/2022 + 10 working days: 29/04 (1), 30/04–03/05 off (Sat holiday, Sun holiday, two days
    # in lieu), 04–06/05 (4), 09–13/05 (9), 16/05 (10) → Mon 16/05. Answered 17/05 without
    # acceptance: late. XA_1 was under HUYEN_A then.
    ["A3", D(2022, 4, 28), "XA_1", "Kiến nghị", "Kiến nghị làm đường", None, "Điện tử", None,
     None, None, None, D(2022, 5, 17), "Trả lời, hướng dẫn", None, None],
    # Accepted within 10 working days (Tue 28/06 → Tue 12/07); feedback has no closing period:
    # open at 31/12/2022, never overdue.
    ["A4", D(2022, 6, 28), "XA_2", "Phản ánh", "Phản ánh ô nhiễm", "Lê Văn Hai", None, None,
     None, None, D(2022, 7, 1), None, None, None, None],
    # XA_1, now under HUYEN_B. Remote and complex: accept within 10 days (Thu 25/08); accepted
    # Mon 22/08; + 60 days = Fri 21/10/2022. Closed only on 10/01/2023: open and overdue at 31/12/2022.
    ["A5", D(2022, 8, 15), "XA_1", "Khiếu nại", "Khiếu nại bồi thường", "Đỗ Thị Năm", "Trực tiếp", None,
     "Phức tạp", "Có", D(2022, 8, 22), D(2023, 1, 10), "Đúng", None, None],
    # Mon 05/09/2022 (after the National Day, 01–02/09) + 7 working days → Wed 14/09. Accepted
    # 08/09; especially complex: + 90 days = Wed 07/12. Closed 07/12: on time.
    ["A6", D(2022, 9, 5), "XA_3", "Tố cáo", "Tố cáo trưởng thôn", "Người tố cáo Sáu", None, "M3",
     "Đặc biệt phức tạp", None, D(2022, 9, 8), D(2022, 12, 7), "Đúng một phần", None, None],
    # Mon 26/12/2022 + 7 working days: 27–30/12 (4), 31/12 Sat, 01/01 Sun (New Year), 02/01 in lieu,
    # 03, 04, 05/01 → Thu 05/01/2023: open at 31/12/2022 but not overdue. Accepted 04/01/2023;
    # + 30 days = Fri 03/02/2023. Closed 02/02/2023: on time (a 2023 closing).
    ["A7", D(2022, 12, 26), "XA_3", "Tố cáo", "Tố cáo sử dụng đất công", "Người tố cáo Bảy", None, None,
     None, None, D(2023, 1, 4), D(2023, 2, 2), "Sai", None, None],
    # Fri 09/12/2022 + 10 working days: 12–16 (5), 19–23 (10) → Fri 23/12. Not accepted by 31/12:
    # open and overdue; forwarded on 05/01/2023.
    ["A8", D(2022, 12, 9), "HUYEN_B", "Phản ánh", "Phản ánh thái độ cán bộ", "Hoàng Văn Tám", None, None,
     None, None, None, D(2023, 1, 5), "Chuyển cơ quan có thẩm quyền", None, None],
    # Remote, ordinary: Fri 07/10/2022 + 45 days = Mon 21/11. Closed Sunday 20/11: on time.
    ["A9", D(2022, 10, 3), "HUYEN_A", "Khiếu nại", "Khiếu nại đền bù", "Vũ Văn Chín", "Trực tiếp", None,
     "Thông thường", "Có", D(2022, 10, 7), D(2022, 11, 20), "Sai", None, None],
    # Thu 10/11/2022 + 10 working days: 11 (1), 14–18 (6), 21–24 (10) → Thu 24/11. Forwarded 15/11
    # without acceptance: on time.
    ["A10", D(2022, 11, 10), "XA_2", "Kiến nghị", "Kiến nghị điện chiếu sáng", None, None, None,
     None, None, None, D(2022, 11, 15), "Chuyển cơ quan có thẩm quyền", None, None],
    # Thu 15/12/2022 + 10 days = Sun 25/12 → Mon 26/12. Accepted Thu 22/12; + 30 days = Sat 21/01/2023,
    # Tết's eve; Tết until Thu 26/01 → Fri 27/01/2023. Open at 31/12/2022, not overdue.
    ["A11", D(2022, 12, 15), "HUYEN_A", "Khiếu nại", "Khiếu nại cấp giấy chứng nhận", "Bùi Văn Mười", None, None,
     None, None, D(2022, 12, 22), D(2023, 1, 20), "Sai", None, None],
    # 2023. Thu 12/01 + 10 days = Sun 22/01, Tết → Fri 27/01. Accepted late, Mon 30/01; + 30 days =
    # Wed 01/03. Closed 28/02: on time (a late acceptance is not counted).
    ["B1", D(2023, 1, 12), "HUYEN_A", "Khiếu nại", "Khiếu nại giá đất", "Ngô Văn Một", None, None,
     None, None, D(2023, 1, 30), D(2023, 2, 28), "Đúng", None, None],
    # Thu 19/01/2023 + 10 working days: (20–26/01 Tết) 27, 30, 31/01, 01, 02, 03, 06, 07, 08, 09/02
    # → Thu 09/02. Answered 08/02 without acceptance: on time.
    ["B2", D(2023, 1, 19), "XA_1", "Phản ánh", "Phản ánh rác thải", None, None, None,
     None, None, None, D(2023, 2, 8), "Trả lời, hướng dẫn", None, None],
    # Fri 13/01/2023 + 10 working days: 16–19 (4), (20–26 Tết), 27 (5), 30, 31/01, 01, 02, 03/02 (10)
    # → Fri 03/02. Filed on Mon 06/02 without acceptance: late.
    ["B3", D(2023, 1, 13), "XA_3", "Kiến nghị", "Kiến nghị nạo vét kênh", None, None, None,
     None, None, None, D(2023, 2, 6), "Lưu đơn", None, None],
]
# Each petition's due dates, as counted above: code -> (acceptance due, closing due).
DUE = {
    "A1": (D(2022, 2, 7), D(2022, 3, 9)),
    "A2": (D(2022, 2, 11), D(2022, 4, 12)),
    "A3": (D(2022, 5, 16), None),
    "A4": (D(2022, 7, 12), None),
    "A5": (D(2022, 8, 25), D(2022, 10, 21)),
    "A6": (D(2022, 9, 14), D(2022, 12, 7)),
    "A7": (D(2023, 1, 5), D(2023, 2, 3)),
    "A8": (D(2022, 12, 23), None),
    "A9": (D(2022, 10, 13), D(2022, 11, 21)),
    "A10": (D(2022, 11, 24), None),
    "A11": (D(2022, 12, 26), D(2023, 1, 27)),
    "B1": (D(2023, 1, 27), D(2023, 3, 1)),
    "B2": (D(2023, 2, 9), None),
    "B3": (D(2023, 2, 3), None),
}

# Mã, Năm, Tên, Loại, Lĩnh vực, Mã tổ chức, Cấp công nhận, Ngày công nhận, Ghi chú
MOBILIZATION = [
    ["DV1", 2022, "Mô hình trồng vải thiều VietGAP", "Mô hình", "Kinh tế", "XA_1", "cap huyen", D(2022, 12, 15), None],
    ["DV2", 2022, "Chi hội phụ nữ thôn Hai", "Điển hình", "Văn hóa - xã hội", "XA_2", "Cấp tỉnh", D(2023, 1, 10),
     None],
    ["DV3", 2022, "Chính quyền thân thiện", "Mô hình", "Xây dựng hệ thống chính trị", "HUYEN_A", None, None, None],
    ["DV4", 2022, "Camera an ninh", "Mô hình", "quoc phong an ninh", "XA_3", "Huyện", D(2022, 12, 20), None],
    ["DV5", 2023, "Truy xuất nguồn gốc vải", "Mô hình", "Kinh tế", "XA_1", None, None, None],
]

# The figures of REPORT.md, worked out from the rows above.
ZERO_PETITIONS = {"received": 0, "by_kind": {"complaint": 0, "denunciation": 0, "recommendation": 0, "feedback": 0},
                  "resolved": 0, "on_time": 0, "overdue": 0, "open": 0}
EXPECTED = {
    ("HUYEN_A", 2022): {
        # Days: (HUYEN_A 14/01, 15/02, 15/12), (XA_1 10/03, 25/03), (XA_2 10/05); 6+3+4+50+0+5+2+3 citizens.
        "citizens": {"reception_days": 6, "dialogues": 1, "citizens_received": 73, "petitions": {
            # A1, A2, A3 (XA_1 before the move), A4, A9, A10, A11; closed: A1, A2, A3 (late), A9, A10.
            "received": 7, "by_kind": {"complaint": 3, "denunciation": 1, "recommendation": 2, "feedback": 1},
            "resolved": 5, "on_time": 4, "overdue": 0, "open": 2}},
        # DV2 (XA_2), DV3 (HUYEN_A); XA_1 stood under HUYEN_B on 31/12/2022.
        "mass_mobilization": {"models": 1, "exemplars": 1, "recognized": 0, "by_field": {
            "economy": 0, "culture_society": 1, "defense_security": 0, "political_system": 1}},
    },
    ("HUYEN_B", 2022): {
        # (XA_1 11/07), (XA_3 09/09); the dialogue of XA_1 on 12/08; 7+30+8 citizens.
        "citizens": {"reception_days": 2, "dialogues": 1, "citizens_received": 45, "petitions": {
            # A5, A6, A7, A8; closed: A6; open: A5 (overdue), A7, A8 (overdue).
            "received": 4, "by_kind": {"complaint": 1, "denunciation": 2, "recommendation": 0, "feedback": 1},
            "resolved": 1, "on_time": 1, "overdue": 2, "open": 3}},
        "mass_mobilization": {"models": 2, "exemplars": 0, "recognized": 2, "by_field": {
            "economy": 1, "culture_society": 0, "defense_security": 1, "political_system": 0}},
    },
    ("TINH", 2022): {
        "citizens": {"reception_days": 8, "dialogues": 2, "citizens_received": 118, "petitions": {
            "received": 11, "by_kind": {"complaint": 4, "denunciation": 3, "recommendation": 2, "feedback": 2},
            "resolved": 6, "on_time": 5, "overdue": 2, "open": 5}},
        "mass_mobilization": {"models": 3, "exemplars": 1, "recognized": 2, "by_field": {
            "economy": 1, "culture_society": 1, "defense_security": 1, "political_system": 1}},
    },
    ("XA_1", 2022): {
        "citizens": {"reception_days": 3, "dialogues": 1, "citizens_received": 44, "petitions": {
            "received": 2, "by_kind": {"complaint": 1, "denunciation": 0, "recommendation": 1, "feedback": 0},
            "resolved": 1, "on_time": 0, "overdue": 1, "open": 1}},
        "mass_mobilization": {"models": 1, "exemplars": 0, "recognized": 1, "by_field": {
            "economy": 1, "culture_society": 0, "defense_security": 0, "political_system": 0}},
    },
    ("HUYEN_A", 2023): {
        "citizens": {"reception_days": 0, "dialogues": 0, "citizens_received": 0, "petitions": {
            "received": 1, "by_kind": {"complaint": 1, "denunciation": 0, "recommendation": 0, "feedback": 0},
            "resolved": 1, "on_time": 1, "overdue": 0, "open": 0}},
        "mass_mobilization": {"models": 0, "exemplars": 0, "recognized": 0, "by_field": {
            "economy": 0, "culture_society": 0, "defense_security": 0, "political_system": 0}},
    },
    ("HUYEN_B", 2023): {
        # XA_3 03/01/2023; B2 (XA_1) on time, B3 late.
        "citizens": {"reception_days": 1, "dialogues": 0, "citizens_received": 2, "petitions": {
            "received": 2, "by_kind": {"complaint": 0, "denunciation": 0, "recommendation": 1, "feedback": 1},
            "resolved": 2, "on_time": 1, "overdue": 0, "open": 0}},
        "mass_mobilization": {"models": 1, "exemplars": 0, "recognized": 0, "by_field": {
            "economy": 1, "culture_society": 0, "defense_security": 0, "political_system": 0}},
    },
    ("HUYEN_A", 2021): {
        "citizens": {"reception_days": 0, "dialogues": 0, "citizens_received": 0, "petitions": ZERO_PETITIONS},
        "mass_mobilization": {"models": 0, "exemplars": 0, "recognized": 0, "by_field": {
            "economy": 0, "culture_society": 0, "defense_security": 0, "political_system": 0}},
    },
}


def rows() -> dict[str, list[list]]:
    return {
        "organizations": ORGANIZATIONS,
        "reorganizations": REORGANIZATIONS,
        "members": [row + [None] * 10 for row in MEMBERS],
        "events": [row + [None, None, None] for row in EVENTS],
        "receptions": RECEPTIONS,
        "petitions": PETITIONS,
        "mobilization": MOBILIZATION,
    }


def workbook(sheets: dict[str, list[list]] | None = None) -> bytes:
    buffer = io.BytesIO()
    write_workbook(sheets or rows(), buffer)
    return buffer.getvalue()
