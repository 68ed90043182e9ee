"""The three sheets through the importer: a held-out-style workbook (tests/workbook.py)
imports and gives the REPORT.md figures worked out by hand for several organizations and
years, across a mid-year move; its bad rows are all named at once and nothing is written;
a second import changes nothing; the export gives the same records back."""

import datetime as dt
import io

import pytest

from dangbo.inspections.models import Discipline, Item, Program, Remedy
from dangbo.interchange.exporter import export_workbook, write_template
from dangbo.interchange.importer import import_file
from dangbo.interchange.tests.test_round_trip import empty_the_database
from dangbo.members.models import Member, MembershipEvent
from dangbo.organizations.models import Organization
from dangbo.reports.figures import annual_figures

from . import workbook as wb

D = dt.date


@pytest.fixture
def imported(db):
    report = import_file(data=wb.workbook(wb.rows()), name="kiem-tra.xlsx")
    assert report.ok, [str(p) for p in report.errors]
    return report


def test_the_workbook_imports_with_its_counts_and_warnings(imported):
    counts = imported.counts
    assert counts["Kiểm tra, giám sát"]["created"] == len(wb.ITEMS)
    assert counts["Biện pháp khắc phục"]["created"] == len(wb.REMEDIES)
    assert counts["Kỷ luật"]["created"] == len(wb.DISCIPLINES)
    assert Item.objects.count() == 10 and Remedy.objects.count() == 10 and Discipline.objects.count() == 7
    # programs: HA's inspection committee and committee for 2022, …
    assert Program.objects.filter(organization__code="HA", year=2022).count() == 2
    warnings = [str(p) for p in imported.warnings]
    assert any("Kỷ luật" in w and "QĐ 69-QĐ/TW" in w for w in warnings), warnings  # M04's old violation
    assert any("Vũ Văn Hùng" in w and "HD 21-HD/BTCTW" in w for w in warnings), warnings  # rated good, disciplined


@pytest.mark.parametrize(("code", "year"), sorted(wb.EXPECTED))
def test_the_figures_are_those_worked_out_by_hand(imported, code, year):
    inspection, discipline, removed = wb.EXPECTED[(code, year)]
    f = annual_figures(Organization.objects.get(code=code), year)
    assert f["inspection"] == inspection
    assert f["discipline"] == discipline
    assert f["removed_from_party"] == removed


def test_an_expulsion_is_one_event_whether_the_register_had_it_or_not(imported):
    for code in ("M02", "M09"):
        events = MembershipEvent.objects.filter(member__code=code, kind="EXPELLED", voided_at__isnull=True)
        assert events.count() == 1, code
        assert Discipline.objects.get(subject_member__code=code, form="EXPULSION").event == events.get()
    assert Member.objects.get(code="M09").status == "LEFT"
    # M09's event was written by the decision, with its number and reason
    written = MembershipEvent.objects.get(member__code="M09", kind="EXPELLED")
    assert (written.date, written.decision_number) == (D(2022, 11, 20), "45-QĐ/UBKT")


def test_importing_the_same_file_again_changes_nothing(imported):
    again = import_file(data=wb.workbook(wb.rows()), name="kiem-tra.xlsx")
    assert again.ok and again.written
    for sheet in ("Kiểm tra, giám sát", "Biện pháp khắc phục", "Kỷ luật"):
        assert again.counts[sheet]["created"] == 0 and again.counts[sheet]["updated"] == 0, sheet
    assert MembershipEvent.objects.filter(kind="EXPELLED").count() == 2


def test_other_content_for_the_same_keys_is_an_update_with_history(imported):
    sheets = wb.rows()
    sheets["inspections"][2][8:10] = [D(2022, 12, 20), "Có khuyết điểm"]  # K22-03 concluded now
    sheets["remedies"][2][3] = D(2023, 1, 5)  # done
    sheets["disciplines"][1][8] = "31-QĐ/UBKT"  # another number
    report = import_file(data=wb.workbook(sheets), name="lan-2.xlsx")
    assert report.ok, [str(p) for p in report.errors]
    assert [report.counts[s]["updated"] for s in ("Kiểm tra, giám sát", "Biện pháp khắc phục", "Kỷ luật")] == [1, 1, 1]
    item = Item.objects.get(code="K22-03")
    assert item.conclusion == "SHORTCOMINGS" and item.history.count() == 2
    assert annual_figures(Organization.objects.get(code="HA"), 2022)["inspection"]["concluded"] == 4


def test_every_bad_row_is_named_at_once_and_nothing_is_written(db):
    sheets, expected = wb.bad_rows()
    report = import_file(data=wb.workbook(sheets), name="loi.xlsx")
    named = sorted((p.sheet, p.row, p.column) for p in report.errors)
    assert named == sorted(expected), [str(p) for p in report.errors]
    assert not report.written
    assert not Organization.objects.exists() and not Member.objects.exists()
    assert not Item.objects.exists() and not Remedy.objects.exists() and not Discipline.objects.exists()
    assert all(p.message for p in report.errors)


def test_a_file_of_the_new_sheets_alone_imports_into_the_saved_records(imported):
    """The sheets name organizations and members already saved, in a file of their own."""
    sheets = {
        "inspections": [wb._item("K24-01", 2024, wb.CK, wb.UBKT, "HB", wb.TO_CHUC, "XA1", D(2024, 3, 1))],
        "remedies": [["K24-01", "Kiện toàn tổ chức", D(2024, 6, 30), None]],
        "disciplines": [wb._discipline(D(2024, 2, 1), wb.DANG_VIEN, "M07", "Khai trừ", "HB", wb.UBKT)],
    }
    report = import_file(data=wb.workbook(sheets), name="2024.xlsx")
    assert report.ok, [str(p) for p in report.errors]
    assert Member.objects.get(code="M07").status == "LEFT"
    assert annual_figures(Organization.objects.get(code="HB"), 2024)["removed_from_party"] == 1


def test_the_export_gives_the_same_records_back(imported):
    tinh = Organization.objects.get(code="TINHX")
    before = {key: annual_figures(Organization.objects.get(code=key[0]), key[1]) for key in wb.EXPECTED}
    buffer = io.BytesIO()
    counts = export_workbook(tinh, buffer)
    assert (counts["inspections"], counts["remedies"], counts["disciplines"]) == (10, 10, 7)
    empty_the_database()
    report = import_file(data=buffer.getvalue(), name="tinh.xlsx")
    assert report.ok, [str(p) for p in report.errors]
    after = {key: annual_figures(Organization.objects.get(code=key[0]), key[1]) for key in wb.EXPECTED}
    assert after == before
    assert MembershipEvent.objects.filter(kind="EXPELLED").count() == 2


def test_the_template_has_the_three_sheets_with_their_headers(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "mau.xlsx"
    write_template(path)
    book = load_workbook(path)
    for sheet, first in (("Kiểm tra, giám sát", "Mã cuộc"), ("Biện pháp khắc phục", "Mã cuộc"), ("Kỷ luật", "Ngày")):
        assert book[sheet]["A1"].value == first
        assert str(book[sheet]["A2"].value).startswith("#")  # the guidance row
