import datetime as dt
from decimal import Decimal

from openpyxl import load_workbook

from dangbo.interchange.exporter import ExportScope, export_workbook
from dangbo.interchange.importer import import_file
from dangbo.targets import selectors
from dangbo.targets.demo import demo_rows
from dangbo.targets.interchange import export_rows
from dangbo.targets.models import Target

from .helpers import load, row, target, thanhha

ORG_ROW = ["THANHHA", "Đảng bộ huyện Thanh Hà", "Đảng bộ cấp trên cơ sở", None, None, "01/01/2000", None]


def test_the_demo_targets_give_21_of_22_in_2022(db):
    thanhha()
    report = load(targets=demo_rows())
    assert report.ok, [str(e) for e in report.errors]
    org = Target.objects.first().organization
    figures = selectors.targets_figures(org, 2022)
    assert figures["total"] == 22 and figures["met_or_exceeded"] == 21
    assert figures["met"] >= 1 and figures["not_met"] == 1 and figures["no_data"] == 0
    assert Target.objects.filter(organization=org, year=2022, direction="DOWN").exists()
    figures_2023 = selectors.targets_figures(org, 2023)
    assert figures_2023["total"] == 22 and figures_2023["no_data"] > 0


def test_the_organization_may_come_in_the_same_workbook(db):
    report = load(organizations=[ORG_ROW], targets=demo_rows())
    assert report.ok, [str(e) for e in report.errors]
    assert report.counts["Chỉ tiêu"]["created"] == 44


def test_importing_twice_changes_nothing(db):
    thanhha()
    assert load(targets=demo_rows()).ok
    entries = Target.history.count()
    again = load(targets=demo_rows())
    assert again.ok and again.total("created") == 0 and again.total("updated") == 0
    assert again.counts["Chỉ tiêu"]["unchanged"] == 44
    assert Target.history.count() == entries


def test_a_changed_row_is_an_update_with_history(db):
    thanhha()
    assert load(targets=[row(planned=10, actual=None)]).ok
    report = load(targets=[row(planned=10, actual="10,5")])
    assert report.ok and report.counts["Chỉ tiêu"]["updated"] == 1
    t = Target.objects.get()
    assert t.actual == Decimal("10.5") and t.actual_source == "x.xlsx"
    assert [h.actual for h in t.history.order_by("history_date", "history_id")] == [None, Decimal("10.5")]


def test_vietnamese_number_text_is_read_exactly(db):
    thanhha()
    report = load(targets=[row("A", planned="1.234,5", actual="1234.5"), row("B", planned="1,5", actual=1.5)])
    assert report.ok, [str(e) for e in report.errors]
    a, b = Target.objects.order_by("code")
    assert a.planned == Decimal("1234.5") and a.status == Target.Status.MET
    assert b.planned == Decimal("1.5") and b.status == Target.Status.MET


def test_the_same_code_twice_with_different_content_is_refused(db):
    thanhha()
    report = load(targets=[row("A", planned=10), row("A", planned=11)])
    assert not report.ok and not Target.objects.exists()
    assert report.errors[0].row == 3 and report.errors[0].column == "Mã chỉ tiêu"


def test_the_same_row_twice_is_one_target(db):
    thanhha()
    report = load(targets=[row("A", planned=10), row("A", planned=10)])
    assert report.ok and Target.objects.count() == 1


def test_an_unknown_organization_is_refused_naming_the_column(db):
    report = load(targets=[row(org="NOWHERE")])
    assert not report.ok
    assert report.errors[0].column == "Mã tổ chức" and report.errors[0].value == "NOWHERE"


def test_an_organization_that_did_not_exist_that_year_is_refused(db):
    thanhha(founded_on=dt.date(2023, 1, 1))
    report = load(targets=[row(year=2022), row("B", year=2023)])
    assert not report.ok and not Target.objects.exists()
    assert [e.row for e in report.errors] == [2]
    assert report.errors[0].column == "Mã tổ chức"


def test_a_plan_that_is_not_a_number_or_an_unknown_direction_is_refused(db):
    thanhha()
    report = load(targets=[row("A", planned="mười"), row("B", direction="Ngang")])
    assert not report.ok and not Target.objects.exists()
    assert {e.column for e in report.errors} == {"Kế hoạch", "Chiều"}


def test_export_uses_canonical_spellings_and_numbers(tree):
    target(tree.dist, code="A", planned="1234.5", actual="1000", direction="DOWN")
    target(tree.comm1, code="B", planned="12")
    target(tree.other, code="C", planned="1")
    rows = export_rows(ExportScope(*[frozenset({tree.dist.pk, tree.comm1.pk})] * 2))["targets"]
    assert rows == [
        [2022, "COMM1", "B", "Chỉ tiêu B", None, 12, None, "Tăng", None],
        [2022, "DIST", "A", "Chỉ tiêu A", None, Decimal("1234.5"), 1000, "Giảm", None],
    ]


def test_an_exported_workbook_imports_back_unchanged(tree, tmp_path):
    target(tree.dist, code="A", planned="1234.5", actual="0.25", direction="DOWN")
    path = tmp_path / "export.xlsx"
    export_workbook(tree.prov, path)  # from a root: see the report on subtree exports
    sheet = load_workbook(path)["Chỉ tiêu"]
    assert [c.value for c in sheet[2]][5:8] == [1234.5, 0.25, "Giảm"]
    report = import_file(data=path.read_bytes(), name="export.xlsx")
    assert report.ok, [str(e) for e in report.errors]
    assert report.counts["Chỉ tiêu"]["unchanged"] == 1
