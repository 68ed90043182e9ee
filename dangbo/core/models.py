"""What every domain record shares: it is never hard-deleted, and changes keep history.

Records are ended or voided by their services instead of being deleted. Queryset-wide
`update()` would change rows without a history entry, so it is refused too; services
that need bulk writes use simple_history's `bulk_create_with_history` /
`bulk_update_with_history`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class HardDeleteError(Exception):
    """Raised when code tries to hard-delete a domain record."""


class DomainQuerySet(models.QuerySet):
    def delete(self):
        raise HardDeleteError(_("Records are never deleted; end or void them instead."))

    delete.queryset_only = True  # type: ignore[attr-defined]

    def update(self, **kwargs):
        raise HardDeleteError(
            _("Bulk updates would bypass the change history; save records one by one.")
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
