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


def bulk_update_with_history(objs, model, fields: list[str], *, by=None) -> None:
    """Update many records at once, writing one history entry for each.

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
    user = by if getattr(by, "pk", None) is not None else None
    model.history.bulk_history_create(objs, batch_size=500, update=True, default_user=user)


def stamp_history(obj, by) -> None:
    """Name the person in the history entry the next save of `obj` writes."""
    if getattr(by, "pk", None) is not None:
        obj._history_user = by
