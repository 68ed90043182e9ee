"""Every change to the organization tree goes through one of these functions."""

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


def new_organization(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Organization | None = None,
    group: str = "",
    founded_on: dt.date | None = None,
    dissolved_on: dt.date | None = None,
) -> Organization:
    """A checked, unsaved organization: `create_organization` saves one, an import many
    (`create_organizations`)."""
    code = validate_code(code)
    name = normalize(name).strip()
    if not name:
        raise DomainError(_("The name is required."), field="name")
    if kind not in Organization.Kind.values:
        raise DomainError(_("Unknown kind of organization."), field="kind")
    if founded_on and dissolved_on and dissolved_on < founded_on:
        raise DomainError(_("The last day is before the founding date."), field="dissolved_on")
    return Organization(
        code=code,
        name=name,
        kind=kind,
        founding_parent=parent,
        group=normalize(group).strip(),
        founded_on=founded_on,
        dissolved_on=dissolved_on,
    )


def create_organization(
    *,
    code: str,
    name: str,
    kind: str,
    parent: Organization | None = None,
    group: str = "",
    founded_on: dt.date | None = None,
    dissolved_on: dt.date | None = None,
    by=None,
    rebuild: bool = True,
) -> Organization:
    org = new_organization(
        code=code, name=name, kind=kind, parent=parent, group=group, founded_on=founded_on,
        dissolved_on=dissolved_on,
    )
    with transaction.atomic():
        if Organization.objects.filter(code=org.code).exists():
            raise DomainError(_("The code %(code)s is already used.") % {"code": org.code}, field="code")
        stamp_history(org, by)
        org.save()
        if rebuild:
            finish_tree_change()
    return org


def create_organizations(organizations: list[Organization], *, by=None) -> None:
    """Save many new organizations from `new_organization` at once, with their history
    (imports), parents before children; the caller has checked that the codes are new,
    inside its transaction, and rebuilds the tree after."""
    bulk_create_with_history(organizations, Organization, by=by)


UNCHANGED = object()


def update_organization(
    *,
    organization: Organization,
    group: str | None = None,
    founded_on: dt.date | None | object = UNCHANGED,
    dissolved_on: dt.date | None | object = UNCHANGED,
    name: str | None = None,
    kind: str | None = None,
    by=None,
    rebuild: bool = True,
) -> bool:
    """Correct an organization's own data (not a reorganization). Returns True if changed.

    Dates left UNCHANGED keep their value; None clears them."""
    changes = {}
    if group is not None:
        changes["group"] = normalize(group).strip()
    if name is not None:
        changes["name"] = normalize(name).strip()
    if kind is not None:
        changes["kind"] = kind
    if founded_on is not UNCHANGED:
        changes["founded_on"] = founded_on
    if dissolved_on is not UNCHANGED:
        changes["dissolved_on"] = dissolved_on
    changed = {k: v for k, v in changes.items() if getattr(organization, k) != v}
    if not changed:
        return False
    with transaction.atomic():
        for key, value in changed.items():
            setattr(organization, key, value)
        stamp_history(organization, by)
        organization.save()
        if rebuild:
            finish_tree_change()
    return True


def record_reorganization(
    *,
    kind: str,
    organization: Organization,
    effective_on: dt.date,
    target: Organization | None = None,
    new_name: str = "",
    decision_number: str = "",
    note: str = "",
    by=None,
    rebuild: bool = True,
) -> Reorganization:
    """Record a move, merge, rename or dissolution; refused (nothing written) if impossible."""
    Kind = Reorganization.Kind
    if kind not in Kind.values:
        raise DomainError(_("Unknown kind of reorganization."), field="kind")
    if kind in (Kind.MOVE, Kind.MERGE) and target is None:
        raise DomainError(_("Choose the target organization."), field="target")
    new_name = normalize(new_name).strip()
    if kind == Kind.RENAME and not new_name:
        raise DomainError(_("Enter the new name."), field="new_name")
    if effective_on is None:
        raise DomainError(_("Enter the date."), field="effective_on")
    with transaction.atomic():
        reorg = Reorganization(
            kind=kind,
            organization=organization,
            effective_on=effective_on,
            target=target if kind in (Kind.MOVE, Kind.MERGE) else None,
            new_name=new_name if kind == Kind.RENAME else "",
            decision_number=normalize(decision_number).strip(),
            note=normalize(note).strip(),
            created_by=by,
        )
        stamp_history(reorg, by)
        reorg.save()
        if rebuild:
            finish_tree_change()
    return reorg


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


def preview_reorganization(**kwargs) -> dict:
    """What `record_reorganization(**kwargs)` would do, without keeping it.

    Returns {"moved": [spans carried along], "error": message or None}.
    """
    from .selectors import subtree_spans

    org: Organization = kwargs["organization"]
    day: dt.date = kwargs["effective_on"]
    result: dict = {"moved": [], "error": None}
    try:
        with transaction.atomic():
            before = list(subtree_spans(org, day - dt.timedelta(days=1)))
            record_reorganization(**kwargs)
            result["moved"] = before
            raise _Preview
    except _Preview:
        pass
    except DomainError as exc:
        result["error"] = exc.message
    return result
