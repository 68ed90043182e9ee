"""The `Nhiệm kỳ` (optional), `Văn bản`, `Học tập` and `Phân công phụ trách` sheets:
import and export (INTERCHANGE.md; docs/contracts.md for the optional sheet and column).

Document numbers run per issuing organization and type through a committee's term (HD
36); the terms are those of the file and of the database together, as the file would
leave them. A number used twice in one term is an error naming both rows.
"""

import dataclasses
import datetime as dt
from collections import defaultdict

from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.exporter import ExportScope, member_codes
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import DOCUMENT_KINDS, STUDY_KINDS, canonical
from dangbo.lib.vntext import short_date
from dangbo.members.models import Member
from dangbo.organizations.interchange import ensure_tree
from dangbo.organizations.models import Organization
from dangbo.reports.selectors import abbreviation_warning

from . import services
from .models import Assignment, Document, StudySession, Term

COLUMNS = {
    "organization": "organization", "kind": "kind", "number": "number", "date": "date", "subject": "subject",
    "symbol": "symbol", "note": "note", "start": "start", "end": "end", "name": "name", "attendance": "attendance",
    "attendees": "attendees", "member": "member", "assigned_by": "assigned_by", "code": "code",
}
ONE_DAY = dt.timedelta(days=1)


def _org(row: ParsedRow, ctx: ImportContext, column: str) -> Organization | None:
    code = row.values[column]
    org = ctx.world.orgs.get(code)
    if org is None:
        ctx.unknown(row, column, "organizations", code, _("Unknown organization code."))
    return org


def _exists_on(row: ParsedRow, ctx: ImportContext, org: Organization, day: dt.date, column: str) -> bool:
    if ctx.world.exists(org, day):
        return True
    ctx.error(row, column, _("The organization %(code)s did not exist on %(date)s.")
              % {"code": org.code, "date": short_date(day)})
    return False


# -- terms -------------------------------------------------------------------------------


def _terms_of(ctx: ImportContext) -> dict[str, list[tuple[dt.date, dt.date | None]]]:
    """Terms by organization code, as the file leaves them (saved ones and the file's)."""
    if "terms" not in ctx.cache:
        terms: dict[str, list] = defaultdict(list)
        for code, start, end in Term.objects.filter(voided_at__isnull=True).values_list(
            "organization__code", "start", "end"
        ):
            terms[code].append((start, end))
        ctx.cache["terms"] = terms
    return ctx.cache["terms"]


def check_terms(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)
    unique = unique_rows(rows, lambda r: (r.values["organization"], r.values["start"]), "end", ctx)
    saved = {(t.organization.code, t.start): t for t in Term.objects.filter(voided_at__isnull=True)
             .select_related("organization")}
    terms = _terms_of(ctx)
    plan = ctx.plans.setdefault("terms", [])
    seen: dict[str, list[tuple[dt.date, dt.date | None, ParsedRow | None]]] = defaultdict(list)
    for (code, start), term in saved.items():
        if (code, start) not in unique:
            seen[code].append((start, term.end, None))
    for (code, start), row in sorted(unique.items(), key=lambda kv: kv[0][1]):
        v = row.values
        if row.bad:
            continue
        org = _org(row, ctx, "organization")
        if org is None:
            continue
        row.orgs = (org.pk,)
        end = v.get("end")
        if end is not None and end < start:
            ctx.error(row, "end", _("The end date is before the start date."))
            continue
        clash = next((other for other in seen[code]
                      if (other[1] is None or other[1] >= start) and (end is None or other[0] <= end)), None)
        if clash is not None:
            where = (_("row %(row)d") % {"row": clash[2].number}) if clash[2] else _("a term already recorded")
            ctx.error(row, "start", _("The term overlaps another term of %(code)s (%(where)s).")
                      % {"code": code, "where": where})
            continue
        seen[code].append((start, end, row))
        term = saved.get((code, start))
        if term is None:
            ctx.count(row, "created")
        elif (term.end, term.name) == (end, v.get("name") or ""):
            ctx.count(row, "unchanged")
            continue
        else:
            ctx.count(row, "updated")
        plan.append((row, term))
    terms.clear()
    for code, items in seen.items():
        terms[code] = [(start, end) for start, end, _row in items]


def write_terms(ctx: ImportContext) -> None:
    items = ctx.plans["terms"]
    orgs = {o.code: o for o in Organization.objects.filter(code__in=[r.values["organization"] for r, _t in items])}
    for row, term in items:
        v = row.values
        try:
            if term is None:
                services.record_terms(items=[services.NewTerm(
                    organization=orgs[v["organization"]], start=v["start"], end=v.get("end"), name=v.get("name") or ""
                )], by=ctx.by)
            else:
                services.change_term(term=term, end=v.get("end"), name=v.get("name") or "", by=ctx.by)
        except DomainError as exc:
            ctx.domain_error(exc, row, COLUMNS.get(exc.field or ""))
    ctx.advance(len(items))


# -- documents ---------------------------------------------------------------------------


def _series(terms: dict, code: str, day: dt.date) -> tuple:
    for start, end in terms.get(code, ()):
        if start <= day and (end is None or day <= end):
            return ("term", start)
    return ("year", day.year)


def _series_text(series: tuple) -> str:
    if series[0] == "term":
        return _("the term from %(date)s") % {"date": short_date(series[1])}
    return _("the year %(year)d (no term recorded)") % {"year": series[1]}


def check_documents(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)
    terms = _terms_of(ctx)
    kinds = dict((code, name) for name, code in DOCUMENT_KINDS)
    codes = {r.values.get("organization") for r in rows}
    saved: dict[tuple, Document] = {}
    for doc in Document.objects.filter(organization__code__in=codes, voided_at__isnull=True).select_related(
        "organization"
    ):
        saved[(doc.organization.code, doc.kind, doc.number, _series(terms, doc.organization.code, doc.date))] = doc
    first: dict[tuple, ParsedRow] = {}
    plan = ctx.plans.setdefault("documents", [])
    for row in rows:
        v = row.values
        if row.bad:
            continue
        org = _org(row, ctx, "organization")
        if org is None or not _exists_on(row, ctx, org, v["date"], "organization"):
            continue
        row.orgs = (org.pk,)
        if v["number"] < 1:
            ctx.error(row, "number", _("The number is a whole number, 1 or more."))
            continue
        series = _series(terms, org.code, v["date"])
        key = (org.code, v["kind"], v["number"], series)
        if key in first:
            if first[key].values != v:
                ctx.error(row, "number", _(
                    "Number %(number)s of the type %(kind)s of %(org)s is used twice in %(series)s: rows %(first)d "
                    "and %(row)d. Numbers run from 01 per type through a committee's term (HD 36)."
                ) % {"number": f"{v['number']:02d}", "kind": kinds[v["kind"]], "org": org.code,
                     "series": _series_text(series), "first": first[key].number, "row": row.number})
            continue
        first[key] = row
        symbol = v.get("symbol") or ""
        if symbol and "/" in symbol:
            warning = abbreviation_warning(symbol.partition("/")[2], v["date"])
            if warning:
                ctx.warning(row, "symbol", warning)
        doc = saved.get(key)
        if doc is None:
            ctx.count(row, "created")
        elif (doc.date, doc.subject, doc.note, doc.symbol) == (
            v["date"], v["subject"], v.get("note") or "", symbol or doc.symbol
        ):
            ctx.count(row, "unchanged")
            continue
        else:
            ctx.count(row, "updated")
        plan.append((row, doc))


def write_documents(ctx: ImportContext) -> None:
    items = sorted(ctx.plans["documents"], key=lambda item: item[0].values["date"])
    orgs = {o.code: o for o in Organization.objects.filter(code__in=[r.values["organization"] for r, _d in items])}
    for row, doc in items:
        v = row.values
        try:
            if doc is None:
                services.register_documents(items=[services.NewDocument(
                    organization=orgs[v["organization"]], kind=v["kind"], date=v["date"], subject=v["subject"],
                    number=v["number"], symbol=v.get("symbol") or "", note=v.get("note") or "",
                )], by=ctx.by)
            else:
                fields = {"date": v["date"], "subject": v["subject"], "note": v.get("note") or ""}
                if v.get("symbol"):
                    fields["symbol"] = v["symbol"]
                services.correct_documents(changes=[(doc, fields)], by=ctx.by)
        except DomainError as exc:
            ctx.domain_error(exc, row, COLUMNS.get(exc.field or ""))
    ctx.advance(len(items))


# -- study sessions ----------------------------------------------------------------------


@dataclasses.dataclass
class PlannedSession:
    row: ParsedRow
    attendees: list[str] | None
    saved: StudySession | None


def check_sessions(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)
    world = ctx.world
    unique = unique_rows(rows, lambda r: r.values["code"], "code", ctx)
    attendees = {code: member_codes(r.values.get("attendees")) for code, r in unique.items()}
    world.load_members([c for codes in attendees.values() for c in codes])
    saved = {s.code: s for s in StudySession.objects.filter(code__in=list(unique)).prefetch_related("attendees")}
    plan = ctx.plans.setdefault("study_sessions", [])
    for code, row in unique.items():
        v = row.values
        if row.bad:
            continue
        org = _org(row, ctx, "organization")
        if org is None or not _exists_on(row, ctx, org, v["date"], "organization"):
            continue
        row.orgs = (org.pk,)
        if v["attendance"] < 0:
            ctx.error(row, "attendance", _("The number attending is a whole number, 0 or more."))
            continue
        named = attendees[code]
        for member_code in named:
            if member_code not in world.members or member_code in ctx.bad_keys["members"]:
                ctx.unknown(row, "attendees", "members", member_code,
                            _("Unknown member code %(code)s: add the member to the sheet of members.")
                            % {"code": member_code})
        if len(set(named)) != len(named):
            ctx.error(row, "attendees", _("The same member is named twice."))
        elif len(named) > v["attendance"]:
            ctx.error(row, "attendance", _(
                "%(n)d members are named as attending, more than the %(attendance)d who attended."
            ) % {"n": len(named), "attendance": v["attendance"]})
        if row.bad:
            continue
        session = saved.get(code)
        wanted = named if v.get("attendees") else None
        if session is None:
            ctx.count(row, "created")
        elif (session.name, session.kind, session.organization_id, session.date, session.attendance) == (
            v["name"], v["kind"], org.pk, v["date"], v["attendance"]
        ) and (wanted is None or _recorded(session) == set(wanted)):
            ctx.count(row, "unchanged")
            continue
        else:
            ctx.count(row, "updated")
        plan.append(PlannedSession(row, wanted, session))


def _recorded(session: StudySession) -> set[str]:
    return {a.member.code for a in session.attendees.all() if a.voided_at is None}


def write_sessions(ctx: ImportContext) -> None:
    planned: list[PlannedSession] = ctx.plans["study_sessions"]
    orgs = {o.code: o for o in Organization.objects.filter(code__in=[p.row.values["organization"] for p in planned])}
    codes = {c for p in planned for c in (p.attendees or ())}
    members = {m.code: m for m in Member.objects.filter(code__in=codes)}
    for p in planned:
        v = p.row.values
        data = services.StudyData(
            code=v["code"], name=v["name"], kind=v["kind"], organization=orgs[v["organization"]], date=v["date"],
            attendance=v["attendance"],
            attendees=None if p.attendees is None else tuple(members[c] for c in p.attendees),
        )
        try:
            if p.saved is None:
                services.record_study_sessions(items=[data], by=ctx.by)
            else:
                services.correct_study_sessions(changes=[(p.saved, data)], by=ctx.by)
        except DomainError as exc:
            ctx.domain_error(exc, p.row, COLUMNS.get(exc.field or ""))
    ctx.advance(len(planned))


# -- assignments -------------------------------------------------------------------------


def check_assignments(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)
    world = ctx.world
    world.load_members(r.values.get("member") for r in rows)
    world.preload_member_spans(world.members[r.values["member"]] for r in rows
                               if r.values.get("member") in world.members)
    unique = unique_rows(
        rows, lambda r: (r.values["member"], r.values["organization"], r.values["assigned_by"], r.values["start"]),
        "end", ctx,
    )
    saved: dict[tuple, Assignment] = {}
    periods: dict[tuple, list[tuple[dt.date, dt.date | None, ParsedRow | None]]] = defaultdict(list)
    for a in Assignment.objects.filter(
        voided_at__isnull=True, member__code__in=[k[0] for k in unique]
    ).select_related("member", "organization", "assigned_by"):
        key = (a.member.code, a.organization.code, a.assigned_by.code, a.start)
        saved[key] = a
        if key not in unique:
            periods[key[:3]].append((a.start, a.end, None))
    plan = ctx.plans.setdefault("assignments", [])
    for key, row in sorted(unique.items(), key=lambda kv: kv[0][3]):
        v = row.values
        if row.bad:
            continue
        member = world.members.get(v["member"])
        if member is None or v["member"] in ctx.bad_keys["members"]:
            ctx.unknown(row, "member", "members", v["member"],
                        _("Unknown member code: add the member to the sheet of members."))
        org, by_org = _org(row, ctx, "organization"), _org(row, ctx, "assigned_by")
        if member is None or org is None or by_org is None:
            continue
        row.orgs = (by_org.pk, org.pk)
        start, end = v["start"], v.get("end")
        ok = _exists_on(row, ctx, org, start, "organization") & _exists_on(row, ctx, by_org, start, "assigned_by")
        if end is not None and end < start:
            ctx.error(row, "end", _("The end date is before the start date."))
            ok = False
        if not ok:
            continue
        clash = next((p for p in periods[key[:3]] if (p[1] is None or p[1] >= start) and (end is None or p[0] <= end)),
                     None)
        if clash is not None:
            where = (_("row %(row)d") % {"row": clash[2].number}) if clash[2] else _("an assignment already recorded")
            ctx.error(row, "start", _("%(member)s is already assigned to %(org)s by %(by)s for an overlapping period "
                                      "(%(where)s).")
                      % {"member": member.code, "org": org.code, "by": by_org.code, "where": where})
            continue
        periods[key[:3]].append((start, end, row))
        if not world.under(org.pk, by_org.pk, start):
            ctx.warning(row, "organization", _("%(org)s does not stand under %(by)s on %(date)s.")
                        % {"org": org.code, "by": by_org.code, "date": short_date(start)})
        if world.member_on(member, start) is None and world.has_membership_records(member):
            ctx.warning(row, "member", _("%(member)s was not a Party member on %(date)s.")
                        % {"member": member.code, "date": short_date(start)})
        assignment = saved.get(key)
        if assignment is None:
            ctx.count(row, "created")
        elif assignment.end == end:
            ctx.count(row, "unchanged")
            continue
        else:
            ctx.count(row, "updated")
        plan.append((row, assignment))


def write_assignments(ctx: ImportContext) -> None:
    items = ctx.plans["assignments"]
    codes = {r.values[c] for r, _a in items for c in ("organization", "assigned_by")}
    orgs = {o.code: o for o in Organization.objects.filter(code__in=codes)}
    members = {m.code: m for m in Member.objects.filter(code__in=[r.values["member"] for r, _a in items])}
    for row, assignment in items:
        v = row.values
        try:
            if assignment is None:
                services.assign_cadres(items=[services.NewAssignment(
                    member=members[v["member"]], organization=orgs[v["organization"]],
                    assigned_by=orgs[v["assigned_by"]], start=v["start"], end=v.get("end"),
                )], by=ctx.by)
            else:
                services.end_assignments(items=[(assignment, v.get("end"))], by=ctx.by)
        except DomainError as exc:
            ctx.domain_error(exc, row, COLUMNS.get(exc.field or ""))
    ctx.advance(len(items))


# -- export ------------------------------------------------------------------------------


def export_rows(scope: ExportScope) -> dict[str, list[list]]:
    ids = scope.subtree
    terms = Term.objects.filter(organization_id__in=ids, voided_at__isnull=True).select_related("organization")
    documents = (
        Document.objects.filter(organization_id__in=ids, voided_at__isnull=True)
        .select_related("organization")
        .order_by("date", "organization__code", "kind", "number")
    )
    sessions = (
        StudySession.objects.filter(organization_id__in=ids)
        .select_related("organization")
        .prefetch_related("attendees__member")
        .order_by("date", "code")
    )
    assignments = (
        Assignment.objects.filter(assigned_by_id__in=ids, voided_at__isnull=True)
        .select_related("member", "organization", "assigned_by")
        .order_by("start", "member__code", "organization__code")
    )

    def attendees(session) -> str | None:
        codes = sorted(a.member.code for a in session.attendees.all() if a.voided_at is None)
        return ";".join(codes) or None

    return {
        "terms": [[t.organization.code, t.start, t.end, t.name or None] for t in terms.order_by("start")],
        "documents": [
            [d.organization.code, canonical(DOCUMENT_KINDS, d.kind), d.number, d.date, d.subject, d.symbol,
             d.note or None]
            for d in documents
        ],
        "study_sessions": [
            [s.code, s.name, canonical(STUDY_KINDS, s.kind), s.organization.code, s.date, s.attendance, attendees(s)]
            for s in sessions
        ],
        "assignments": [
            [a.member.code, a.organization.code, a.assigned_by.code, a.start, a.end] for a in assignments
        ],
    }
