from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangbo.core.models import DomainModel


class ImportRun(DomainModel):
    """One attempt to import a workbook: who, when, which file, what came of it."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    succeeded = models.BooleanField(_("imported"))
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    conversions = models.PositiveIntegerField(_("conversions"), default=0)
    warnings = models.PositiveIntegerField(_("warnings"), default=0)
    errors = models.PositiveIntegerField(_("errors"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


class ImportJob(models.Model):
    """A check or an import of an uploaded workbook, run in the background by the worker
    (`jobs.run_import`): the page that started it polls its state, which survives a
    reload and a server restart. The report is kept when it ends.

    A record of work done, not a domain record: jobs are never changed by people, and
    their history is the job itself (who, when, what came of it).
    """

    class Mode(models.TextChoices):
        CHECK = "CHECK", _("Check")
        IMPORT = "IMPORT", _("Import")

    class Status(models.TextChoices):
        QUEUED = "QUEUED", _("Waiting for the worker")
        RUNNING = "RUNNING", _("Running")
        DONE = "DONE", _("Done")
        FAILED = "FAILED", _("Failed")

    id = models.UUIDField(primary_key=True, editable=False)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    mode = models.CharField(_("what"), max_length=8, choices=Mode.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    # The uploaded file in private storage, until the import is done or given up.
    stored_file = models.CharField(max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)  # why it failed
    report = models.JSONField(_("report"), null=True, blank=True)
    checked_by = models.ForeignKey(
        "self", verbose_name=_("the check it confirms"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at"]
        indexes = [
            # the worker's sweep of jobs left running by a stopped worker
            models.Index(fields=["status", "created_at"], name="importjob_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.file_name}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
