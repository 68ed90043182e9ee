"""The `Tổ chức` and `Sắp xếp tổ chức` sheets: import and export."""

import copy

from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.exporter import ExportScope
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import ORG_KINDS, REORG_KINDS, canonical

from . import services
from .models import Organization, Reorganization

# service field -> sheet column, to name the column of a refusal
ORG_COLUMNS = {"code": "code", "name": "name", "kind": "kind", "dissolved_on": "dissolved_on"}
REORG_COLUMNS = {"kind": "kind", "target": "target", "new_name": "new_name", "effective_on": "effective_on"}


def _plan(ctx: ImportContext) -> dict:
    return ctx.plans.setdefault("organizations", {"new": [], "corrections": [], "reorganizations": []})


def check_organizations(rows: list[ParsedRow], ctx: ImportContext) -> None:
    world = ctx.world
    unique = unique_rows(rows, lambda r: r.values["code"], "code", ctx)
    ctx.bad_keys["organizations"].update(code for code, r in unique.items() if r.bad)
    # Parents first: a row may name a parent defined further down the sheet.
    pending = dict(unique)
    ordered: list[ParsedRow] = []
    while pending:
        progressed = False
        for code, row in list(pending.items()):
            parent = row.values.get("parent")
            if parent is None or parent not in pending or parent == code:
                ordered.append(row)
                del pending[code]
                progressed = True
        if not progressed:
            for row in pending.values():
                ctx.error(row, "parent", _("The parents form a cycle."))
                ctx.bad_keys["organizations"].add(row.values["code"])
            break
    plan = _plan(ctx)
    corrected: dict[str, Organization] = ctx.cache.setdefault("corrected_orgs", {})
    for row in ordered:
        v = row.values
        if row.bad:
            continue
        parent = None
        if v.get("parent"):
            parent = world.orgs.get(v["parent"])
            if parent is None:
                ctx.unknown(row, "parent", "organizations", v["parent"], _("Unknown organization code."))
                ctx.bad_keys["organizations"].add(v["code"])
                continue
        item = services.NewOrganization(
            code=v["code"], name=v["name"], kind=v["kind"], parent=v.get("parent"), group=v.get("group") or "",
            founded_on=v.get("founded_on"), dissolved_on=v.get("dissolved_on"),
        )
        existing = None if v["code"] in world.new_orgs else world.orgs.get(v["code"])
        try:
            if existing is None:
                org = services.check_organization(item, parent)
                world.add_organization(org)
                ctx.rows_of[id(org)] = row
                plan["new"].append(item)
                ctx.count(row, "created")
                row.orgs = (org.pk,)
                continue
            if existing.founding_parent_id != (parent.pk if parent else None):
                ctx.error(
                    row, "parent",
                    _("The organization exists with another parent; record a reorganization instead."),
                )
                continue
            correction = services.Correction(
                organization=v["code"], name=v["name"], kind=v["kind"], group=v.get("group") or "",
                founded_on=v.get("founded_on"), dissolved_on=v.get("dissolved_on"),
            )
            changes = services.correction_changes(existing, correction)
        except DomainError as exc:
            ctx.domain_error(exc, row, ORG_COLUMNS.get(exc.field or ""))
            ctx.bad_keys["organizations"].add(v["code"])
            continue
        row.orgs = (existing.pk,)
        if changes:
            copy_ = copy.copy(existing)
            for key, value in changes.items():
                setattr(copy_, key, value)
            corrected[existing.code] = copy_
            ctx.rows_of[id(copy_)] = row
            plan["corrections"].append(correction)
            ctx.count(row, "updated")
        else:
            ctx.count(row, "unchanged")
    ctx.cache["tree_changed"] = True


def check_reorganizations(rows: list[ParsedRow], ctx: ImportContext) -> None:
    world = ctx.world
    unique = unique_rows(
        rows, lambda r: (r.values["organization"], r.values["kind"], r.values["effective_on"]), None, ctx
    )
    existing = {
        (r.organization.code, r.kind, r.effective_on): r
        for r in Reorganization.objects.filter(voided_at__isnull=True).select_related("organization", "target")
    }
    new: list[Reorganization] = ctx.cache.setdefault("new_reorgs", [])
    plan = _plan(ctx)
    for key, row in sorted(unique.items(), key=lambda item: (item[0][2], item[1].number)):
        v = row.values
        if row.bad:
            continue
        org = world.orgs.get(v["organization"])
        if org is None:
            ctx.unknown(row, "organization", "organizations", v["organization"], _("Unknown organization code."))
            continue
        target = None
        if v.get("target"):
            target = world.orgs.get(v["target"])
            if target is None:
                ctx.unknown(row, "target", "organizations", v["target"], _("Unknown organization code."))
                continue
        row.orgs = (org.pk,) + ((target.pk,) if target else ())
        found = existing.get(key)
        if found is not None:
            same = (found.target_id == (target.pk if target else None)) and (
                found.new_name == (v.get("new_name") or "") or v["kind"] != "RENAME"
            )
            if same:
                ctx.count(row, "unchanged")
            else:
                ctx.error(row, None, _("This reorganization is already recorded with other details; void it first."))
            continue
        item = services.NewReorganization(
            kind=v["kind"], organization=v["organization"], effective_on=v["effective_on"], target=v.get("target"),
            new_name=v.get("new_name") or "", decision_number=v.get("decision_number") or "",
        )
        try:
            reorg = services.check_reorganization(item, org, target)
        except DomainError as exc:
            ctx.domain_error(exc, row, REORG_COLUMNS.get(exc.field or ""))
            continue
        reorg.pk = world.temporary(Reorganization)
        ctx.rows_of[id(reorg)] = row
        new.append(reorg)
        plan["reorganizations"].append(item)
        ctx.count(row, "created")
    ctx.cache["tree_changed"] = True


def ensure_tree(ctx: ImportContext) -> None:
    """Replay the tree once with the file's organizations and reorganizations, before the
    first sheet that is checked against it; every conflict is named on its row."""
    if not ctx.cache.pop("tree_changed", False):
        return
    errors: list[DomainError] = []
    ctx.world.replay_tree(ctx.cache.get("corrected_orgs", {}), ctx.cache.get("new_reorgs", []), errors)
    for exc in errors:
        row = ctx.rows_of.get(id(exc.obj))
        if row is None and isinstance(exc.obj, Organization):
            # A saved organization the file left in conflict: name it on its row if it has one.
            row = next((r for r in ctx.parsed.get("organizations", []) if r.values.get("code") == exc.obj.code), None)
        ctx.domain_error(exc, row)


def write_tree(ctx: ImportContext) -> None:
    plan = ctx.plans["organizations"]
    if plan["new"] or plan["corrections"] or plan["reorganizations"]:
        services.change_tree(
            organizations=plan["new"], corrections=plan["corrections"], reorganizations=plan["reorganizations"],
            by=ctx.by,
        )


def export_rows(scope: ExportScope) -> dict[str, list[list]]:
    org_ids = scope.organizations
    orgs = Organization.objects.filter(pk__in=org_ids).select_related("founding_parent").order_by("pk")
    reorgs = (
        Reorganization.objects.filter(organization_id__in=org_ids, voided_at__isnull=True)
        .select_related("organization", "target")
        .order_by("effective_on", "pk")
    )
    return {
        "organizations": [
            [o.code, o.name, canonical(ORG_KINDS, o.kind),
             o.founding_parent.code if o.founding_parent else None, o.group or None,
             o.founded_on, o.dissolved_on]
            for o in orgs
        ],
        "reorganizations": [
            [r.effective_on, canonical(REORG_KINDS, r.kind), r.organization.code,
             r.target.code if r.target else None, r.new_name or None, r.decision_number or None]
            for r in reorgs
        ],
    }
