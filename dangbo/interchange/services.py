"""Starting checks and imports of uploaded workbooks; the worker runs them (`jobs`)."""

import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.core.storage import private_storage

from . import jobs
from .models import ImportJob

SUFFIXES = (".xlsx", ".csv", ".zip")


def start_check(*, upload, by) -> ImportJob:
    """Keep an uploaded workbook and have the worker check it (nothing is written)."""
    name = Path(upload.name or "").name[:255]
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise DomainError(_("Choose an .xlsx, .csv or .zip file."), field="file")
    if upload.size > settings.DANGBO_MAX_UPLOAD_BYTES:
        raise DomainError(
            _("The file is larger than %(mb)d MB; split it into smaller files.")
            % {"mb": settings.DANGBO_MAX_UPLOAD_BYTES // 2**20},
            field="file",
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    job_id = uuid.uuid4()
    # A random name; the name as uploaded is kept on the job for people to read.
    stored = private_storage.save(f"{jobs.UPLOADS}/{job_id.hex}{suffix}", upload)
    with transaction.atomic():
        job = ImportJob.objects.create(
            id=job_id, created_by=by, mode=ImportJob.Mode.CHECK, file_name=name, stored_file=stored,
            sha256=digest.hexdigest(),
        )
        transaction.on_commit(lambda: jobs.run_import(str(job.pk)))
    return job


def start_import(*, check: ImportJob, by) -> ImportJob:
    """Have the worker import the file of a check that found no error."""
    with transaction.atomic():
        check = ImportJob.objects.select_for_update().get(pk=check.pk)
        if check.mode != ImportJob.Mode.CHECK or check.status != ImportJob.Status.DONE:
            raise DomainError(_("Only a file whose check found no error can be imported."))
        if ImportJob.objects.filter(checked_by=check).exists():
            raise DomainError(_("This file has been sent for import already."))
        if not private_storage.exists(check.stored_file):
            raise DomainError(_("The uploaded file has expired; upload it again."))
        job = ImportJob.objects.create(
            id=uuid.uuid4(), created_by=by, mode=ImportJob.Mode.IMPORT, file_name=check.file_name,
            stored_file=check.stored_file, sha256=check.sha256, checked_by=check,
        )
        transaction.on_commit(lambda: jobs.run_import(str(job.pk)))
    return job


def start_import_of_file(*, data: bytes, name: str, by=None, check_only: bool = False) -> ImportJob:
    """A workbook given whole (the command line's `--background`, benchmarks): kept and
    queued for the worker, checked and, unless `check_only`, imported in one job."""
    job_id = uuid.uuid4()
    stored = private_storage.save(f"{jobs.UPLOADS}/{job_id.hex}{Path(name).suffix.lower()}", ContentFile(data))
    with transaction.atomic():
        job = ImportJob.objects.create(
            id=job_id, created_by=by if getattr(by, "pk", None) else None,
            mode=ImportJob.Mode.CHECK if check_only else ImportJob.Mode.IMPORT, file_name=name[:255],
            stored_file=stored, sha256=hashlib.sha256(data).hexdigest(),
        )
        transaction.on_commit(lambda: jobs.run_import(str(job.pk)))
    return job
