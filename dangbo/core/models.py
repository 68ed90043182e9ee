"""What every domain record shares: it is never hard-deleted, and changes keep history.

Records are ended or voided by their services instead of being deleted. Queryset-wide
`update()` and `bulk_update()` would change rows without a history entry, so they are
refused too; services that need bulk writes use `bulk.bulk_create_with_history` and
`bulk.bulk_update_with_history`.
"""

import contextvars

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .storage import private_storage


class HardDeleteError(Exception):
    """Raised when code tries to hard-delete a domain record."""


_HISTORY_BULK_UPDATE = contextvars.ContextVar("history_bulk_update", default=False)


class DomainQuerySet(models.QuerySet):
    def delete(self):
        raise HardDeleteError(_("Records are never deleted; end or void them instead."))

    delete.queryset_only = True  # type: ignore[attr-defined]

    def update(self, **kwargs):
        if not _HISTORY_BULK_UPDATE.get():
            raise HardDeleteError(
                _("Bulk updates would bypass the change history; save records one by one.")
            )
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        raise HardDeleteError(
            _("Bulk updates would bypass the change history; use bulk_update_with_history.")
        )


class DomainModel(models.Model):
    objects = DomainQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise HardDeleteError(_("Records are never deleted; end or void them instead."))


class VoidableRecord(DomainModel):
    """A dated fact that is recorded once and, when wrong, voided with a reason."""

    created_at = models.DateTimeField(gettext_lazy("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    voided_at = models.DateTimeField(gettext_lazy("voided at"), null=True, blank=True)
    void_reason = models.TextField(gettext_lazy("reason for voiding"), blank=True)

    class Meta:
        abstract = True


def stamp_history(obj, by) -> None:
    """Name the person in the history entry the next save of `obj` writes."""
    if getattr(by, "pk", None) is not None:
        obj._history_user = by


class AttachmentBase(DomainModel):
    """A file kept with a record (a scanned decision, a minute): never deleted, voided
    with a reason when attached by mistake. Concrete models add the owner's foreign key
    and are served only through views that check access to that owner. Checked and
    stored by `attachments.check_upload` and `attachments.store_file` (under a random name;
    the uploaded name is kept in `name`)."""

    # Outside MEDIA_ROOT (`storage.private_storage`): no URL serves these files.
    file = models.FileField(
        gettext_lazy("file"), upload_to="attachments/%Y/%m/", storage=private_storage, max_length=255
    )
    name = models.CharField(gettext_lazy("file name"), max_length=255)
    size = models.PositiveIntegerField(gettext_lazy("size in bytes"))
    sha256 = models.CharField(max_length=64, editable=False)
    content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(gettext_lazy("attached at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("attached by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    voided_at = models.DateTimeField(gettext_lazy("voided at"), null=True, blank=True)
    void_reason = models.TextField(gettext_lazy("reason for voiding"), blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


class Submission(models.Model):
    """A form that has been sent: the key its page carried, who sent it and where it led.

    Forms that make something in one click (a news draft from a report) carry a fresh
    key; sending the same form again (a double click, a retry after an error, the back
    button) finds the key and leads to the same place without doing the work twice
    (core.once). Not a domain record: nothing but the key and the address."""

    key = models.UUIDField(unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.key} → {self.url}"
class PersonalDataExport(models.Model):
    """Who downloaded personal data, what and when (Decree 13/2023/NĐ-CP: processing of
    personal data is recorded). An access log, append-only, like members.DossierView;
    reviewed by administrators on the access log page."""

    class Kind(models.TextChoices):
        MEMBER_LIST = "MEMBER_LIST", gettext_lazy("List of Party members (Excel)")
        REGISTER = "REGISTER", gettext_lazy("Register of Party members, form 7-HSĐV (Excel)")
        INTERCHANGE = "INTERCHANGE", gettext_lazy("Interchange workbook (Excel)")
        ATTENDANCE = "ATTENDANCE", gettext_lazy("Attendance list of a class (Excel)")

    kind = models.CharField(gettext_lazy("export"), max_length=20, choices=Kind.choices)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("exported by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # empty: the command line
    exported_at = models.DateTimeField(gettext_lazy("exported at"), auto_now_add=True)
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=gettext_lazy("organization"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    scope = models.CharField(gettext_lazy("what"), max_length=255, blank=True)  # filters, the class, …
    rows = models.PositiveIntegerField(gettext_lazy("rows"), default=0)

    class Meta:
        verbose_name = gettext_lazy("export of personal data")
        verbose_name_plural = gettext_lazy("exports of personal data")
        indexes = [models.Index(fields=["-exported_at"], name="export_log_recent")]

    def __str__(self) -> str:
        return f"{self.kind} {self.exported_by_id} {self.exported_at:%d/%m/%Y %H:%M}"
