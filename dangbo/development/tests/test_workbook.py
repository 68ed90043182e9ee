"""A held-out-style workbook of its own: a province with two districts, the five sheets of
member development and leadership work (and the optional terms), and a commune moved from
one district to the other on 01/07/2023. The figures of REPORT.md were worked out by hand
(below, beside each record); a copy with bad rows names each of them, and nothing else,
and writes nothing."""

import datetime as dt
import io

import pytest

from dangbo.development.models import AdmissionTarget, Candidate, Checkpoint
from dangbo.interchange.exporter import write_workbook
from dangbo.interchange.importer import import_file
from dangbo.leadership.models import Assignment, Document, StudySession, Term
from dangbo.organizations.models import Organization
from dangbo.reports.figures import annual_figures

D = dt.date
YEAR = 2023
GR, CELL, ABOVE, GCELL = "Đảng bộ cơ sở", "Chi bộ trực thuộc", "Đảng bộ cấp trên cơ sở", "Chi bộ cơ sở"
NQ, QD, BC, KH, CV, TB = "Nghị quyết", "Quyết định", "Báo cáo", "Kế hoạch", "Công văn", "Thông báo"
HCM = "Chuyên đề tư tưởng, đạo đức, phong cách Hồ Chí Minh"


def org(code, name, kind, parent=None):
    return [code, name, kind, parent, None, D(2000, 1, 1), None]


BORN, YOUNG = D(1980, 1, 1), D(2000, 2, 2)


def member(code, name, sex="Nam", birth=BORN):
    return [code, name, None, None, None, birth, sex, "Kinh", None, None, None, None, None, None, None, None, None]


def opening(code, where):
    return [code, "Đầu kỳ", D(2020, 1, 1), where, "Chính thức", D(2005, 1, 1), D(2006, 1, 1), None, None, None]


def admitted(code, day, where):
    return [code, "Kết nạp", day, where, None, None, None, None, None, None]


def candidate(code, name, where, planned, helpers=None, certificate=None, member=None, stopped=None, reason=None,
              birth=YOUNG, sex="Nữ"):
    return [code, name, birth, sex, None, where, planned, helpers, certificate, member, stopped, reason]


GOOD = {
    # TINH ─┬─ HUYENA ─┬─ XA1 ─ XA1C1, XA1C2
    #       │          ├─ XA2 ─ XA2C1      (moves under HUYENB on 01/07/2023)
    #       │          └─ CQ (a grassroots cell)
    #       └─ HUYENB ─── XB1 ─ XB1C1
    "organizations": [
        org("TINH", "Đảng bộ tỉnh Thử", ABOVE),
        org("HUYENA", "Đảng bộ huyện An", ABOVE, "TINH"),
        org("HUYENB", "Đảng bộ huyện Bình", ABOVE, "TINH"),
        org("XA1", "Đảng bộ xã Một", GR, "HUYENA"),
        org("XA1C1", "Chi bộ thôn Một", CELL, "XA1"),
        org("XA1C2", "Chi bộ thôn Hai", CELL, "XA1"),
        org("XA2", "Đảng bộ xã Hai", GR, "HUYENA"),
        org("XA2C1", "Chi bộ thôn Ba", CELL, "XA2"),
        org("CQ", "Chi bộ Cơ quan huyện An", GCELL, "HUYENA"),
        org("XB1", "Đảng bộ xã Bình Một", GR, "HUYENB"),
        org("XB1C1", "Chi bộ thôn Bốn", CELL, "XB1"),
    ],
    "reorganizations": [[D(2023, 7, 1), "Chuyển cấp trên", "XA2", "HUYENB", None, "12-QĐ/TU"]],
    "members": [
        member("M01", "Nguyễn Văn Một"), member("M02", "Trần Văn Hai"), member("M03", "Lê Văn Ba"),
        member("M04", "Phạm Văn Bốn"), member("M05", "Hoàng Thị Năm", "Nữ"), member("M06", "Vũ Văn Sáu"),
        member("M07", "Đặng Văn Bảy"), member("M08", "Bùi Văn Tám"),
        member("N01", "Ngô Thị Hoa", "Nữ", D(2000, 2, 2)), member("N02", "Đỗ Thị Lan", "Nữ", D(2000, 2, 2)),
        member("N03", "Hồ Thị Mai", "Nữ", D(2000, 2, 2)), member("N04", "Lý Thị Cúc", "Nữ", D(2000, 2, 2)),
    ],
    "events": [
        opening("M01", "XA1C1"), opening("M02", "XA1C1"), opening("M03", "XA2C1"), opening("M04", "XA2C1"),
        admitted("M05", D(2022, 9, 1), "XA1C2"),  # probationary through 2023
        opening("M06", "CQ"), opening("M07", "CQ"), opening("M08", "XB1C1"),
        admitted("N01", D(2023, 3, 10), "XA1C1"),  # HUYENA
        admitted("N02", D(2023, 5, 20), "XA2C1"),  # HUYENA: XA2 is still there
        admitted("N03", D(2023, 9, 15), "XA2C1"),  # HUYENB: XA2 has moved
        admitted("N04", D(2023, 11, 2), "XB1C1"),  # HUYENB
    ],
    "candidates": [
        candidate("QC01", "Ngô Thị Hoa", "XA1C1", D(2022, 6, 1), "M01;M02", D(2022, 8, 15), "N01"),
        # certificate of 2017: expired before the admission (a warning)
        candidate("QC02", "Đỗ Thị Lan", "XA2C1", D(2022, 9, 1), "M03;M04", D(2017, 5, 1), "N02"),
        # M05 is probationary on the day taken in (a warning); certificate dated in HUYENA
        candidate("QC03", "Hồ Thị Mai", "XA2C1", D(2023, 1, 10), "M03;M05", D(2023, 4, 1), "N03"),
        # no certificate (a warning)
        candidate("QC04", "Lý Thị Cúc", "XB1C1", D(2023, 2, 1), "M08", None, "N04"),
        candidate("QC05", "Cao Văn Năm", "XA1C2", D(2023, 3, 1), "M01;M02", D(2023, 6, 10), sex="Nam"),  # A, in plan
        candidate("QC06", "Tạ Văn Sáu", "XA2C1", D(2023, 4, 1), "M03;M04", D(2023, 8, 20), sex="Nam"),  # B at year end
        candidate("QC07", "Mạc Thị Bảy", "XA2C1", D(2023, 2, 1), "M03;M04", D(2023, 3, 15),  # certificate in A
                  stopped=D(2023, 10, 1), reason="Chuyển nơi cư trú"),
        candidate("QC08", "Tô Văn Tám", "CQ", D(2023, 12, 31), "M06;M07", sex="Nam"),  # in plan on 31/12
        candidate("QC09", "Nhữ Văn Chín", "XA1C1", D(2024, 1, 15), "M01;M02", sex="Nam"),  # next year
    ],
    "dossier_steps": [  # optional (docs/contracts.md)
        ["QC01", "Đơn xin vào Đảng", D(2022, 9, 1), None],
        ["QC01", "Nghị quyết của chi bộ", D(2023, 2, 1), "Chi bộ nhất trí 100%"],
        ["QC05", "Đơn xin vào Đảng", D(2023, 7, 1), None],
    ],
    "admission_targets": [[YEAR, "HUYENA", 3], [YEAR, "HUYENB", 2], [YEAR, "XA1", 1], [2024, "HUYENA", 4]],
    "terms": [["HUYENA", D(2020, 10, 1), D(2025, 9, 30), "Nhiệm kỳ 2020 - 2025"]],
    "documents": [
        ["HUYENA", KH, 5, D(2022, 12, 1), "Kế hoạch công tác năm 2023", None, None],
        ["HUYENA", NQ, 12, D(2023, 2, 10), "Nghị quyết về nhiệm vụ năm 2023", None, None],
        ["HUYENA", QD, 101, D(2023, 3, 1), "Quyết định kết nạp đảng viên", None, None],
        ["HUYENA", QD, 102, D(2023, 7, 15), "Quyết định kết nạp đảng viên", None, None],
        ["HUYENA", NQ, 13, D(2023, 8, 1), "Nghị quyết về xây dựng nông thôn mới", None, None],
        ["HUYENA", BC, 40, D(2023, 12, 20), "Báo cáo tổng kết năm 2023", None, None],
        # HUYENB records no term: numbers run through each calendar year
        ["HUYENB", NQ, 1, D(2023, 1, 15), "Nghị quyết về nhiệm vụ năm 2023", None, None],
        ["HUYENB", CV, 7, D(2023, 5, 5), "Công văn về rà soát đảng viên", "CV/HU", None],
        ["HUYENB", NQ, 1, D(2024, 1, 10), "Nghị quyết về nhiệm vụ năm 2024", None, None],
        # HU names a district committee, which ended on 30/06/2025 (a warning)
        ["HUYENB", TB, 3, D(2025, 8, 1), "Thông báo kết luận", "TB/HU", None],
    ],
    "study_sessions": [
        ["S1", "Quán triệt Nghị quyết Trung ương", "Nghị quyết, chỉ thị", "HUYENA", D(2023, 3, 5), 120, None],
        ["S2", "Chuyên đề năm 2023", HCM, "XA2", D(2023, 5, 10), 40, None],  # XA2 in HUYENA
        ["S3", "Chuyên đề năm 2023 (đợt 2)", HCM, "XA2", D(2023, 9, 10), 35, "M03;M04"],  # XA2 in HUYENB
        ["S4", "Sinh hoạt chuyên đề", "Khác", "XB1", D(2023, 4, 20), 25, None],
        ["S5", "Quán triệt Nghị quyết", "Nghị quyết, chỉ thị", "XA1", D(2022, 11, 11), 30, None],  # 2022
    ],
    "assignments": [
        ["M06", "XA1", "HUYENA", D(2021, 1, 1), None],
        ["M07", "XA2", "HUYENA", D(2021, 1, 1), D(2023, 6, 30)],  # until the move
        ["M07", "CQ", "HUYENA", D(2023, 7, 1), None],  # then another organization
        ["M08", "XA2", "HUYENB", D(2023, 7, 1), None],
        ["M08", "XB1", "HUYENB", D(2022, 1, 1), D(2022, 12, 31)],  # not in force in 2023
    ],
}

# REPORT.md figures of 2023, by hand.
EXPECTED = {
    "HUYENA": {
        "member_development": {"target": 3, "admissions": 2, "candidates_at_year_end": 2, "certificates": 3},
        "documents": {"issued": 5, "kinds": {"resolution": 2, "decision": 2, "report": 1}},
        "political_education": {"sessions": 2, "attendance": 160},
        "assignments": {"cadres": 2, "organizations": 3, "grassroots_total": 2},
    },
    "HUYENB": {
        "member_development": {"target": 2, "admissions": 2, "candidates_at_year_end": 1, "certificates": 1},
        "documents": {"issued": 2, "kinds": {"resolution": 1, "letter": 1}},
        "political_education": {"sessions": 2, "attendance": 60},
        "assignments": {"cadres": 1, "organizations": 1, "grassroots_total": 2},
    },
    "TINH": {
        "member_development": {"target": 0, "admissions": 4, "candidates_at_year_end": 3, "certificates": 4},
        "documents": {"issued": 0, "kinds": {}},
        "political_education": {"sessions": 4, "attendance": 220},
        "assignments": {"cadres": 0, "organizations": 0, "grassroots_total": 4},
    },
    "XA2": {
        "member_development": {"target": 0, "admissions": 2, "candidates_at_year_end": 1, "certificates": 3},
        "documents": {"issued": 0, "kinds": {}},
        "political_education": {"sessions": 2, "attendance": 75},
        "assignments": {"cadres": 0, "organizations": 0, "grassroots_total": 1},
    },
}


def workbook(rows) -> bytes:
    buffer = io.BytesIO()
    write_workbook(rows, buffer)
    return buffer.getvalue()


def figures_of(code: str, year: int = YEAR) -> dict:
    f = annual_figures(Organization.objects.get(code=code), year)
    kinds = {k: n for k, n in f["documents"]["by_kind"].items() if n}
    return {
        "member_development": f["member_development"],
        "documents": {"issued": f["documents"]["issued"], "kinds": kinds},
        "political_education": f["political_education"],
        "assignments": f["assignments"],
    }


@pytest.fixture
def imported(db):
    report = import_file(data=workbook(GOOD), name="heldout.xlsx")
    assert report.ok, [str(p) for p in report.errors]
    return report


def test_the_figures_are_those_worked_out_by_hand(imported):
    for code, expected in EXPECTED.items():
        assert figures_of(code) == expected, code


def test_every_documents_by_kind_key_is_present_and_all_zero_without_records(imported):
    f = annual_figures(Organization.objects.get(code="TINH"), YEAR)
    assert set(f["documents"]["by_kind"]) == {
        "resolution", "decision", "directive", "conclusion", "regulation", "rules", "guidance", "plan", "program",
        "report", "notice", "letter", "submission",
    }
    assert f["assignments"]["cadres"] == 0 and f["documents"]["issued"] == 0


def test_the_warnings_of_the_rules_are_reported_and_nothing_blocks(imported):
    warnings = sorted((p.sheet, p.row, p.column) for p in imported.warnings)
    assert warnings == [
        ("Quần chúng ưu tú", 3, "Ngày cấp giấy chứng nhận"),  # QC02: expired
        ("Quần chúng ưu tú", 4, "Người giúp đỡ"),  # QC03: M05 probationary
        ("Quần chúng ưu tú", 5, "Ngày cấp giấy chứng nhận"),  # QC04: none
        ("Văn bản", 11, "Ký hiệu"),  # TB/HU after 30/06/2025
    ]


def test_the_records_are_linked_and_numbered(imported):
    qc01 = Candidate.objects.get(code="QC01")
    assert qc01.member.code == "N01" and qc01.admission.date == D(2023, 3, 10)
    assert [h.member.code for h in qc01.helper_records.order_by("member__code")] == ["M01", "M02"]
    nq12 = Document.objects.get(organization__code="HUYENA", kind="RESOLUTION", number=12)
    assert nq12.symbol == "NQ/HU" and nq12.reference == "12-NQ/HU" and nq12.term == Term.objects.get()
    assert Document.objects.filter(organization__code="HUYENB", kind="RESOLUTION", number=1).count() == 2
    assert StudySession.objects.get(code="S3").attendees.count() == 2
    assert [(s.step, s.note) for s in qc01.checkpoints.order_by("date")] == [
        ("APPLICATION", ""), ("CELL_RESOLUTION", "Chi bộ nhất trí 100%")]
    assert Assignment.objects.count() == 5 and AdmissionTarget.objects.count() == 4


def test_importing_the_same_file_again_changes_nothing(imported):
    again = import_file(data=workbook(GOOD), name="heldout.xlsx")
    assert again.ok and again.total("created") == 0 and again.total("updated") == 0


def test_a_changed_row_is_an_update_kept_in_the_history(imported):
    rows = {key: [list(r) for r in value] for key, value in GOOD.items()}
    rows["documents"][1][4] = "Nghị quyết về nhiệm vụ năm 2023 (sửa)"
    rows["assignments"][0][4] = D(2023, 12, 31)
    rows["candidates"][4][8] = D(2023, 6, 11)
    report = import_file(data=workbook(rows), name="heldout.xlsx")
    assert report.ok and report.total("updated") == 3 and report.total("created") == 0
    nq12 = Document.objects.get(organization__code="HUYENA", kind="RESOLUTION", number=12)
    assert nq12.subject.endswith("(sửa)") and nq12.history.count() == 2
    assert Candidate.objects.get(code="QC05").certificate_on == D(2023, 6, 11)


def test_the_export_imports_into_an_empty_database_with_the_same_figures(imported):
    from dangbo.interchange.exporter import export_workbook
    from dangbo.interchange.tests.test_round_trip import empty_the_database

    before = {code: figures_of(code) for code in EXPECTED}
    buffer = io.BytesIO()
    export_workbook(Organization.objects.get(code="TINH"), buffer)
    empty_the_database()
    report = import_file(data=buffer.getvalue(), name="tinh.xlsx")
    assert report.ok, [str(p) for p in report.errors]
    assert {code: figures_of(code) for code in EXPECTED} == before


def _with_bad_rows() -> dict:
    rows = {key: [list(r) for r in value] for key, value in GOOD.items()}
    rows["candidates"] += [
        candidate("QC20", "Sai Một", "KHONGCO", D(2023, 1, 1)),  # row 11: unknown organization
        candidate("QC21", "Sai Hai", "XA1C1", D(2023, 1, 1), "M01;ZZ9"),  # row 12: unknown helper
        candidate("QC22", "Sai Ba", "XA1C1", D(2023, 1, 1), member="M02"),  # row 13: M02 has no admission
        candidate("QC23", "Sai Bốn", "XA1C1", D(2023, 5, 1), stopped=D(2023, 4, 1)),  # row 14: left before
        candidate("QC24", "Ngô Thị Hoa", "XA1C1", D(2022, 6, 1), member="N01"),  # row 15: N01 admitted twice
    ]
    rows["dossier_steps"] += [
        ["QC99", "Đơn xin vào Đảng", D(2023, 1, 1), None],  # row 5: no such candidate
        ["QC05", "Thẩm tra lý lịch", D(1990, 1, 1), None],  # row 6: before the candidate was born
        ["QC20", "Đơn xin vào Đảng", D(2023, 2, 2), None],  # row 7: its candidate's row is wrong: not again
    ]
    rows["admission_targets"] += [[YEAR, "HUYENA", 5]]  # row 6: the same key, another target
    rows["terms"] += [["HUYENA", D(2025, 1, 1), None, "Nhiệm kỳ chồng"]]  # row 3: overlaps
    rows["documents"] += [
        ["HUYENA", NQ, 12, D(2024, 3, 1), "Một nghị quyết khác", None, None],  # row 12: NQ 12 again in the term
        ["XA1", NQ, 1, D(1999, 5, 1), "Trước khi thành lập", None, None],  # row 13: XA1 did not exist yet
    ]
    rows["study_sessions"] += [["S9", "Quá nhiều người", HCM, "XA1", D(2023, 6, 1), 1, "M01;M02"]]  # row 7
    rows["assignments"] += [["M06", "CQ", "HUYENA", D(2023, 5, 1), D(2023, 4, 1)]]  # row 7: ends before it starts
    return rows


def test_bad_rows_are_all_named_at_once_and_nothing_is_written(db):
    report = import_file(data=workbook(_with_bad_rows()), name="heldout-bad.xlsx")
    assert not report.written
    named = sorted((p.sheet, p.row, p.column) for p in report.errors)
    assert named == sorted([
        ("Quần chúng ưu tú", 11, "Mã tổ chức"),
        ("Quần chúng ưu tú", 12, "Người giúp đỡ"),
        ("Quần chúng ưu tú", 13, "Mã đảng viên"),
        ("Quần chúng ưu tú", 14, "Ngày dừng"),
        ("Quần chúng ưu tú", 15, "Mã đảng viên"),
        ("Hồ sơ kết nạp", 5, "Mã hồ sơ"),
        ("Hồ sơ kết nạp", 6, "Ngày"),
        ("Kế hoạch kết nạp", 6, "Chỉ tiêu"),
        ("Nhiệm kỳ", 3, "Từ ngày"),
        ("Văn bản", 12, "Số"),
        ("Văn bản", 13, "Mã tổ chức"),
        ("Học tập", 7, "Số người dự"),
        ("Phân công phụ trách", 7, "Đến ngày"),
    ]), [str(p) for p in report.errors]
    twice = next(p for p in report.errors if p.sheet == "Văn bản" and p.row == 12)
    assert "3" in twice.message and "12" in twice.message  # names both rows: 3 and 12
    admitted_twice = next(p for p in report.errors if p.sheet == "Quần chúng ưu tú" and p.row == 15)
    assert "2" in admitted_twice.message  # the candidate in row 2 has N01 already
    for model in (Organization, Candidate, Checkpoint, AdmissionTarget, Term, Document, StudySession, Assignment):
        assert not model.objects.exists(), model
