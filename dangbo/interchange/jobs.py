"""Imports run as background jobs, by the worker (`dangbo run_huey`), never in a web
request: checking or importing a province's workbook takes a minute, uses a second
thread on SQLite and pauses the garbage collector (`importer.import_file`), none of which
belongs in a web server's process.

The job's row (`ImportJob`) holds its status and, at the end, its report; while it runs,
its progress (stage, rows done, errors so far) and a heartbeat live in the task queue's
own store (`HUEY.put`: a SQLite file of its own, or Redis), which the web process reads
while the import's transaction holds the database. A job whose heartbeat stops (the
worker killed, the machine restarted) is marked failed when next looked at: its
transaction never committed, so nothing of it was written.

Imports run one at a time (`locks.import_lock`, taken by the importer): a second one
waits for the first to finish, then is checked against what the first wrote, never
mixed with it.
"""

import datetime as dt
import logging
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from dangbo.core.storage import private_storage

from .models import ImportJob

logger = logging.getLogger(__name__)
BEAT_SECONDS = 5
UPLOADS = "imports"  # folder of uploaded workbooks in private storage
KEEP_UNCONFIRMED = dt.timedelta(days=1)


def progress_key(job_id) -> str:
    return f"import-progress:{job_id}"


def read_progress(job: ImportJob) -> dict | None:
    """{stage, done, total, errors, beat} of a running job, or None."""
    return HUEY.get(progress_key(job.pk), peek=True)


class _Progress:
    """Tells the job's progress to the queue's store, and beats every few seconds while
    the import works (a thread: the import itself may go minutes between rows)."""

    def __init__(self, job_id):
        self.key = progress_key(job_id)
        self.state = {"stage": "waiting", "done": 0, "total": 0, "errors": 0}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, name="dangbo-import-beat", daemon=True)

    def __call__(self, stage: str, done: int, total: int, errors: int = 0) -> None:
        self.state = {"stage": stage, "done": done, "total": total, "errors": errors}
        self._put()

    def _put(self) -> None:
        HUEY.put(self.key, {**self.state, "beat": time.time()})

    def _beat(self) -> None:
        while not self.stop.wait(BEAT_SECONDS):
            self._put()

    def __enter__(self):
        self._put()
        if not HUEY.immediate:
            self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join()
        HUEY.get(self.key)  # read and removed: the report is in the job now


@db_task()
def run_import(job_id: str) -> None:
    """The worker's side of a job: check or import its file, keep the report."""
    from .importer import import_file

    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or job.finished:
        return
    with _Progress(job.pk) as progress:
        job.status, job.started_at = ImportJob.Status.RUNNING, timezone.now()
        job.save(update_fields=["status", "started_at"])
        try:
            with private_storage.open(job.stored_file, "rb") as handle:
                data = handle.read()
            report = import_file(
                data=data, name=job.file_name, by=job.created_by,
                dry_run=job.mode == ImportJob.Mode.CHECK, progress=progress,
            )
        except Exception:
            logger.exception("import job %s failed", job.pk)
            job.status = ImportJob.Status.FAILED
            job.message = _("The import stopped on an unexpected error; nothing was written. "
                            "Try again; if it happens again, send the file to the administrator.")
        else:
            job.report = report.as_dict()
            if report.ok:
                job.status = ImportJob.Status.DONE
            else:
                job.status = ImportJob.Status.FAILED
                job.message = ngettext(
                    "The file has %(n)d error: nothing was written. Correct it and upload the file again.",
                    "The file has %(n)d errors: nothing was written. Correct them and upload the file again.",
                    len(report.errors),
                ) % {"n": len(report.errors)}
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "message", "report", "finished_at"])
    # The file is kept only for a check that found nothing wrong: its import may follow.
    if not (job.mode == ImportJob.Mode.CHECK and job.status == ImportJob.Status.DONE):
        private_storage.delete(job.stored_file)


def refresh(job: ImportJob) -> ImportJob:
    """`job` as it stands: a running job whose worker has not been heard of for
    `DANGBO_IMPORT_STALE_SECONDS` is marked failed (its transaction never committed)."""
    if job.status != ImportJob.Status.RUNNING:
        return job
    state = read_progress(job)
    heard = state["beat"] if state else (job.started_at.timestamp() if job.started_at else time.time())
    if time.time() - heard > settings.DANGBO_IMPORT_STALE_SECONDS:
        updated = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.RUNNING).update(
            status=ImportJob.Status.FAILED, finished_at=timezone.now(),
            message=_("The import was interrupted (the worker stopped); nothing was written. Start it again."),
        )
        if updated:
            private_storage.delete(job.stored_file)
        job.refresh_from_db()
    return job


@HUEY.on_startup()
def _sweep_interrupted() -> None:
    """A worker starting: jobs left running by a stopped one are failed if stale."""
    for job in ImportJob.objects.filter(status=ImportJob.Status.RUNNING):
        refresh(job)
    connection.close()


@db_periodic_task(crontab(minute="17"))
def clean_unconfirmed_uploads() -> int:
    """Uploaded files of checks nobody confirmed within a day are deleted (their jobs and
    reports stay). Hourly, in the worker."""
    return _clean_unconfirmed(timezone.now() - KEEP_UNCONFIRMED)


def _clean_unconfirmed(before) -> int:
    confirmed = ImportJob.objects.filter(mode=ImportJob.Mode.IMPORT).values("stored_file")
    stale = (
        ImportJob.objects.filter(mode=ImportJob.Mode.CHECK, created_at__lt=before)
        .exclude(stored_file__in=confirmed)
        .exclude(stored_file="")
    )
    count = 0
    for job in stale:
        if private_storage.exists(job.stored_file):
            private_storage.delete(job.stored_file)
            count += 1
    # Files with no job at all (an upload cut off before its job was saved).
    known = set(ImportJob.objects.values_list("stored_file", flat=True))
    folder = Path(private_storage.path(UPLOADS))
    if folder.is_dir():
        for path in folder.iterdir():
            name = f"{UPLOADS}/{path.name}"
            if name not in known and path.stat().st_mtime < before.timestamp():
                path.unlink(missing_ok=True)
                count += 1
    return count
