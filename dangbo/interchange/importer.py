"""Import an interchange workbook: all or nothing, every problem named at once by sheet,
row, column and value, in Vietnamese.

Three stages, each over the whole file:
1. read and parse every cell of every sheet (`parse_sheets`): a cell that cannot be
   read is an error, and its row is not checked further, but its key (a member code, an
   organization code) is still known to the rows that name it;
2. check every row against the file itself and the database (`Sheet.check`, in the
   order of INTERCHANGE.md), without writing: the `World` answers what earlier sheets
   would create, so later sheets are checked as if they had been written;
3. only when nothing is wrong, write through the apps' services (`Sheet.write`), in one
   transaction.

A rejected file's report says what would have been created, updated or left unchanged,
and that nothing was written. Apps register one `Sheet` per sheet key (`HANDLERS`).
"""

import dataclasses
import datetime as dt
import functools
import gc
import hashlib
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.lib.vntext import normalize, short_date

from .schema import SHEETS, SHEETS_BY_HEADER, SheetSpec, header_key
from .workbook import RawSheet, WorkbookError, read_file, read_workbook, repaired


@dataclasses.dataclass
class Problem:
    sheet: str
    row: int | None
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        # Whole sentences per case, so that translators see complete messages.
        parts = {"sheet": self.sheet, "row": self.row, "column": self.column,
                 "value": self.value, "message": self.message}
        if not self.sheet:
            return self.message
        if self.row and self.column and self.value != "":
            template = _("%(sheet)s, row %(row)d, column “%(column)s” (value “%(value)s”): %(message)s")
        elif self.row and self.column:
            template = _("%(sheet)s, row %(row)d, column “%(column)s”: %(message)s")
        elif self.row:
            template = _("%(sheet)s, row %(row)d: %(message)s")
        else:
            template = _("%(sheet)s: %(message)s")
        return template % parts

    def as_dict(self) -> dict:
        return dataclasses.asdict(self) | {"text": str(self)}


@dataclasses.dataclass
class Conversion:
    sheet: str
    row: int
    column: str
    before: str
    after: str
    encoding: str


@dataclasses.dataclass(slots=True)
class ParsedRow:
    spec: SheetSpec
    number: int
    values: dict
    source: list  # the cells as read, for messages; shared with the raw sheet
    columns: dict  # column key -> position in `source`, shared by the sheet's rows
    bad: bool = False  # a cell could not be read: reported once, not checked further
    orgs: tuple = ()  # ids of the organizations the row's record concerns, for the scope check
    outcome: str = ""  # created, updated or unchanged (would be, until written)

    def raw(self, key: str) -> str:
        pos = self.columns.get(key)
        return _display(self.source[pos]) if pos is not None and pos < len(self.source) else ""


@dataclasses.dataclass
class ImportReport:
    file_name: str = ""
    sha256: str = ""
    rows_read: int = 0
    counts: dict = dataclasses.field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    errors: list[Problem] = dataclasses.field(default_factory=list)
    warnings: list[Problem] = dataclasses.field(default_factory=list)
    notices: list[Problem] = dataclasses.field(default_factory=list)
    conversions: list[Conversion] = dataclasses.field(default_factory=list)
    dry_run: bool = False
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def total(self, what: str) -> int:
        return sum(c[what] for c in self.counts.values())

    @property
    def created(self) -> int:
        return self.total("created")

    @property
    def updated(self) -> int:
        return self.total("updated")

    @property
    def unchanged(self) -> int:
        return self.total("unchanged")

    @property
    def by_sheet(self) -> list[tuple[str, int, int, int]]:
        """(sheet, created, updated, unchanged) in the file's order, for pages."""
        return [(sheet, c["created"], c["updated"], c["unchanged"]) for sheet, c in self.counts.items()]

    def as_dict(self) -> dict:
        """The report as plain data (kept with a background job)."""
        return {
            "file_name": self.file_name, "sha256": self.sha256, "rows_read": self.rows_read,
            "counts": {sheet: dict(c) for sheet, c in self.counts.items()},
            "errors": [p.as_dict() for p in self.errors], "warnings": [p.as_dict() for p in self.warnings],
            "notices": [p.as_dict() for p in self.notices],
            "conversions": [dataclasses.asdict(c) for c in self.conversions],
            "dry_run": self.dry_run, "written": self.written,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ImportReport":
        report = cls(file_name=data["file_name"], sha256=data["sha256"], rows_read=data["rows_read"],
                     dry_run=data["dry_run"], written=data["written"])
        for sheet, counts in data["counts"].items():
            report.counts[sheet].update(counts)
        for key in ("errors", "warnings", "notices"):
            getattr(report, key).extend(
                Problem(p["sheet"], p["row"], p["column"], p["value"], p["message"]) for p in data[key]
            )
        report.conversions = [Conversion(**c) for c in data["conversions"]]
        return report


# (stage, rows done, rows in all, errors so far); stages: reading, checking, writing
Progress = Callable[[str, int, int, int], None]


class ImportContext:
    def __init__(self, report: ImportReport, by, progress: Progress | None = None):
        from .world import World

        self.report = report
        self.by = by
        self.progress = progress
        self.stage = "checking"
        self.done = 0  # rows handled so far in this stage, for the progress bar
        self._told, self._told_stage = 0.0, ""
        self.cache: dict = {}  # handlers share lookups here
        self.plans: dict = {}  # what each sheet's check found to write, by sheet key
        # The command line and administrators may import anywhere: no scope to check.
        self.scoped = by is not None and not getattr(by, "is_admin", False)
        self.sheets: set[str] = set()  # keys of the sheets the file has
        self.parsed: dict[str, list[ParsedRow]] = {}  # the file's rows by sheet key
        self.world = World()
        self.today = timezone.localdate()
        # Keys of rows that are wrong, by sheet key: rows of later sheets that name them
        # are not told "unknown" as well (the error is the bad row's).
        self.bad_keys: dict[str, set] = defaultdict(set)
        self.rows_of: dict[int, ParsedRow] = {}  # id(record checked in memory) -> its row

    def unknown(self, row: ParsedRow, column_key: str, sheet_key: str, code, message: str) -> None:
        """`row` names `code`, which neither the file nor the database knows; when the file
        has it on a wrong row, that row's error is enough and this row is left out."""
        if code in self.bad_keys[sheet_key]:
            row.bad = True
        else:
            self.error(row, column_key, message)

    def _problem(self, row: ParsedRow | None, column_key: str | None, message: str, value=None) -> Problem:
        if row is None:
            return Problem("", None, "", "", message)
        column = row.spec.column(column_key).header if column_key else ""
        if value is None and column_key:
            value = row.raw(column_key)
        return Problem(row.spec.name, row.number, column, "" if value is None else str(value), message)

    def error(self, row: ParsedRow | None, column_key: str | None, message: str, value=None) -> None:
        self.report.errors.append(self._problem(row, column_key, message, value))
        if row is not None:
            row.bad = True

    def warning(self, row: ParsedRow | None, column_key: str | None, message: str, value=None) -> None:
        self.report.warnings.append(self._problem(row, column_key, message, value))

    def domain_error(self, exc: DomainError, row: ParsedRow | None = None, column_key: str | None = None) -> None:
        self.error(row, column_key, exc.message, value="" if column_key is None else None)

    def advance(self, rows: int, *, to: int | None = None) -> None:
        """Rows handled: `rows` more, or `to` in all. Told to `progress` at each new stage
        and at most twice a second otherwise (it writes to a shared store)."""
        self.done = to if to is not None else self.done + rows
        now = time.monotonic()
        if self.progress is not None and (now - self._told >= 0.5 or self.stage != self._told_stage):
            self._told, self._told_stage = now, self.stage
            self.progress(self.stage, self.done, self.report.rows_read, len(self.report.errors))

    def count(self, row: ParsedRow, what: str) -> None:
        row.outcome = what
        self.report.counts[row.spec.name][what] += 1


def unique_rows(
    rows: list[ParsedRow], key: Callable[[ParsedRow], object], column: str | None, ctx: ImportContext
) -> dict:
    """One row per key, in file order. The same key twice with the same content is one
    row; with different content it is an error on the later row, at `column`. Rows whose
    key could not be read are left out (their error is reported already)."""
    first: dict = {}
    for row in rows:
        try:
            k = key(row)
        except KeyError:
            continue
        if k not in first:
            first[k] = row
        elif first[k].values != row.values:
            ctx.error(
                row, column,
                _("The same key appears in row %(row)d with different content.") % {"row": first[k].number},
            )
    return first


@dataclasses.dataclass(frozen=True)
class Sheet:
    """How an app imports one sheet: `check(rows, ctx)` reports every problem and puts
    what to write in `ctx.plans`, writing nothing; `write(ctx)` writes the plans through
    the app's services, in the import's transaction (None: another sheet's write does)."""

    check: Callable[[list[ParsedRow], ImportContext], None]
    write: Callable[[ImportContext], None] | None = None


# sheet key -> its handler, registered by the apps that own the records
HANDLERS: dict[str, Sheet] = {}
# checks across sheets, run after every sheet's check (the tree as the file leaves it;
# no member left in an organization outside its life)
CHECK_FINISHERS: list[Callable[[ImportContext], None]] = []


def _match_sheet(raw: RawSheet, only_one: bool) -> SheetSpec | None:
    spec = SHEETS_BY_HEADER.get(header_key(raw.name))
    if spec or not only_one:
        return spec
    # A lone sheet or CSV with another name: recognise it by its headers.
    headers = {header_key(h) for h in raw.header if h}
    best = [s for s in SHEETS if all(header_key(c.header) in headers for c in s.columns if c.required)]
    return max(best, key=lambda s: len(s.columns)) if best else None


def _text(value, font, spec: SheetSpec, number: int, column: str, report: ImportReport) -> str:
    text, encoding = repaired(value, font)
    if encoding:
        report.conversions.append(Conversion(spec.name, number, column, value, text, encoding))
    return normalize(text)


def _display(value) -> str:
    """A cell as a person would read it in a message (long texts cut short)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return short_date(value.date())
    if isinstance(value, dt.date):
        return short_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def parse_sheets(sheets: list[RawSheet], report: ImportReport, today: dt.date) -> dict[str, list[ParsedRow]]:
    parsed: dict[str, list[ParsedRow]] = {}
    for raw in sheets:
        spec = _match_sheet(raw, only_one=len(sheets) == 1)
        if spec is None:
            report.notices.append(Problem(raw.name, None, "", "", _("Unknown sheet; it was ignored.")))
            continue
        if spec.key in parsed:
            message = _("The sheet %(sheet)s appears twice.") % {"sheet": spec.name}
            report.errors.append(Problem(raw.name, None, "", "", message))
            continue
        by_header = {header_key(c.header): c for c in spec.columns}
        positions: list[tuple[int, object]] = []
        seen = set()
        for pos, header in enumerate(raw.header):
            if header is None or not str(header).strip():
                continue
            column = by_header.get(header_key(header))
            if column is None:
                report.notices.append(Problem(spec.name, 1, str(header), "", _("Unknown column; it was ignored.")))
                continue
            if column.key in seen:
                report.errors.append(Problem(spec.name, 1, str(header), "", _("This column appears twice.")))
                continue
            seen.add(column.key)
            positions.append((pos, column))
        missing = [c.header for c in spec.columns if c.required and c.key not in seen]
        for header in missing:
            report.errors.append(
                Problem(spec.name, 1, header, "", _("The required column is missing. Add it with this header."))
            )
        if missing:
            continue
        rows = parsed.setdefault(spec.key, [])
        column_positions = {column.key: pos for pos, column in positions}
        for number, values, fonts in raw.rows:
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            if isinstance(values[0], str) and values[0].lstrip().startswith("#"):
                continue  # a comment row, such as the template's guidance row
            report.rows_read += 1
            row_values: dict = {}
            bad = False
            for pos, column in positions:
                value = values[pos] if pos < len(values) else None
                if isinstance(value, str):
                    font = fonts[pos] if fonts and pos < len(fonts) else None
                    # Printable ASCII without a legacy font is already what it should be.
                    if font is not None or not (value.isascii() and value.isprintable()):
                        value = _text(value, font, spec, number, column.header, report)
                try:
                    parsed_value = column.parser(value)
                    if parsed_value is not None and column.checks_needed:
                        column.check(parsed_value, today)
                except ValueError as exc:
                    report.errors.append(Problem(spec.name, number, column.header, _display(value), str(exc)))
                    bad = True
                    continue
                if parsed_value is None and column.required:
                    report.errors.append(
                        Problem(spec.name, number, column.header, "", _("This cell is required."))
                    )
                    bad = True
                    continue
                row_values[column.key] = parsed_value
            rows.append(ParsedRow(spec, number, row_values, values, column_positions, bad=bad))
    if sheets and not parsed and not report.errors:
        report.errors.append(Problem("", None, "", "", _(
            "No sheet of the file has a known name or known columns: name the sheets as in the template "
            "(Tổ chức, Đảng viên, Biến động, …) or download the template and copy the data into it."
        )))
    return parsed


class _Rollback(Exception):
    pass


def import_file(
    path: str | Path | None = None,
    *,
    data: bytes | None = None,
    name: str = "",
    by=None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a workbook; nothing is written unless every row is valid. Run by the import
    worker (`jobs`) and the command line, never in a web request: a province's file takes
    a minute and uses a second thread on SQLite (`core.bulk.writes_behind`).

    Python's cyclic garbage collector is paused meanwhile: a province's file makes
    millions of objects (cells, rows, records), none of them in reference cycles, and
    each full collection would walk them all again (a quarter of the time at 100,000
    members).

    `progress(stage, done, total, errors)` hears how far it is: "waiting" (for another
    import to finish), "reading", "checking" and "writing", in rows of the file.
    """
    from .locks import import_lock

    enabled = gc.isenabled()
    gc.disable()
    try:
        # One import at a time: the checks of a second one see what the first wrote.
        with import_lock(waiting=(lambda: progress("waiting", 0, 0, 0)) if progress else None):
            return _import(path, data, name, by, dry_run, progress)
    finally:
        if enabled:
            gc.enable()


def _import(path, data, name, by, dry_run, progress) -> ImportReport:
    from dangbo.core.bulk import writes_behind

    report = ImportReport(dry_run=dry_run)
    if progress is not None:
        progress("reading", 0, 0, 0)
    if data is None and path is not None:
        name = name or Path(path).name
    report.file_name = name
    try:
        if data is None:
            data = read_file(path)
        report.sha256 = hashlib.sha256(data).hexdigest()
        sheets = read_workbook(data, name)
    except WorkbookError as exc:
        report.errors.append(Problem(name, None, "", "", str(exc)))
        _record(report, by)
        return report
    ctx = ImportContext(report, by, progress)
    parsed = parse_sheets(sheets, report, ctx.today)
    del sheets, data  # the rows keep the cells they need
    ctx.sheets = set(parsed)
    ctx.parsed = parsed
    ctx.advance(0)
    for spec in SHEETS:
        rows = parsed.get(spec.key)
        if not rows:
            continue
        handler = HANDLERS.get(spec.key)
        if handler is None:
            message = _("This sheet is not supported yet; its rows were not imported.")
            report.warnings.append(Problem(spec.name, None, "", "", message))
            continue
        before = ctx.done
        handler.check(rows, ctx)
        ctx.advance(0, to=before + len(rows))
    for finish in CHECK_FINISHERS:
        finish(ctx)
    _check_scope(ctx)
    if report.errors or dry_run:
        _record(report, by)
        return report
    ctx.stage, ctx.done = "writing", 0
    ctx.advance(0)
    _forget_cells(parsed)
    ctx.world = None  # the file's world was for the checks; the writes read the database
    try:
        with transaction.atomic():
            with writes_behind():  # SQLite writes on a second core meanwhile
                for spec in SHEETS:
                    handler = HANDLERS.get(spec.key)
                    if handler is not None and handler.write is not None and spec.key in ctx.plans:
                        handler.write(ctx)
            if report.errors:  # a service refused what the checks let through
                raise _Rollback
            report.written = True
    except _Rollback:
        pass
    except DomainError as exc:
        ctx.domain_error(exc)
    _record(report, by)
    return report


def _forget_cells(parsed: dict[str, list[ParsedRow]]) -> None:
    """The cells as read are there for the checks' messages; the writes need the parsed
    values only. Let them go before writing (a tenth of the memory of a province's file);
    a write a service refuses is then named by its sheet, row and column without the
    cell's text."""
    for rows in parsed.values():
        for row in rows:
            row.source = _NO_CELLS


_NO_CELLS: list = []


def _check_scope(ctx: ImportContext) -> None:
    """A person may import only into the organizations they may change: every record the
    file would create or change must belong to one of them, on the tree as the file
    would leave it (accounts.access: what stood under their organization at some time)."""
    from dangbo.accounts.access import can_change_tree

    by = ctx.by
    if not ctx.scoped:
        return
    if not can_change_tree(by):
        ctx.error(None, None, _("Your account may not import data."))
        return
    if by.organization_id is None:
        allowed: set[int] = set()
    else:
        allowed = ctx.world.ever_under(by.organization)
    for row in (row for rows in ctx.parsed.values() for row in rows):
        if row.outcome not in ("created", "updated"):
            continue  # rows that change nothing may describe other organizations
        outside = set(row.orgs) - allowed
        if outside:
            codes = ", ".join(sorted(ctx.world.orgs_by_pk[pk].code for pk in outside))
            ctx.error(row, None, _("This row concerns %(codes)s, outside the organizations your account may change.")
                      % {"codes": codes})


def _record(report: ImportReport, by) -> None:
    from .models import ImportRun

    if report.dry_run:
        return
    ImportRun.objects.create(
        file_name=report.file_name[:255],
        sha256=report.sha256,
        created_by=by if getattr(by, "pk", None) else None,
        succeeded=report.written,
        rows_read=report.rows_read,
        created=report.total("created") if report.written else 0,
        updated=report.total("updated") if report.written else 0,
        unchanged=report.total("unchanged") if report.written else 0,
        conversions=len(report.conversions),
        warnings=len(report.warnings),
        errors=len(report.errors),
    )


@functools.cache
def organization_columns(model) -> tuple[str, ...]:
    """Attnames of `model`'s foreign keys to organizations (for the scope check)."""
    from dangbo.organizations.models import Organization

    return tuple(
        f.attname for f in model._meta.concrete_fields if f.is_relation and f.related_model is Organization
    )
