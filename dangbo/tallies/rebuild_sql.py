"""The tallies counted from the records in SQL, the same on SQLite and PostgreSQL.

`services.member_counts` is the definition (what one member adds); these statements count
every member at once the same way, and the tests hold the two equal. Both read the scope
of each organization on each day from a temporary table, `tally_scope`: the spans of the
organizations as themselves, and for merged ones the scope of what they merged into.
"""

import contextlib
import datetime as dt

from django.db import connection

from dangbo.members.models import MembershipEvent, MembershipSpan
from dangbo.organizations.models import Organization, OrgSpan
from dangbo.ratings.models import Rating

from .models import HEAD_DEPTH, SEGMENT, EventTally, GrassrootsYear, MemberRatingTally, YearEndTally
from .scopes import Scopes

Kind = MembershipEvent.Kind


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _year_of(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(YEAR FROM {column}) AS integer)"
    return f"CAST(strftime('%%Y', {column}) AS integer)"


def _execute(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _alias_pieces() -> list[tuple]:
    """(organization, from, to, scope path) for the days merged organizations count in
    another: cut where anything on the way to that organization changes."""
    aliases = list(
        OrgSpan.objects.filter(merged_into__isnull=False).values_list(
            "organization_id", "valid_from", "valid_to", "merged_into_id"
        )
    )
    if not aliases:
        return []
    scopes = Scopes.everything()
    starts: dict[int, list[dt.date]] = {}
    for org_id, start in OrgSpan.objects.values_list("organization_id", "valid_from"):
        starts.setdefault(org_id, []).append(start)
    merged_into: dict[int, set[int]] = {}
    for org_id, _start, _end, target in aliases:
        merged_into.setdefault(org_id, set()).add(target)
    pieces = []
    for org_id, start, end, target in aliases:
        # The organizations whose spans decide the scope: the targets, up the merges.
        chain, todo = set(), [target]
        while todo:
            pk = todo.pop()
            if pk not in chain:
                chain.add(pk)
                todo.extend(merged_into.get(pk, ()))
        cuts = sorted({start} | {d for pk in chain for d in starts.get(pk, []) if start < d <= end})
        for i, day in enumerate(cuts):
            last = cuts[i + 1] - dt.timedelta(days=1) if i + 1 < len(cuts) else end
            path = scopes.path(org_id, day)
            if path is None:
                continue
            joins = pieces and pieces[-1][0] == org_id and pieces[-1][3] == path
            if joins and pieces[-1][2] + dt.timedelta(days=1) == day:
                pieces[-1] = (org_id, pieces[-1][1], last, path)
            else:
                pieces.append((org_id, day, last, path))
    return pieces


@contextlib.contextmanager
def scope_table():
    """`tally_scope` (organization_id, valid_from, valid_to, path) for this block."""
    _execute("DROP TABLE IF EXISTS tally_scope")
    _execute(
        "CREATE TEMPORARY TABLE tally_scope (organization_id bigint NOT NULL, valid_from date NOT NULL, "
        "valid_to date NOT NULL, path varchar(255) NOT NULL)"
    )
    try:
        _execute(
            f"INSERT INTO tally_scope (organization_id, valid_from, valid_to, path) "
            f"SELECT organization_id, valid_from, valid_to, path FROM {_table(OrgSpan)} WHERE merged_into_id IS NULL"
        )
        pieces = _alias_pieces()
        if pieces:
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO tally_scope (organization_id, valid_from, valid_to, path) VALUES (%s, %s, %s, %s)",
                    pieces,
                )
        _execute("CREATE INDEX tally_scope_org ON tally_scope (organization_id, valid_from)")
        if connection.vendor == "postgresql":
            _execute("ANALYZE tally_scope")  # temporary tables are never analysed otherwise
        yield
    finally:
        _execute("DROP TABLE IF EXISTS tally_scope")


@contextlib.contextmanager
def years_table(years: range):
    """`tally_years` (year, day): the year ends of `years`."""
    _execute("DROP TABLE IF EXISTS tally_years")
    _execute("CREATE TEMPORARY TABLE tally_years (year integer NOT NULL, day date NOT NULL)")
    try:
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO tally_years (year, day) VALUES (%s, %s)",
                [(y, connection.ops.adapt_datefield_value(dt.date(y, 12, 31))) for y in years],
            )
        yield
    finally:
        _execute("DROP TABLE IF EXISTS tally_years")


def _shared_path(a: str, b: str, depth: int) -> str:
    """SQL for `scopes.shared_path(a, b)`: paths are fixed-width segments."""
    whens = []
    for k in range(depth, 0, -1):
        n = 1 + SEGMENT * k
        whens.append(
            f"WHEN length({a}) >= {n} AND length({b}) >= {n} AND substr({a}, 1, {n}) = substr({b}, 1, {n}) "
            f"THEN substr({a}, 1, {n})"
        )
    return "CASE " + " ".join(whens) + " END"


def count(first_year: int, years: range) -> None:
    """EventTally rows of `first_year` and later, and the year ends of `years`."""
    with scope_table():
        _count_events(first_year)
        _count_year_ends(years)
    count_heads(EventTally, range(first_year, 10_000))
    for model in (YearEndTally, MemberRatingTally):
        count_heads(model, years)


def count_year_ends(years: range) -> None:
    with scope_table():
        _count_year_ends(years)
    for model in (YearEndTally, MemberRatingTally):
        count_heads(model, years)


def count_heads(model, years: range) -> None:
    """The head rows of `years` summed from the other rows (models.head_of), which are
    counted already and have no head rows yet."""
    keys = "year, path, round_id" if model is MemberRatingTally else "year, path"
    head = f"substr(path, 1, {1 + SEGMENT * HEAD_DEPTH})"
    columns = ", ".join(model.COUNTS)
    sums = ", ".join(f"SUM({c})" for c in model.COUNTS)
    grouped = keys.replace("path", head)
    _execute(
        f"""INSERT INTO {_table(model)} (head, {keys}, {columns})
        SELECT %s, {grouped}, {sums} FROM {_table(model)}
         WHERE head = %s AND year >= %s AND year < %s GROUP BY {grouped}""",
        [True, False, years.start, years.stop],
    )


def _count_events(first_year: int) -> None:
    if not MembershipEvent.objects.exists():
        return
    depth = OrgSpan.objects.order_by("-depth").values_list("depth", flat=True).first() or 0
    biggest = Organization.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert biggest < 10**8, "organization ids beyond eight digits: paths are no longer fixed-width"
    columns = EventTally.COUNTS
    dest = {"admitted": [Kind.ADMITTED], "transferred_in": [Kind.TRANSFERRED_IN],
            "internal_in": [Kind.TRANSFERRED_INTERNAL]}
    origin = {"recognized": [Kind.RECOGNIZED_OFFICIAL], "removed": [Kind.EXPELLED, Kind.LEFT],
              "name_deleted": [Kind.NAME_DELETED], "died": [Kind.DIED], "transferred_out": [Kind.TRANSFERRED_OUT],
              "internal_out": [Kind.TRANSFERRED_INTERNAL]}

    def cases(which: dict) -> str:
        return ", ".join(
            "CASE WHEN e.kind IN ({}) THEN 1 ELSE 0 END AS {}".format(", ".join(f"'{k}'" for k in which[c]), c)
            if c in which else f"0 AS {c}"
            for c in columns
        )

    def kinds(which: dict) -> str:
        return ", ".join(sorted({f"'{k}'" for ks in which.values() for k in ks}))

    events = _table(MembershipEvent)
    year = _year_of("e.date")
    live = "e.voided_at IS NULL AND e.date >= %s"
    within = ", ".join("1 AS internal_within" if c == "internal_within" else f"0 AS {c}" for c in columns)
    sums = ", ".join(f"SUM({c})" for c in columns)
    since = connection.ops.adapt_datefield_value(dt.date(max(first_year, 1), 1, 1))
    _execute(
        f"""INSERT INTO {_table(EventTally)} (head, year, path, {", ".join(columns)})
        SELECT %s, year, path, {sums} FROM (
          SELECT {year} AS year, s.path AS path, {cases(dest)}
            FROM {events} e JOIN tally_scope s ON s.organization_id = e.organization_id
             AND e.date BETWEEN s.valid_from AND s.valid_to
           WHERE {live} AND e.kind IN ({kinds(dest)})
          UNION ALL
          SELECT {year}, s.path, {cases(origin)}
            FROM {events} e JOIN tally_scope s ON s.organization_id = e.origin_id
             AND e.date BETWEEN s.valid_from AND s.valid_to
           WHERE {live} AND e.kind IN ({kinds(origin)})
          UNION ALL
          SELECT {year}, {_shared_path("d.path", "o.path", depth)}, {within}
            FROM {events} e
            JOIN tally_scope d ON d.organization_id = e.organization_id AND e.date BETWEEN d.valid_from AND d.valid_to
            JOIN tally_scope o ON o.organization_id = e.origin_id AND e.date BETWEEN o.valid_from AND o.valid_to
           WHERE {live} AND e.kind = '{Kind.TRANSFERRED_INTERNAL}'
        ) counted WHERE path IS NOT NULL GROUP BY year, path""",
        [False, since, since, since],
    )


def _count_year_ends(years: range) -> None:
    """YearEndTally, MemberRatingTally and GrassrootsYear rows of `years`."""
    if not years:
        return
    spans, ratings = _table(MembershipSpan), _table(Rating)
    levels = Rating.Level
    with years_table(years):
        _execute(
            f"""INSERT INTO {_table(YearEndTally)} (head, year, path, members, official, probationary)
            SELECT %s, y.year, s.path, COUNT(*),
                   SUM(CASE WHEN m.status = 'OFFICIAL' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN m.status = 'PROBATIONARY' THEN 1 ELSE 0 END)
              FROM {spans} m JOIN tally_years y ON y.day BETWEEN m.valid_from AND m.valid_to
              JOIN tally_scope s ON s.organization_id = m.organization_id AND y.day BETWEEN s.valid_from AND s.valid_to
             GROUP BY y.year, s.path""",
            [False],
        )
        _execute(
            f"""INSERT INTO {_table(MemberRatingTally)}
                   (head, year, path, round_id, excellent, good, completed, not_completed, not_completed_twice)
            SELECT %s, r.year, s.path, r.round_id,
                   SUM(CASE WHEN r.level = '{levels.EXCELLENT}' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN r.level = '{levels.GOOD}' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN r.level = '{levels.COMPLETED}' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN r.level = '{levels.NOT_COMPLETED}' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN r.level = '{levels.NOT_COMPLETED}' AND p.id IS NOT NULL THEN 1 ELSE 0 END)
              FROM {ratings} r JOIN tally_years y ON y.year = r.year
              JOIN {spans} m ON m.member_id = r.member_id AND y.day BETWEEN m.valid_from AND m.valid_to
              JOIN tally_scope s ON s.organization_id = m.organization_id AND y.day BETWEEN s.valid_from AND s.valid_to
              LEFT JOIN {ratings} p ON p.member_id = r.member_id AND p.year = r.year - 1 AND p.step = 3
                   AND p.level = '{levels.NOT_COMPLETED}'
             WHERE r.member_id IS NOT NULL AND r.step = 3
               AND r.level IN ('{levels.EXCELLENT}', '{levels.GOOD}', '{levels.COMPLETED}', '{levels.NOT_COMPLETED}')
             GROUP BY r.year, s.path, r.round_id""",
            [False],
        )
        grassroots = ", ".join(f"'{k}'" for k in Organization.GRASSROOTS_KINDS)
        _execute(
            f"""INSERT INTO {_table(GrassrootsYear)} (year, organization_id, path, level, round_id)
            SELECT y.year, o.organization_id, o.path, COALESCE(r.level, ''), r.round_id
              FROM {_table(OrgSpan)} o JOIN tally_years y ON y.day BETWEEN o.valid_from AND o.valid_to
              JOIN {_table(Organization)} g ON g.id = o.organization_id
              LEFT JOIN {ratings} r ON r.organization_id = o.organization_id AND r.year = y.year AND r.step = 3
             WHERE o.merged_into_id IS NULL AND g.kind IN ({grassroots})"""
        )
