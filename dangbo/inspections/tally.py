"""The `inspection` and `discipline` figures kept per year and scope path, in step with
every write (dangbo/tallies, docs/architecture.md "Report tallies").

What a record adds is derived from it alone: an item counts in the year of its start, at
the scope path of its carrying-out organization that day, with its live remedies; a
decision in the year of its date, at the deciding organization's path. The services
wrap each change in `changing(items=…, disciplines=…)` (the records' contributions
before and after, the difference added) or call `added(…)` for new records; a change of
the tree counts everything again from the year it changed (`rebuild`, registered with
the tallies' own rebuild). The figures are then the sums of the rows under the
organization's paths of the year (`figures`); where no tallies are kept (a database
whose tallies were never built) the selectors count the records.
"""

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db import connection

from dangbo.core.memo import remembered
from dangbo.core.replica import read_connection
from dangbo.tallies import services as tallies
from dangbo.tallies.scopes import Scopes

from .models import Discipline, InspectionTally, Item

C = {name: i for i, name in enumerate(InspectionTally.COUNTS)}
Rows = dict[tuple, list[int]]


def _rows() -> Rows:
    return defaultdict(lambda: [0] * len(InspectionTally.COUNTS))


def item_rows(item_ids: Iterable[int] | None, scopes: Scopes, rows: Rows, *, since_year: int = 0) -> None:
    """Add what these live items and their live remedies count (all items when None)."""
    items = Item.objects.filter(voided_at__isnull=True)
    if since_year:
        items = items.filter(start__gte=dt.date(since_year, 1, 1))
    rows_of = _values(items, item_ids, ("pk", "organization_id", "start", "end", "kind", "conclusion"))
    if not rows_of:
        return
    scopes.load({org for _pk, org, *_rest in rows_of})
    dated = _remedy_dates([r[0] for r in rows_of])
    for pk, org_id, start, end, kind, conclusion in rows_of:
        path = scopes.path(org_id, start)
        if path is None:
            continue
        year_end = dt.date(start.year, 12, 31)
        row = rows[(start.year, path)]
        if kind in Item.INSPECTION_KINDS:
            row[C["inspections"]] += 1
        if kind in Item.SUPERVISION_KINDS:
            row[C["supervisions"]] += 1
        if kind == Item.Kind.SUSPECTED_VIOLATION:
            row[C["signs_of_violation"]] += 1
        if end is not None and end <= year_end:
            row[C["concluded"]] += 1
            if conclusion in Item.VIOLATIONS:
                row[C["with_violations"]] += 1
        for due, done_on in dated.get(pk, ()):
            done = done_on is not None and done_on <= year_end
            row[C["remedies"]] += 1
            row[C["remedies_done"]] += done
            row[C["remedies_overdue"]] += not done and due < year_end


def _values(queryset, ids: Iterable[int] | None, fields: tuple[str, ...]) -> list[tuple]:
    """`fields` of the records of `queryset` among `ids` (all when None), 5,000 ids a query."""
    if ids is None:
        return list(queryset.values_list(*fields))
    ids = list(ids)
    return [row for first in range(0, len(ids), 5000)
            for row in queryset.filter(pk__in=ids[first : first + 5000]).values_list(*fields)]


def _remedy_dates(item_ids: list[int]) -> dict[int, list[tuple]]:
    from .models import Remedy

    out: dict[int, list[tuple]] = defaultdict(list)
    for first in range(0, len(item_ids), 5000):
        for item_id, due, done_on in Remedy.objects.filter(
            item_id__in=item_ids[first : first + 5000], voided_at__isnull=True
        ).values_list("item_id", "due", "done_on"):
            out[item_id].append((due, done_on))
    return out


def discipline_rows(ids: Iterable[int] | None, scopes: Scopes, rows: Rows, *, since_year: int = 0) -> None:
    """Add what these live decisions count (all when None)."""
    decisions = Discipline.objects.filter(voided_at__isnull=True)
    if since_year:
        decisions = decisions.filter(date__gte=dt.date(since_year, 1, 1))
    found = _values(decisions, ids, ("organization_id", "date", "form", "subject_organization_id",
                                     "subject_member_id"))
    scopes.load({org for org, *_rest in found})
    for org_id, date, form, subject_org, subject_member in found:
        path = scopes.path(org_id, date)
        if path is None:
            continue
        row = rows[(date.year, path)]
        row[C["disciplined_organizations"]] += subject_org is not None
        row[C["disciplined_members"]] += subject_member is not None
        key = Discipline.REPORT_KEYS.get(form)
        if key:
            row[C[key]] += 1


def _counts(items: list[int], disciplines: list[int], scopes: Scopes) -> Rows:
    rows = _rows()
    if items:
        item_rows(items, scopes, rows)
    if disciplines:
        discipline_rows(disciplines, scopes, rows)
    return rows


def _minus(after: Rows, before: Rows) -> Rows:
    out: Rows = {}
    for key in after.keys() | before.keys():
        a = after.get(key) or [0] * len(InspectionTally.COUNTS)
        b = before.get(key) or [0] * len(InspectionTally.COUNTS)
        diff = [x - y for x, y in zip(a, b, strict=True)]
        if any(diff):
            out[key] = diff
    return out


def _kept() -> bool:
    return tallies.kept_years(lock="share") is not None


@contextlib.contextmanager
def changing(*, items: Iterable[int] = (), disciplines: Iterable[int] = ()) -> Iterator[None]:
    """Around a change of these saved items (and their remedies) and decisions, inside
    the write's transaction: what they count before and after, the difference added."""
    item_ids, discipline_ids = sorted(set(items)), sorted(set(disciplines))
    if not (item_ids or discipline_ids) or not _kept():
        yield
        return
    scopes = Scopes()
    before = _counts(item_ids, discipline_ids, scopes)
    yield
    tallies._upsert(InspectionTally, ("year", "path"), _minus(_counts(item_ids, discipline_ids, scopes), before))


def added(*, items: Iterable[int] = (), disciplines: Iterable[int] = ()) -> None:
    """Records new in this transaction: count them in."""
    item_ids, discipline_ids = sorted(set(items)), sorted(set(disciplines))
    if (item_ids or discipline_ids) and _kept():
        tallies._upsert(InspectionTally, ("year", "path"), _counts(item_ids, discipline_ids, Scopes()))


def rebuild(first_year: int) -> None:
    """Count the years from `first_year` on again from the records (the tallies'
    rebuild: a change of the tree, `dangbo tallies rebuild`). Nothing while the table is
    not there yet (the tallies' own migration counts before this app's)."""
    if InspectionTally._meta.db_table not in connection.introspection.table_names():
        return
    InspectionTally.objects.filter(year__gte=first_year).delete()
    rows = _rows()
    scopes = Scopes.everything()
    item_rows(None, scopes, rows, since_year=first_year)
    discipline_rows(None, scopes, rows, since_year=first_year)
    tallies._upsert(InspectionTally, ("year", "path"), dict(rows))


def figures(org, year: int) -> dict | None:
    """The `inspection` and `discipline` blocks from the tallies; None when none are kept.
    One statement, once per report (the report asks twice, once for each block)."""
    return remembered(("inspection_tallies", org.pk, year), lambda: _figures(org, year))


def _figures(org, year: int) -> dict | None:
    from dangbo.organizations.selectors import own_spans
    from dangbo.tallies.selectors import kept_years

    if kept_years() is None:
        return None
    paths = sorted({path for path, _start, _end in own_spans(org, dt.date(year, 1, 1), dt.date(year, 12, 31))})
    t = dict.fromkeys(InspectionTally.COUNTS, 0)
    if paths:
        quote = connection.ops.quote_name
        # ranges, not LIKE, so that the (year, path) index serves them
        under = " OR ".join(["(path >= %s AND path < %s)"] * len(paths))
        with read_connection().cursor() as cursor:
            cursor.execute(
                "SELECT {} FROM {} WHERE year = %s AND ({})".format(
                    ", ".join(f"SUM({quote(c)})" for c in InspectionTally.COUNTS),
                    quote(InspectionTally._meta.db_table),
                    under,
                ),
                [year, *(bound for path in paths for bound in (path, path + "~"))],
            )
            t = {c: value or 0 for c, value in zip(InspectionTally.COUNTS, cursor.fetchone(), strict=True)}
    return {
        "inspection": {
            **{k: t[k] for k in ("inspections", "supervisions", "signs_of_violation", "concluded", "with_violations")},
            "remedies": {"total": t["remedies"], "done": t["remedies_done"], "overdue": t["remedies_overdue"]},
        },
        "discipline": {
            "organizations": t["disciplined_organizations"],
            "members": t["disciplined_members"],
            "by_form": {key: t[key] for key in Discipline.REPORT_KEYS.values()},
        },
    }
