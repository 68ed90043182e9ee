"""The `Đảng viên` and `Biến động` sheets: import and export."""

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext as _

from dangbo.core.bulk import build
from dangbo.core.errors import DomainError
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import (
    EVENT_KINDS,
    SEXES,
    SHEETS_BY_KEY,
    STATUSES,
    THEORY_LEVELS,
    canonical,
)
from dangbo.lib.vntext import check_citizen_id
from dangbo.organizations.interchange import ensure_tree, organizations_by_code
from dangbo.organizations.models import OrgSpan

from . import lifecycle, services
from .models import Member, MembershipEvent

MEMBER_COLUMNS = {c.key for c in SHEETS_BY_KEY["members"].columns}
EVENT_COLUMNS = {c.key for c in SHEETS_BY_KEY["events"].columns}


def members_by_code(ctx: ImportContext) -> dict[str, Member]:
    if "members" not in ctx.cache:
        ctx.cache["members"] = {m.code: m for m in Member.objects.all()}
    return ctx.cache["members"]


def _column(field: str | None, columns: set[str]) -> str | None:
    return field if field in columns else None


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


def import_members(rows: list[ParsedRow], ctx: ImportContext) -> None:
    members = members_by_code(ctx)
    created: list[tuple[Member, ParsedRow]] = []
    for code, row in unique_rows(rows, lambda r: r.values["code"], "code", ctx).items():
        if not _member_row_ok(row, ctx):
            continue
        v = row.values
        # Only the columns the sheet has: data entered in the app for the others stays.
        fields = {
            key: v.get(key) or ""
            for key in ("full_name", "family_name", "middle_name", "given_name") + services.PROFILE_FIELDS
            if key in v or key in ("full_name", "family_name", "middle_name", "given_name")
        }
        existing = members.get(code)
        try:
            if existing is None:
                member = services.new_member(code=code, birth=v["birth"], sex=v["sex"], **fields)
                created.append((member, row))
            else:
                changed = services.update_member(
                    member=existing, birth=v["birth"], sex=v["sex"], by=ctx.by, **fields
                )
                ctx.count(row, "updated" if changed else "unchanged")
                ctx.remember(existing, row)
        except DomainError as exc:
            ctx.domain_error(exc, row, _column(exc.field, MEMBER_COLUMNS))
    if ctx.report.errors:
        return  # nothing will be kept; spare the writes
    for member, _row in created:
        members[member.code] = member
    if "events" in ctx.sheets:
        # Saved with the events, their projection set: one history entry each.
        ctx.cache["pending_members"] = created
        return
    _save_new_members(created, ctx)


def _save_new_members(created, ctx: ImportContext) -> None:
    services.create_members([m for m, _row in created], by=ctx.by)
    for member, row in created:
        ctx.remember(member, row)
        ctx.count(row, "created")


def _existence(ctx: ImportContext):
    """Organization existence from memory: one query for the whole sheet."""
    lives: dict[int, list[tuple]] = defaultdict(list)
    for org_id, start, end in OrgSpan.objects.filter(merged_into__isnull=True).values_list(
        "organization_id", "valid_from", "valid_to"
    ):
        lives[org_id].append((start, end))

    def exists(org, day) -> bool:
        return any(start <= day <= end for start, end in lives.get(org.pk, ()))

    return exists


def import_events(rows: list[ParsedRow], ctx: ImportContext) -> None:
    if not ensure_tree(ctx):  # events are checked against the tree as imported
        return
    org_exists = _existence(ctx)
    orgs = organizations_by_code(ctx)
    members = members_by_code(ctx)
    unique = unique_rows(
        rows, lambda r: (r.values["member"], r.values["kind"], r.values["date"]), "kind", ctx
    )

    # By code: members new in this file are not saved yet, so not hashable.
    by_member: dict[str, list[tuple[ParsedRow, object]]] = defaultdict(list)
    for row in unique.values():
        v = row.values
        member = members.get(v["member"])
        if member is None:
            ctx.error(
                row, "member", _("Unknown member code: add the member to the sheet of members.")
            )
            continue
        org = None
        if v.get("organization"):
            org = orgs.get(v["organization"])
            if org is None:
                ctx.error(row, "organization", _("Unknown organization code."))
                continue
        by_member[member.code].append((row, org))
    if not by_member:
        if not ctx.report.errors:
            _save_new_members(ctx.cache.pop("pending_members", []), ctx)
        return

    pending = {m.code: (m, row) for m, row in ctx.cache.pop("pending_members", [])}
    # Members in the order of their first row's date, so errors read in file order;
    # written a chunk at a time (inside the import's transaction), so that the records
    # of a province's file are not all held in memory at once.
    ordered = sorted(by_member.items(), key=lambda kv: min(r.values["date"] for r, _o in kv[1]))
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        _import_member_events(chunk, members, pending, org_exists, ctx)
        ctx.advance(sum(len(items) for _code, items in chunk))
    if pending and not ctx.report.errors:
        _save_new_members(list(pending.values()), ctx)  # members without events in the file


CHUNK = 5_000  # members


def _import_member_events(chunk, members: dict[str, Member], pending: dict, org_exists, ctx: ImportContext) -> None:
    existing: dict[int, list[MembershipEvent]] = defaultdict(list)
    saved = [members[code].pk for code, _items in chunk if members[code].pk is not None]
    if saved:
        for event in MembershipEvent.objects.filter(member__in=saved, voided_at__isnull=True).select_related(
            "organization"
        ):
            existing[event.member_id].append(event)
    by = ctx.by if getattr(ctx.by, "pk", None) else None
    accepted = []
    for code, items in chunk:
        member = members[code]
        events = existing[member.pk] if member.pk is not None else []
        known = {(e.kind, e.date) for e in events}
        new: dict[int, tuple[MembershipEvent, ParsedRow]] = {}
        for row, org in items:
            v = row.values
            if (v["kind"], v["date"]) in known:
                ctx.count(row, "unchanged")
                continue
            event = build(
                MembershipEvent,
                member=member,
                kind=v["kind"],
                date=v["date"],
                organization=org,
                status=v.get("status") or "",
                admitted_on=v.get("admitted_on"),
                official_on=v.get("official_on"),
                decision_number=v.get("decision_number") or "",
                reason=v.get("reason") or "",
                note=v.get("note") or "",
                created_by=by,
            )
            new[id(event)] = (event, row)
        if not new:
            continue
        all_events = events + [e for e, _r in new.values()]
        # One replay per member, in date and kind order: the rules hold event by event.
        try:
            outcome = lifecycle.replay(member, all_events, org_exists)
        except DomainError as exc:
            failing = new.get(id(exc.obj))
            row = failing[1] if failing else min((r for _e, r in new.values()), key=lambda r: r.number)
            ctx.domain_error(exc, row, _column(exc.field, EVENT_COLUMNS) if failing else None)
            continue
        accepted.append((member, all_events, outcome, list(new.values())))
    if ctx.report.errors:
        return  # nothing will be kept; spare the writes, but check the rest of the file
    created = [pending.pop(m.code) for m, _e, _o, _n in accepted if m.code in pending]
    services.record_replayed_events(
        [(m, evs, out) for m, evs, out, _new in accepted], new_members=[m for m, _r in created], by=ctx.by
    )
    for member, row in created:
        ctx.remember(member, row)
        ctx.count(row, "created")
    for member, _evs, _out, new_rows in accepted:
        row = ctx.rows_by_obj.get((Member._meta.label, member.pk))
        if row is not None:
            ctx.remember(member, row)  # its organization as the events left it
        for event, row in new_rows:
            ctx.remember(event, row, findable=False)
            ctx.count(row, "created")


def _maybe(choices, code):
    return canonical(choices, code) if code else None


def export_rows(org_ids: set[int]) -> dict[str, list[list]]:
    """Members who ever belonged to one of `org_ids`, and all their live events."""
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
        "members": [
            [
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
            for m in members
        ],
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
