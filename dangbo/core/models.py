"""What every domain record shares: it is never hard-deleted, and changes keep history.

Records are ended or voided by their services instead of being deleted. Queryset-wide
`update()` and `bulk_update()` would change rows without a history entry, so they are
refused too; services that need bulk writes use simple_history's
`bulk_create_with_history` or `bulk_update_with_history` below.
"""

import contextvars

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


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


def bulk_create_with_history(objs, model, *, by=None, batch_size: int = 1000) -> None:
    """Create many records at once, each with its "created" history entry.

    Like simple_history's function of the same name, but the history rows are written
    with one prepared INSERT per batch instead of through model instances: an import of a
    province's register spends half its time there otherwise. The primary keys come back
    from `bulk_create` (SQLite ≥ 3.35 and PostgreSQL return them).
    """
    model._default_manager.bulk_create(objs, batch_size=batch_size)
    _insert_history(objs, model, "+", by, batch_size)


def bulk_update_with_history(objs, model, fields: list[str], *, by=None, batch_size: int = 1000) -> None:
    """Update many records at once, writing one "changed" history entry for each.

    Row by row rather than Django's bulk_update: its CASE expressions over hundreds of
    rows are far slower on SQLite than many small prepared updates.
    """
    token = _HISTORY_BULK_UPDATE.set(True)
    try:
        manager = model._default_manager
        columns = [model._meta.get_field(name).attname for name in fields]  # organization_id, …
        for obj in objs:
            manager.filter(pk=obj.pk).update(**{column: getattr(obj, column) for column in columns})
    finally:
        _HISTORY_BULK_UPDATE.reset(token)
    _insert_history(objs, model, "~", by, batch_size)


def _insert_history(objs, model, kind: str, by, batch_size: int) -> None:
    from django.db import connection
    from django.utils import timezone

    history = model.history.model
    fields = [f for f in history._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    special = {
        "history_date": now,
        "history_type": kind,
        "history_change_reason": None,
        "history_user_id": by.pk if getattr(by, "pk", None) is not None else None,
    }
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(history._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    getters = [
        (lambda _obj, value=special[f.attname]: value) if f.attname in special
        else (lambda obj, name=f.attname: getattr(obj, name))
        for f in fields
    ]
    prep = [f.get_db_prep_save for f in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            rows = [
                [p(g(obj), connection) for p, g in zip(prep, getters, strict=True)]
                for obj in objs[start : start + batch_size]
            ]
            cursor.executemany(sql, rows)


def stamp_history(obj, by) -> None:
    """Name the person in the history entry the next save of `obj` writes."""
    if getattr(by, "pk", None) is not None:
        obj._history_user = by


class AttachmentBase(DomainModel):
    """A file kept with a record (a scanned decision, a minute): never deleted, voided
    with a reason when attached by mistake. Concrete models add the owner's foreign key
    and are served only through views that check access to that owner; files are kept
    outside the public media URL."""

    file = models.FileField(gettext_lazy("file"), upload_to="attachments/%Y/%m/")
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
