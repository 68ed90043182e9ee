"""Write the interchange workbook of a subtree, and the empty template."""

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from dangbo.core import xlsx
from dangbo.organizations.models import Organization, OrgSpan
from dangbo.organizations.selectors import ever_under_q

from .schema import SHEETS

# Apps add a function (organization ids) -> {sheet key: rows in column order}.
EXPORTERS: list[Callable[[set[int]], dict[str, list[list]]]] = []


def subtree_ever(org: Organization) -> set[int]:
    """Every organization that stood under `org` at some time, `org` included."""
    ids = set(OrgSpan.objects.filter(ever_under_q(org)).values_list("organization_id", flat=True))
    ids.add(org.pk)
    return ids


def write_workbook(rows_by_sheet: dict[str, list[list]], path: str | Path, template: bool = False) -> None:
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


def export_workbook(org: Organization, path: str | Path) -> dict[str, int]:
    ids = subtree_ever(org)
    merged: dict[str, list[list]] = {}
    for exporter in EXPORTERS:
        for key, rows in exporter(ids).items():
            merged.setdefault(key, []).extend(rows)
    # A founding parent outside the export is left empty, so the file imports on its own.
    exported = {row[0] for row in merged.get("organizations", [])}
    for row in merged.get("organizations", []):
        if row[3] not in exported:
            row[3] = None
    write_workbook(merged, path)
    return {key: len(rows) for key, rows in merged.items()}


def write_template(path: str | Path) -> None:
    write_workbook({}, path, template=True)
