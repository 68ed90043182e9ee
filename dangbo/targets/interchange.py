"""The `Chỉ tiêu` sheet: import and export (INTERCHANGE.md)."""

from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.exporter import ExportScope
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import SHEETS_BY_KEY, canonical
from dangbo.organizations.interchange import ensure_tree
from dangbo.organizations.models import Organization

from . import services
from .models import Target

DIRECTIONS = SHEETS_BY_KEY["targets"].column("direction").choices
PLAN_FIELDS = ("name", "unit", "planned", "direction", "note")
# service field -> sheet column key, to name the column of a refusal
COLUMNS = {
    "year": "year",
    "organization": "organization",
    "code": "code",
    "name": "name",
    "unit": "unit",
    "planned": "planned",
    "direction": "direction",
    "note": "note",
    "actual": "actual",
}


def _plan(values: dict) -> dict:
    return {
        "name": values["name"],
        "unit": values.get("unit") or "",
        "planned": values["planned"],
        "direction": values["direction"],
        "note": values.get("note") or "",
    }


def check_targets(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)  # organizations of this file must be in the tree to be checked
    world = ctx.world
    unique = unique_rows(rows, lambda r: (r.values["organization"], r.values["year"], r.values["code"]), "code", ctx)
    wanted = {world.orgs[code].pk for code, _y, _c in unique if code in world.orgs}
    existing = {(t.organization_id, t.year, t.code): t for t in Target.objects.filter(organization_id__in=wanted)}
    plan = ctx.plans.setdefault("targets", [])
    for (org_code, year, code), row in unique.items():
        v = row.values
        if row.bad:
            continue
        org = world.orgs.get(org_code)
        if org is None:
            ctx.unknown(row, "organization", "organizations", org_code, _("Unknown organization code."))
            continue
        row.orgs = (org.pk,)
        if not world.existed_in_year(org, year):
            ctx.error(row, "organization", _("The organization did not exist in %(year)d.") % {"year": year})
            continue
        try:
            plan_values = _plan(v)
            plan_values["planned"] = services._number(v["planned"], "planned", required=True)
            actual = services._number(v.get("actual"), "actual", required=False)
        except DomainError as exc:
            ctx.domain_error(exc, row, COLUMNS.get(exc.field or ""))
            continue
        target = existing.get((org.pk, year, code))
        if target is None:
            ctx.count(row, "created")
        elif all(getattr(target, k) == val for k, val in plan_values.items()) and target.actual == actual:
            ctx.count(row, "unchanged")
            continue
        else:
            ctx.count(row, "updated")
        plan.append(row)


def write_targets(ctx: ImportContext) -> None:
    rows: list[ParsedRow] = ctx.plans["targets"]
    orgs = {o.code: o for o in Organization.objects.filter(code__in=[r.values["organization"] for r in rows])}
    existing = {
        (t.organization_id, t.year, t.code): t for t in Target.objects.filter(organization__in=orgs.values())
    }
    for row in rows:
        v = row.values
        org = orgs[v["organization"]]
        plan = _plan(v)
        actual = v.get("actual")
        try:
            target = existing.get((org.pk, v["year"], v["code"]))
            if target is None:
                services.create_target(organization=org, year=v["year"], code=v["code"], actual=actual,
                                       actual_source=ctx.report.file_name, by=ctx.by, **plan)
                continue
            services.update_target(target=target, by=ctx.by, **plan)
            if target.actual != actual:
                services.record_actual(target=target, actual=actual, source=ctx.report.file_name, by=ctx.by)
        except DomainError as exc:
            ctx.domain_error(exc, row, COLUMNS.get(exc.field or ""))
    ctx.advance(len(rows))


def export_rows(scope: ExportScope) -> dict[str, list[list]]:
    org_ids = scope.subtree
    targets = (
        Target.objects.filter(organization_id__in=org_ids)
        .select_related("organization")
        .order_by("year", "organization__code", "code")
    )
    return {
        "targets": [
            [
                t.year,
                t.organization.code,
                t.code,
                t.name,
                t.unit or None,
                _plain(t.planned),
                _plain(t.actual),
                canonical(DIRECTIONS, t.direction),
                t.note or None,
            ]
            for t in targets
        ]
    }


def _plain(value):
    """1.500000 → 1.5, 12.000000 → 12: the number as written, without the column's padding."""
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else value
