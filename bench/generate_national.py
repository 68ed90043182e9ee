"""The national data set, written straight into the project's tables (COPY on PostgreSQL).

    DATABASE_URL=postgres://… .venv/bin/python bench/generate_national.py [--members 5600000]
    .venv/bin/python bench/generate_national.py --members 3000 --provinces 4 --workbook OUT.xlsx

What it holds: bench/national_plan.py. Every row is made by the project's own code (the
tree's replay, `members.services.check_member`, `members.lifecycle.replay`, the cadre
rules) as the importer would, history rows included; then the report tallies are
counted in SQL and the tables analysed. Not through the importer: it keeps one
transaction and every record in memory, replays the tree on each organization sheet and
checks each decision and learner one by one through the services, which suits a
province's file (minutes) but not 5.6 million members (days); docs/scaling.md.
`dangbo.tallies.tests.test_national` checks at a small size that both give the same
database, report for report.

With `--workbook` the same data goes to an interchange workbook instead (small sizes).
On a database with indexes (`--keep-indexes`, and always on SQLite) rows are inserted as
they come; otherwise (PostgreSQL, a new database) the indexes and foreign keys of the
tables written are dropped, the rows copied, and both made again on two connections.
"""

import argparse
import datetime as dt
import gc
import os
import queue
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# -- Rows as the importer writes them ---------------------------------------------------


class Rows:
    """One model's rows (and its history's): the columns in order, each value converted
    as `core.bulk.insert_rows` converts it (text normalized, auto dates set), as a list
    of values or straight as a line of COPY text (a function made for the model: the
    national set has a hundred million rows)."""

    def __init__(self, model, now):
        from django.db import connection

        from dangbo.core.bulk import _db_value

        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.attnames = [f.attname for f in self.fields]
        self.now = now
        self.auto = {f.attname for f in self.fields
                     if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
        self.converters = {}
        for f in self.fields:
            convert = _db_value(f, connection)
            if f.get_internal_type() in ("CharField", "TextField") and convert is not None:
                self.converters[f.attname] = convert
        self.key = (model._meta.db_table, tuple(self.columns))
        self.history_key = None
        history = getattr(model, "history", None)
        if history is not None:
            hmodel = history.model
            self.history_key = (hmodel._meta.db_table, tuple(
                [hmodel._meta.get_field(f.name).column for f in self.fields]
                + ["history_date", "history_change_reason", "history_type", "history_user_id"]))
        self.history_tail = [now, None, "+", None]
        self.history_suffix = f"\t{now.isoformat()}\t\\N\t+\t\\N"
        self.line = self._line_function()

    def row(self, obj) -> list:
        data = obj.__dict__
        for a in self.auto:
            data[a] = self.now
        out = [data.get(a) for a in self.attnames]
        for i, a in enumerate(self.attnames):
            convert = self.converters.get(a)
            if convert is not None and out[i] is not None:
                out[i] = convert(out[i])
        return out

    def _line_function(self):
        """obj -> its COPY line: one f-string with a part per column."""
        namespace = {"NUL": "\\N", "ESC": ESCAPE}
        parts = []
        for n, f in enumerate(self.fields):
            get = f"d.get({f.attname!r})"
            if f.attname in self.auto:
                parts.append(self.now.isoformat())
                continue
            kind = f.get_internal_type()
            if kind in ("CharField", "TextField"):
                namespace[f"c{n}"] = self.converters.get(f.attname, str)
                parts.append(f"{{NUL if (v{n} := {get}) is None else c{n}(v{n}).translate(ESC)}}")
            elif kind == "BooleanField":
                parts.append(f"{{'t' if {get} else 'f'}}")
            elif kind == "DateTimeField":
                parts.append(f"{{NUL if (v{n} := {get}) is None else v{n}.isoformat()}}")
            else:
                parts.append(f"{{NUL if (v{n} := {get}) is None else v{n}}}")
        body = "\t".join(parts)
        code = f"def line(obj):\n    d = obj.__dict__\n    return f\"{body}\"\n"
        exec(code, namespace)  # noqa: S102 - made here from the model's fields
        auto, now, make = tuple(self.auto), self.now, namespace["line"]
        if not auto:
            return make

        def line(obj):
            for a in auto:
                obj.__dict__[a] = now
            return make(obj)

        return line


ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class Sink:
    """Where rows go: COPY on PostgreSQL (through a writer thread on its own connection
    when `url` is given, so that the database works while the next rows are made),
    INSERT elsewhere (Django's connection, the caller's transaction)."""

    def __init__(self, url: str | None = None):
        from django.db import connection

        self.vendor = connection.vendor
        self.copy = self.vendor == "postgresql"
        self.buffers: dict[tuple, list] = {}
        self.counts: dict[str, int] = {}
        self.thread = None
        if url:
            import psycopg

            self.raw = psycopg.connect(url)
            with self.raw.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")
            self.tasks: queue.Queue = queue.Queue(maxsize=6)
            self.error: BaseException | None = None
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()

    def buffer(self, key: tuple) -> list:
        found = self.buffers.get(key)
        if found is None:
            found = self.buffers[key] = []
        return found

    def flush(self) -> None:
        for (table, columns), rows in self.buffers.items():
            if rows:
                self.counts[table] = self.counts.get(table, 0) + len(rows)
                self._write(table, columns, rows)
        self.buffers = {}

    def _write(self, table: str, columns: tuple, rows: list) -> None:
        from django.db import connection

        quote = connection.ops.quote_name
        names = ", ".join(quote(c) for c in columns)
        if self.copy:
            text = ("\n".join(rows) + "\n").encode()
            sql = f"COPY {quote(table)} ({names}) FROM STDIN"
            if self.thread is not None:
                if self.error:
                    raise self.error
                self.tasks.put((sql, text))
                return
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                copy.write(text)
            return
        marks = ", ".join(["%s"] * len(columns))
        values = [[connection.ops.adapt_datetimefield_value(v) if isinstance(v, dt.datetime) else v for v in row]
                  for row in rows]
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", values)

    def _run(self) -> None:
        while True:
            task = self.tasks.get()
            try:
                if task is None:
                    return
                if self.error is None:
                    sql, text = task
                    with self.raw.cursor() as cursor, cursor.copy(sql) as copy:
                        copy.write(text)
            except BaseException as exc:
                self.error = exc
            finally:
                self.tasks.task_done()

    def close(self) -> None:
        self.flush()
        if self.thread is not None:
            self.tasks.put(None)
            self.thread.join()
            if self.error:
                raise self.error
            self.raw.commit()
            self.raw.close()


class Writer:
    """Records to rows, ids allocated after what the tables hold."""

    def __init__(self, sink: Sink):
        from django.utils import timezone

        self.sink = sink
        self.now = timezone.now()
        self.makers: dict = {}

    def rows(self, model) -> Rows:
        maker = self.makers.get(model)
        if maker is None:
            maker = self.makers[model] = Rows(model, self.now)
        return maker

    def put(self, obj, history: bool = True) -> None:
        maker = self.makers.get(obj.__class__) or self.rows(obj.__class__)
        sink = self.sink
        if sink.copy:
            line = maker.line(obj)
            sink.buffer(maker.key).append(line)
            if history and maker.history_key:
                sink.buffer(maker.history_key).append(line + maker.history_suffix)
            return
        row = maker.row(obj)
        sink.buffer(maker.key).append(row)
        if history and maker.history_key:
            sink.buffer(maker.history_key).append(row + maker.history_tail)


def next_ids(models) -> dict:
    """The first free primary key of each model's table."""
    from django.db.models import Max

    return {m: (m.objects.aggregate(n=Max("pk"))["n"] or 0) + 1 for m in models}


# -- The data set --------------------------------------------------------------------------


def generate(members: int, provinces: int, seed: int, sink: Sink) -> dict:
    """Write the whole data set through `sink`; returns counts."""
    from django.core.exceptions import ValidationError  # noqa: F401  (loads Django's apps)
    from national_plan import (
        RATING_YEARS,
        People,
        Plan,
        classes,
        decisions,
        learner_fields,
        member_ratings,
        organization_ratings,
        term_end,
    )

    from dangbo.cadres.models import PersonnelDecision, Position
    from dangbo.core.bulk import build
    from dangbo.lib.vntext import match_key, name_sort_key, normalize, split_name
    from dangbo.members.models import Member, MembershipEvent, MembershipSpan
    from dangbo.organizations.models import Organization, OrgSpan, Reorganization
    from dangbo.ratings import rules as rating_rules
    from dangbo.ratings.models import Rating, RatingRound
    from dangbo.training.models import Enrollment, TrainingClass

    writer = Writer(sink)
    ids = next_ids([Organization, Reorganization, OrgSpan, Member, MembershipEvent, MembershipSpan, Rating,
                    RatingRound, PersonnelDecision, Position, TrainingClass, Enrollment])
    plan = Plan(members, provinces, seed, first_id=ids[Organization])
    log(f"tree: {len(plan.orgs):,} organizations, {len(plan.reorgs):,} reorganizations, {len(plan.spans):,} spans")
    for org in plan.orgs:
        writer.put(org)
    for reorg in plan.reorgs:
        reorg.pk += ids[Reorganization] - 1
        writer.put(reorg)
    for span in plan.spans:
        span.pk += ids[OrgSpan] - 1
        writer.put(span, history=False)
    sink.flush()

    people = People(plan, ids[Member])
    event_id, span_id = ids[MembershipEvent], ids[MembershipSpan]
    done = 0
    for chunk in people.chunks():
        for member, events, outcome in people.records(chunk):
            st = outcome.state
            member.status, member.organization_id = st.status, st.organization_id
            member.admitted_on, member.official_on = st.admitted_on, st.official_on
            writer.put(member)
            for event in events:
                event.pk, event_id = event_id, event_id + 1
                event.origin_id = outcome.origins.get(id(event))
                writer.put(event)
            for span in outcome.spans:
                span.pk, span_id = span_id, span_id + 1
                writer.put(span, history=False)
        sink.flush()
        done += len(chunk)
        if done % 200_000 < len(chunk):
            log(f"members: {done:,}")

    rounds: dict[tuple, RatingRound] = {}
    rating_id, round_id = ids[Rating], ids[RatingRound]

    def round_for(org_id: int, year: int) -> RatingRound:
        nonlocal round_id
        found = rounds.get((org_id, year))
        if found is None:
            found = rounds[(org_id, year)] = build(RatingRound, organization_id=org_id, year=year,
                                                   rule_set=rating_rules.rule_set_for(year).code)
            found.pk, round_id = round_id, round_id + 1
            writer.put(found)
        return found

    def rating(year, level, score, reason, conducting, **subject) -> None:
        nonlocal rating_id
        r = build(Rating, year=year, level=level, score=Decimal(score) if score else None,
                  reason=reason if level == "NOT_RATED" else "", override_reason="" if level == "NOT_RATED" else reason,
                  reopen_reason="",
                  step=Rating.Step.DECIDED, decided_at=writer.now, round=round_for(conducting, year), **subject)
        r.pk, rating_id = rating_id, rating_id + 1
        writer.put(r)

    # As the importer applies them: per year, members first, then organizations.
    for year in RATING_YEARS:
        for y, i, level, score, reason, conducting in member_ratings(plan, people, years=(year,)):
            rating(y, level, score, reason, conducting, member_id=people.first_id + i)
        sink.flush()
        for y, org, level, score, reason, conducting in organization_ratings(plan, years=(year,)):
            rating(y, level, score, reason, conducting, organization_id=org.pk)
        sink.flush()
    log(f"ratings: {rating_id - ids[Rating]:,}")

    decision_id, position_id = ids[PersonnelDecision], ids[Position]
    for day, kind, i, title, unit, committee in decisions(plan, people):
        position = None
        if kind != PersonnelDecision.Kind.NOMINATION:
            position = build(Position, member_id=people.first_id + i, title=title, organization=unit,
                             unit_name="", start=day, end=None)
            position.pk, position_id = position_id, position_id + 1
            writer.put(position)
        d = build(PersonnelDecision, kind=kind, date=day, number="", member_id=people.first_id + i, title=title,
                  organization=unit, unit_name="", managed_by=committee, previous_position=None, position=position,
                  previous_end=None, term_end=term_end(day) if kind in PersonnelDecision.TERM_KINDS else None,
                  note="", warnings="", override_reason="")
        d.pk, decision_id = decision_id, decision_id + 1
        writer.put(d)
    sink.flush()
    log(f"decisions: {decision_id - ids[PersonnelDecision]:,}")

    class_id, enrollment_id = ids[TrainingClass], ids[Enrollment]
    for code, name, program, organizer, start, end, learners in classes(plan, people):
        klass = build(TrainingClass, code=code, name=name, program=program, organizer=organizer, start=start,
                      end=end, place="")
        klass.pk, class_id = class_id, class_id + 1
        writer.put(klass)
        for i, full_name, born, result in learners:
            if i is not None:
                fields = learner_fields(people, i)
                e = build(Enrollment, klass=klass, member_id=people.first_id + i, result=result, **fields)
            else:
                full_name = normalize(full_name).strip()
                e = build(Enrollment, klass=klass, member=None, full_name=full_name, birth_date=born,
                          birth_year=born.year, sort_key=name_sort_key(*split_name(full_name)),
                          name_key=match_key(full_name), result=result)
            e.pk, enrollment_id = enrollment_id, enrollment_id + 1
            writer.put(e)
        if (class_id - ids[TrainingClass]) % 2000 == 0:
            sink.flush()
    sink.flush()
    log(f"classes: {class_id - ids[TrainingClass]:,}, learners: {enrollment_id - ids[Enrollment]:,}")
    return {"plan": plan, "people": people, "rows": dict(sink.counts)}


# -- The same data as a workbook --------------------------------------------------------


def workbook(members: int, provinces: int, seed: int, out: Path) -> None:
    """The data set as an interchange workbook, for the importer (small sizes)."""
    from django.utils.translation import override
    from national_plan import RATING_YEARS, People, Plan, classes, decisions, member_ratings, organization_ratings
    from openpyxl import Workbook

    from dangbo.interchange.schema import (
        CADRE_KINDS,
        EVENT_KINDS,
        ORG_KINDS,
        PROGRAMS,
        RATING_LEVELS,
        REORG_KINDS,
        SEXES,
        SHEETS_BY_KEY,
        STATUSES,
        THEORY_LEVELS,
        canonical,
    )

    def spell(choices, code):
        return canonical(choices, code) if code else None

    plan = Plan(members, provinces, seed)
    people = People(plan)
    code_of = {o.pk: o.code for o in plan.orgs}
    sheets: dict[str, list] = {key: [] for key in ("organizations", "reorganizations", "members", "events",
                                                   "ratings", "cadres", "classes", "learners")}
    for o in plan.orgs:
        sheets["organizations"].append([o.code, o.name, canonical(ORG_KINDS, o.kind),
                                        code_of.get(o.founding_parent_id), o.group or None, o.founded_on, None])
    for r in plan.reorgs:
        sheets["reorganizations"].append([r.effective_on, canonical(REORG_KINDS, r.kind), code_of[r.organization_id],
                                          code_of.get(r.target_id), r.new_name or None, r.decision_number or None])
    for chunk in people.chunks():
        for member, events, _outcome in people.records(chunk):
            sheets["members"].append([member.code, member.full_name, member.family_name, member.middle_name,
                                      member.given_name, member.birth_date, canonical(SEXES, member.sex),
                                      member.ethnicity, member.religion, None, None, None, None, None, None, None,
                                      spell(THEORY_LEVELS, member.theory_level)])
            for e in events:
                sheets["events"].append([member.code, canonical(EVENT_KINDS, e.kind), e.date,
                                         code_of.get(e.organization_id), spell(STATUSES, e.status), e.admitted_on,
                                         e.official_on, None, e.reason or None, None])
    for year in RATING_YEARS:
        for y, i, level, score, reason, _c in member_ratings(plan, people, years=(year,)):
            sheets["ratings"].append([y, "Đảng viên", people.code(i), canonical(RATING_LEVELS, level),
                                      Decimal(score) if score else None, reason or None])
        for y, org, level, score, reason, _c in organization_ratings(plan, years=(year,)):
            sheets["ratings"].append([y, "Tổ chức", org.code, canonical(RATING_LEVELS, level),
                                      Decimal(score) if score else None, reason or None])
    for day, kind, i, title, unit, committee in decisions(plan, people):
        sheets["cadres"].append([day, canonical(CADRE_KINDS, kind), people.code(i), title,
                                 unit.code if unit else None, committee.code, None, None])
    for code, name, program, organizer, start, end, learners in classes(plan, people):
        sheets["classes"].append([code, name, canonical(PROGRAMS, program), organizer.code, start, end])
        for i, full_name, born, result in learners:
            label = {"COMPLETED": "Hoàn thành", "NOT_COMPLETED": "Không hoàn thành", "IN_PROGRESS": "Đang học"}[result]
            if i is not None:
                sheets["learners"].append([code, people.code(i), None, None, label])
            else:
                sheets["learners"].append([code, None, full_name, born, label])
    book = Workbook(write_only=True)
    with override("vi"):
        for key, rows in sheets.items():
            spec = SHEETS_BY_KEY[key]
            ws = book.create_sheet(spec.name)
            ws.append([c.header for c in spec.columns])
            for row in rows:
                ws.append(row)
    book.save(out)
    log(f"{out}: " + ", ".join(f"{len(rows):,} {key}" for key, rows in sheets.items()))


# -- A new PostgreSQL database, fast --------------------------------------------------------

BIG_APPS = ("organizations", "members", "ratings", "cadres", "training")


def _big_tables() -> list[str]:
    from django.apps import apps

    tables = []
    for label in BIG_APPS:
        for model in apps.get_app_config(label).get_models():
            tables.append(model._meta.db_table)
    return tables


def drop_indexes(url: str) -> list[tuple[str, str]]:
    """Drop the foreign keys, unique constraints and indexes (not the primary keys) of the
    tables written; returns the statements that make them again, in order."""
    import psycopg

    tables = _big_tables()
    again: list[tuple[str, str]] = []
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            """SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
                 FROM pg_constraint c WHERE c.conrelid::regclass::text = ANY(%s) AND c.contype IN ('f', 'u')""",
            [tables],
        ).fetchall()
        constraint_names = {name for _t, name, _k, _d in rows}
        indexes = conn.execute(
            """SELECT tablename, indexname, indexdef FROM pg_indexes
                WHERE tablename = ANY(%s) AND indexname NOT LIKE '%%_pkey'""",
            [tables],
        ).fetchall()
        for table, name, kind, definition in sorted(rows, key=lambda r: r[2] != "f"):  # foreign keys first
            conn.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            if kind == "u":
                again.append(("index", f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'))
            else:
                again.append(("foreign", f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'))
        for _table, name, definition in indexes:
            if name in constraint_names:
                continue
            conn.execute(f'DROP INDEX IF EXISTS "{name}"')
            again.append(("index", definition))
    return again


def make_indexes_again(url: str, statements: list[tuple[str, str]]) -> None:
    """Indexes and unique constraints on two connections at once, then the foreign keys
    (each checks every row: the database is consistent when they are all back)."""
    import psycopg

    work: queue.Queue = queue.Queue()
    for kind, sql in statements:
        if kind == "index":
            work.put(sql)
    errors: list[BaseException] = []

    def run() -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '1GB'")
            conn.execute("SET max_parallel_maintenance_workers = 0")
            while True:
                try:
                    sql = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    conn.execute(sql)
                except BaseException as exc:  # reported after the others
                    errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    log("foreign keys again (each checks every row)")
    for kind, sql in statements:
        if kind == "foreign":
            work.put(sql)
    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=5_600_000)
    parser.add_argument("--provinces", type=int, default=63)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workbook", type=Path, help="write an interchange workbook instead")
    parser.add_argument("--keep-indexes", action="store_true", help="insert into the tables as they are")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.settings")
    import django

    django.setup()
    # Millions of records, none in reference cycles: the cyclic collector would walk
    # them again and again (twice the time).
    gc.disable()
    if args.workbook:
        workbook(args.members, args.provinces, args.seed, args.workbook)
        return
    from django.core.management import call_command
    from django.db import connection, transaction

    from dangbo.tallies import services as tallies

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    url = os.environ.get("DATABASE_URL", "")
    fast = connection.vendor == "postgresql" and not args.keep_indexes
    statements = drop_indexes(url) if fast else []
    log(f"{connection.vendor}: {len(statements)} indexes and constraints set aside")
    if fast:
        sink = Sink(url)
        result = generate(args.members, args.provinces, args.seed, sink)
        sink.close()
        log("rows copied; indexes and unique constraints again")
        make_indexes_again(url, statements)
        fix_sequences(url)
    else:
        with transaction.atomic():
            sink = Sink()
            result = generate(args.members, args.provinces, args.seed, sink)
            sink.close()
    log("analyse, then the report tallies")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    tallies.rebuild(years=range(2011, dt.date.today().year + 2))
    log("vacuum and analyse")
    if connection.vendor == "postgresql":
        # As autovacuum would, in time: the visibility map lets the member list read a
        # province's spans from its index alone (docs/architecture.md, the member list).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    total = sum(result["rows"].values())
    log(f"done: {total:,} rows in {time.perf_counter() - started:.0f} s")
    for table, count in sorted(result["rows"].items()):
        print(f"  {table:<40}{count:>14,}")


def fix_sequences(url: str) -> None:
    """Sequences after the keys that were copied in."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for table in _big_tables():
            columns = {r[0] for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s", [table])}
            for column in {"id", "history_id"} & columns:
                seq = conn.execute("SELECT pg_get_serial_sequence(%s, %s)", [f'"{table}"', column]).fetchone()
                if seq and seq[0]:
                    conn.execute(
                        f'SELECT setval(%s, GREATEST((SELECT MAX("{column}") FROM "{table}"), 1))', [seq[0]]
                    )


if __name__ == "__main__":
    main()
