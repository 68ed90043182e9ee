"""The `Kiểm tra, giám sát`, `Biện pháp khắc phục` and `Kỷ luật` sheets: import and
export (INTERCHANGE.md).

Each row is checked with the services' own rules against the records as the file would
leave them (`World`, plus the file's `Khai trừ` events), writing nothing; the write
calls the services with the whole sheet. An item is known by its code (`Mã cuộc`), a
remedy by its item and text, a decision by its subject, form and date: the same row
again changes nothing, other content is an update (the history keeps the former).

A `Khai trừ` decision is the member's `Khai trừ` event: when `Biến động` (or the
register) already holds it on the decision date, the decision takes it; otherwise the
decision writes it. Either way it is counted once.
"""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.exporter import ExportScope
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import BODIES, CONCLUSIONS, DISCIPLINE_FORMS, INSPECTION_KINDS, SUBJECTS, canonical
from dangbo.interchange.world import MemberSpan
from dangbo.members.models import Member, MembershipEvent
from dangbo.organizations.interchange import ensure_tree
from dangbo.organizations.models import FAR_FUTURE, Organization

from . import rules, services
from .models import Discipline, Item, Remedy

MEMBER = "MEMBER"
ONE_DAY = dt.timedelta(days=1)
ITEM_COLUMNS = {
    "code": "code",
    "year": "year",
    "kind": "kind",
    "body": "body",
    "organization": "organization",
    "subject": "subject_code",
    "start": "start",
    "end": "end",
    "conclusion": "conclusion",
    "decision_number": "decision_number",
    "note": "note",
    "strengths": "strengths",
    "shortcomings": "shortcomings",
}
REMEDY_COLUMNS = {"text": "text", "due": "due", "done_on": "done_on", "item": "inspection"}
DISCIPLINE_COLUMNS = {
    "date": "date",
    "form": "form",
    "organization": "organization",
    "body": "body",
    "subject": "subject_code",
    "violation_on": "violation_on",
    "item": "inspection",
    "number": "decision_number",
    "reason": "reason",
}


class FileFacts:
    """The services' questions answered as the file would leave the records: the tree and
    the register from the `World`, the `Khai trừ` events from the file and the database."""

    def __init__(self, ctx: ImportContext):
        self.world = ctx.world
        self._expelled: set[tuple[str, dt.date]] = {
            (r.values["member"], r.values["date"])
            for r in ctx.parsed.get("events", [])
            if not r.bad and r.values.get("kind") == MembershipEvent.Kind.EXPELLED
        }
        self._loaded: set[int] = set()

    def exists(self, org, day):
        return self.world.exists(org, day)

    def member_on(self, member, day):
        return self.world.member_on(member, day)

    def has_membership_records(self, member):
        return self.world.has_membership_records(member)

    def load(self, members: list[Member]) -> None:
        """The saved `Khai trừ` events of `members` (one query for a sheet)."""
        ids = [m.pk for m in members if m.pk not in self._loaded and m.code not in self.world.new_members]
        self._loaded.update(ids)
        for start in range(0, len(ids), 5000):
            self._expelled.update(
                MembershipEvent.objects.filter(
                    member_id__in=ids[start : start + 5000], kind=MembershipEvent.Kind.EXPELLED, voided_at__isnull=True
                ).values_list("member__code", "date")
            )

    def expelled_on(self, member, day):
        if member.pk not in self._loaded and member.code not in self.world.new_members:
            self.load([member])
        return (member.code, day) in self._expelled

    def expel(self, member, day) -> None:
        """The decision will write the member's `Khai trừ` event: later rows see it."""
        spans = [
            MemberSpan(s.valid_from, min(s.valid_to, day - ONE_DAY), s.organization_id, s.status)
            for s in self.world.member_spans(member)
            if s.valid_from < day
        ]
        self.world.set_member_spans(member, spans)
        self._expelled.add((member.code, day))


def _facts(ctx: ImportContext) -> FileFacts:
    if "inspection_facts" not in ctx.cache:
        ctx.cache["inspection_facts"] = FileFacts(ctx)
    return ctx.cache["inspection_facts"]


def _wrong_members(ctx: ImportContext) -> set[str]:
    """Members with a wrong row in `Biến động`: their spans are not the file's, so rows
    naming them are left out (the events' error is enough)."""
    if "inspection_wrong_members" not in ctx.cache:
        ctx.cache["inspection_wrong_members"] = {
            r.values["member"] for r in ctx.parsed.get("events", []) if r.bad and "member" in r.values
        }
    return ctx.cache["inspection_wrong_members"]


def _expulsions_ahead(ctx: ImportContext) -> None:
    """The file's `Khai trừ` decisions that `Biến động` lacks end the members' membership
    on their dates for every sheet's check, this one's earlier rows included (an item
    about a member after the expulsion is wrong). Only those that can be: the member an
    official member that day with nothing after it; the others are the decisions' errors."""
    if ctx.cache.get("inspection_expulsions_ahead"):
        return
    ctx.cache["inspection_expulsions_ahead"] = True
    facts, world = _facts(ctx), ctx.world
    rows = [
        r
        for r in ctx.parsed.get("disciplines", [])
        if not r.bad and r.values.get("form") == rules.EXPULSION and r.values.get("subject") == MEMBER
    ]
    world.load_members(r.values["subject_code"] for r in rows)
    world.preload_member_spans(
        [world.members[r.values["subject_code"]] for r in rows if r.values["subject_code"] in world.members]
    )
    for row in sorted(rows, key=lambda r: r.values["date"]):
        member, day = world.members.get(row.values["subject_code"]), row.values["date"]
        if member is None or member.code in ctx.bad_keys["members"] or member.code in _wrong_members(ctx):
            continue
        span = world.member_on(member, day)
        if (
            span is not None
            and span.status == rules.OFFICIAL
            and span.valid_to == FAR_FUTURE
            and not facts.expelled_on(member, day)
        ):
            facts.expel(member, day)


def _subject(row: ParsedRow, ctx: ImportContext) -> tuple[Member | None, Organization | None, bool]:
    """(member, organization, found) named by the row's `Đối tượng` and `Mã đối tượng`."""
    v = row.values
    code = v["subject_code"]
    if v["subject"] == MEMBER:
        member = ctx.world.members.get(code)
        if member is None or code in ctx.bad_keys["members"]:
            ctx.unknown(
                row, "subject_code", "members", code, _("Unknown member code: add the member to the sheet of members.")
            )
            return None, None, False
        if code in _wrong_members(ctx):
            row.bad = True
            return None, None, False
        return member, None, True
    org = ctx.world.orgs.get(code)
    if org is None:
        ctx.unknown(row, "subject_code", "organizations", code, _("Unknown organization code."))
        return None, None, False
    return None, org, True


def _saved_items(codes) -> dict[str, Item]:
    codes = sorted(set(codes))
    found = {}
    for start in range(0, len(codes), 5000):
        found.update({i.code: i for i in Item.objects.filter(code__in=codes[start : start + 5000])})
    return found


# -- Kiểm tra, giám sát ------------------------------------------------------------------


def _preload(rows: list[ParsedRow], ctx: ImportContext) -> None:
    """The saved spans of the organizations and members the rows name, in a few queries
    (a province's sheet names thousands)."""
    world = ctx.world
    members = {r.values.get("subject_code") for r in rows if r.values.get("subject") == MEMBER}
    world.load_members(members)
    world.preload_member_spans([world.members[c] for c in members if c in world.members])
    codes = {r.values.get("organization") for r in rows} | {
        r.values.get("subject_code") for r in rows if r.values.get("subject") != MEMBER
    }
    world.preload_spans(world.orgs[c].pk for c in codes if c in world.orgs)


def check_items(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)
    world = ctx.world
    _preload(rows, ctx)
    _expulsions_ahead(ctx)
    unique = unique_rows(rows, lambda r: r.values["code"], "code", ctx)
    bad = ctx.bad_keys["inspections"]
    bad.update(code for code, r in unique.items() if r.bad)
    saved = _saved_items(unique)
    known: dict[str, tuple[dt.date, int]] = ctx.cache.setdefault("inspection_items", {})
    facts = _facts(ctx)
    plan = ctx.plans.setdefault("inspections", [])
    for code, row in unique.items():
        v = row.values
        if row.bad:
            continue
        org = world.orgs.get(v["organization"])
        if org is None:
            ctx.unknown(row, "organization", "organizations", v["organization"], _("Unknown organization code."))
            bad.add(code)
            continue
        member, subject_org, found = _subject(row, ctx)
        if not found:
            bad.add(code)
            continue
        row.orgs = (org.pk,)
        fields = services.ItemFields(
            code=code,
            year=v["year"],
            kind=v["kind"],
            body=v["body"],
            organization=org,
            start=v["start"],
            subject_member=member,
            subject_organization=subject_org,
            decision_number=v.get("decision_number") or "",
            note=v.get("note") or "",
        )
        try:
            fields, warnings = services.check_item(fields, facts)
            services.check_conclusion(v["start"], v.get("end"), v.get("conclusion") or "", today=ctx.today)
        except DomainError as exc:
            ctx.domain_error(exc, row, ITEM_COLUMNS.get(exc.field or ""))
            bad.add(code)
            continue
        item = saved.get(code)
        if item is not None and item.voided_at is not None:
            ctx.error(row, "code", _("The item %(code)s was voided; give the new item another code.") % {"code": code})
            bad.add(code)
            continue
        for warning in warnings:
            ctx.warning(row, "subject_code", warning)
        if v["start"].year != v["year"]:
            ctx.warning(
                row,
                "start",
                _("The item starts in %(start)d but belongs to the program of %(year)d.")
                % {"start": v["start"].year, "year": v["year"]},
            )
        known[code] = (v["start"], org.pk)
        conclusion = (
            v.get("end"),
            v.get("conclusion") or "" if v.get("end") else "",
            services._text(v.get("strengths"), "strengths"),
            services._text(v.get("shortcomings"), "shortcomings"),
        )
        if item is None:
            ctx.count(row, "created")
            plan.append((row, True, bool(v.get("end")) or any(conclusion[2:])))
            continue
        plan_changed = tuple(getattr(item, f) for f in services.PLAN_FIELDS) != (
            fields.year,
            fields.kind,
            fields.body,
            org.pk,
            getattr(member, "pk", None),
            getattr(subject_org, "pk", None),
            fields.start,
            fields.decision_number,
            fields.note,
        )
        conclusion_changed = tuple(getattr(item, f) for f in services.CONCLUSION_FIELDS) != conclusion
        if not plan_changed and not conclusion_changed:
            ctx.count(row, "unchanged")
            continue
        ctx.count(row, "updated")
        plan.append((row, plan_changed, conclusion_changed))


def _row_of(exc: DomainError, pairs) -> ParsedRow | None:
    return next((row for row, entry in pairs if entry is exc.obj), None)


def write_items(ctx: ImportContext) -> None:
    entries = ctx.plans["inspections"]
    orgs = {
        o.code: o
        for o in Organization.objects.filter(
            code__in={r.values["organization"] for r, _p, _c in entries}
            | {r.values["subject_code"] for r, _p, _c in entries if r.values["subject"] != MEMBER}
        )
    }
    members = {
        m.code: m
        for m in Member.objects.filter(
            code__in=[r.values["subject_code"] for r, _p, _c in entries if r.values["subject"] == MEMBER]
        )
    }
    fields = []
    for row, plan_changed, _c in entries:
        if not plan_changed:
            continue
        v = row.values
        is_member = v["subject"] == MEMBER
        fields.append(
            (
                row,
                services.ItemFields(
                    code=v["code"],
                    year=v["year"],
                    kind=v["kind"],
                    body=v["body"],
                    organization=orgs[v["organization"]],
                    start=v["start"],
                    subject_member=members[v["subject_code"]] if is_member else None,
                    subject_organization=None if is_member else orgs[v["subject_code"]],
                    decision_number=v.get("decision_number") or "",
                    note=v.get("note") or "",
                ),
            )
        )
    try:
        services.record_items(items=[f for _r, f in fields], by=ctx.by)
    except DomainError as exc:
        ctx.domain_error(exc, _row_of(exc, fields), ITEM_COLUMNS.get(exc.field or ""))
        return
    conclusions = [(row, row.values) for row, _p, changed in entries if changed]
    items = _saved_items(v["code"] for _r, v in conclusions)
    pairs = [
        (
            row,
            services.ItemConclusion(
                item=items[v["code"]],
                end=v.get("end"),
                conclusion=v.get("conclusion") or "",
                strengths=v.get("strengths") or "",
                shortcomings=v.get("shortcomings") or "",
            ),
        )
        for row, v in conclusions
    ]
    try:
        services.conclude_items(items=[c for _r, c in pairs], by=ctx.by, today=ctx.today)
    except DomainError as exc:
        ctx.domain_error(exc, _row_of(exc, pairs), ITEM_COLUMNS.get(exc.field or ""))
        return
    ctx.advance(len(entries))


def _item_of(code: str, row: ParsedRow, ctx: ImportContext) -> tuple[dt.date, int] | None:
    """(start, organization pk) of the item `code` of the file or the database."""
    known = ctx.cache.setdefault("inspection_items", {})
    if code not in known and code not in ctx.bad_keys["inspections"]:
        item = Item.objects.filter(code=code).first()
        if item is not None:
            if item.voided_at is not None:
                ctx.error(row, "inspection", _("The item %(code)s is voided.") % {"code": code})
                return None
            known[code] = (item.start, item.organization_id)
    if code not in known:
        ctx.unknown(
            row,
            "inspection",
            "inspections",
            code,
            _("Unknown item code: add the item to the sheet of inspections and supervisions."),
        )
        return None
    return known[code]


# -- Biện pháp khắc phục -----------------------------------------------------------------


def check_remedies(rows: list[ParsedRow], ctx: ImportContext) -> None:
    def key(row):
        return (row.values["inspection"], services.text_key(row.values["text"]))

    unique = unique_rows(rows, key, "due", ctx)
    saved_items = _saved_items(code for code, _k in unique)
    existing = {
        (r.item.code, r.text_key): r
        for r in Remedy.objects.filter(item__in=list(saved_items.values()), voided_at__isnull=True).select_related(
            "item"
        )
    }
    plan = ctx.plans.setdefault("remedies", [])
    for (code, text_key), row in unique.items():
        v = row.values
        if row.bad:
            continue
        item = _item_of(code, row, ctx)
        if item is None:
            continue
        start, org_pk = item
        row.orgs = (org_pk,)
        try:
            services.check_remedy(start, v["text"], v["due"], v.get("done_on"), today=ctx.today)
        except DomainError as exc:
            ctx.domain_error(exc, row, REMEDY_COLUMNS.get(exc.field or ""))
            continue
        remedy = existing.get((code, text_key))
        if remedy is None:
            ctx.count(row, "created")
        elif remedy.due == v["due"] and remedy.done_on == v.get("done_on"):
            ctx.count(row, "unchanged")
            continue
        else:
            ctx.count(row, "updated")
        plan.append(row)


def write_remedies(ctx: ImportContext) -> None:
    rows: list[ParsedRow] = ctx.plans["remedies"]
    items = _saved_items(r.values["inspection"] for r in rows)
    pairs = [
        (
            row,
            services.RemedyFields(item=items[row.values["inspection"]], text=row.values["text"], due=row.values["due"]),
        )
        for row in rows
    ]
    try:
        results = services.record_remedies(items=[f for _r, f in pairs], by=ctx.by, today=ctx.today)
    except DomainError as exc:
        ctx.domain_error(exc, _row_of(exc, pairs), REMEDY_COLUMNS.get(exc.field or ""))
        return
    done = [
        (row, services.RemedyDone(remedy=remedy, done_on=row.values.get("done_on")))
        for (row, _f), (remedy, _outcome) in zip(pairs, results, strict=True)
        if remedy.done_on != row.values.get("done_on")
    ]
    try:
        services.complete_remedies(items=[d for _r, d in done], by=ctx.by, today=ctx.today)
    except DomainError as exc:
        ctx.domain_error(exc, _row_of(exc, done), REMEDY_COLUMNS.get(exc.field or ""))
        return
    ctx.advance(len(rows))


# -- Kỷ luật -----------------------------------------------------------------------------


def _discipline_key(row: ParsedRow) -> tuple:
    v = row.values
    return (v["subject"], v["subject_code"], v["form"], v["date"])


def check_disciplines(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)
    world = ctx.world
    _preload(rows, ctx)
    _expulsions_ahead(ctx)
    unique = unique_rows(rows, _discipline_key, "form", ctx)
    facts = _facts(ctx)
    facts.load([world.members[k[1]] for k in unique if k[0] == MEMBER and k[1] in world.members])
    members = [world.members[k[1]].pk for k in unique if k[0] == MEMBER and k[1] in world.members]
    orgs = [world.orgs[k[1]].pk for k in unique if k[0] != MEMBER and k[1] in world.orgs]
    saved = {
        (
            MEMBER if d.subject_member_id else rules.ORGANIZATION,
            d.subject_member_id or d.subject_organization_id,
            d.form,
            d.date,
        ): d
        for d in Discipline.objects.filter(voided_at__isnull=True)
        .filter(Q(subject_member_id__in=members) | Q(subject_organization_id__in=orgs))
        .select_related("item")
    }
    plan = ctx.plans.setdefault("disciplines", [])
    for row in sorted(unique.values(), key=lambda r: (r.values["date"], r.number)):
        v = row.values
        if row.bad:
            continue
        org = world.orgs.get(v["organization"])
        if org is None:
            ctx.unknown(row, "organization", "organizations", v["organization"], _("Unknown organization code."))
            continue
        member, subject_org, found = _subject(row, ctx)
        if not found:
            continue
        if v.get("inspection"):
            if _item_of(v["inspection"], row, ctx) is None:
                continue
        row.orgs = (org.pk,)
        entry = services.NewDiscipline(
            date=v["date"],
            form=v["form"],
            organization=org,
            body=v["body"],
            subject_member=member,
            subject_organization=subject_org,
            violation_on=v.get("violation_on"),
            number=v.get("decision_number") or "",
            reason=v.get("reason") or "",
        )
        try:
            entry, warnings = services.check_discipline(entry, facts, today=ctx.today)
        except DomainError as exc:
            ctx.domain_error(exc, row, DISCIPLINE_COLUMNS.get(exc.field or ""))
            continue
        for warning in warnings:
            ctx.warning(row, "violation_on", warning)
        subject_pk = member.pk if member is not None else subject_org.pk
        found_decision = saved.get((v["subject"], subject_pk, v["form"], v["date"]))
        if found_decision is None:
            if v["form"] == rules.EXPULSION and not facts.expelled_on(member, v["date"]):
                facts.expel(member, v["date"])
            ctx.count(row, "created")
            plan.append((row, bool(warnings)))
            continue
        item_code = found_decision.item.code if found_decision.item_id else None
        same = (
            found_decision.organization_id == org.pk
            and found_decision.body == entry.body
            and found_decision.violation_on == entry.violation_on
            and item_code == (v.get("inspection") or None)
            and found_decision.number == entry.number
            and found_decision.reason == entry.reason
        )
        if same:
            ctx.count(row, "unchanged")
            continue
        ctx.count(row, "updated")
        plan.append((row, bool(warnings)))


def write_disciplines(ctx: ImportContext) -> None:
    entries = ctx.plans["disciplines"]
    rows = [row for row, _w in entries]
    orgs = {
        o.code: o
        for o in Organization.objects.filter(
            code__in={r.values["organization"] for r in rows}
            | {r.values["subject_code"] for r in rows if r.values["subject"] != MEMBER}
        )
    }
    members = {
        m.code: m
        for m in Member.objects.filter(
            code__in=[r.values["subject_code"] for r in rows if r.values["subject"] == MEMBER]
        )
    }
    items = _saved_items(r.values["inspection"] for r in rows if r.values.get("inspection"))
    reason = _("Imported from %(file)s; the warnings are in the import report.") % {"file": ctx.report.file_name}
    pairs = []
    for row, warned in entries:
        v = row.values
        is_member = v["subject"] == MEMBER
        pairs.append(
            (
                row,
                services.NewDiscipline(
                    date=v["date"],
                    form=v["form"],
                    organization=orgs[v["organization"]],
                    body=v["body"],
                    subject_member=members[v["subject_code"]] if is_member else None,
                    subject_organization=None if is_member else orgs[v["subject_code"]],
                    violation_on=v.get("violation_on"),
                    item=items.get(v.get("inspection") or ""),
                    number=v.get("decision_number") or "",
                    reason=v.get("reason") or "",
                    override_reason=reason if warned else "",
                ),
            )
        )
    try:
        outcomes = services.record_disciplines(items=[d for _r, d in pairs], by=ctx.by, today=ctx.today)
    except DomainError as exc:
        ctx.domain_error(exc, _row_of(exc, pairs), DISCIPLINE_COLUMNS.get(exc.field or ""))
        return
    for (row, _d), outcome in zip(pairs, outcomes, strict=True):
        for notice in outcome.notices:
            ctx.warning(row, None, notice)
    ctx.advance(len(rows))


# -- Export ------------------------------------------------------------------------------


def _subject_cells(record) -> list:
    if record.subject_member_id:
        return [canonical(SUBJECTS, MEMBER), record.subject_member.code]
    return [canonical(SUBJECTS, rules.ORGANIZATION), record.subject_organization.code]


def export_rows(scope: ExportScope) -> dict[str, list[list]]:
    """The live items carried out by the subtree's organizations, their live remedies,
    and the live decisions its organizations took."""
    items = (
        Item.objects.filter(organization_id__in=scope.subtree, voided_at__isnull=True)
        .select_related("organization", "subject_member", "subject_organization")
        .order_by("start", "code")
    )
    remedies = (
        Remedy.objects.filter(item__in=items, voided_at__isnull=True)
        .select_related("item")
        .order_by("item__code", "due", "pk")
    )
    disciplines = (
        Discipline.objects.filter(organization_id__in=scope.subtree, voided_at__isnull=True)
        .select_related("organization", "subject_member", "subject_organization", "item")
        .order_by("date", "pk")
    )
    rows = {
        "inspections": [
            [
                i.code,
                i.year,
                canonical(INSPECTION_KINDS, i.kind),
                canonical(BODIES, i.body),
                i.organization.code,
                *_subject_cells(i),
                i.start,
                i.end,
                canonical(CONCLUSIONS, i.conclusion) if i.conclusion else None,
                i.strengths or None,
                i.shortcomings or None,
                i.decision_number or None,
                i.note or None,
            ]
            for i in items
        ],
        "remedies": [[r.item.code, r.text, r.due, r.done_on] for r in remedies],
        "disciplines": [
            [
                d.date,
                *_subject_cells(d),
                canonical(DISCIPLINE_FORMS, d.form),
                d.organization.code,
                canonical(BODIES, d.body),
                d.violation_on,
                d.item.code if d.item_id else None,
                d.number or None,
                d.reason or None,
            ]
            for d in disciplines
        ],
    }
    rows["members"] = _people_of_record(rows, scope)
    return rows


def _people_of_record(rows: dict[str, list[list]], scope: ExportScope) -> list[list]:
    """`Đảng viên` rows of subjects whose membership the subtree does not hold (a member
    of another committee inspected here): their dossier only, so that the file stands
    alone (the import warns that their membership is kept elsewhere)."""
    from dangbo.members.interchange import people_of_record

    member = canonical(SUBJECTS, MEMBER)
    codes = {r[6] for r in rows["inspections"] if r[5] == member} | {
        r[2] for r in rows["disciplines"] if r[1] == member
    }
    if not codes:
        return []
    inside = set(
        MembershipEvent.objects.filter(member__code__in=codes, voided_at__isnull=True)
        .filter(Q(organization_id__in=scope.subtree) | Q(origin_id__in=scope.subtree))
        .values_list("member__code", flat=True)
    )
    return people_of_record(codes - inside)
