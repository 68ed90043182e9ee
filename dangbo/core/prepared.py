"""Queries built by the ORM once, then run again with other values.

Building a queryset and compiling it to SQL costs Django 0.5 to 1 ms whatever the data.
The yearly report asks about twenty small aggregates, each a few tenths of a millisecond
of SQL, so most of its time went to building them (docs/architecture.md, "Prepared
queries"). A `Prepared` query keeps the SQL its function produced and runs it again
with the new values:

    _SESSIONS = Prepared(lambda spans, start, end: sessions_under(spans, start, end).aggregate(...))
    totals = _SESSIONS(spans=own, start=start, end=end)

The function is the ordinary ORM code and stays the definition: the first call of each
*shape* (the same arguments' types and list lengths) runs it twice with stand-in
values, in ascending order then in descending order, and keeps its SQL with where each
argument went. The SQL must be the same both times and every parameter explained by an
argument (equal to one, or a string containing one), or `Prepared` refuses: a function
that computes on its arguments (adds a day, compares two of them) would give a wrong
query for other values, and the descending stand-ins catch comparisons.

Rules for the function: it takes its values as keyword arguments (ints, strings, dates,
and tuples or lists of them); it runs one query, and returns either the QuerySet to list
(`values()`, `values_list()`, flat or not, sliced or not) or what the ORM returned for
an aggregate: a dict (`aggregate()`), an int (`count()`) or a bool (`exists()`).
Results come back as the database gives them: counts, sums of integers, strings, and
dates as text on SQLite (`as_date`); no decimals, which the ORM would convert. Other
values (booleans, None, enums) are part of the shape and must be passed the same way
each time.
"""

import contextlib
import dataclasses
import datetime as dt
import threading
from collections.abc import Callable

from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import FlatValuesListIterable, ValuesIterable, ValuesListIterable

_QUERY = object()  # a plan with SQL to run (not a constant result)


class NotPreparable(Exception):
    """The function cannot be replayed with other values (the module's rules)."""


@dataclasses.dataclass(frozen=True)
class _Plan:
    """One shape's SQL, where each parameter comes from, and how the rows are returned;
    or, for a shape that asks nothing (an empty list in an IN), the constant answer."""

    sql: str | None
    sources: list | None
    result: str | None
    columns: list[str] | None
    constant: object


def _leaves(values: dict) -> list[tuple[tuple, object]]:
    """Each scalar argument with its place: (("spans", 0, 1), value)."""
    out = []

    def walk(place, value):
        if isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                walk((*place, i), item)
        else:
            out.append((place, value))

    for name in sorted(values):
        walk((name,), values[name])
    return out


def _shape(values: dict) -> tuple:
    def of(value):
        if isinstance(value, (list, tuple)):
            return (type(value).__name__, tuple(of(v) for v in value))
        if _replaceable(value):
            return type(value).__name__
        return ("fixed", value)

    return tuple((name, of(values[name])) for name in sorted(values))


def _replaceable(value) -> bool:
    return type(value) in (int, str, dt.date)


def _stand_ins(values: dict, descending: bool) -> tuple[dict, dict]:
    """The arguments with each int, string and date replaced by a unique stand-in,
    ascending in the order of the arguments (1, 2, …), or descending from other values
    (2n, 2n - 1, …); and stand-in -> place."""
    leaves = [(place, v) for place, v in _leaves(values) if _replaceable(v)]
    count = len(leaves)
    by_place, found = {}, {}
    for i, (place, value) in enumerate(leaves):
        n = 2 * count - i if descending else i + 1
        if isinstance(value, int):
            # within a small integer column's range: Django answers an out-of-range
            # lookup itself, without a query
            stand_in = 30_000 + n
        elif isinstance(value, str):
            stand_in = f"\u27e6{n:04d}\u27e7"
        else:
            stand_in = dt.date(1100 + n, 3, 7)
        by_place[place], found[stand_in] = stand_in, place
    return _rebuild(values, by_place), found


def _rebuild(values: dict, by_place: dict) -> dict:
    def walk(place, value):
        if isinstance(value, (list, tuple)):
            return type(value)(walk((*place, i), item) for i, item in enumerate(value))
        return by_place.get(place, value)

    return {name: walk((name,), value) for name, value in values.items()}


def as_date(value) -> dt.date | None:
    """A date column of a prepared query's rows (SQLite gives text)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _capture(build: Callable, values: dict):
    """Run `build(**values)`, noting the one query it runs: (kind, result, sql, params,
    columns)."""
    seen = []

    def note(execute, sql, params, many, context):
        if seen:
            raise NotPreparable("the function ran more than one query")
        result = execute(sql, params, many, context)
        cursor = context["cursor"]
        seen.append((sql, list(params or ()), [c[0] for c in cursor.description or ()]))
        return result

    with contextlib.ExitStack() as stack:
        for connection in connections.all():
            stack.enter_context(connection.execute_wrapper(note))
        result = build(**values)
        kind = _kind(result)
        if isinstance(result, QuerySet):
            result = list(result)
    if not seen:
        return kind, result, None, None, None
    return (kind, result, *seen[0])


def _source(param, found: dict):
    """Where a parameter comes from: ("value", place, type) — the database adapter's
    type, such as psycopg's Int2 for a small integer column —, ("text", [(stand-in
    text, place)], template) or ("fixed", param)."""
    if isinstance(param, (int, dt.date)) and not isinstance(param, bool) and param in found:
        return ("value", found[param], type(param))
    if isinstance(param, str):
        if param in found:
            return ("value", found[param], str)
        inside = [(str(s), place) for s, place in found.items() if str(s) in param]
        if inside:
            return ("text", inside, param)
    return ("fixed", param)


def _params(sources, leaves: dict) -> list:
    out = []
    for source in sources:
        if source[0] == "value":
            value, adapted = leaves[source[1]], source[2]
            out.append(value if type(value) is adapted else adapted(value))
        elif source[0] == "text":
            text = source[2]
            for stand_in, place in source[1]:
                text = text.replace(stand_in, str(leaves[place]))
            out.append(text)
        else:
            out.append(source[1])
    return out


def _kind(result) -> str:
    if isinstance(result, QuerySet):
        kinds = {ValuesIterable: "dicts", ValuesListIterable: "tuples", FlatValuesListIterable: "flat"}
        if result._iterable_class not in kinds:
            raise NotPreparable("a QuerySet of model instances: list values() or values_list()")
        return kinds[result._iterable_class]
    if isinstance(result, bool):
        return "exists"
    if isinstance(result, int):
        return "count"
    if isinstance(result, dict):
        return "aggregate"
    raise NotPreparable(f"a result of type {type(result).__name__}")


class Prepared:
    """A query function whose SQL is built once per shape (the module's docstring)."""

    def __init__(self, build: Callable):
        self.build = build
        self._plans: dict = {}
        self._lock = threading.Lock()

    def __call__(self, **values):
        using = router.db_for_read(None)
        connection = connections[using]
        key = (connection.vendor, _shape(values))
        plan = self._plans.get(key)
        if plan is None:
            with self._lock:
                plan = self._plans.get(key) or self._plan(values)
                self._plans[key] = plan
        if plan.constant is not _QUERY:
            return plan.constant
        leaves = dict(_leaves(values))
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, _params(plan.sources, leaves))
            rows = cursor.fetchall()
        if plan.result == "aggregate":
            return dict(zip(plan.columns, rows[0], strict=True)) if rows else {}
        if plan.result == "count":
            return rows[0][0]
        if plan.result == "exists":
            return bool(rows)
        if plan.result == "dicts":
            return [dict(zip(plan.columns, row, strict=True)) for row in rows]
        if plan.result == "flat":
            return [row[0] for row in rows]
        return [tuple(row) for row in rows]

    def _plan(self, values: dict) -> _Plan:
        up, found_up = _stand_ins(values, descending=False)
        down, found_down = _stand_ins(values, descending=True)
        kind, result_up, sql_up, params_up, columns = _capture(self.build, up)
        _kind_down, result_down, sql_down, params_down, _columns = _capture(self.build, down)
        if sql_up is None or sql_down is None:
            # No query at all: Django knew the answer (an empty list in an IN), the same
            # for any values of this shape.
            empty_list = any(isinstance(v, (list, tuple)) and not v for v in values.values())
            if sql_up is not None or sql_down is not None or result_up != result_down or not empty_list:
                raise NotPreparable(f"{self.build.__qualname__} ran no query")
            return _Plan(None, None, None, None, result_up)
        named = result_up if kind == "aggregate" else result_up[0] if kind == "dicts" and result_up else None
        if named is not None and list(named) != columns:
            raise NotPreparable(f"{self.build.__qualname__}: the columns are not named as the ORM names them")
        sources = [_source(p, found_up) for p in params_up]
        leaves_down = {place: stand_in for stand_in, place in found_down.items()}
        if sql_up != sql_down or _params(sources, leaves_down) != params_down:
            raise NotPreparable(f"{self.build.__qualname__} computes on its arguments; pass the computed values")
        return _Plan(sql_up, sources, kind, columns, _QUERY)
