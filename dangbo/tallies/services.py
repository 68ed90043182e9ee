"""Keeping the report tallies in step with the records, in the transaction of each write.

The write paths call one function per kind of change (docs/architecture.md, "Report
tallies"):

- `members_changing(member_ids)`: a block around any change to members' events, spans or
  decided ratings (recording or voiding an event, an import's chunk, a member's rating).
  It counts what those members contribute before and after, and adds the difference.
- `organizations_rated(organization_ids, years)`: after organizations' ratings changed.
- `tree_replacing(spans)`: a block around replacing the dated tree; the tallies of the
  years from the first day the tree changed are counted again.
- `rebuild(...)`: everything from a year on counted again from the records, in SQL (a
  tree change, the national generator, `dangbo tallies rebuild`).
- `extend_years(first, last)`: keep year-end tallies for more years.

Writers hold the state row in share mode and rebuilds in exclusive mode (PostgreSQL;
SQLite serializes writers anyway), so that a rebuild never counts beside a write it
cannot see.
"""

import contextlib
import contextvars
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.utils import timezone

from dangbo.core.replica import read_connection
from dangbo.members.models import Member, MembershipEvent, MembershipSpan
from dangbo.organizations.models import Organization, OrgSpan
from dangbo.ratings.models import Rating

from .models import EventTally, GrassrootsYear, MemberRatingTally, TallyState, YearEndTally, head_of
from .scopes import Scopes, shared_path

Kind = MembershipEvent.Kind
OFFICIAL, PROBATIONARY = MembershipSpan.Status.OFFICIAL, MembershipSpan.Status.PROBATIONARY
DECIDED = Rating.Step.DECIDED
RATED_LEVELS = (Rating.Level.EXCELLENT, Rating.Level.GOOD, Rating.Level.COMPLETED, Rating.Level.NOT_COMPLETED)
LEVEL_COLUMN = {level: i for i, level in enumerate(RATED_LEVELS)}
TWICE = len(RATED_LEVELS)  # the column of not_completed_twice

# The EventTally column an event counts in, at its organization's scope ("dest") or its
# origin's ("origin"). Internal transfers count at both, and where they meet.
EVENT_COLUMNS = {
    Kind.ADMITTED: ("dest", "admitted"),
    Kind.TRANSFERRED_IN: ("dest", "transferred_in"),
    Kind.RECOGNIZED_OFFICIAL: ("origin", "recognized"),
    Kind.EXPELLED: ("origin", "removed"),
    Kind.LEFT: ("origin", "removed"),
    Kind.NAME_DELETED: ("origin", "name_deleted"),
    Kind.DIED: ("origin", "died"),
    Kind.TRANSFERRED_OUT: ("origin", "transferred_out"),
}
E = {name: i for i, name in enumerate(EventTally.COUNTS)}


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


# -- The state row ------------------------------------------------------------------------


def kept_years(*, lock: str = "") -> range | None:
    """The years whose year-end tallies are kept; None when no tally is kept at all.
    `lock` "share" (writers) or "exclusive" (rebuilds) holds the state row until the
    transaction ends (PostgreSQL)."""
    sql = f"SELECT first_year, last_year FROM {TallyState._meta.db_table}"
    if connection.vendor == "postgresql" and lock:
        sql += " FOR UPDATE" if lock == "exclusive" else " FOR SHARE"
    # Unlocked, a report's read: the replica's when the report reads one.
    with (connection if lock else read_connection()).cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return range(row[0], row[1] + 1) if row else None


def default_years() -> range:
    """Years kept on a new installation: ten back, and the next one."""
    this_year = timezone.localdate().year
    return range(this_year - 10, this_year + 2)


# -- What members contribute ----------------------------------------------------------------


class Counts:
    """Rows to add to the tallies: key -> counts in the model's COUNTS order."""

    def __init__(self):
        self.events: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(EventTally.COUNTS))
        self.year_end: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(YearEndTally.COUNTS))
        self.ratings: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(MemberRatingTally.COUNTS))

    def minus(self, other: "Counts") -> "Counts":
        out = Counts()
        for name in ("events", "year_end", "ratings"):
            mine, theirs, result = getattr(self, name), getattr(other, name), getattr(out, name)
            for key in mine.keys() | theirs.keys():
                a, b = mine.get(key), theirs.get(key)
                diff = [x - y for x, y in zip(a or [0] * len(b), b or [0] * len(a), strict=True)]
                if any(diff):
                    result[key] = diff
        return out


RECORDS = ("events", "spans", "ratings")


def member_counts(member_ids: Iterable[int], years: range, scopes: Scopes | None = None, *,
                  read: dict | None = None, fresh: Iterable[str] = RECORDS) -> Counts:
    """What these members' live events, spans and decided ratings add to the tallies
    (year ends of `years` only). Three queries, and the spans of new organizations.
    `read` keeps the records read; those not `fresh` are taken from it when there."""
    ids = list(member_ids)
    counts = Counts()
    if not ids:
        return counts
    scopes = scopes or Scopes()
    read = {} if read is None else read
    queries = {
        "events": lambda: MembershipEvent.objects.filter(member_id__in=ids, voided_at__isnull=True).values_list(
            "kind", "date", "organization_id", "origin_id"),
        "spans": lambda: MembershipSpan.objects.filter(member_id__in=ids).values_list(
            "member_id", "organization_id", "status", "valid_from", "valid_to"),
        "ratings": lambda: Rating.objects.filter(
            member_id__in=ids, step=DECIDED, year__gte=years.start, year__lt=years.stop
        ).values_list("member_id", "year", "level", "round_id"),
    }
    for name, query in queries.items():
        if name in fresh or name not in read:
            read[name] = list(query())
    events, spans, ratings = read["events"], read["spans"], read["ratings"]
    scopes.load({e[2] for e in events} | {e[3] for e in events} | {s[1] for s in spans})
    add_events(counts, events, scopes)

    at_year_end: dict[tuple[int, int], str] = {}
    for member_id, org_id, status, start, end in spans:
        for year in range(max(start.year, years.start), min(end.year + 1, years.stop)):
            day = year_end(year)
            if day > end:
                continue
            path = scopes.path(org_id, day)
            if path is None:
                continue
            row = counts.year_end[(year, path)]
            row[0] += 1
            row[1] += status == OFFICIAL
            row[2] += status == PROBATIONARY
            at_year_end[(member_id, year)] = path

    not_completed = {(m, y) for m, y, level, _r in ratings if level == Rating.Level.NOT_COMPLETED}
    for member_id, year, level, round_id in ratings:
        column = LEVEL_COLUMN.get(level)
        path = at_year_end.get((member_id, year))
        if column is None or path is None:
            continue
        row = counts.ratings[(year, path, round_id)]
        row[column] += 1
        if level == Rating.Level.NOT_COMPLETED and (member_id, year - 1) in not_completed:
            row[TWICE] += 1
    return counts


def add_events(counts: Counts, events: Iterable[tuple], scopes: Scopes) -> None:
    """Count (kind, date, organization_id, origin_id) events into `counts.events`."""
    for kind, day, org_id, origin_id in events:
        if kind == Kind.TRANSFERRED_INTERNAL:
            dest, origin = scopes.path(org_id, day), scopes.path(origin_id, day)
            if dest:
                counts.events[(day.year, dest)][E["internal_in"]] += 1
            if origin:
                counts.events[(day.year, origin)][E["internal_out"]] += 1
            within = shared_path(dest, origin) if dest and origin else None
            if within:
                counts.events[(day.year, within)][E["internal_within"]] += 1
            continue
        where = EVENT_COLUMNS.get(kind)
        if where is None:
            continue
        path = scopes.path(org_id if where[0] == "dest" else origin_id, day)
        if path:
            counts.events[(day.year, path)][E[where[1]]] += 1


def _add(counts: Counts) -> None:
    """Add `counts` to the tables, each row with its head row: one upsert statement per table."""
    _upsert(EventTally, ("year", "head", "path"), with_heads(counts.events))
    _upsert(YearEndTally, ("year", "head", "path"), with_heads(counts.year_end))
    _upsert(MemberRatingTally, ("year", "head", "path", "round_id"), with_heads(counts.ratings))


def with_heads(rows: dict[tuple, list[int]]) -> dict[tuple, list[int]]:
    """(year, path, …) rows keyed (year, False, path, …), and their sums in the head rows
    (year, True, head path, …) (models.head_of)."""
    out: dict[tuple, list[int]] = {}
    for (year, path, *rest), counts in rows.items():
        out[(year, False, path, *rest)] = counts
        head = out.setdefault((year, True, head_of(path), *rest), [0] * len(counts))
        for i, n in enumerate(counts):
            head[i] += n
    return out


def _upsert(model, keys: tuple[str, ...], rows: dict[tuple, list[int]]) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = list(keys) + list(model.COUNTS)
    row = "({})".format(", ".join(["%s"] * len(columns)))
    # In key order, so that two writers lock the rows they share in the same order; a
    # few hundred rows a statement (one for a member's write: one round trip).
    values = [list(key) + counts for key, counts in sorted(rows.items())]
    with connection.cursor() as cursor:
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            cursor.execute(
                "INSERT INTO {} ({}) VALUES {} ON CONFLICT ({}) DO UPDATE SET {}".format(
                    table,
                    ", ".join(map(quote, columns)),
                    ", ".join([row] * len(chunk)),
                    ", ".join(map(quote, keys)),
                    ", ".join(f"{quote(c)} = {table}.{quote(c)} + excluded.{quote(c)}" for c in model.COUNTS),
                ),
                [value for line in chunk for value in line],
            )


# Members whose change an enclosing `members_changing` already follows: a service that
# calls another (deciding a rating reopens it first) must not count the inner change twice.
_FOLLOWED: contextvars.ContextVar[frozenset] = contextvars.ContextVar("tallies_followed", default=frozenset())
# What the enclosing calls' writes change, inner calls' included: read again after them.
_CHANGING: contextvars.ContextVar[tuple] = contextvars.ContextVar("tallies_changing", default=())


@contextlib.contextmanager
def members_changing(member_ids: Iterable[int], *, scopes: Scopes | None = None,
                     changes: Iterable[str] = RECORDS, known: dict | None = None,
                     locked: bool = False) -> Iterator[None]:
    """Around a change to these members' events, spans or decided ratings, inside the
    write's transaction: the tallies follow. The members are locked first (what they
    counted before must not change under us), unless the caller holds them `locked`
    already. Costs the queries of `member_counts` twice, but of the records the write
    leaves alone (`changes` names those it may change, of `RECORDS`): read once, and
    events not at all when they do not change (their counts stay as they are).
    `known`: records of these members the caller read already in this transaction, as
    `member_counts` reads them; the block may put those it wrote in the dict it is given
    (`as after`), which are then not read again. Members an enclosing call follows
    already are left to it."""
    followed = _FOLLOWED.get()
    for enclosing in _CHANGING.get():
        enclosing.update(changes)
    wanted = {pk for pk in member_ids if pk is not None}
    ids = sorted(wanted - followed)
    whole = len(ids) == len(wanted)  # else what the caller knows holds members followed already
    after: dict = {}
    years = kept_years(lock="share") if ids else None
    if years is None:
        yield after
        return
    if not locked:
        list(Member.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    scopes = scopes or Scopes()
    read = dict(known or {}) if whole else {}
    fresh = set(changes)
    unread = "events" not in fresh and "events" not in read
    if unread:
        read["events"] = []  # the same before and after: counted neither time
    before = member_counts(ids, years, scopes, read=read, fresh=[r for r in RECORDS if r not in read])
    tokens = (_FOLLOWED.set(followed | frozenset(ids)), _CHANGING.set((*_CHANGING.get(), fresh)))
    try:
        yield after
    finally:
        _FOLLOWED.reset(tokens[0])
        _CHANGING.reset(tokens[1])
    if unread and "events" in fresh:
        raise RuntimeError("members_changing: events changed inside a block that said they would not")
    if whole:
        read.update(after)
        fresh -= after.keys()
    _add(member_counts(ids, years, scopes, read=read, fresh=fresh).minus(before))


def members_added(member_ids: Iterable[int], *, scopes: Scopes | None = None) -> None:
    """Members new in this transaction got their first records: count them in."""
    ids = list(member_ids)
    years = kept_years(lock="share") if ids else None
    if years is not None:
        _add(member_counts(ids, years, scopes))


# -- Grassroots organizations and their ratings ------------------------------------------


def organizations_rated(organization_ids: Iterable[int], years: Iterable[int]) -> None:
    """After ratings of these organizations for these years were decided or reopened."""
    ids, asked = set(organization_ids), set(years)
    kept = kept_years(lock="share") if ids and asked else None
    if kept is not None:
        _grassroots(ids, {y for y in asked if y in kept})


@contextlib.contextmanager
def ratings_changing(*, member_ids: Iterable[int | None] = (), organization_ids: Iterable[int | None] = (),
                     years: Iterable[int] = ()) -> Iterator[None]:
    """Around recording, deciding or reopening ratings of these members and of these
    organizations for these years."""
    with members_changing(member_ids, changes=("ratings",)):
        yield
    organizations_rated([pk for pk in organization_ids if pk is not None], years)


def _grassroots(org_ids: set[int], years: set[int]) -> None:
    """Write again the GrassrootsYear rows of these organizations and years."""
    if not org_ids or not years:
        return
    GrassrootsYear.objects.filter(organization_id__in=org_ids, year__in=years).delete()
    grassroots = set(
        Organization.objects.filter(pk__in=org_ids, kind__in=Organization.GRASSROOTS_KINDS).values_list("pk", flat=True)
    )
    ratings = {
        (org_id, year): (level, round_id)
        for org_id, year, level, round_id in Rating.objects.filter(
            organization_id__in=grassroots, year__in=years, step=DECIDED
        ).values_list("organization_id", "year", "level", "round_id")
    }
    spans = OrgSpan.objects.filter(organization_id__in=grassroots, merged_into__isnull=True).values_list(
        "organization_id", "valid_from", "valid_to", "path"
    )
    rows = []
    for org_id, start, end, path in spans:
        for year in years:
            if start <= year_end(year) <= end:
                level, round_id = ratings.get((org_id, year), ("", None))
                rows.append(
                    GrassrootsYear(year=year, organization_id=org_id, path=path, level=level, round_id=round_id)
                )
    GrassrootsYear.objects.bulk_create(rows, batch_size=2000)


# -- The tree ------------------------------------------------------------------------------

SPAN_FIELDS = ("organization_id", "valid_from", "valid_to", "path", "merged_into_id")


@contextlib.contextmanager
def tree_replacing(spans: list[OrgSpan]) -> Iterator[None]:
    """Around replacing the OrgSpan rows with `spans`, in the same transaction: every
    year from the first day on which a record would count elsewhere (paths and merges,
    not names) is counted again, and grassroots organizations new or of another kind are
    placed. A reorganization dated in 2025 on the national set counts 2025 and later
    again (docs/benchmarks.md)."""
    years = kept_years(lock="exclusive")
    if years is None:
        yield
        return
    old = list(OrgSpan.objects.values_list(*SPAN_FIELDS))
    yield
    since = first_difference(old, [tuple(getattr(s, f) for f in SPAN_FIELDS) for s in spans])
    if since is not None and since.year < years.stop:
        rebuild(since_year=since.year)
    _grassroots_kinds_changed(years)


def _runs(rows: list[tuple]) -> list[tuple]:
    """One organization's spans with adjacent runs in the same place joined (a rename
    splits a span but moves no record)."""
    out: list[list] = []
    for start, end, path, merged in sorted(rows):
        if out and out[-1][2:] == [path, merged] and out[-1][1] + dt.timedelta(days=1) == start:
            out[-1][1] = end
        else:
            out.append([start, end, path, merged])
    return [tuple(r) for r in out]


def first_difference(old: Iterable[tuple], new: Iterable[tuple]) -> dt.date | None:
    """The first day on which an organization of the old tree stands elsewhere in the new
    one, exists on another day, or is merged otherwise; None when none does.
    Organizations new in `new` hold no records yet."""
    before: dict[int, list] = defaultdict(list)
    after: dict[int, list] = defaultdict(list)
    for org_id, *rest in old:
        before[org_id].append(tuple(rest))
    for org_id, *rest in new:
        after[org_id].append(tuple(rest))
    first = None
    for org_id, rows in before.items():
        a, b = _runs(rows), _runs(after.get(org_id, []))
        day = None
        for x, y in zip(a, b, strict=False):
            if x == y:
                continue
            same_place = x[0] == y[0] and x[2:] == y[2:]
            day = min(x[1], y[1]) + dt.timedelta(days=1) if same_place else min(x[0], y[0])
            break
        else:
            if len(a) != len(b):
                day = (a[len(b)] if len(a) > len(b) else b[len(a)])[0]
        if day is not None and (first is None or day < first):
            first = day
    return first


def _grassroots_kinds_changed(years: range) -> None:
    """Organizations that became grassroots, stopped being, or are new: their rows."""
    placed = set(GrassrootsYear.objects.values_list("organization_id", flat=True).distinct())
    now = set(Organization.objects.filter(kind__in=Organization.GRASSROOTS_KINDS).values_list("pk", flat=True))
    _grassroots(placed ^ now, set(years))


# -- Counting everything again ------------------------------------------------------------


# Other apps' tallies, counted again with these: each is called with the first year to
# count (0: all) inside the rebuild's transaction (inspections.tally.rebuild).
REBUILDERS: list = []


def rebuild(*, since_year: int | None = None, years: range | None = None) -> None:
    """Count the tallies of `since_year` and later (all when None) again from the records,
    in SQL; `years` changes the year ends kept (the state's, or `default_years()` on a
    database without tallies). The national set takes minutes (docs/benchmarks.md)."""
    from . import rebuild_sql

    with transaction.atomic():
        kept = kept_years(lock="exclusive")
        years = years or kept or default_years()
        if kept is None:
            TallyState.objects.create(first_year=years.start, last_year=years.stop - 1)
        elif kept != years:
            TallyState.objects.all().update(first_year=years.start, last_year=years.stop - 1)
        first = since_year or 0
        for model in (EventTally, YearEndTally, MemberRatingTally, GrassrootsYear):
            model.objects.filter(year__gte=first).delete()
        rebuild_sql.count(first, range(max(first, years.start), years.stop))
        for other in REBUILDERS:
            other(first)


def extend_years(years: range) -> None:
    """Keep year-end tallies for `years` as well (a new year approaches, or records of
    older years came in): the years added are counted from the records."""
    from . import rebuild_sql

    with transaction.atomic():
        kept = kept_years(lock="exclusive")
        if kept is None:
            return
        wanted = range(min(kept.start, years.start), max(kept.stop, years.stop))
        if wanted == kept:
            return
        TallyState.objects.all().update(first_year=wanted.start, last_year=wanted.stop - 1)
        if wanted.start < kept.start:
            rebuild_sql.count_year_ends(range(wanted.start, kept.start))
        if wanted.stop > kept.stop:
            rebuild_sql.count_year_ends(range(kept.stop, wanted.stop))
