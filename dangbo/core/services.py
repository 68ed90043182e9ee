"""State changes of the core app: the log of personal data leaving the application."""

from .models import PersonalDataExport


def log_export(*, kind: str, by=None, organization=None, scope: str = "", rows: int = 0) -> PersonalDataExport:
    """Record that `by` (None: the command line) downloaded personal data: what
    (`kind`, `organization`, `scope`) and how many rows. Written before the file is
    sent: a download that fails halfway is still on record."""
    return PersonalDataExport.objects.create(
        kind=kind, exported_by=by if getattr(by, "pk", None) else None, organization=organization,
        scope=scope[:255], rows=rows,
    )
