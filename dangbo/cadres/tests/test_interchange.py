import datetime as dt
import io

from dangbo.cadres import selectors
from dangbo.cadres.interchange import export_rows
from dangbo.cadres.models import PersonnelDecision, Position
from dangbo.cadres.services import add_succession_plan
from dangbo.interchange.exporter import ExportScope, write_workbook
from dangbo.interchange.importer import import_file

from .helpers import member_of

D = dt.date


def load(**sheets):
    buffer = io.BytesIO()
    write_workbook(sheets, buffer)
    return import_file(data=buffer.getvalue(), name="x.xlsx")


def row(
    member,
    *,
    date="01/03/2022",
    kind="Bổ nhiệm",
    title="Trưởng phòng Nội vụ",
    unit="Phòng Nội vụ huyện",
    managed_by="DIST",
    number="12-QĐ/HU",
    note=None,
):
    return [date, kind, member, title, unit, managed_by, number, note]


def test_it_imports_decisions_with_positions(tree):
    an = member_of(tree.cell1a)
    report = load(
        cadres=[
            row(an.code, kind="Chỉ định", title="Phó Bí thư Đảng ủy xã", unit="COMM1", date="01/02/2021"),
            row(an.code, kind="Chỉ định", title="Bí thư Đảng ủy xã", unit="COMM1", date="01/06/2022"),
            row(an.code, kind="giới thiệu ứng cử", title="Chủ tịch HĐND xã", unit="HĐND xã An Bình"),
        ]
    )
    assert report.ok, [str(e) for e in report.errors]
    assert report.counts["Cán bộ"]["created"] == 3
    deputy = Position.objects.get(title="Phó Bí thư Đảng ủy xã")
    assert deputy.organization == tree.comm1 and deputy.end == D(2022, 5, 31)  # ended by the later decision
    assert selectors.cadre_figures(tree.dist, 2022)["by_kind"]["designation"] == 1
    nomination = PersonnelDecision.objects.get(kind="NOMINATION")
    assert nomination.unit_name == "HĐND xã An Bình" and nomination.organization is None


def test_importing_twice_changes_nothing(tree):
    an = member_of(tree.cell1a)
    rows = [row(an.code), row(an.code, kind="Điều động", title="Chánh Văn phòng", date="05/06/2023")]
    assert load(cadres=rows).ok
    entries = PersonnelDecision.history.count()
    again = load(cadres=rows)
    assert again.ok and again.total("created") == 0 and again.counts["Cán bộ"]["unchanged"] == 2
    assert PersonnelDecision.history.count() == entries and Position.objects.count() == 2


def test_the_same_key_twice_with_different_content_is_an_error(tree):
    an = member_of(tree.cell1a)
    report = load(cadres=[row(an.code), row(an.code, number="13-QĐ/HU")])
    assert not report.ok and report.errors[0].row == 3
    assert not PersonnelDecision.objects.exists()
    assert load(cadres=[row(an.code), row(an.code)]).total("created") == 1  # the same content: one row


def test_unknown_member_and_committee_are_errors_naming_the_column(tree):
    an = member_of(tree.cell1a)
    report = load(cadres=[row("NOBODY"), row(an.code, managed_by="NOWHERE")])
    assert [e.column for e in report.errors] == ["Mã đảng viên", "Diện quản lý"]
    assert not PersonnelDecision.objects.exists()


def test_a_refusal_names_the_row_and_nothing_is_written(tree):
    an = member_of(tree.cell1a)
    report = load(cadres=[row(an.code, date="01/03/2022"), row(an.code, kind="Điều động", date="01/01/2011")])
    assert not report.ok
    assert report.errors[0].row == 3 and report.errors[0].column == "Mã đảng viên"
    assert not PersonnelDecision.objects.exists() and not Position.objects.exists()


def test_rule_warnings_are_import_warnings(tree):
    an = member_of(tree.cell1a)
    add_succession_plan(member=an, title="Chánh Văn phòng", organization=tree.dist, from_year=2020, to_year=2025)
    report = load(cadres=[row(an.code)])
    assert report.ok and len(report.warnings) == 1 and report.warnings[0].row == 2
    assert PersonnelDecision.objects.get().override_reason


def test_export_then_import_gives_the_same_rows(tree):
    an = member_of(tree.cell1a)
    rows = [row(an.code, unit="COMM1"), row(an.code, kind="Điều động", title="Chánh Văn phòng", unit=None)]
    assert load(cadres=rows).ok
    exported = export_rows(ExportScope(frozenset({tree.dist.pk}), frozenset({tree.dist.pk, tree.comm1.pk})))["cadres"]
    assert exported == [
        [D(2022, 3, 1), "Bổ nhiệm", an.code, "Trưởng phòng Nội vụ", "COMM1", "DIST", "12-QĐ/HU", None],
        [D(2022, 3, 1), "Điều động", an.code, "Chánh Văn phòng", None, "DIST", "12-QĐ/HU", None],
    ]
    assert load(cadres=exported).total("created") == 0
