"""What every domain record shares: it is never hard-deleted, and changes keep history.

Records are ended or voided by their services instead of being deleted. Queryset-wide
`update()` and `bulk_update()` would change rows without a history entry, so they are
refused too; services that need bulk writes use simple_history's
`bulk_create_with_history` or `bulk_update_with_history` below.
"""

import contextvars
import functools

from django.conf import settings
from django.db import models
from django.db.models.base import ModelState
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


def build(model, /, **values):
    """An unsaved `model` instance, as `model(**values)` makes it, for code that makes
    hundreds of thousands (imports, replays): a tenth of the time, by skipping the
    per-field work of `Model.__init__` (signals, keyword checks, descriptors).

    `values` name concrete fields by attname (`organization_id`) or by relation name
    with an object (`member=member`, saved or not); the other fields take their
    defaults. Only for models without `pre_init`/`post_init` receivers (file and image
    fields with dimension fields have them); `_build_plan` refuses the others.
    """
    constants, callables, relations = _build_plan(model)
    obj = model.__new__(model)
    state = obj._state = ModelState()
    data = obj.__dict__
    data.update(constants)
    for attname, default in callables:
        data[attname] = default()
    for name, value in values.items():
        relation = relations.get(name)
        if relation is None:
            data[name] = value
        else:
            data[relation] = None if value is None else value.pk
            state.fields_cache[name] = value
    return obj


@functools.cache
def _build_plan(model):
    from django.db.models import signals

    if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
        raise TypeError(f"{model.__name__} has init signal receivers; build it with {model.__name__}(...)")
    constants, callables, relations = {}, [], {}
    for field in model._meta.concrete_fields:
        if field.is_relation:
            relations[field.name] = field.attname
        if field.has_default() and callable(field.default):
            callables.append((field.attname, field.default))
        else:
            constants[field.attname] = field.get_default()
    return constants, tuple(callables), relations


def bulk_create_with_history(objs, model, *, by=None, batch_size: int = 1000) -> None:
    """Create many records at once, each with its "created" history entry.

    Imports of a province's register write hundreds of thousands of rows, and Django's
    `bulk_create` spends most of its time building SQL field by field. Here the primary
    keys are allocated first (`allocate_ids`), then the rows and their history rows go
    in with one prepared INSERT each, values converted by one function per column.
    """
    objs = list(objs)
    if not objs:
        return
    for obj, pk in zip(objs, allocate_ids(model, len(objs)), strict=True):
        obj.pk = pk
    insert_rows(model, objs, batch_size=batch_size, history=("+", by))
    for obj in objs:
        obj._state.adding = False
        obj._state.db = "default"


def allocate_ids(model, count: int) -> list[int]:
    """`count` new primary keys for `model`, reserved inside the current transaction.

    PostgreSQL hands them out from the column's sequence (safe beside other writers);
    SQLite, whose writers are serialized by the transaction, continues after the
    highest key used so far.
    """
    from django.db import connection

    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT COALESCE(MAX({quote(column)}), 0) FROM {quote(table)}")
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        first = max(highest, row[0] if row else 0) + 1
    return list(range(first, first + count))


def insert_rows(model, objs, *, batch_size: int = 2000, values=None, history=None) -> None:
    """INSERT `objs` (new instances of `model`) with one prepared statement.

    The primary key is written when set and left to the database otherwise. Text is
    normalized as the model's fields do on save; `auto_now`/`auto_now_add` dates are
    set; foreign keys to objects saved since take their keys. `values` maps attnames
    to a value used for every row instead of the object's. `history` = (type, user)
    also writes each row's history entry, from the same converted values.
    """
    from operator import itemgetter

    from django.db import connection
    from django.utils import timezone

    fields = [
        f for f in model._meta.concrete_fields
        if not (f.primary_key and getattr(objs[0], f.attname, None) is None)
    ]
    values = dict(values or {})
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            now = values.setdefault(f.attname, timezone.now())
            for obj in objs:
                setattr(obj, f.attname, now)
        if f.is_relation and f.attname not in values:
            _resolve_relation(f, objs)
    read = [f for f in fields if f.attname not in values]
    constants = {
        f.attname: convert(values[f.attname]) if (convert := _db_value(f, connection)) else values[f.attname]
        for f in fields if f.attname in values
    }
    # Values straight from the instances' __dict__: foreign keys' attributes are Python
    # descriptors, a call each otherwise.
    items = itemgetter(*[f.attname for f in read]) if read else (lambda _data: ())
    if len(read) == 1:
        getter = (lambda get: lambda obj: (get(obj.__dict__),))(items)
    else:
        getter = (lambda get: lambda obj: get(obj.__dict__))(items)
    # Only the columns whose Python value the driver does not take as it is.
    converters = [(i, convert) for i, f in enumerate(read) if (convert := _db_value(f, connection)) is not None]
    tail = list(constants.values())
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in read + [f for f in fields if f.attname in constants]),
        ", ".join(["%s"] * len(fields)),
    )
    history_sql = history_tail = None
    if history is not None:
        written = read + [f for f in fields if f.attname in constants]
        history_sql, history_tail = _history_insert(model, written, *history)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            rows = []
            for obj in objs[start : start + batch_size]:
                row = list(getter(obj))
                for i, convert in converters:
                    row[i] = convert(row[i])
                row += tail
                rows.append(row)
            cursor.executemany(sql, rows)
            if history_sql:
                for row in rows:
                    row += history_tail
                cursor.executemany(history_sql, rows)


def _history_insert(model, fields, kind: str, by) -> tuple[str, list]:
    """The INSERT of history rows holding the values of `fields` (as the main INSERT
    wrote them) and what simple-history adds: date, reason, type and user."""
    from django.db import connection
    from django.utils import timezone

    history = model.history.model
    extra = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    columns = [history._meta.get_field(f.name).column for f in fields] + extra
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(history._meta.db_table), ", ".join(map(quote, columns)), ", ".join(["%s"] * len(columns))
    )
    user = by.pk if getattr(by, "pk", None) is not None else None
    return sql, [connection.ops.adapt_datetimefield_value(timezone.now()), None, kind, user]


def _resolve_relation(field, objs) -> None:
    """`event.member = member` before the member was saved leaves member_id empty: take
    the key the member has now."""
    attname, name = field.attname, field.cache_name
    for obj in objs:
        data = obj.__dict__
        if data.get(attname) is None:
            related = obj._state.fields_cache.get(name)
            if related is not None:
                data[attname] = related.pk


def _db_value(field, connection):
    """A function from a field's Python value to what the database driver takes, or None
    when the value goes as it is: the cheap way for common types, Django's for others."""
    from dangbo.lib.vntext import normalize

    internal = field.get_internal_type()
    if field.is_relation or internal in (
        "AutoField", "BigAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField",
        "PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField", "BooleanField",
    ):
        return None
    if internal in ("CharField", "TextField"):
        seen: dict[str, str] = {}

        def text(value):
            if value.__class__ is str:
                if value.isascii():
                    return value
                clean = seen.get(value)
                if clean is None:
                    clean = seen[value] = normalize(value)
                return clean
            # Anything else (a FieldFile copied into a history row) the way Django does.
            return None if value is None else field.get_db_prep_save(value, connection)

        return text
    if internal == "DateField":
        if connection.vendor == "postgresql":
            return None  # psycopg adapts dates itself
        import datetime as dt

        return lambda value: value.isoformat() if value.__class__ is dt.date else (
            None if value is None else field.get_db_prep_save(value, connection)
        )
    if internal == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    return lambda value: field.get_db_prep_save(value, connection)


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
    """One history row per object, as simple-history would write it on save."""
    from django.utils import timezone

    history = model.history.model
    insert_rows(
        history,
        objs,
        batch_size=batch_size,
        values={
            "history_date": timezone.now(),
            "history_type": kind,
            "history_change_reason": None,
            "history_user_id": by.pk if getattr(by, "pk", None) is not None else None,
        },
    )


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
