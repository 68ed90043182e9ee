import datetime as dt
import io

from dangbo.cadres.tests.helpers import member_of
from dangbo.interchange.exporter import ExportScope, write_workbook
from dangbo.interchange.importer import import_file
from dangbo.members.models import Member
from dangbo.training import selectors
from dangbo.training.interchange import export_rows
from dangbo.training.models import Enrollment, TrainingClass

D = dt.date


def load(**sheets):
    buffer = io.BytesIO()
    write_workbook(sheets, buffer)
    return import_file(data=buffer.getvalue(), name="x.xlsx")


def class_row(code="L1", program="Bồi dưỡng cấp ủy cơ sở", organizer="DIST", start="14/03/2022", end="18/03/2022"):
    return [code, "Lớp bồi dưỡng", program, organizer, start, end]


def test_it_imports_classes_and_learners(tree):
    an = member_of(tree.cell1a, theory_level="BASIC")
    report = load(
        classes=[class_row(), class_row("TC1", program="trung cap ly luan chinh tri")],
        learners=[
            ["L1", an.code, None, None, "Hoàn thành"],
            ["L1", None, "Lê Thị Hoa", "2001", None],
            ["TC1", an.code, None, None, "Hoàn thành"],
        ],
    )
    assert report.ok, [str(e) for e in report.errors]
    assert selectors.training_figures(tree.dist, 2022) == {
        "grassroots_committee": {"classes": 1, "learners": 2},
        "intermediate_theory": {"classes": 1, "learners": 1},
    }
    assert Enrollment.objects.get(full_name="Lê Thị Hoa").result == "IN_PROGRESS"
    assert Member.objects.get(pk=an.pk).theory_level == "INTERMEDIATE"


def test_importing_twice_changes_nothing_and_a_change_is_an_update(tree):
    an = member_of(tree.cell1a)
    sheets = {
        "classes": [class_row()],
        "learners": [["L1", an.code, None, None, "Đang học"], ["L1", None, "Lê Thị Hoa", "02/01/2001", None]],
    }
    assert load(**sheets).ok
    again = load(**sheets)
    assert again.ok and again.total("created") == 0 and again.total("updated") == 0
    changed = load(classes=[class_row(end="19/03/2022")], learners=[["L1", an.code, None, None, "Hoàn thành"]])
    assert changed.ok and changed.total("updated") == 2
    assert TrainingClass.objects.get().end == D(2022, 3, 19) and TrainingClass.history.count() == 2


def test_refusals_name_the_column_and_nothing_is_written(tree):
    report = load(classes=[class_row(end="13/03/2022"), class_row("L2", organizer="NOWHERE")])
    assert sorted(e.column for e in report.errors) == ["Đơn vị tổ chức", "Đến ngày"]
    assert not TrainingClass.objects.exists()
    report = load(classes=[class_row("L3", program="Nấu ăn")])
    assert [e.column for e in report.errors] == ["Chương trình"]


def test_learner_errors(tree):
    an = member_of(tree.cell1a)
    report = load(
        classes=[class_row()],
        learners=[
            ["NOCLASS", an.code, None, None, None],
            ["L1", "NOBODY", None, None, None],
            ["L1", None, "Lê Thị Hoa", None, None],
            ["L1", None, None, "2001", None],
            ["L1", an.code, None, None, "Hoàn thành"],
            ["L1", an.code, None, None, "Đang học"],
        ],
    )
    assert [(e.row, e.column) for e in report.errors] == [
        (7, "Mã đảng viên"),
        (2, "Mã lớp"),
        (3, "Mã đảng viên"),
        (4, "Ngày sinh"),
        (5, "Họ và tên"),
    ]
    assert not TrainingClass.objects.exists() and not Enrollment.objects.exists()


def test_export_then_import_gives_the_same_rows(tree):
    an = member_of(tree.cell1a)
    learners = [["L1", an.code, None, None, "Hoàn thành"], ["L1", None, "Lê Thị Hoa", 2001, "Đang học"]]
    assert load(classes=[class_row()], learners=learners).ok
    rows = export_rows(ExportScope(frozenset({tree.dist.pk}), frozenset({tree.dist.pk})))
    assert rows["classes"] == [
        ["L1", "Lớp bồi dưỡng", "Bồi dưỡng cấp ủy cơ sở", "DIST", D(2022, 3, 14), D(2022, 3, 18)]
    ]
    assert rows["learners"] == learners
    again = load(**rows)
    assert again.ok and again.total("created") == 0 and again.total("updated") == 0
