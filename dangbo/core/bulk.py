"""Writing many rows at once (imports, demo data), with their history entries.

Django's `Model.__init__`, `bulk_create` and simple-history's bulk helpers spend most of
an import's time on work per field; here instances are built without it (`build`), rows
go in with one prepared INSERT per table (`insert_rows`), and on SQLite the INSERTs can
run on a second thread while the next rows are prepared (`writes_behind`).
"""

import contextlib
import contextvars
import functools
import itertools
import queue
import sqlite3
import sys
import threading

from django.db.models.base import ModelState

from .models import _HISTORY_BULK_UPDATE


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
    writer = _writer()
    if writer is not None and table in writer.reserved:
        # Rows may wait in the queue: continue after the keys handed out already.
        first = writer.reserved[table]
        writer.reserved[table] = first + count
        return list(range(first, first + count))
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
    if writer is not None:
        writer.reserved[table] = first + count
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
    writer = _writer()
    for start in range(0, len(objs), batch_size):
        rows = []
        for obj in objs[start : start + batch_size]:
            row = list(getter(obj))
            for i, convert in converters:
                row[i] = convert(row[i])
            row += tail
            rows.append(row)
        if writer is not None:
            writer.put(sql, rows, history_sql, history_tail)
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            with connection.wrap_database_errors:  # Django's exception classes
                _write(connection.connection.cursor(), sql, rows, history_sql, history_tail)
        else:
            with connection.cursor() as cursor:
                _write(cursor, sql, rows, history_sql, history_tail)


def _write(cursor, sql: str, rows: list[list], history_sql: str | None, history_tail: list | None) -> None:
    """The rows, then their history rows (the same values and `history_tail`). `cursor`
    is SQLite's own (not Django's) or another database's through Django."""
    _insert(cursor, sql, rows)
    if history_sql:
        for row in rows:
            row += history_tail
        _insert(cursor, history_sql, rows)


def _insert(cursor, sql: str, rows: list[list]) -> None:
    if not isinstance(cursor, sqlite3.Cursor):
        cursor.executemany(sql, rows)
        return
    # SQLite: hundreds of rows in each statement, a third faster than a statement a
    # row, and SQLite works through them without Python's global lock (see
    # `writes_behind`). One size a table: each prepared statement SQLite keeps in its
    # cache takes about 1.5 kB a row; the rows left over go one by one.
    per = min(ROWS_A_STATEMENT, cursor.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(rows[0]))
    whole = len(rows) - len(rows) % per if per > 1 else 0
    for start in range(0, whole, per):
        cursor.execute(_many_rows(sql, per), list(itertools.chain.from_iterable(rows[start : start + per])))
    if whole < len(rows):
        cursor.executemany(sql.replace("%s", "?"), rows[whole:])


ROWS_A_STATEMENT = 250


@functools.lru_cache(maxsize=64)
def _many_rows(sql: str, count: int) -> str:
    """`INSERT … VALUES (%s, …)` for `count` rows, in SQLite's placeholders."""
    head, _sep, row = sql.partition(" VALUES ")
    return f"{head} VALUES {', '.join([row.replace('%s', '?')] * count)}"


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
        if field.choices and all(isinstance(value, str) and value.isascii() for value, _label in field.flatchoices):
            return None  # codes (kinds, statuses): nothing to normalize
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


# -- Writing behind ----------------------------------------------------------------------

_WRITER: contextvars.ContextVar["_Writer | None"] = contextvars.ContextVar("writes_behind", default=None)


def _writer() -> "_Writer | None":
    return _WRITER.get()


@contextlib.contextmanager
def writes_behind():
    """Inside this block (and a transaction), on SQLite, `insert_rows` hands its INSERTs
    to a second thread and returns: the caller prepares the next rows meanwhile. SQLite
    works without Python's global lock, so the two share the machine's cores (an
    import of 100,000 members: about a third of its time is SQLite's).

    The thread writes on this thread's connection, so in its transaction. Any other
    query made here first waits for the queued INSERTs (and raises their error, if
    one failed), so reads see every row written before them. Leaving the block waits
    for the rest; leaving it by an exception drops what is still queued (the
    transaction is being rolled back). Elsewhere than SQLite, a plain block.
    """
    from django.db import connection

    if connection.vendor != "sqlite" or _writer() is not None:
        yield
        return
    connection.ensure_connection()
    writer = _Writer(connection)
    token = _WRITER.set(writer)
    # The writer needs the global lock briefly before and after each statement, and
    # waits up to the switch interval for it each time (5 ms by default: a third of
    # its time).
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    try:
        with connection.execute_wrapper(writer.before_query):
            yield
            writer.wait()
    finally:
        sys.setswitchinterval(interval)
        _WRITER.reset(token)
        writer.stop()


SWITCH_INTERVAL = 0.0005  # seconds


class _Writer:
    QUEUED = 8  # batches of rows prepared ahead at most (memory stays bounded)

    def __init__(self, connection):
        self.raw = connection.connection  # SQLite's own, not Django's per-thread wrapper
        self.wrap_errors = connection.wrap_database_errors  # Django's exception classes
        self.tasks: queue.Queue = queue.Queue(maxsize=self.QUEUED)
        self.error: BaseException | None = None
        self.dropping = False
        # table → next primary key: `allocate_ids` cannot read them from the table
        # while rows wait in the queue.
        self.reserved: dict[str, int] = {}
        self.thread = threading.Thread(target=self._run, name="dangbo-writes-behind", daemon=True)
        self.thread.start()

    def put(self, sql: str, rows: list[list], history_sql: str | None, history_tail: list | None) -> None:
        self._raise()
        self.tasks.put((sql, rows, history_sql, history_tail))

    def wait(self) -> None:
        self.tasks.join()
        self._raise()

    def before_query(self, execute, sql, params, many, context):
        self.wait()
        if sql.lstrip()[:6].upper() != "SELECT":
            self.reserved.clear()  # it may insert rows with keys of its own
        return execute(sql, params, many, context)

    def stop(self) -> None:
        """After `wait` (nothing left) or on an exception (what is left is dropped)."""
        self.dropping = True
        self.tasks.put(None)
        self.thread.join()

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        cursor = self.raw.cursor()
        while True:
            task = self.tasks.get()
            try:
                if task is None:
                    return
                if self.error is None and not self.dropping:
                    with self.wrap_errors:
                        _write(cursor, *task)
            except BaseException as exc:  # handed to the importing thread
                self.error = exc
            finally:
                self.tasks.task_done()
