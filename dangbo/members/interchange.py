"""The `Đảng viên` and `Biến động` sheets: import and export.

The check replays every member's events of the file, with those already recorded, in
memory (`lifecycle.replay`, the rule the service applies): the first impossible event of
a member is named on its row; what the replays give (where each member belongs on each
day) is what later sheets are checked against. The write goes through
`services.record_events`, a chunk of members at a time.
"""

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext as _

from dangbo.core.bulk import build
from dangbo.core.errors import DomainError
from dangbo.interchange.exporter import ExportScope
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import (
    EVENT_KINDS,
    SEXES,
    SHEETS_BY_KEY,
    STATUSES,
    THEORY_LEVELS,
    canonical,
)
from dangbo.interchange.world import MemberSpan
from dangbo.lib.vntext import check_citizen_id
from dangbo.organizations.interchange import ensure_tree
from dangbo.organizations.models import Organization

from . import lifecycle, services
from .models import Member, MembershipEvent

MEMBER_COLUMNS = {c.key for c in SHEETS_BY_KEY["members"].columns}
EVENT_COLUMNS = {c.key for c in SHEETS_BY_KEY["events"].columns}
NAMES = ("full_name", "family_name", "middle_name", "given_name")
CHUNK = 5_000  # members replayed (and written) at a time


def _column(field: str | None, columns: set[str]) -> str | None:
    return field if field in columns else None


def _fields(v: dict) -> dict:
    """The service's fields from a row: only the columns the sheet has, so that data
    entered in the app for the others stays."""
    fields = {key: v.get(key) or "" for key in NAMES}
    fields.update({key: v.get(key) or "" for key in services.PROFILE_FIELDS if key in v})
    fields["birth"], fields["sex"] = v.get("birth"), v.get("sex")
    return fields


def _member_row_ok(row: ParsedRow, ctx: ImportContext) -> bool:
    v = row.values
    ok = True
    if not v.get("full_name") and not v.get("given_name"):
        ctx.error(row, "full_name", _("The full name is required (or the family and given names)."))
        ok = False
    citizen_id = v.get("citizen_id")
    if citizen_id:
        if not (citizen_id.isascii() and citizen_id.isdigit() and len(citizen_id) == 12):
            ctx.error(row, "citizen_id", _("The citizen ID number has exactly 12 digits."))
            ok = False
        else:
            for problem in check_citizen_id(citizen_id, v.get("sex"), v.get("birth")):
                ctx.warning(row, "citizen_id", problem)
    card = v.get("card_number")
    if card and not (card.isascii() and card.isdigit() and len(card) == 8):
        ctx.error(row, "card_number", _("The Party card number has exactly 8 digits."))
        ok = False
    return ok


def _plan(ctx: ImportContext) -> dict:
    return ctx.plans.setdefault("members", {"new": {}, "updates": {}, "events": defaultdict(list)})


def check_members(rows: list[ParsedRow], ctx: ImportContext) -> None:
    world = ctx.world
    world.load_members(r.values.get("code") for r in rows)
    unique = unique_rows(rows, lambda r: r.values["code"], "code", ctx)
    ctx.bad_keys["members"].update(code for code, r in unique.items() if r.bad)
    plan = _plan(ctx)
    for code, row in unique.items():
        if row.bad or not _member_row_ok(row, ctx):
            ctx.bad_keys["members"].add(code)
            continue
        fields = _fields(row.values)
        existing = world.members.get(code)
        try:
            if existing is None:
                member = services.check_member(code=code, **fields)
                world.add_member(member)
                ctx.rows_of[id(member)] = row
                plan["new"][code] = (member, row)  # written as checked (its temporary pk let go)
                ctx.count(row, "created")
            elif services.would_change(existing, fields):
                plan["updates"][code] = (fields, row)
                ctx.count(row, "updated")
            else:
                ctx.count(row, "unchanged")
        except DomainError as exc:
            ctx.domain_error(exc, row, _column(exc.field, MEMBER_COLUMNS))
            ctx.bad_keys["members"].add(code)


def check_events(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)  # events are checked against the tree as the file leaves it
    world = ctx.world
    world.load_members(r.values.get("member") for r in rows)
    unique = unique_rows(rows, lambda r: (r.values["member"], r.values["kind"], r.values["date"]), "kind", ctx)
    by_member: dict[str, list[tuple[ParsedRow, Organization | None]]] = defaultdict(list)
    # A member with a wrong row is not replayed: what follows from that row (a recognition
    # after a misdated admission) is not a second error of its own.
    wrong: set[str] = {r.values["member"] for r in rows if r.bad and "member" in r.values}
    for row in unique.values():
        v = row.values
        if row.bad:
            continue
        member = world.members.get(v["member"])
        if member is None or v["member"] in ctx.bad_keys["members"]:
            ctx.unknown(row, "member", "members", v["member"],
                        _("Unknown member code: add the member to the sheet of members."))
            continue
        org = None
        if v.get("organization"):
            org = world.orgs.get(v["organization"])
            if org is None:
                ctx.unknown(row, "organization", "organizations", v["organization"], _("Unknown organization code."))
                wrong.add(member.code)
                continue
        by_member[member.code].append((row, org))
    for code in wrong:
        by_member.pop(code, None)
    # Members in the order of their first row's date, so errors read in file order.
    ordered = sorted(by_member.items(), key=lambda kv: min(r.values["date"] for r, _o in kv[1]))
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        _check_member_events(chunk, ctx)
        ctx.advance(sum(len(items) for _code, items in chunk))


def _check_member_events(chunk, ctx: ImportContext) -> None:
    world = ctx.world
    saved = [world.members[code] for code, _items in chunk if code not in world.new_members]
    existing = services._live_events_of([m.pk for m in saved])
    plan = _plan(ctx)
    for code, items in chunk:
        member = world.members[code]
        events = list(existing.get(member.pk, ())) if code not in world.new_members else []
        known = {(e.kind, e.date) for e in events}
        new: dict[int, ParsedRow] = {}
        for row, org in items:
            v = row.values
            if (v["kind"], v["date"]) in known:
                ctx.count(row, "unchanged")
                continue
            event = build(
                MembershipEvent, member=member, kind=v["kind"], date=v["date"], organization=org,
                status=v.get("status") or "", admitted_on=v.get("admitted_on"), official_on=v.get("official_on"),
            )
            new[id(event)] = row
            events.append(event)
        if not new:
            continue
        try:
            outcome = lifecycle.replay(member, events, world.exists)
        except DomainError as exc:
            failing = new.get(id(exc.obj))
            row = failing or min(new.values(), key=lambda r: r.number)
            ctx.domain_error(exc, row, _column(exc.field, EVENT_COLUMNS) if failing else None)
            continue
        world.set_member_spans(member, [
            MemberSpan(s.valid_from, s.valid_to, s.organization_id, s.status) for s in outcome.spans
        ])
        for event in events:
            row = new.get(id(event))
            if row is not None:
                row.orgs = tuple(pk for pk in (event.organization_id, outcome.origins.get(id(event))) if pk)
                plan["events"][code].append(row)
                ctx.count(row, "created")
        member_row = ctx.rows_of.get(id(member)) or (plan["updates"].get(code) or (None, None))[1]
        if member_row is not None:
            member_row.orgs = (outcome.state.organization_id,) if outcome.state.organization_id else ()


def check_members_in_organizations(ctx: ImportContext) -> None:
    """No member, of the file or saved, left in an organization outside its life in the
    tree as the file leaves it (the members' tree check, in memory)."""
    if "members" not in ctx.sheets and "events" not in ctx.sheets and not ctx.world.tree_changed:
        return
    for member, org, message in ctx.world.members_outside_organizations():
        row = ctx.rows_of.get(id(member)) or next(
            (
                r for key in ("organizations", "reorganizations") for r in ctx.parsed.get(key, [])
                if org.code in (r.values.get("code"), r.values.get("organization"))
            ),
            None,
        )
        ctx.error(row, None, message)


def write_members(ctx: ImportContext) -> None:
    plan = ctx.plans["members"]
    orgs = {o.code: o for o in Organization.objects.all()}
    if plan["updates"]:
        saved = {m.code: m for m in Member.objects.filter(code__in=list(plan["updates"]))}
        services.update_members(
            changes=[(saved[code], fields) for code, (fields, _row) in plan["updates"].items()], by=ctx.by
        )
        ctx.advance(len(plan["updates"]))
    codes = list(plan["events"])
    for start in range(0, len(codes), CHUNK):
        chunk = codes[start : start + CHUNK]
        saved = {m.code: m for m in Member.objects.filter(code__in=[c for c in chunk if c not in plan["new"]])}
        new = {code: _unsaved(plan["new"][code][0]) for code in chunk if code in plan["new"]}
        items = []
        for code in chunk:
            member = new.get(code) or saved[code]
            for row in plan["events"][code]:
                v = row.values
                items.append(services.NewEvent(
                    member=member, kind=v["kind"], date=v["date"],
                    organization=orgs[v["organization"]] if v.get("organization") else None,
                    status=v.get("status") or "", admitted_on=v.get("admitted_on"),
                    official_on=v.get("official_on"), decision_number=v.get("decision_number") or "",
                    reason=v.get("reason") or "", note=v.get("note") or "",
                ))
        services.record_events(items=items, new_members=list(new.values()), by=ctx.by)
        ctx.advance(len(items) + len(new))
    alone = [code for code in plan["new"] if code not in plan["events"]]
    for start in range(0, len(alone), CHUNK):
        members = [_unsaved(plan["new"][code][0]) for code in alone[start : start + CHUNK]]
        services.record_events(items=[], new_members=members, by=ctx.by)
        ctx.advance(len(members))


def _unsaved(member: Member) -> Member:
    """A member checked by `check_members`, without the temporary id the file's world
    gave it (interchange.world), ready for `record_events(new_members=…)`."""
    member.pk = None
    return member


def _maybe(choices, code):
    return canonical(choices, code) if code else None


def _member_row(m: Member) -> list:
    return [
        m.code,
        m.full_name,
        m.family_name or None,
        m.middle_name or None,
        m.given_name,
        m.birth_date or m.birth_year,
        canonical(SEXES, m.sex),
        m.ethnicity or None,
        m.religion or None,
        m.home_town or None,
        m.residence or None,
        m.occupation or None,
        m.profession or None,
        m.citizen_id or None,
        m.card_number or None,
        m.general_education or None,
        _maybe(THEORY_LEVELS, m.theory_level),
    ]


def people_of_record(codes: set[str]) -> list[list]:
    """`Đảng viên` rows of people an exported record names but whose membership the
    subtree does not hold: their dossier only."""
    return [_member_row(m) for m in Member.objects.filter(code__in=codes).order_by("code")]


def export_rows(scope: ExportScope) -> dict[str, list[list]]:
    """Members who ever belonged to one of `org_ids`, and all their live events."""
    org_ids = scope.subtree
    member_ids = set(
        MembershipEvent.objects.filter(voided_at__isnull=True)
        .filter(Q(organization_id__in=org_ids) | Q(origin_id__in=org_ids))
        .values_list("member_id", flat=True)
    )
    members = Member.objects.filter(pk__in=member_ids).order_by("code")
    events = (
        MembershipEvent.objects.filter(member_id__in=member_ids, voided_at__isnull=True)
        .select_related("member", "organization")
        .order_by("date", "member__code", "pk")
    )
    return {
        "members": [_member_row(m) for m in members],
        "events": [
            [
                e.member.code,
                canonical(EVENT_KINDS, e.kind),
                e.date,
                e.organization.code if e.organization else None,
                _maybe(STATUSES, e.status),
                e.admitted_on,
                e.official_on,
                e.decision_number or None,
                e.reason or None,
                e.note or None,
            ]
            for e in events
        ],
    }
