"""Import an interchange workbook: all or nothing, every problem named by sheet, row,
column and value, in Vietnamese.

Apps register one handler per sheet (`HANDLERS`); the importer reads and parses every
cell first, and writes only when the whole file parses; a handler's refusals are
collected too, and any of them rolls the whole import back.
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
from django.utils.translation import gettext as _

from dangbo.core.bulk import writes_behind
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
    orgs: tuple = ()  # ids of the organizations the row's record concerns, once applied
    outcome: str = ""  # created, updated or unchanged

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


Progress = Callable[[str, int, int], None]  # (stage, rows done, rows in all)


class ImportContext:
    def __init__(self, report: ImportReport, by, progress: Progress | None = None):
        self.report = report
        self.by = by
        self.progress = progress
        self.done = 0  # rows handled so far, for the progress bar
        self._told = 0.0
        self.cache: dict = {}  # handlers share lookups here (organizations by code, …)
        self.rows_by_obj: dict = {}  # (model label, pk) -> (spec, row) for errors found later
        # The command line and administrators may import anywhere: no scope to check.
        self.scoped = by is not None and not getattr(by, "is_admin", False)
        self.sheets: set[str] = set()  # keys of the sheets the file has
        self.parsed: dict[str, list[ParsedRow]] = {}  # the file's rows by sheet key

    def remember(self, obj, row: ParsedRow, *, findable: bool = True) -> None:
        """`row` gave `obj` (saved): the scope check sees the organizations `obj`
        concerns now, and, when `findable`, later errors about `obj` name the row
        (records no later check refers to, such as events, need not be). The record
        itself is not kept, so that a large file's records are freed once written."""
        if findable:
            self.rows_by_obj[(obj._meta.label, obj.pk)] = row
        if self.scoped:
            row.orgs = _organizations_of(obj)

    def _problem(self, row: ParsedRow | None, column_key: str | None, message: str, value=None) -> Problem:
        if row is None:
            return Problem("", None, "", "", message)
        column = row.spec.column(column_key).header if column_key else ""
        if value is None and column_key:
            value = row.raw(column_key)
        return Problem(row.spec.name, row.number, column, "" if value is None else str(value), message)

    def error(self, row: ParsedRow | None, column_key: str | None, message: str, value=None) -> None:
        self.report.errors.append(self._problem(row, column_key, message, value))

    def warning(self, row: ParsedRow | None, column_key: str | None, message: str, value=None) -> None:
        self.report.warnings.append(self._problem(row, column_key, message, value))

    def domain_error(self, exc: DomainError, row: ParsedRow | None = None, column_key: str | None = None) -> None:
        if row is None and exc.obj is not None and getattr(exc.obj, "pk", None):
            row = self.rows_by_obj.get((exc.obj._meta.label, exc.obj.pk))
        self.error(row, column_key, exc.message, value="" if column_key is None else None)

    def advance(self, rows: int, *, to: int | None = None) -> None:
        """Rows handled: `rows` more, or `to` in all. Told to `progress` at most twice a
        second (it may write to a shared cache)."""
        self.done = to if to is not None else self.done + rows
        now = time.monotonic()
        if self.progress is not None and now - self._told >= 0.5:
            self._told = now
            self.progress("writing" if not self.report.dry_run else "checking", self.done, self.report.rows_read)

    def count(self, row: ParsedRow, what: str) -> None:
        row.outcome = what
        self.report.counts[row.spec.name][what] += 1


def _organizations_of(obj) -> tuple:
    from dangbo.organizations.models import Organization

    if isinstance(obj, Organization):
        return (obj.pk,)
    return tuple(value for attname in _organization_columns(type(obj)) if (value := getattr(obj, attname)))


@functools.cache
def _organization_columns(model) -> tuple[str, ...]:
    from dangbo.organizations.models import Organization

    return tuple(
        f.attname for f in model._meta.concrete_fields if f.is_relation and f.related_model is Organization
    )


def unique_rows(
    rows: list[ParsedRow], key: Callable[[ParsedRow], object], column: str | None, ctx: ImportContext
) -> dict:
    """One row per key, in file order. The same key twice with the same content is one
    row; with different content it is an error on the later row, at `column`."""
    first: dict = {}
    for row in rows:
        k = key(row)
        if k not in first:
            first[k] = row
        elif first[k].values != row.values:
            ctx.error(
                row, column,
                _("The same key appears in row %(row)d with different content.") % {"row": first[k].number},
            )
    return first


Handler = Callable[[list[ParsedRow], ImportContext], None]
# sheet key -> handler, registered by the apps that own the records
HANDLERS: dict[str, Handler] = {}
# run after all sheets, inside the transaction (tree rebuild, cross-sheet checks)
FINISHERS: list[Callable[[ImportContext], None]] = []


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
    """A cell as a person would read it in a message."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return short_date(value.date())
    if isinstance(value, dt.date):
        return short_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_sheets(sheets: list[RawSheet], report: ImportReport) -> dict[str, list[ParsedRow]]:
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
            for pos, column in positions:
                value = values[pos] if pos < len(values) else None
                if isinstance(value, str):
                    font = fonts[pos] if fonts and pos < len(fonts) else None
                    # Printable ASCII without a legacy font is already what it should be.
                    if font is not None or not (value.isascii() and value.isprintable()):
                        value = _text(value, font, spec, number, column.header, report)
                try:
                    parsed_value = column.parser(value)
                except ValueError as exc:
                    report.errors.append(Problem(spec.name, number, column.header, _display(value), str(exc)))
                    continue
                if parsed_value is None and column.required:
                    report.errors.append(
                        Problem(spec.name, number, column.header, "", _("This cell is required."))
                    )
                    continue
                row_values[column.key] = parsed_value
            rows.append(ParsedRow(spec, number, row_values, values, column_positions))
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
    """Import a workbook; nothing is written unless every row is valid.

    Python's cyclic garbage collector is paused meanwhile: a province's file makes
    millions of objects (cells, rows, records), none of them in reference cycles, and
    each full collection would walk them all again (a quarter of the time at 100,000
    members).

    `progress(stage, done, total)` hears how far it is: "reading", then "checking" (a
    dry run) or "writing", in rows of the file.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _import(path, data, name, by, dry_run, progress)
    finally:
        if enabled:
            gc.enable()


def _import(path, data, name, by, dry_run, progress) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    if progress is not None:
        progress("reading", 0, 0)
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
    parsed = parse_sheets(sheets, report)
    del sheets, data  # the rows keep the cells they need
    if not report.errors:
        ctx = ImportContext(report, by, progress)
        ctx.sheets = set(parsed)
        ctx.parsed = parsed
        ctx.advance(0)
        try:
            with transaction.atomic():
                with writes_behind():  # SQLite writes on a second core meanwhile
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
                        handler(rows, ctx)
                        ctx.advance(0, to=before + len(rows))
                    if not report.errors:
                        for finish in FINISHERS:
                            finish(ctx)
                    if not report.errors:
                        _check_scope(ctx)
                if report.errors or dry_run:
                    raise _Rollback
                report.written = True
        except _Rollback:
            pass
        except DomainError as exc:
            ctx.domain_error(exc)
    _record(report, by)
    return report


def _check_scope(ctx: ImportContext) -> None:
    """A person may import only into the organizations they may change: every record the
    file touched must belong to one of them (checked on the tree as imported)."""
    from dangbo.accounts.access import can_change_tree, visible_organizations
    from dangbo.organizations.models import Organization

    by = ctx.by
    if not ctx.scoped:
        return
    if not can_change_tree(by):
        ctx.error(None, None, _("Your account may not import data."))
        return
    allowed = set(visible_organizations(by).values_list("pk", flat=True))
    for row in (row for rows in ctx.parsed.values() for row in rows):
        if row.outcome not in ("created", "updated"):
            continue  # rows that change nothing may describe other organizations
        outside = set(row.orgs) - allowed
        if outside:
            codes = ", ".join(Organization.objects.filter(pk__in=outside).values_list("code", flat=True))
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
        created=report.total("created"),
        updated=report.total("updated"),
        unchanged=report.total("unchanged"),
        conversions=len(report.conversions),
        warnings=len(report.warnings),
        errors=len(report.errors),
    )
