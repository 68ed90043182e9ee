"""The `Chỉ tiêu` sheet: import and export (INTERCHANGE.md)."""

from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import SHEETS_BY_KEY, canonical
from dangbo.organizations.interchange import ensure_tree, organizations_by_code

from . import selectors, services
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


def import_targets(rows: list[ParsedRow], ctx: ImportContext) -> None:
    if not ensure_tree(ctx):  # organizations of this file must be in the tree to be checked
        return
    orgs = organizations_by_code(ctx)
    unique = unique_rows(rows, lambda r: (r.values["organization"], r.values["year"], r.values["code"]), "code", ctx)
    wanted = {orgs[code].pk for code, _y, _c in unique if code in orgs}
    existing = {(t.organization_id, t.year, t.code): t for t in Target.objects.filter(organization_id__in=wanted)}
    existence: dict = {}
    for (org_code, year, code), row in unique.items():
        v = row.values
        org = orgs.get(org_code)
        if org is None:
            ctx.error(row, "organization", _("Unknown organization code."))
            continue
        if (org.pk, year) not in existence:
            existence[(org.pk, year)] = selectors.existed_in_year(org, year)
        if not existence[(org.pk, year)]:
            ctx.error(row, "organization", _("The organization did not exist in %(year)d.") % {"year": year})
            continue
        plan = _plan(v)
        actual = v.get("actual")
        try:
            target = existing.get((org.pk, year, code))
            if target is None:
                target = services.create_target(
                    organization=org,
                    year=year,
                    code=code,
                    actual=actual,
                    actual_source=ctx.report.file_name,
                    by=ctx.by,
                    **plan,
                )
                existing[(org.pk, year, code)] = target
                ctx.count(row, "created")
            else:
                changed = services.update_target(target=target, by=ctx.by, **plan)
                if target.actual != actual:
                    changed = (
                        services.record_actual(target=target, actual=actual, source=ctx.report.file_name, by=ctx.by)
                        or changed
                    )
                ctx.count(row, "updated" if changed else "unchanged")
        except DomainError as exc:
            ctx.domain_error(exc, row, COLUMNS.get(exc.field or ""))
            continue
        ctx.remember(target, row)


def export_rows(org_ids: set[int]) -> dict[str, list[list]]:
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
