"""The `Tiếp công dân` and `Đơn thư` sheets: import and export (INTERCHANGE.md).

A session's key is its date, committee and form; a petition's its code. A row whose key
is recorded already with the same content is unchanged, with other content an update
(history). Every bad cell of a row is named, all rows at once, nothing written.

The sender of a denunciation is confidential: an export carries it only when made by a
role entitled to see it (accounts.access.may_export_senders), and logs it; an empty
`Người gửi` on a denunciation already recorded keeps the sender it has (a file exported
without it changes nothing when imported again).
"""

from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.exporter import ExportScope
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import (
    CHANNELS,
    COMPLEXITIES,
    PETITION_KINDS,
    PETITION_RESULTS,
    RECEPTION_FORMS,
    canonical,
)
from dangbo.lib.vntext import short_date
from dangbo.members.models import Member
from dangbo.organizations.interchange import ensure_tree
from dangbo.organizations.models import Organization

from . import deadlines, services
from .models import Petition, PetitionExtension, ReceptionSession

# service field -> sheet column key, to name the column of a refusal
RECEPTION_COLUMNS = {"form": "form", "date": "date", "citizens": "citizens", "content": "content", "note": "note",
                     "organization": "organization"}
PETITION_COLUMNS = {
    "code": "code", "received_on": "received_on", "organization": "organization", "kind": "kind",
    "content": "content", "sender": "sender", "channel": "channel", "member": "member", "complexity": "complexity",
    "remote": "remote", "accepted_on": "accepted_on", "closed_on": "closed_on", "result": "result",
    "document_number": "document_number", "note": "note",
}


def _member(row: ParsedRow, column: str, ctx: ImportContext):
    """The member a row names in `column` (None when empty); reports an unknown code."""
    code = row.values.get(column)
    if not code:
        return None
    member = ctx.world.members.get(code)
    if member is None or code in ctx.bad_keys["members"]:
        ctx.unknown(row, column, "members", code, _("Unknown member code: add the member to the sheet of members."))
        return False
    return member


def _organization(row: ParsedRow, ctx: ImportContext, day) -> Organization | None:
    code = row.values["organization"]
    org = ctx.world.orgs.get(code)
    if org is None:
        ctx.unknown(row, "organization", "organizations", code, _("Unknown organization code."))
        return None
    row.orgs = (org.pk,)
    if not ctx.world.exists(org, day):
        ctx.error(row, "organization", _("The organization %(code)s did not exist on %(date)s.")
                  % {"code": org.code, "date": short_date(day)})
        return None
    return org


# -- Tiếp công dân ------------------------------------------------------------------------


def _reception_key(row: ParsedRow) -> tuple:
    v = row.values
    return (v["date"], v["organization"], v["form"])


def check_receptions(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)
    world = ctx.world
    world.load_members(r.values.get("presided_by") for r in rows)
    unique = unique_rows(rows, _reception_key, "form", ctx)
    saved_orgs = [o.pk for code, o in world.orgs.items() if code not in world.new_orgs]
    existing = {
        (s.date, s.organization_id, s.form): s
        for s in ReceptionSession.objects.filter(voided_at__isnull=True, organization_id__in=saved_orgs,
                                                 date__in={k[0] for k in unique})
        .select_related("presided_by")
    }
    plan = ctx.plans.setdefault("receptions", [])
    for row in unique.values():
        if row.bad:
            continue
        v = row.values
        org = _organization(row, ctx, v["date"])
        presided = _member(row, "presided_by", ctx)
        if org is None or presided is False:
            continue
        citizens = v.get("citizens") or 0
        if citizens < 0:
            ctx.error(row, "citizens", _("The number of citizens is a whole number, 0 or more."))
            continue
        item = services.ReceptionData(organization=org, date=v["date"], form=v["form"], presided_by=presided,
                                      citizens=citizens, content=v.get("content") or "", note=v.get("note") or "")
        try:
            item = services.check_reception(item)
        except DomainError as exc:
            ctx.domain_error(exc, row, RECEPTION_COLUMNS.get(exc.field or ""))
            continue
        session = existing.get((v["date"], org.pk, v["form"]))
        if session is None:
            ctx.count(row, "created")
        elif (session.presided_by.code if session.presided_by_id else None,
              session.citizens, session.content, session.note) == (
                  presided.code if presided else None, item.citizens, item.content, item.note):
            ctx.count(row, "unchanged")
            continue
        else:
            ctx.count(row, "updated")
        plan.append((row, session))


def write_receptions(ctx: ImportContext) -> None:
    planned: list[tuple[ParsedRow, ReceptionSession | None]] = ctx.plans["receptions"]
    rows = [row for row, _session in planned]
    orgs = {o.code: o for o in Organization.objects.filter(code__in={r.values["organization"] for r in rows})}
    members = {m.code: m for m in Member.objects.filter(code__in={r.values.get("presided_by") for r in rows} - {None})}
    new, changes = [], []
    for row, session in planned:
        v = row.values
        item = services.ReceptionData(
            organization=orgs[v["organization"]], date=v["date"], form=v["form"],
            presided_by=members.get(v.get("presided_by") or ""), citizens=v.get("citizens") or 0,
            content=v.get("content") or "", note=v.get("note") or "",
        )
        if session is None:
            new.append((row, item))
        else:
            changes.append((row, session, item))
    try:
        services.record_receptions(items=[item for _row, item in new], by=ctx.by)
        services.update_receptions(changes=[(session, item) for _row, session, item in changes], by=ctx.by)
    except DomainError as exc:
        failing = next((row for row, item in new if item is exc.obj), None) or next(
            (row for row, _s, item in changes if item is exc.obj), None)
        ctx.domain_error(exc, failing, RECEPTION_COLUMNS.get(exc.field or "") if failing else None)
    ctx.advance(len(planned))


# -- Đơn thư --------------------------------------------------------------------------------


def check_petitions(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)
    world = ctx.world
    world.load_members(r.values.get("member") for r in rows)
    unique = unique_rows(rows, lambda r: r.values["code"], "code", ctx)
    ctx.bad_keys["petitions"].update(code for code, r in unique.items() if r.bad)
    existing = {p.code: p for p in Petition.objects.filter(code__in=list(unique)).select_related("member",
                                                                                                  "organization")}
    extended = set(PetitionExtension.objects.filter(petition__code__in=list(existing), voided_at__isnull=True)
                   .values_list("petition_id", flat=True))
    has_sender = "sender" in (rows[0].columns if rows else {})
    rules = deadlines.Rules()
    plan = ctx.plans.setdefault("petitions", [])
    for code, row in unique.items():
        if row.bad:
            continue
        v = row.values
        org = _organization(row, ctx, v["received_on"])
        member = _member(row, "member", ctx)
        if org is None or member is False:
            continue
        saved = existing.get(code)
        item = _petition_data(v, org, member, saved, has_sender)
        errors = services.petition_errors(item)
        for exc in errors:
            ctx.domain_error(exc, row, PETITION_COLUMNS.get(exc.field or ""))
        if errors:
            continue
        item = services.check_petition(item)
        if saved is not None and saved.voided_at is not None:
            ctx.error(row, "code", _("This petition has been voided; use another code."))
            continue
        if saved is not None and saved.pk in extended and item.complexity != saved.complexity:
            ctx.error(row, "complexity", _("The complexity follows the recorded extensions: void an extension to "
                                           "lower it."))
            continue
        dues = deadlines.dues_of(kind=item.kind, complexity=item.complexity, remote=item.remote,
                                 received_on=item.received_on, accepted_on=item.accepted_on, rules=rules)
        for due, column in ((dues.accept, "received_on"), (dues.close, "accepted_on")):
            if due is not None and due.unsure:
                ctx.warning(row, column, deadlines.unsure_text(due.period.unknown_years))
        if dues.accept.rule is None:
            ctx.warning(row, "received_on", deadlines.explain(dues.accept))
        if saved is None:
            ctx.count(row, "created")
        elif all(getattr(saved, k) == val for k, val in services._petition_values(item).items()):
            ctx.count(row, "unchanged")
            continue
        else:
            ctx.count(row, "updated")
        plan.append((row, saved))


def _petition_data(v: dict, org, member, saved: Petition | None, has_sender: bool) -> services.PetitionData:
    sender = v.get("sender") or ""
    keep = saved is not None and (not has_sender or (not sender and saved.is_denunciation))
    return services.PetitionData(
        code=v["code"], received_on=v["received_on"], organization=org, kind=v["kind"], content=v["content"],
        sender=None if keep else sender, channel=v.get("channel") or "", member=member or None,
        complexity=v.get("complexity") or Petition.Complexity.NORMAL, remote=v.get("remote") == "YES",
        accepted_on=v.get("accepted_on"), closed_on=v.get("closed_on"), result=v.get("result") or "",
        document_number=v.get("document_number") or "", note=v.get("note") or "",
    )


def write_petitions(ctx: ImportContext) -> None:
    planned: list[tuple[ParsedRow, Petition | None]] = ctx.plans["petitions"]
    rows = [row for row, _saved in planned]
    orgs = {o.code: o for o in Organization.objects.filter(code__in={r.values["organization"] for r in rows})}
    members = {m.code: m for m in Member.objects.filter(code__in={r.values.get("member") for r in rows} - {None})}
    saved_now = {p.code: p for p in Petition.objects.filter(code__in=[r.values["code"] for r in rows])}
    has_sender = "sender" in (rows[0].columns if rows else {})
    new, changes = [], []
    for row, _saved in planned:
        v = row.values
        saved = saved_now.get(v["code"])
        item = _petition_data(v, orgs[v["organization"]], members.get(v.get("member") or ""), saved, has_sender)
        if saved is None:
            new.append((row, item))
        else:
            changes.append((row, saved, item))
    rules = deadlines.Rules()
    try:
        services.record_petitions(items=[item for _row, item in new], by=ctx.by, rules=rules)
        services.update_petitions(changes=[(saved, item) for _row, saved, item in changes], by=ctx.by, rules=rules)
    except DomainError as exc:
        failing = next((row for row, item in new if item is exc.obj), None) or next(
            (row for row, _s, item in changes if item is exc.obj), None)
        ctx.domain_error(exc, failing, PETITION_COLUMNS.get(exc.field or "") if failing else None)
    ctx.advance(len(planned))


# -- Export ---------------------------------------------------------------------------------


def export_rows(scope: ExportScope) -> dict[str, list[list]]:
    from dangbo.accounts.access import may_export_senders

    sessions = (
        ReceptionSession.objects.filter(organization_id__in=scope.subtree, voided_at__isnull=True)
        .select_related("organization", "presided_by").order_by("date", "organization__code", "form")
    )
    petitions = list(
        Petition.objects.filter(organization_id__in=scope.subtree, voided_at__isnull=True)
        .select_related("organization", "member").order_by("received_on", "code")
    )
    user = getattr(scope, "user", None)
    with_senders = user is not None and may_export_senders(user)
    if with_senders:
        services.log_sender_exports(petitions=petitions, by=user)
    yes_no = {True: "Có", False: "Không"}
    return {
        "receptions": [
            [s.date, s.organization.code, canonical(RECEPTION_FORMS, s.form),
             s.presided_by.code if s.presided_by_id else None, s.citizens, s.content or None, s.note or None]
            for s in sessions
        ],
        "petitions": [
            [p.code, p.received_on, p.organization.code, canonical(PETITION_KINDS, p.kind), p.content,
             (p.sender or None) if with_senders or not p.is_denunciation else None,
             canonical(CHANNELS, p.channel) if p.channel else None,
             p.member.code if p.member_id else None,
             canonical(COMPLEXITIES, p.complexity), yes_no[p.remote], p.accepted_on, p.closed_on,
             canonical(PETITION_RESULTS, p.result) if p.result else None, p.document_number or None, p.note or None]
            for p in petitions
        ],
    }
