import datetime as dt
import io
import time
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from dangbo.interchange.exporter import write_workbook
from dangbo.interchange.models import ImportJob, ImportRun
from dangbo.organizations.models import Organization

D = dt.date


def upload(rows, name="t.xlsx"):
    buffer = io.BytesIO()
    write_workbook(rows, buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def check(client, rows, capture, name="t.xlsx"):
    """Upload `rows`; the check runs (in this process) when the job is committed."""
    with capture(execute=True):
        response = client.post(reverse("interchange:import"), {"file": upload(rows, name)})
    assert response.status_code == 302
    return ImportJob.objects.get(pk=response.url.rstrip("/").split("/")[-1])


def test_check_then_import(cast, login, tree, django_capture_on_commit_callbacks):
    client = login(cast.alice)
    rows = {"organizations": [["CELL1C", "Chi bộ thôn Nam", "Chi bộ trực thuộc", "COMM1", None, D(2023, 1, 1), None]]}
    job = check(client, rows, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == "DONE" and job.mode == "CHECK" and job.report["errors"] == []
    assert not Organization.objects.filter(code="CELL1C").exists()  # only checked
    page = client.get(reverse("interchange:job", args=[job.pk])).content.decode()
    assert "Nhập dữ liệu" in page and reverse("interchange:job_confirm", args=[job.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("interchange:job_confirm", args=[job.pk]))
    imported = ImportJob.objects.get(checked_by=job)
    assert done.url == reverse("interchange:job", args=[imported.pk])
    imported.refresh_from_db()
    assert imported.status == "DONE" and imported.report["written"]
    assert Organization.objects.filter(code="CELL1C").exists()
    run = ImportRun.objects.filter(succeeded=True).get()
    assert run.created_by == cast.alice and run.file_name == "t.xlsx" and len(run.sha256) == 64
    # the same check cannot be imported twice
    again = client.post(reverse("interchange:job_confirm", args=[job.pk]), follow=True)
    assert "đã được gửi đi nhập" in again.content.decode() and ImportJob.objects.filter(checked_by=job).count() == 1


def test_errors_are_listed_and_nothing_can_be_imported(cast, login, tree, django_capture_on_commit_callbacks):
    client = login(cast.alice)
    rows = {"organizations": [["BAD", "Chi bộ lỗi", "Không có loại này", "COMM1", None, "31/02/2023", None]]}
    job = check(client, rows, django_capture_on_commit_callbacks)
    html = client.get(reverse("interchange:job", args=[job.pk])).content.decode()
    assert "Tổ chức, dòng 2, cột “Loại”" in html and "Tổ chức, dòng 2, cột “Ngày thành lập”" in html
    assert reverse("interchange:job_confirm", args=[job.pk]) not in html
    assert client.post(reverse("interchange:job_confirm", args=[job.pk])).status_code == 302
    assert not ImportJob.objects.filter(checked_by=job).exists()


def test_an_import_may_not_touch_organizations_outside_the_account(
    cast, login, tree, django_capture_on_commit_callbacks
):
    client = login(cast.alice)
    rows = {"organizations": [["OCELL2", "Chi bộ ngoài", "Chi bộ trực thuộc", "OCOMM", None, None, None]]}
    job = check(client, rows, django_capture_on_commit_callbacks)
    html = client.get(reverse("interchange:job", args=[job.pk])).content.decode()
    assert "OCELL2" in html and job.__class__.objects.get(pk=job.pk).report["errors"]
    assert not Organization.objects.filter(code="OCELL2").exists()


def test_a_job_is_seen_by_its_author_only(cast, login, tree, django_capture_on_commit_callbacks):
    rows = {"organizations": [["CELL1C", "Chi bộ thôn Nam", "Chi bộ trực thuộc", "COMM1", None, D(2023, 1, 1), None]]}
    job = check(login(cast.alice), rows, django_capture_on_commit_callbacks)
    for name in ("interchange:job", "interchange:job_status"):
        assert login(cast.charlie).get(reverse(name, args=[job.pk])).status_code == 404
        assert login(cast.root).get(reverse(name, args=[job.pk])).status_code == 200
        for reader in (cast.vera, cast.bob, cast.eddie):
            assert login(reader).get(reverse(name, args=[job.pk])).status_code == 404
    assert login(cast.charlie).post(reverse("interchange:job_confirm", args=[job.pk])).status_code == 404
    assert not ImportJob.objects.filter(checked_by=job).exists()


def test_a_running_job_shows_its_progress_and_polls(cast, login, tree):
    """The page of a job not finished yet polls its status; the worker's progress (stage,
    rows, errors so far) comes from the queue's store."""
    from huey.contrib.djhuey import HUEY

    from dangbo.interchange import jobs

    job = ImportJob.objects.create(
        id=uuid.uuid4(), created_by=cast.alice, mode="CHECK", file_name="lon.xlsx", stored_file="x", sha256="0" * 64,
        status="RUNNING", started_at=timezone.now(),
    )
    HUEY.put(jobs.progress_key(job.pk), {"stage": "checking", "done": 1200, "total": 5000, "errors": 3,
                                         "beat": time.time()})
    html = login(cast.alice).get(reverse("interchange:job_status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in html and "1.200" in html and "5.000" in html and "3 lỗi" in html
    HUEY.get(jobs.progress_key(job.pk))


def test_a_job_whose_worker_stopped_is_marked_failed(cast, login, tree, settings):
    """No heartbeat for longer than the limit: the worker was stopped; nothing was written."""
    settings.DANGBO_IMPORT_STALE_SECONDS = 60
    job = ImportJob.objects.create(
        id=uuid.uuid4(), created_by=cast.alice, mode="IMPORT", file_name="lon.xlsx", stored_file="x", sha256="0" * 64,
        status="RUNNING", started_at=timezone.now() - dt.timedelta(minutes=5),
    )
    html = login(cast.alice).get(reverse("interchange:job", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == "FAILED" and "không có gì được ghi" in html.lower()
    assert "every 1s" not in html


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


def test_anonymous_is_sent_to_login(client, tree):
    assert client.get(reverse("interchange:import")).status_code == 302


def test_the_importer_tells_its_progress_by_stage(db):
    from dangbo.interchange.importer import import_file

    heard = []
    rows = {"organizations": [["TINH", "Đảng bộ tỉnh", "Đảng bộ cấp trên cơ sở", None, None, D(2020, 1, 1), None]]}
    buffer = io.BytesIO()
    write_workbook(rows, buffer)
    report = import_file(data=buffer.getvalue(), name="t.xlsx", progress=lambda *state: heard.append(state))
    assert report.ok
    heard = [state for state in heard if state[0] != "waiting"]  # another test process's import may run
    assert heard[0] == ("reading", 0, 0, 0)
    assert [stage for stage, *_n in heard[1:]] == ["checking", "writing"] and heard[-1][2] == 1


def test_the_web_request_only_queues_the_job(cast, login, tree, monkeypatch, django_capture_on_commit_callbacks):
    """No thread, no paused garbage collector, no switch interval in a web worker: the
    upload's request keeps the file and queues a job; the worker does the rest."""
    import gc
    import sys
    import threading

    from huey.contrib.djhuey import HUEY

    def refuse(*args, **kwargs):
        raise AssertionError("not in a web request")

    monkeypatch.setattr(HUEY, "immediate", False)
    queued = []
    monkeypatch.setattr(HUEY, "enqueue", lambda task: queued.append(task))
    monkeypatch.setattr(threading.Thread, "start", refuse)
    monkeypatch.setattr(gc, "disable", refuse)
    monkeypatch.setattr(sys, "setswitchinterval", refuse)
    rows = {"organizations": [["CELL1C", "Chi bộ thôn Nam", "Chi bộ trực thuộc", "COMM1", None, D(2023, 1, 1), None]]}
    job = check(login(cast.alice), rows, django_capture_on_commit_callbacks)
    assert len(queued) == 1 and queued[0].args == (str(job.pk),)
    assert ImportJob.objects.get(pk=job.pk).status == "QUEUED"
    page = login(cast.alice).get(reverse("interchange:job", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page


def test_a_file_that_is_not_a_workbook_fails_its_job_and_the_next_one_works(
    cast, login, tree, django_capture_on_commit_callbacks
):
    client = login(cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interchange:import"),
                               {"file": SimpleUploadedFile("danh-sach.xlsx", b"just some text, not a workbook")})
    bad = ImportJob.objects.get(pk=response.url.rstrip("/").split("/")[-1])
    assert bad.status == "FAILED" and "không có gì được ghi" in bad.message.lower()
    html = client.get(reverse("interchange:job", args=[bad.pk])).content.decode()
    assert "không phải là tệp Excel" in html or "xlsx" in html
    assert reverse("interchange:job_confirm", args=[bad.pk]) not in html
    rows = {"organizations": [["CELL1C", "Chi bộ thôn Nam", "Chi bộ trực thuộc", "COMM1", None, D(2023, 1, 1), None]]}
    good = check(client, rows, django_capture_on_commit_callbacks)
    assert ImportJob.objects.get(pk=good.pk).status == "DONE"


def test_a_workbook_bomb_fails_its_job_with_nothing_written(cast, login, tree, django_capture_on_commit_callbacks):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * 60_000_000)  # expands a thousand times
    client = login(cast.alice)
    with django_capture_on_commit_callbacks(execute=True):
        upload_ = SimpleUploadedFile("bom.xlsx", buffer.getvalue())
        response = client.post(reverse("interchange:import"), {"file": upload_})
    job = ImportJob.objects.get(pk=response.url.rstrip("/").split("/")[-1])
    assert job.status == "FAILED" and job.report["errors"]
    assert Organization.objects.count() == 10  # the cast's tree only


def test_a_second_import_waits_for_the_first(tree):
    """One import at a time: while another holds the lock (another worker, the command
    line), an import says it is waiting, then goes on once the lock is free."""
    import threading

    from dangbo.interchange.importer import import_file
    from dangbo.interchange.locks import import_lock

    holding, release = threading.Event(), threading.Event()

    def other_import():
        from django.db import connection

        with import_lock():
            holding.set()
            release.wait(10)
        connection.close()

    other = threading.Thread(target=other_import)
    other.start()
    holding.wait(10)
    heard = []

    def progress(stage, *numbers):
        heard.append(stage)
        if stage == "waiting":
            release.set()

    rows = {"organizations": [["CELL1C", "Chi bộ thôn Nam", "Chi bộ trực thuộc", "COMM1", None, D(2023, 1, 1), None]]}
    buffer = io.BytesIO()
    write_workbook(rows, buffer)
    report = import_file(data=buffer.getvalue(), name="t.xlsx", progress=progress)
    other.join(10)
    assert heard[0] == "waiting" and report.ok and report.written
