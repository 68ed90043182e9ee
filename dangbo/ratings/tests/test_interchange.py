import io

from dangbo.interchange.exporter import ExportScope, write_workbook
from dangbo.interchange.importer import import_file
from dangbo.ratings.interchange import export_rows
from dangbo.ratings.models import Rating

from .helpers import member_in


def load(rows):
    buffer = io.BytesIO()
    write_workbook({"ratings": rows}, buffer)
    return import_file(data=buffer.getvalue(), name="x.xlsx")


def test_decided_ratings_are_imported_as_decided_with_the_override_reason(tree):
    member = member_in(tree.cell1a)
    report = load(
        [
            [2022, "Đảng viên", member.code, "Hoàn thành tốt nhiệm vụ", None, None],
            [2022, "Tổ chức", "COMM2", "Hoàn thành tốt nhiệm vụ", None, None],
            [2022, "Tổ chức", "COMM1", "Hoàn thành xuất sắc nhiệm vụ", None, "Thành tích nổi bật"],
        ]
    )
    assert report.ok, [str(e) for e in report.errors]
    comm1 = Rating.objects.get(organization=tree.comm1)
    assert comm1.locked and comm1.override_reason == "Thành tích nổi bật"
    assert any("Thành tích nổi bật" in w.message for w in report.warnings)  # the cap, never blocking
    again = load([[2022, "Tổ chức", "COMM1", "Hoàn thành xuất sắc nhiệm vụ", None, "Thành tích nổi bật"]])
    assert again.ok and again.total("unchanged") == 1
    changed = load([[2022, "Tổ chức", "COMM1", "Hoàn thành nhiệm vụ", None, None]])
    assert changed.ok and changed.total("updated") == 1
    comm1.refresh_from_db()
    assert comm1.level == "COMPLETED" and comm1.locked
    assert comm1.history.filter(step=2).exclude(reopen_reason="").exists()


def test_what_cannot_be_is_an_error_and_nothing_is_written(tree):
    member = member_in(tree.cell1a)
    report = load(
        [
            [2019, "Đảng viên", member.code, "Hoàn thành tốt nhiệm vụ", None, None],  # member since 2020
            [2022, "Tổ chức", "NOPE", "Hoàn thành tốt nhiệm vụ", None, None],
            [2025, "Tổ chức", "COMM1", "Hoàn thành tốt nhiệm vụ", 95, None],  # outside the band
            [2022, "Tổ chức", "COMM2", "Hoàn thành tốt nhiệm vụ", None, None],
            [2022, "Tổ chức", "COMM2", "Hoàn thành nhiệm vụ", None, None],  # same key, other content
            [2022, "Đảng viên", member.code, "Không xếp loại", None, None],  # no reason
        ]
    )
    assert not report.ok and not Rating.objects.exists()
    assert sorted(e.row for e in report.errors) == [2, 3, 4, 6, 7]
    assert {e.column for e in report.errors} >= {"Mã", "Điểm"}


def test_export_writes_the_decided_ratings_in_the_sheet_columns(tree):
    member = member_in(tree.cell1a)
    load(
        [
            [2025, "Đảng viên", member.code, "Không xếp loại", None, "Miễn sinh hoạt"],
            [2025, "Tổ chức", "COMM1", "Hoàn thành tốt nhiệm vụ", 85.5, None],
        ]
    )
    rows = export_rows(ExportScope(*[frozenset({tree.dist.pk, tree.comm1.pk, tree.cell1a.pk})] * 2))["ratings"]
    assert [2025, "Tổ chức", "COMM1", "Hoàn thành tốt nhiệm vụ", 85.5, None] in [
        [r[0], r[1], r[2], r[3], float(r[4]) if r[4] is not None else None, r[5]] for r in rows
    ]
    assert [2025, "Đảng viên", member.code, "Không xếp loại", None, "Miễn sinh hoạt"] in rows
