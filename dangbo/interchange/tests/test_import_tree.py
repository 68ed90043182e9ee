import datetime as dt
import io
import zipfile

from dangbo.interchange.exporter import export_workbook, write_workbook
from dangbo.interchange.importer import import_file
from dangbo.organizations import selectors
from dangbo.organizations.models import Organization, Reorganization

D = dt.date


def workbook(rows) -> bytes:
    buffer = io.BytesIO()
    write_workbook(rows, buffer)
    return buffer.getvalue()


ORGS = [
    ["TINH", "Đảng bộ tỉnh A", "Đảng bộ cấp trên cơ sở", None, None, D(2000, 1, 1), None],
    ["HUYEN", "Đảng bộ huyện B", "dang bo cap tren co so", "TINH", None, "01/02/2001", None],
    ["XA", "Đảng bộ xã C", "ĐẢNG BỘ CƠ SỞ", "HUYEN", "Xã, thị trấn", None, None],
    ["CB1", "Chi bộ thôn 1", "Chi bộ trực thuộc", "XA", None, None, None],
]


def test_import_creates_the_tree_and_is_idempotent(db):
    data = workbook({"organizations": ORGS})
    first = import_file(data=data, name="t.xlsx")
    assert first.ok, [str(e) for e in first.errors]
    assert first.total("created") == 4
    assert Organization.objects.get(code="HUYEN").founded_on == D(2001, 2, 1)
    second = import_file(data=data, name="t.xlsx")
    assert second.ok and second.total("unchanged") == 4 and second.total("created") == 0


def test_an_error_anywhere_writes_nothing_and_names_the_cell(db):
    rows = ORGS + [["X2", "Chi bộ lỗi", "Loại không có", "XA", None, "31/02/2023", None]]
    report = import_file(data=workbook({"organizations": rows}), name="t.xlsx")
    assert not report.ok
    assert not Organization.objects.exists()
    problems = {(p.sheet, p.row, p.column) for p in report.errors}
    assert ("Tổ chức", 6, "Loại") in problems
    assert ("Tổ chức", 6, "Ngày thành lập") in problems


def test_a_reorganization_error_names_its_row(db):
    reorgs = [[D(2024, 1, 1), "Chuyển cấp trên", "HUYEN", "CB1", None, None]]
    report = import_file(data=workbook({"organizations": ORGS, "reorganizations": reorgs}), name="t.xlsx")
    assert not report.ok
    assert any(p.sheet == "Sắp xếp tổ chức" and p.row == 2 for p in report.errors), [str(p) for p in report.errors]
    assert not Organization.objects.exists()


def test_missing_column_and_unknown_sheet(db):
    rows = [r[:2] for r in ORGS]
    buffer = io.BytesIO()
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Tổ chức"
    ws.append(["Mã", "Tên"])
    for r in rows:
        ws.append(r)
    book.create_sheet("Ghi chú").append(["a"])
    book.save(buffer)
    report = import_file(data=buffer.getvalue(), name="t.xlsx")
    assert any(p.column == "Loại" and p.row == 1 for p in report.errors)
    assert any(p.sheet == "Ghi chú" for p in report.notices)


def test_csv_zip_and_folded_headers(db):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("TO_CHUC.csv", "ma,ten,loai,ma cap tren\nTINH,Đảng bộ tỉnh A,Đảng bộ cấp trên cơ sở,\n")
    report = import_file(data=archive.getvalue(), name="t.zip")
    assert report.ok, [str(e) for e in report.errors]
    assert Organization.objects.filter(code="TINH").exists()


def test_refuses_password_protected_and_garbage(db):
    report = import_file(data=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, name="t.xlsx")
    assert not report.ok and "password" in str(report.errors[0]).lower() or "mật khẩu" in str(report.errors[0])
    report = import_file(data=b"not a workbook", name="t.xlsx")
    assert not report.ok


def test_refuses_a_workbook_bomb(db):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "x")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * 300_000_000)
    report = import_file(data=archive.getvalue(), name="bomb.xlsx")
    assert not report.ok


def test_export_then_import_into_an_empty_database_gives_the_same_tree(db, tmp_path, django_db_blocker):
    reorgs = [[D(2024, 1, 1), "Đổi tên", "XA", None, "Đảng bộ xã C mới", "1-QĐ"]]
    assert import_file(data=workbook({"organizations": ORGS, "reorganizations": reorgs}), name="t.xlsx").ok
    path = tmp_path / "out.xlsx"
    export_workbook(Organization.objects.get(code="TINH"), path)
    before = [
        (s.organization.code, s.name, s.path.count("/"), s.valid_from, s.valid_to)
        for s in selectors.forest_on(D(2024, 6, 1))
    ]
    # empty the database: the records are never deleted by code, so use raw SQL here
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("organizations_orgspan", "organizations_reorganization", "organizations_historicalreorganization",
                      "organizations_historicalorganization", "organizations_organization"):
            cursor.execute(f"DELETE FROM {table}")
    report = import_file(path)
    assert report.ok, [str(e) for e in report.errors]
    after = [
        (s.organization.code, s.name, s.path.count("/"), s.valid_from, s.valid_to)
        for s in selectors.forest_on(D(2024, 6, 1))
    ]
    assert before == after
    assert Reorganization.objects.count() == 1


def test_legacy_text_is_repaired_and_listed(db):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from dangbo.lib.vntext import encode_legacy

    book = Workbook()
    ws = book.active
    ws.title = "Tổ chức"
    ws.append(["Mã", "Tên", "Loại"])
    ws.append(["TINH", encode_legacy("Đảng bộ tỉnh Hưng Yên", "tcvn3"), "Đảng bộ cấp trên cơ sở"])
    ws["B2"].font = Font(name=".VnTime")
    ws.append(["TINH2", encode_legacy("Đảng bộ tỉnh Thừa Thiên", "vni"), "Đảng bộ cấp trên cơ sở"])
    ws["B3"].font = Font(name="VNI-Times")
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_file(data=buffer.getvalue(), name="cu.xlsx")
    assert report.ok, [str(e) for e in report.errors]
    assert Organization.objects.get(code="TINH").name == "Đảng bộ tỉnh Hưng Yên"
    assert Organization.objects.get(code="TINH2").name == "Đảng bộ tỉnh Thừa Thiên"
    assert {(c.row, c.encoding) for c in report.conversions} == {(2, "tcvn3"), (3, "vni")}
