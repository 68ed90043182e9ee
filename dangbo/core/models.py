"""What every domain record shares: it is never hard-deleted, and changes keep history.

Records are ended or voided by their services instead of being deleted. Queryset-wide
`update()` would change rows without a history entry, so it is refused too; services
that need bulk writes use simple_history's `bulk_create_with_history` /
`bulk_update_with_history`.
"""

from django.db import models
from django.utils.translation import gettext as _


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
