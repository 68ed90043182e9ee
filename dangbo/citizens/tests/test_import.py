"""The `Tiếp công dân`, `Đơn thư` and `Dân vận khéo` sheets through the importer: the
hand-built workbook (tests/workbook.py) gives the due dates counted by hand and the
REPORT.md figures exactly, through a commune moved mid-year; the same file twice
changes nothing; every bad cell is named at once and nothing is written."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from dangbo.citizens.models import Petition, ReceptionSession
from dangbo.interchange.exporter import export_workbook
from dangbo.interchange.importer import import_file
from dangbo.mobilization.models import MobilizationModel
from dangbo.organizations.models import Organization
from dangbo.reports.figures import annual_figures

from . import workbook as wb

D = dt.date


def empty_the_database() -> None:
    """As the round trip of the demo does (interchange/tests/test_round_trip.py): every
    table emptied inside the test's transaction, the deferred checks of PostgreSQL first."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


def load(data: bytes | None = None, **kwargs):
    report = import_file(data=data or wb.workbook(), name="citizens.xlsx", **kwargs)
    assert report.ok, [str(p) for p in report.errors]
    return report


def figures(code: str, year: int) -> dict:
    f = annual_figures(Organization.objects.get(code=code), year)
    return {"citizens": f["citizens"], "mass_mobilization": f["mass_mobilization"]}


@pytest.fixture
def loaded(db):
    return load()


def test_the_due_dates_are_those_counted_by_hand(loaded):
    got = {p.code: (p.accept_due, p.close_due) for p in Petition.objects.all()}
    assert got == wb.DUE


@pytest.mark.parametrize("key", list(wb.EXPECTED))
def test_the_report_figures_are_exact(loaded, key):
    assert figures(*key) == wb.EXPECTED[key]


def test_the_same_file_twice_changes_nothing(loaded):
    again = load()
    for sheet in ("Tiếp công dân", "Đơn thư", "Dân vận khéo"):
        assert again.counts[sheet]["created"] == again.counts[sheet]["updated"] == 0, sheet
    assert again.counts["Đơn thư"]["unchanged"] == len(wb.PETITIONS)
    assert ReceptionSession.objects.count() == len(wb.RECEPTIONS)


def test_the_warnings_name_what_to_check(loaded):
    texts = [str(w) for w in loaded.warnings]
    assert any("Dân vận khéo" in t and "Huyện" in t for t in texts)  # a level not in the list, kept as written
    assert MobilizationModel.objects.get(code="DV4").recognized_by == "Huyện"
    assert MobilizationModel.objects.get(code="DV1").recognized_by == "Cấp huyện"  # the list's spelling


def test_a_changed_row_is_an_update_with_history(loaded):
    rows = wb.rows()
    rows["petitions"] = [list(r) for r in wb.PETITIONS]
    rows["petitions"][7][10] = D(2022, 12, 28)  # A8 accepted on 28/12/2022 after all
    rows["receptions"] = [list(r) for r in wb.RECEPTIONS]
    rows["receptions"][0][4] = 16
    report = load(wb.workbook(rows))
    assert report.counts["Đơn thư"]["updated"] == 1 and report.counts["Tiếp công dân"]["updated"] == 1
    a8 = Petition.objects.get(code="A8")
    assert a8.accepted_on == D(2022, 12, 28) and a8.history.count() == 2
    assert a8.due_on is None  # accepted feedback: no closing period
    assert figures("HUYEN_B", 2022)["citizens"]["petitions"]["overdue"] == 1  # A5 only now


def test_a_year_the_calendar_does_not_know_is_a_warning_and_marks_the_date(db, monkeypatch):
    monkeypatch.setattr("dangbo.lib.periods._package_years", lambda: (1901, 2022))
    report = load()
    unsure = [str(w) for w in report.warnings if "2023" in str(w) and "Đơn thư" in str(w)]
    assert unsure, [str(w) for w in report.warnings]
    b1 = Petition.objects.get(code="B1")
    assert b1.due_unsure  # weekends only: 12/01/2023 + 10 = Sunday 22/01 → Monday 23/01
    assert b1.accept_due == D(2023, 1, 23)
    assert not Petition.objects.get(code="A1").due_unsure


def test_the_export_of_a_district_imports_into_an_empty_database_with_the_same_figures(loaded):
    before = {key: figures(*key) for key in wb.EXPECTED}
    buffer = io.BytesIO()
    export_workbook(Organization.objects.get(code="TINH"), buffer)
    empty_the_database()
    load(buffer.getvalue())
    assert {key: figures(*key) for key in wb.EXPECTED} == before
    assert {p.code: (p.accept_due, p.close_due) for p in Petition.objects.all()} == wb.DUE


# -- Every bad cell named, nothing written ---------------------------------------------------


def bad_rows() -> dict[str, list[list]]:
    rows = wb.rows()
    rows["receptions"] = [
        [D(2022, 3, 1), "XA_2", "Tiếp trực tuyến", None, 1, None, None],  # not a form
        [D(2022, 3, 2), "XA_9", "Tiếp định kỳ", None, 1, None, None],  # unknown organization
        [D(1999, 3, 2), "XA_2", "Tiếp định kỳ", None, 1, None, None],  # before it was founded
        [D(2022, 3, 3), "XA_2", "Tiếp định kỳ", None, -3, None, None],  # negative
        [D(2022, 3, 4), "XA_2", "Tiếp định kỳ", "NOBODY", 1, None, None],  # unknown member
        [D(2022, 3, 5), "XA_2", "Đối thoại", None, 1, None, None],
        [D(2022, 3, 5), "XA_2", "Đối thoại", None, 2, None, None],  # same key, other content
    ]
    base = ["X", D(2022, 5, 10), "XA_2", "Khiếu nại", "Nội dung", None, None, None, None, None, None, None, None,
            None, None]

    def p(code, **cells):
        row = list(base)
        row[0] = code
        columns = {"kind": 3, "channel": 6, "member": 7, "complexity": 8, "remote": 9, "accepted": 10, "closed": 11,
                   "result": 12, "org": 2}
        for key, value in cells.items():
            row[columns[key]] = value
        return row

    rows["petitions"] = [
        p("E1", accepted=D(2022, 5, 9)),  # accepted before received
        p("E2", closed=D(2022, 5, 1), result="Sai"),  # closed before received
        p("E3", closed=D(2022, 6, 1)),  # closed without a result
        p("E4", complexity="Đặc biệt phức tạp"),  # on a complaint
        p("E5", kind="Khiếu kiện"),  # not a kind
        p("E6", channel="Fax"),  # not a channel
        p("E7", result="Đúng"),  # a result without closing
        p("E8", kind="Kiến nghị", complexity="Đặc biệt phức tạp", accepted=D(2022, 5, 1)),  # two bad cells
        p("E9", org="HUYEN_Z"),
        p("E10", member="NOBODY"),
        p("E11", remote="Hơi xa"),
        p("E12", accepted=D(2022, 6, 1), closed=D(2022, 5, 20), result="Sai"),  # closed before accepted
    ]
    rows["mobilization"] = [
        ["Z1", 2022, "Mô hình", "Mô hình", "Y tế", "XA_2", None, None, None],  # not a field
        ["Z2", 2022, "Mô hình", "Phong trào", "Kinh tế", "XA_2", None, None, None],  # not a type
        ["Z3", 1990, "Mô hình", "Mô hình", "Kinh tế", "XA_2", None, None, None],  # org not existing in 1990
    ]
    return rows


def test_every_bad_cell_is_named_at_once_and_nothing_is_written(db):
    report = import_file(data=wb.workbook(bad_rows()), name="bad.xlsx")
    assert not report.ok and not report.written
    named = {(p.sheet, p.row, p.column) for p in report.errors}
    expected = {
        ("Tiếp công dân", 2, "Hình thức"), ("Tiếp công dân", 3, "Mã tổ chức"), ("Tiếp công dân", 4, "Mã tổ chức"),
        ("Tiếp công dân", 5, "Số lượt công dân"), ("Tiếp công dân", 6, "Người chủ trì"),
        ("Tiếp công dân", 8, "Hình thức"),
        ("Đơn thư", 2, "Ngày thụ lý"), ("Đơn thư", 3, "Ngày giải quyết"), ("Đơn thư", 4, "Kết quả"),
        ("Đơn thư", 5, "Mức độ"), ("Đơn thư", 6, "Loại"), ("Đơn thư", 7, "Kênh"), ("Đơn thư", 8, "Ngày giải quyết"),
        ("Đơn thư", 9, "Mức độ"), ("Đơn thư", 9, "Ngày thụ lý"), ("Đơn thư", 10, "Mã tổ chức"),
        ("Đơn thư", 11, "Mã đảng viên liên quan"), ("Đơn thư", 12, "Vùng khó khăn"),
        ("Đơn thư", 13, "Ngày giải quyết"),
        ("Dân vận khéo", 2, "Lĩnh vực"), ("Dân vận khéo", 3, "Loại"), ("Dân vận khéo", 4, "Mã tổ chức"),
    }
    assert expected <= named, sorted(expected - named)
    assert len(report.errors) == len(expected), [str(p) for p in report.errors]
    assert all(p.message for p in report.errors)
    assert not Organization.objects.exists() and not Petition.objects.exists()
    assert not ReceptionSession.objects.exists() and not MobilizationModel.objects.exists()
