"""The import report as lines of text, for the command line."""

from django.utils.translation import gettext as _

from .importer import ImportReport


def summary_lines(report: ImportReport) -> list[str]:
    lines = []
    if report.errors:
        lines.append(_("The file has errors: nothing was written. Once they are corrected, it would give:"))
    elif report.dry_run:
        lines.append(_("Check only (--dry-run): nothing was written. Imported, the file would give:"))
    lines.append(
        _(
            "Rows read: %(rows)d; created: %(created)d; updated: %(updated)d; unchanged: %(unchanged)d; "
            "conversions: %(conversions)d; warnings: %(warnings)d; errors: %(errors)d."
        )
        % {
            "rows": report.rows_read,
            "created": report.total("created"),
            "updated": report.total("updated"),
            "unchanged": report.total("unchanged"),
            "conversions": len(report.conversions),
            "warnings": len(report.warnings),
            "errors": len(report.errors),
        }
    )
    for sheet, counts in report.counts.items():
        lines.append(
            "  "
            + _("%(sheet)s: created %(created)d, updated %(updated)d, unchanged %(unchanged)d")
            % {
                "sheet": sheet,
                "created": counts["created"],
                "updated": counts["updated"],
                "unchanged": counts["unchanged"],
            }
        )
    for conv in report.conversions:
        lines.append(
            _("Converted from %(encoding)s: %(sheet)s, row %(row)d, column “%(column)s”: “%(before)s” → “%(after)s”")
            % conv.__dict__
        )
    for title, problems in (
        (_("Error"), report.errors),
        (_("Warning"), report.warnings),
        (_("Notice"), report.notices),
    ):
        for problem in problems:
            lines.append(f"{title}: {problem}")
    return lines
