"""The `Cán bộ` sheet: import and export (INTERCHANGE.md).

A decision is a dated fact like a membership event: a row whose key (date, kind,
member, managing committee, title) is already recorded is recognized and left
unchanged. Rule warnings become import warnings; they never block.
"""

from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.exporter import ExportScope
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import CADRE_KINDS, canonical
from dangbo.lib.vntext import short_date
from dangbo.members.models import Member
from dangbo.organizations.interchange import ensure_tree
from dangbo.organizations.models import Organization

from . import selectors, services
from .models import PersonnelDecision

# service field -> sheet column key, to name the column of a refusal
COLUMNS = {
    "kind": "kind",
    "date": "date",
    "member": "member",
    "title": "title",
    "unit": "unit",
    "managed_by": "managed_by",
    "number": "decision_number",
    "note": "note",
}


def _key(row: ParsedRow) -> tuple:
    v = row.values
    return (v["date"], v["kind"], v["member"], v["managed_by"], v["title"])


def check_decisions(rows: list[ParsedRow], ctx: ImportContext) -> None:
    """Every row against the tree and the register as the file leaves them. The rule
    warnings (succession plans, heads' terms) depend on the positions each decision
    opens, so they come when the decisions are written, in the report of the import."""
    ensure_tree(ctx)
    world = ctx.world
    world.load_members(r.values.get("member") for r in rows)
    unique = unique_rows(rows, _key, "title", ctx)
    existing = {
        (d.date, d.kind, d.member_id, d.managed_by_id, d.title)
        for d in selectors.live_decisions().only("date", "kind", "member_id", "managed_by_id", "title")
    }
    plan = ctx.plans.setdefault("cadres", [])
    for row in sorted(unique.values(), key=lambda r: (r.values["date"], r.number)):
        v = row.values
        if row.bad:
            continue
        member = world.members.get(v["member"])
        if member is None or v["member"] in ctx.bad_keys["members"]:
            ctx.unknown(row, "member", "members", v["member"],
                        _("Unknown member code: add the member to the sheet of members."))
            continue
        committee = world.orgs.get(v["managed_by"])
        if committee is None:
            ctx.unknown(row, "managed_by", "organizations", v["managed_by"], _("Unknown organization code."))
            continue
        unit = v.get("unit") or ""
        organization = world.orgs.get(unit)
        row.orgs = (committee.pk,)
        if (v["date"], v["kind"], member.pk, committee.pk, v["title"]) in existing:
            ctx.count(row, "unchanged")
            continue
        day = v["date"]
        if not world.exists(committee, day):
            ctx.error(row, "managed_by", _("The committee %(code)s did not exist on %(date)s.")
                      % {"code": committee.code, "date": short_date(day)})
            continue
        if world.member_on(member, day) is None and world.has_membership_records(member):
            ctx.error(row, "member", _("%(name)s was not a Party member on %(date)s.")
                      % {"name": member.full_name, "date": short_date(day)})
            continue
        if organization is not None and not world.exists(organization, day):
            ctx.error(row, "unit", _("The organization %(code)s did not exist on %(date)s.")
                      % {"code": organization.code, "date": short_date(day)})
            continue
        if not world.has_membership_records(member):
            ctx.warning(row, "member", _(
                "%(name)s has no membership records here (they are kept by another committee); the decision is "
                "recorded for the person of record."
            ) % {"name": member.full_name})
        ctx.count(row, "created")
        plan.append(row)


def write_decisions(ctx: ImportContext) -> None:
    rows: list[ParsedRow] = ctx.plans["cadres"]
    members = {m.code: m for m in Member.objects.filter(code__in=[r.values["member"] for r in rows])}
    orgs = {o.code: o for o in Organization.objects.filter(
        code__in=[r.values["managed_by"] for r in rows] + [r.values.get("unit") or "" for r in rows]
    )}
    reason = _("Imported from %(file)s; the warnings are in the import report.") % {"file": ctx.report.file_name}
    items = []
    for row in rows:
        v = row.values
        unit = v.get("unit") or ""
        organization = orgs.get(unit)
        items.append(services.NewDecision(
            kind=v["kind"], date=v["date"], member=members[v["member"]], title=v["title"],
            managed_by=orgs[v["managed_by"]], organization=organization, unit_name="" if organization else unit,
            number=v.get("decision_number") or "", note=v.get("note") or "", end_previous=True,
            override_reason=reason,
        ))
    try:
        results = services.record_decisions(items=items, by=ctx.by)
    except DomainError as exc:
        failing = next((r for r, item in zip(rows, items, strict=True) if item is exc.obj), None)
        ctx.domain_error(exc, failing)
        return
    for row, (_decision, warnings) in zip(rows, results, strict=True):
        for warning in warnings:
            ctx.warning(row, None, warning)
    ctx.advance(len(rows))


def export_rows(scope: ExportScope) -> dict[str, list[list]]:
    """The decisions on the lists of the exported committees."""
    org_ids = scope.subtree
    decisions = (
        PersonnelDecision.objects.filter(managed_by_id__in=org_ids, voided_at__isnull=True)
        .select_related("member", "organization", "managed_by")
        .order_by("date", "pk")
    )
    return {
        "cadres": [
            [
                d.date,
                canonical(CADRE_KINDS, d.kind),
                d.member.code,
                d.title,
                # A unit outside the exported organizations goes by its name.
                (d.organization.code if d.organization_id in scope.organizations else d.organization.name)
                if d.organization_id else (d.unit_name or None),
                d.managed_by.code,
                d.number or None,
                d.note or None,
            ]
            for d in decisions
        ]
    }
