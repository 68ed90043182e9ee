"""The `Tổ chức` and `Sắp xếp tổ chức` sheets: import and export."""

from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import ORG_KINDS, REORG_KINDS, canonical

from . import services
from .models import Organization, Reorganization
from .tree import rebuild_tree

ORG_FIELDS = ("name", "kind", "group", "parent", "founded_on", "dissolved_on")


def organizations_by_code(ctx: ImportContext) -> dict[str, Organization]:
    if "orgs" not in ctx.cache:
        ctx.cache["orgs"] = {o.code: o for o in Organization.objects.all()}
    return ctx.cache["orgs"]


def import_organizations(rows: list[ParsedRow], ctx: ImportContext) -> None:
    orgs = organizations_by_code(ctx)
    unique = unique_rows(rows, lambda r: r.values["code"], "code", ctx)
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
            return
    created: list[tuple[Organization, ParsedRow]] = []
    for row in ordered:
        v = row.values
        parent = None
        if v.get("parent"):
            parent = orgs.get(v["parent"])
            if parent is None:
                ctx.error(row, "parent", _("Unknown organization code."))
                continue
        existing = orgs.get(v["code"])
        try:
            if existing is None:
                org = services.new_organization(
                    code=v["code"], name=v["name"], kind=v["kind"], parent=parent,
                    group=v.get("group") or "", founded_on=v.get("founded_on"),
                    dissolved_on=v.get("dissolved_on"),
                )
                orgs[org.code] = org
                created.append((org, row))
                continue
            else:
                org = existing
                if existing.founding_parent_id != (parent.pk if parent else None):
                    ctx.error(
                        row, "parent",
                        _("The organization exists with another parent; record a reorganization instead."),
                    )
                    continue
                changed = services.update_organization(
                    organization=existing, name=v["name"], kind=v["kind"], group=v.get("group") or "",
                    founded_on=v.get("founded_on"), dissolved_on=v.get("dissolved_on"),
                    by=ctx.by, rebuild=False,
                )
                ctx.count(row, "updated" if changed else "unchanged")
                if changed:
                    ctx.cache["tree_changed"] = True
            ctx.remember(org, row)
        except DomainError as exc:
            ctx.domain_error(exc, row, exc.field if exc.field in ("code", "name", "kind") else None)
    if created and not ctx.report.errors:
        services.create_organizations([org for org, _row in created], by=ctx.by)
        ctx.cache["tree_changed"] = True
        for org, row in created:
            ctx.count(row, "created")
            ctx.remember(org, row)


def import_reorganizations(rows: list[ParsedRow], ctx: ImportContext) -> None:
    orgs = organizations_by_code(ctx)
    unique = unique_rows(
        rows, lambda r: (r.values["organization"], r.values["kind"], r.values["effective_on"]), None, ctx
    )
    existing = {
        (r.organization.code, r.kind, r.effective_on): r
        for r in Reorganization.objects.filter(voided_at__isnull=True).select_related("organization", "target")
    }
    for key, row in sorted(unique.items(), key=lambda item: (item[0][2], item[1].number)):
        v = row.values
        org = orgs.get(v["organization"])
        if org is None:
            ctx.error(row, "organization", _("Unknown organization code."))
            continue
        target = None
        if v.get("target"):
            target = orgs.get(v["target"])
            if target is None:
                ctx.error(row, "target", _("Unknown organization code."))
                continue
        elif v["kind"] in ("MOVE", "MERGE"):
            ctx.error(row, "target", _("Required for a move or a merge."))
            continue
        if v["kind"] == "RENAME" and not v.get("new_name"):
            ctx.error(row, "new_name", _("Required for a rename."))
            continue
        found = existing.get(key)
        if found is not None:
            same = (found.target_id == (target.pk if target else None)) and (
                found.new_name == (v.get("new_name") or "") or v["kind"] != "RENAME"
            )
            if same:
                ctx.count(row, "unchanged")
                ctx.remember(found, row)
            else:
                ctx.error(row, None, _("This reorganization is already recorded with other details; void it first."))
            continue
        try:
            reorg = services.record_reorganization(
                kind=v["kind"], organization=org, effective_on=v["effective_on"], target=target,
                new_name=v.get("new_name") or "", decision_number=v.get("decision_number") or "",
                by=ctx.by, rebuild=False,
            )
        except DomainError as exc:
            ctx.domain_error(exc, row)
            continue
        ctx.remember(reorg, row)
        ctx.count(row, "created")
        ctx.cache["tree_changed"] = True


def ensure_tree(ctx: ImportContext) -> bool:
    """Rebuild the dated tree once after the organization sheets changed it: the later
    sheets are checked against it. False when it cannot be built (the error is reported)."""
    if ctx.cache.pop("tree_changed", False):
        try:
            rebuild_tree()
        except DomainError as exc:
            ctx.domain_error(exc)
            return False
    return True


def finish(ctx: ImportContext) -> None:
    if ensure_tree(ctx):
        try:
            services.run_tree_checks()
        except DomainError as exc:
            ctx.domain_error(exc)


def export_rows(org_ids: set[int]) -> dict[str, list[list]]:
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
