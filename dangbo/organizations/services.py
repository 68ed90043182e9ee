"""Every change to the organization tree goes through one of these functions."""

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core.bulk import bulk_create_with_history
from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.lib.vntext import normalize

from .models import Organization, Reorganization
from .tree import rebuild_tree

CODE_RE = re.compile(r"^[A-Za-z0-9._-]{1,32}$")

# Checks that other apps add (members: nobody is left in a dissolved organization).
# Each raises DomainError; they run after every change of the tree.
TREE_CHECKS: list[Callable[[], None]] = []


def run_tree_checks() -> None:
    for check in TREE_CHECKS:
        check()


def finish_tree_change() -> None:
    """Rebuild the dated tree and run every check; part of the caller's transaction."""
    rebuild_tree()
    run_tree_checks()


def validate_code(code: str) -> str:
    code = (code or "").strip()
    if not CODE_RE.match(code):
        raise DomainError(
            _("The code may only have letters, digits, '.', '_' and '-', at most 32 characters."),
            field="code",
        )
    return code


UNCHANGED = object()


@dataclasses.dataclass
class NewOrganization:
    """An organization to found. `parent` is a saved organization, or the code of one
    (saved, or founded in the same change)."""

    code: str
    name: str
    kind: str
    parent: Organization | str | None = None
    group: str = ""
    founded_on: dt.date | None = None
    dissolved_on: dt.date | None = None


@dataclasses.dataclass
class Correction:
    """A correction of an organization's own data (not a reorganization). Dates left
    UNCHANGED keep their value; None clears them; None names and kinds are kept."""

    organization: Organization | str
    name: str | None = None
    kind: str | None = None
    group: str | None = None
    founded_on: dt.date | None | object = UNCHANGED
    dissolved_on: dt.date | None | object = UNCHANGED


@dataclasses.dataclass
class NewReorganization:
    """A move, merge, rename or dissolution to record; organizations as for `NewOrganization.parent`."""

    kind: str
    organization: Organization | str
    effective_on: dt.date | None
    target: Organization | str | None = None
    new_name: str = ""
    decision_number: str = ""
    note: str = ""


@dataclasses.dataclass
class TreeChange:
    organizations: list[Organization]  # founded, in the order given
    corrected: list[Organization]  # those a correction changed
    reorganizations: list[Reorganization]


def check_organization(item: NewOrganization, parent: Organization | None) -> Organization:
    """The unsaved organization `item` describes, with its fields checked (imports check
    their rows with it before anything is written)."""
    code = validate_code(item.code)
    name = normalize(item.name or "").strip()
    if not name:
        raise DomainError(_("The name is required."), field="name")
    if item.kind not in Organization.Kind.values:
        raise DomainError(_("Unknown kind of organization."), field="kind")
    if item.founded_on and item.dissolved_on and item.dissolved_on < item.founded_on:
        raise DomainError(_("The last day is before the founding date."), field="dissolved_on")
    return Organization(
        code=code, name=name, kind=item.kind, founding_parent=parent, group=normalize(item.group or "").strip(),
        founded_on=item.founded_on, dissolved_on=item.dissolved_on,
    )


def correction_changes(organization: Organization, item: Correction) -> dict:
    """The fields `item` changes on `organization`: {field: new value}."""
    changes = {}
    if item.group is not None:
        changes["group"] = normalize(item.group).strip()
    if item.name is not None:
        changes["name"] = normalize(item.name).strip()
        if not changes["name"]:
            raise DomainError(_("The name is required."), field="name")
    if item.kind is not None:
        if item.kind not in Organization.Kind.values:
            raise DomainError(_("Unknown kind of organization."), field="kind")
        changes["kind"] = item.kind
    if item.founded_on is not UNCHANGED:
        changes["founded_on"] = item.founded_on
    if item.dissolved_on is not UNCHANGED:
        changes["dissolved_on"] = item.dissolved_on
    founded = changes.get("founded_on", organization.founded_on)
    dissolved = changes.get("dissolved_on", organization.dissolved_on)
    if founded and dissolved and dissolved < founded:
        raise DomainError(_("The last day is before the founding date."), field="dissolved_on")
    return {k: v for k, v in changes.items() if getattr(organization, k) != v}


def check_reorganization(item: NewReorganization, organization: Organization, target: Organization | None,
                         by=None) -> Reorganization:
    """The unsaved reorganization `item` describes, with its fields checked; whether the
    tree allows it is known when the tree is replayed with it."""
    Kind = Reorganization.Kind
    if item.kind not in Kind.values:
        raise DomainError(_("Unknown kind of reorganization."), field="kind")
    if item.kind in (Kind.MOVE, Kind.MERGE) and target is None:
        raise DomainError(_("Choose the target organization."), field="target")
    new_name = normalize(item.new_name or "").strip()
    if item.kind == Kind.RENAME and not new_name:
        raise DomainError(_("Enter the new name."), field="new_name")
    if item.effective_on is None:
        raise DomainError(_("Enter the date."), field="effective_on")
    return Reorganization(
        kind=item.kind,
        organization=organization,
        effective_on=item.effective_on,
        target=target if item.kind in (Kind.MOVE, Kind.MERGE) else None,
        new_name=new_name if item.kind == Kind.RENAME else "",
        decision_number=normalize(item.decision_number or "").strip(),
        note=normalize(item.note or "").strip(),
        created_by=by if getattr(by, "pk", None) else None,
    )


def change_tree(
    *,
    organizations: list[NewOrganization] = (),
    corrections: list[Correction] = (),
    reorganizations: list[NewReorganization] = (),
    by=None,
) -> TreeChange:
    """Every change to the tree's records: found organizations, correct them, record
    reorganizations; then rebuild the dated tree once and run every tree check, all in
    one transaction, refused whole (nothing written) if any of it is impossible.

    The screens pass one item; an import passes a province's thousands (written in bulk).
    New organizations come parents first: a parent given by code is one saved already
    or one earlier in `organizations`.
    """
    with transaction.atomic():
        codes = {item.code for item in organizations}
        mentioned = {
            ref for item in (*organizations, *corrections, *reorganizations)
            for ref in (getattr(item, "parent", None), getattr(item, "organization", None),
                        getattr(item, "target", None))
            if isinstance(ref, str)
        }
        known = {o.code: o for o in Organization.objects.filter(code__in=(codes | mentioned) - {""})}

        def resolve(ref, field: str) -> Organization | None:
            if ref is None or isinstance(ref, Organization):
                return ref
            if ref not in known:
                raise DomainError(_("Unknown organization code: %(code)s.") % {"code": ref}, field=field)
            return known[ref]

        founded = []
        for item in organizations:
            if item.code.strip() in known:
                raise DomainError(_("The code %(code)s is already used.") % {"code": item.code}, field="code")
            org = check_organization(item, resolve(item.parent, "parent"))
            known[org.code] = org
            founded.append(org)
        bulk_create_with_history(founded, Organization, by=by)
        corrected = []
        for item in corrections:
            org = resolve(item.organization, "organization")
            changes = correction_changes(org, item)
            if changes:
                for key, value in changes.items():
                    setattr(org, key, value)
                stamp_history(org, by)
                org.save()
                corrected.append(org)
        recorded = [
            check_reorganization(item, resolve(item.organization, "organization"), resolve(item.target, "target"), by)
            for item in reorganizations
        ]
        bulk_create_with_history(recorded, Reorganization, by=by)
        if founded or corrected or recorded:
            finish_tree_change()
    return TreeChange(founded, corrected, recorded)


def void_reorganization(*, reorganization: Reorganization, reason: str, by=None) -> None:
    reason = normalize(reason).strip()
    if not reason:
        raise DomainError(_("Give the reason for voiding."), field="reason")
    if reorganization.voided_at:
        raise DomainError(_("This reorganization is already voided."))
    with transaction.atomic():
        reorganization.voided_at = timezone.now()
        reorganization.void_reason = reason
        stamp_history(reorganization, by)
        reorganization.save()
        finish_tree_change()


class _Preview(Exception):
    pass


def preview_reorganization(item: NewReorganization) -> dict:
    """What recording `item` would do, without keeping it.

    Returns {"moved": [spans carried along], "error": message or None}.
    """
    from .selectors import subtree_spans

    org: Organization = item.organization
    day: dt.date = item.effective_on
    result: dict = {"moved": [], "error": None}
    try:
        with transaction.atomic():
            before = list(subtree_spans(org, day - dt.timedelta(days=1)))
            change_tree(reorganizations=[item])
            result["moved"] = before
            raise _Preview
    except _Preview:
        pass
    except DomainError as exc:
        result["error"] = exc.message
    return result
