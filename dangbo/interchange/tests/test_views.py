import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dangbo.interchange.exporter import write_workbook
from dangbo.interchange.models import ImportRun
from dangbo.organizations.models import Organization

D = dt.date


def upload(rows, name="t.xlsx"):
    buffer = io.BytesIO()
    write_workbook(rows, buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_check_then_import(cast, login, tree):
    client = login(cast.alice)
    rows = {"organizations": [["CELL1C", "Chi bộ thôn Nam", "Chi bộ trực thuộc", "COMM1", None, D(2023, 1, 1), None]]}
    checked = client.post(reverse("interchange:import"), {"file": upload(rows)})
    assert checked.status_code == 200 and checked.context["token"]
    assert not Organization.objects.filter(code="CELL1C").exists()  # only checked
    done = client.post(reverse("interchange:confirm"), {"token": checked.context["token"]})
    assert done.context["report"].ok
    assert Organization.objects.filter(code="CELL1C").exists()
    run = ImportRun.objects.filter(succeeded=True).get()
    assert run.created_by == cast.alice and run.file_name == "t.xlsx" and len(run.sha256) == 64


def test_errors_are_listed_and_nothing_can_be_imported(cast, login, tree):
    client = login(cast.alice)
    rows = {"organizations": [["BAD", "Chi bộ lỗi", "Không có loại này", "COMM1", None, "31/02/2023", None]]}
    checked = client.post(reverse("interchange:import"), {"file": upload(rows)})
    html = checked.content.decode()
    assert checked.context["token"] is None
    assert "Tổ chức, dòng 2, cột “Loại”" in html and "Tổ chức, dòng 2, cột “Ngày thành lập”" in html


def test_an_import_may_not_touch_organizations_outside_the_account(cast, login, tree):
    client = login(cast.alice)
    rows = {"organizations": [["OCELL2", "Chi bộ ngoài", "Chi bộ trực thuộc", "OCOMM", None, None, None]]}
    checked = client.post(reverse("interchange:import"), {"file": upload(rows)})
    assert not checked.context["report"].ok
    assert "OCELL2" in checked.content.decode()
    assert not Organization.objects.filter(code="OCELL2").exists()


def test_template_and_export_downloads(cast, login, tree):
    client = login(cast.alice)
    template = load_workbook(io.BytesIO(client.get(reverse("interchange:template")).content))
    assert "Đảng viên" in template.sheetnames and template["Tổ chức"]["A2"].value.startswith("#")
    export = load_workbook(io.BytesIO(client.get(reverse("interchange:export"), {"org": "DIST"}).content))
    codes = [r[0].value for r in export["Tổ chức"].iter_rows(min_row=2)]
    assert "COMM1" in codes and "OCOMM" not in codes


def test_readers_and_outsiders_are_refused(cast, login, tree):
    for user in (cast.vera, cast.bob, cast.eddie):
        client = login(user)
        assert client.get(reverse("interchange:import")).status_code == 404
        assert client.get(reverse("interchange:template")).status_code == 404
    assert login(cast.charlie).get(reverse("interchange:export"), {"org": "DIST"}).status_code == 404


def test_an_expired_upload_is_refused(cast, login, tree):
    response = login(cast.alice).post(reverse("interchange:confirm"), {"token": "nope"}, follow=True)
    assert response.redirect_chain and not ImportRun.objects.filter(succeeded=True).exists()


def test_anonymous_is_sent_to_login(client, tree):
    assert client.get(reverse("interchange:import")).status_code == 302


def test_the_progress_of_a_check_is_shown_to_its_author_only(cast, login, tree):
    client = login(cast.alice)
    page = client.get(reverse("interchange:import"))
    progress_id = page.context["progress_id"]
    html = page.content.decode()
    assert 'name="progress"' in html and reverse("interchange:progress", args=[progress_id]) in html
    rows = {"organizations": [["CELL1C", "Chi bộ thôn Nam", "Chi bộ trực thuộc", "COMM1", None, D(2023, 1, 1), None]]}
    client.post(reverse("interchange:import"), {"file": upload(rows), "progress": progress_id})
    shown = client.get(reverse("interchange:progress", args=[progress_id])).content.decode()
    assert "<progress" in shown and "Đang kiểm tra" in shown
    # other accounts with import rights see nothing of it; readers are refused
    for other in (cast.root, cast.charlie):
        seen = login(other).get(reverse("interchange:progress", args=[progress_id]))
        assert seen.status_code == 200 and "<progress" not in seen.content.decode()
    for reader in (cast.vera, cast.bob):
        assert login(reader).get(reverse("interchange:progress", args=[progress_id])).status_code == 404


def test_the_importer_tells_its_progress_by_stage(db):
    from dangbo.interchange.importer import import_file

    heard = []
    rows = {"organizations": [["TINH", "Đảng bộ tỉnh", "Đảng bộ cấp trên cơ sở", None, None, D(2020, 1, 1), None]]}
    buffer = io.BytesIO()
    write_workbook(rows, buffer)
    report = import_file(data=buffer.getvalue(), name="t.xlsx", progress=lambda *state: heard.append(state))
    assert report.ok
    assert heard[0] == ("reading", 0, 0)
    assert heard[1][0] == "writing" and heard[1][2] == 1
