"""The `Cán bộ` sheet: import and export (INTERCHANGE.md).

A decision is a dated fact like a membership event: a row whose key (date, kind,
member, managing committee, title) is already recorded is recognized and left
unchanged. Rule warnings become import warnings; they never block.
"""

from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import CADRE_KINDS, canonical
from dangbo.members.interchange import members_by_code
from dangbo.organizations.interchange import ensure_tree, organizations_by_code

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


def import_decisions(rows: list[ParsedRow], ctx: ImportContext) -> None:
    if not ensure_tree(ctx):
        return
    orgs = organizations_by_code(ctx)
    members = members_by_code(ctx)
    unique = unique_rows(rows, _key, "title", ctx)
    existing = {
        (d.date, d.kind, d.member_id, d.managed_by_id, d.title)
        for d in selectors.live_decisions().only("date", "kind", "member_id", "managed_by_id", "title")
    }
    reason = _("Imported from %(file)s; the warnings are in the import report.") % {"file": ctx.report.file_name}
    # In date order, so that a later decision ends the position an earlier one opened.
    for row in sorted(unique.values(), key=lambda r: (r.values["date"], r.number)):
        v = row.values
        member = members.get(v["member"])
        if member is None:
            ctx.error(row, "member", _("Unknown member code: add the member to the sheet of members."))
            continue
        committee = orgs.get(v["managed_by"])
        if committee is None:
            ctx.error(row, "managed_by", _("Unknown organization code."))
            continue
        unit = v.get("unit") or ""
        organization = orgs.get(unit)
        if (v["date"], v["kind"], member.pk, committee.pk, v["title"]) in existing:
            ctx.count(row, "unchanged")
            continue
        try:
            previous = selectors.open_position_in_unit(
                member, v["date"] - services.ONE_DAY, organization=organization, unit_name=unit
            )
            if previous is not None and (previous.title == v["title"] or previous.start >= v["date"]):
                previous = None  # the same post continues, or it began that day
            decision, warnings = services.record_decision(
                kind=v["kind"],
                date=v["date"],
                member=member,
                title=v["title"],
                managed_by=committee,
                organization=organization,
                unit_name="" if organization else unit,
                number=v.get("decision_number") or "",
                note=v.get("note") or "",
                previous_position=previous,
                override_reason=reason,
                by=ctx.by,
            )
        except DomainError as exc:
            ctx.domain_error(exc, row, COLUMNS.get(exc.field or ""))
            continue
        for warning in warnings:
            ctx.warning(row, None, warning)
        existing.add((decision.date, decision.kind, member.pk, committee.pk, decision.title))
        ctx.remember(decision, row)
        ctx.count(row, "created")


def export_rows(org_ids: set[int]) -> dict[str, list[list]]:
    """The decisions on the lists of the exported committees."""
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
                d.organization.code if d.organization_id else (d.unit_name or None),
                d.managed_by.code,
                d.number or None,
                d.note or None,
            ]
            for d in decisions
        ]
    }
