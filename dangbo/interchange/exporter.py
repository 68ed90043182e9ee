"""Write the interchange workbook of a subtree, and the empty template.

The workbook of a subtree stands alone: imported into an empty database it gives the
same report figures for every organization of the subtree and every year (REPORT.md).
So besides the subtree's own records it holds
- the organizations its tree records name outside it (founding parents, the targets of
  moves and merges, and so on up), with their own reorganizations, so that the tree of
  every date can be rebuilt;
- people named by its records who never belonged to it (a cadre of the district's list
  from elsewhere, a learner from another committee) as members of record: their
  dossier row only, their membership being kept by another committee. The import
  accepts records naming a person of record and warns that their membership is kept
  elsewhere (docs/contracts.md).
"""

import dataclasses
from collections.abc import Callable
from pathlib import Path

from django.db.models import Q

from dangbo.core import xlsx
from dangbo.organizations.models import Organization, OrgSpan
from dangbo.organizations.selectors import ever_under_q

from .schema import SHEETS


@dataclasses.dataclass(frozen=True)
class ExportScope:
    subtree: frozenset[int]  # stood under the exported organization at some time: their records go out
    organizations: frozenset[int]  # those, and the organizations their tree records name: rows of `Tổ chức`
    # Who exports (None: the command line). Confidential columns go out only to a role
    # entitled to them (the senders of denunciations: accounts.access.may_export_senders).
    user: object = None


# Apps add a function (scope) -> {sheet key: rows in column order}.
EXPORTERS: list[Callable[[ExportScope], dict[str, list[list]]]] = []
# The members app: member codes -> `Đảng viên` rows of those people (members of record).
PEOPLE_OF_RECORD: list[Callable[[set[str]], list[list]]] = []


def subtree_ever(org: Organization) -> set[int]:
    """Every organization that stood under `org` at some time, `org` included."""
    ids = set(OrgSpan.objects.filter(ever_under_q(org)).values_list("organization_id", flat=True))
    ids.add(org.pk)
    return ids


def scope_of(org: Organization, user=None) -> ExportScope:
    """`org`'s subtree at any time, and the organizations its records name, up to roots."""
    from dangbo.members.models import MembershipEvent
    from dangbo.organizations.models import Reorganization

    subtree = subtree_ever(org)
    # The organizations the exported members' events name (where they came from, went to).
    events = MembershipEvent.objects.filter(voided_at__isnull=True)
    members = events.filter(Q(organization_id__in=subtree) | Q(origin_id__in=subtree)).values("member_id")
    named = set(events.filter(member_id__in=members, organization__isnull=False).values_list(
        "organization_id", flat=True
    ))
    ids = set(subtree) | named
    frontier = set(ids)
    while frontier:
        named = set(
            Organization.objects.filter(pk__in=frontier, founding_parent__isnull=False)
            .values_list("founding_parent_id", flat=True)
        )
        for organization_id, target_id in Reorganization.objects.filter(
            voided_at__isnull=True, organization_id__in=frontier
        ).values_list("organization_id", "target_id"):
            named.update(pk for pk in (organization_id, target_id) if pk)
        frontier = named - ids
        ids |= frontier
    return ExportScope(frozenset(subtree), frozenset(ids), user)


# Columns naming members: one code, or (LIST_COLUMNS) codes separated by ";".
MEMBER_COLUMNS = ("member", "presided_by", "helpers", "attendees")
LIST_COLUMNS = ("helpers", "attendees")


def member_columns() -> dict[str, list[int]]:
    """Sheet key -> the positions of its columns naming members (events, cadres, learners,
    the helpers of candidates, …)."""
    columns: dict[str, list[int]] = {}
    for spec in SHEETS:
        for i, column in enumerate(spec.columns):
            if column.key in MEMBER_COLUMNS:
                columns.setdefault(spec.key, []).append(i)
    return columns


def member_codes(cell) -> list[str]:
    """The member codes a cell of a member column holds."""
    if not cell:
        return []
    return [code.strip() for code in str(cell).split(";") if code.strip()]


def write_workbook(rows_by_sheet: dict[str, list[list]], path: str | Path, template: bool = False) -> None:
    # Here, not at the top: every command imports this module (apps register exporters),
    # and openpyxl takes a tenth of a second to import.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for spec in SHEETS:
        rows = rows_by_sheet.get(spec.key)
        if rows is None and not template:
            continue
        ws = book.create_sheet(spec.name)
        xlsx.append(ws, [column.header for column in spec.columns], font=bold)
        if template:
            guidance = [c.guidance or ("bắt buộc" if c.required else "") for c in spec.columns]
            guidance[0] = "# " + (guidance[0] or "")
            xlsx.append(ws, guidance)
        for row in rows or []:
            xlsx.append(ws, row)
    book.save(path)


def export_workbook(org: Organization, path: str | Path, user=None) -> dict[str, int]:
    scope = scope_of(org, user)
    merged: dict[str, list[list]] = {}
    for exporter in EXPORTERS:
        for key, rows in exporter(scope).items():
            merged.setdefault(key, []).extend(rows)
    # People the records name who are not members of the subtree: members of record.
    exported = {row[0] for row in merged.get("members", [])}
    named = {
        code
        for key, positions in member_columns().items()
        for row in merged.get(key, [])
        for position in positions
        for code in member_codes(row[position])
    }
    missing = named - exported
    if missing:
        for people in PEOPLE_OF_RECORD:
            merged.setdefault("members", []).extend(people(missing))
    write_workbook(merged, path)
    return {key: len(rows) for key, rows in merged.items()}


def write_template(path: str | Path) -> None:
    write_workbook({}, path, template=True)
