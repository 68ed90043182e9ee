"""Changes to reports: the settings of the issuing body, and issuing a report."""

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.core.versions import check_unchanged
from dangbo.lib.vntext import normalize
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import name_on, stood_at_year_end

from . import selectors
from .figures import annual_figures, validate
from .models import IssuedReport, ReportSettings

if TYPE_CHECKING:  # .word is imported when a Word file is made: python-docx and lxml
    from .word import Heading  # take a fifth of a second, which no other command needs

SETTING_FIELDS = ("abbreviation", "issuing_body", "superior_body", "place", "short_name", "term_started_on")

# Other apps' say in numbering and keeping issued reports (the documents register):
# (organization, type abbreviation "BC", day) -> the highest number of that type they hold
# in the term of `day`, so that the report takes the next one;
NUMBERS_TAKEN: list[Callable[[Organization, str, dt.date], int]] = []
# (report, by), called in the transaction that issues the report.
ON_ISSUE: list[Callable[[IssuedReport, object], object]] = []


def heading_for(org: Organization, day: dt.date, number: int | None = None) -> "Heading":
    from .word import Heading

    s = selectors.settings_for(org, day)
    secretary = selectors.secretary_on(org, day)
    return Heading(
        superior_body=s.superior_body,
        issuing_body=s.issuing_body,
        abbreviation=s.abbreviation,
        place=s.place,
        short_name=s.short_name,
        day=day,
        number=number,
        signer=secretary.full_name if secretary else "",
        is_cell=org.kind in Organization.CELL_KINDS,
    )


def draft_docx(org: Organization, year: int, figures: dict | None = None, day: dt.date | None = None) -> bytes:
    """The Word report, unnumbered (a draft): dated `day`, by default today (the date line
    of a draft is the day it is printed; an issued report carries its issue date)."""
    from .word import build_docx

    # The issuing body, its superior and the signer as the organization last stood (a
    # district that ended in 2025 still signs as the district); the date line today.
    heading = heading_for(org, selectors.default_issue_date(org, year))
    heading.day = day or timezone.localdate()
    return build_docx(figures or annual_figures(org, year), heading)


def save_settings(*, organization: Organization, by, version: str | None = None, **fields) -> ReportSettings:
    """The organization's own settings, made or changed. `version` (core.versions):
    refused when someone saved them after that version."""
    settings = ReportSettings.objects.filter(organization=organization).first() or ReportSettings(
        organization=organization
    )
    for name in SETTING_FIELDS:
        value = fields.get(name)
        if isinstance(value, str):
            value = normalize(value).strip()
        if name in ("abbreviation", "issuing_body", "superior_body") and value:
            value = value.upper()
        setattr(settings, name, value if value is not None else ("" if name != "term_started_on" else None))
    for name in ("abbreviation", "issuing_body", "place", "short_name"):
        if not getattr(settings, name):
            raise DomainError(_("This field is required."), field=name)
    with transaction.atomic():
        check_unchanged(version, settings)
        stamp_history(settings, by)
        settings.save()
    return settings


def issue_report(*, organization: Organization, year: int, by, issued_on: dt.date | None = None) -> IssuedReport:
    """Number, date and store the report with its figures and its Word file. The next
    number of the committee term; never changed afterwards."""
    from .word import build_docx

    org = validate(organization, year)
    if not stood_at_year_end(org, year):
        raise DomainError(
            _("%(name)s did not stand at the end of %(year)d: its report for that year is not issued.")
            % {"name": name_on(org, dt.date(year, 12, 31)), "year": year}
        )
    day = issued_on or selectors.default_issue_date(org, year)
    if day > timezone.localdate():
        raise DomainError(_("A report cannot be issued on a future date."), field="issued_on")
    if day.year < year:
        raise DomainError(_("A report cannot be issued before the year it reports on."), field="issued_on")
    settings = selectors.settings_for(org, day)
    start = selectors.term_start(settings, day)
    figures = annual_figures(org, year)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                last = IssuedReport.objects.filter(
                    organization=org, document_type=IssuedReport.DocumentType.REPORT, term_started_on=start
                ).aggregate(n=Max("number"))["n"]
                last = max([last or 0, *(taken(org, "BC", day) for taken in NUMBERS_TAKEN)])
                heading = heading_for(org, day, last + 1)
                report = IssuedReport.objects.create(
                    organization=org,
                    year=year,
                    term_started_on=start,
                    number=heading.number,
                    symbol=heading.symbol,
                    issued_on=day,
                    figures=figures,
                    docx=build_docx(figures, heading),
                    issued_by=by if getattr(by, "pk", None) else None,
                )
                for keep in ON_ISSUE:
                    keep(report, by)
                return report
        except IntegrityError:  # someone took the number at the same moment: take the next
            continue
    raise DomainError(_("The report could not be numbered; try again."))
