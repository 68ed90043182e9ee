"""The `Dân vận khéo` sheet: import and export (INTERCHANGE.md).

The key is the code; the same code with other content is an update (history). The
recognition level is text: spelled as the list of levels has it when the list knows it
(folded match), kept as written with a warning otherwise. A level without a date is not
counted as recognized (REPORT.md: recognized by 31/12), which a warning says.
"""

from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.exporter import ExportScope
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import MOBILIZATION_FIELDS, MOBILIZATION_TYPES, canonical
from dangbo.organizations.interchange import ensure_tree
from dangbo.organizations.models import Organization

from . import services
from .models import MobilizationModel, RecognitionLevel

COLUMNS = {"code": "code", "year": "year", "name": "name", "type": "type", "field": "field",
           "organization": "organization", "recognized_by": "recognized_by", "recognized_on": "recognized_on",
           "note": "note"}


def _data(v: dict, org: Organization) -> services.EntryData:
    return services.EntryData(
        code=v["code"], year=v["year"], name=v["name"], type=v["type"], field=v["field"], organization=org,
        recognized_by=v.get("recognized_by") or "", recognized_on=v.get("recognized_on"), note=v.get("note") or "",
    )


def check_entries(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)
    world = ctx.world
    unique = unique_rows(rows, lambda r: r.values["code"], "code", ctx)
    existing = {
        e.code: e for e in MobilizationModel.objects.filter(code__in=list(unique)).select_related("organization")
    }
    levels = list(RecognitionLevel.objects.all())
    plan = ctx.plans.setdefault("mobilization", [])
    for code, row in unique.items():
        if row.bad:
            continue
        v = row.values
        org = world.orgs.get(v["organization"])
        if org is None:
            ctx.unknown(row, "organization", "organizations", v["organization"], _("Unknown organization code."))
            continue
        row.orgs = (org.pk,)
        if not world.existed_in_year(org, v["year"]):
            ctx.error(row, "organization", _("The organization did not exist in %(year)d.") % {"year": v["year"]})
            continue
        try:
            item = services.check_entry(_data(v, org), levels)
        except DomainError as exc:
            ctx.domain_error(exc, row, COLUMNS.get(exc.field or ""))
            continue
        if item.recognized_by and not services.level_name(item.recognized_by, levels)[1]:
            ctx.warning(row, "recognized_by", _(
                "This level is not in the list of recognition levels; it is recorded as written. "
                "Add it to the list if it is one."
            ))
        if item.recognized_by and item.recognized_on is None:
            ctx.warning(row, "recognized_on", _(
                "A level without the date of recognition: the report does not count it as recognized."
            ))
        saved = existing.get(code)
        if saved is not None and saved.voided_at is not None:
            ctx.error(row, "code", _("This entry has been voided; use another code."))
            continue
        if saved is None:
            ctx.count(row, "created")
        elif all(getattr(saved, k) == val for k, val in services._values(item).items()):
            ctx.count(row, "unchanged")
            continue
        else:
            ctx.count(row, "updated")
        plan.append(row)


def write_entries(ctx: ImportContext) -> None:
    rows: list[ParsedRow] = ctx.plans["mobilization"]
    orgs = {o.code: o for o in Organization.objects.filter(code__in={r.values["organization"] for r in rows})}
    saved = {e.code: e for e in MobilizationModel.objects.filter(code__in=[r.values["code"] for r in rows])}
    new, changes = [], []
    for row in rows:
        item = _data(row.values, orgs[row.values["organization"]])
        entry = saved.get(item.code)
        if entry is None:
            new.append((row, item))
        else:
            changes.append((row, entry, item))
    try:
        services.record_entries(items=[item for _row, item in new], by=ctx.by)
        services.update_entries(changes=[(entry, item) for _row, entry, item in changes], by=ctx.by)
    except DomainError as exc:
        failing = next((row for row, item in new if item is exc.obj), None) or next(
            (row for row, _e, item in changes if item is exc.obj), None)
        ctx.domain_error(exc, failing, COLUMNS.get(exc.field or "") if failing else None)
    ctx.advance(len(rows))


def export_rows(scope: ExportScope) -> dict[str, list[list]]:
    entries = (
        MobilizationModel.objects.filter(organization_id__in=scope.subtree, voided_at__isnull=True)
        .select_related("organization").order_by("year", "code")
    )
    return {
        "mobilization": [
            [e.code, e.year, e.name, canonical(MOBILIZATION_TYPES, e.type), canonical(MOBILIZATION_FIELDS, e.field),
             e.organization.code, e.recognized_by or None, e.recognized_on, e.note or None]
            for e in entries
        ]
    }
