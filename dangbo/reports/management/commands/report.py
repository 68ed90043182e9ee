"""`dangbo report annual --org CODE --year YYYY --format json [-o FILE]` (REPORT.md)."""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.organizations.models import Organization, OrgSpan
from dangbo.reports.figures import annual_figures

FORMATS = ("json", "html", "docx", "xlsx", "article")
READY_FORMATS = ("json",)


class Command(BaseCommand):
    help = "Write the yearly report of an organization."

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=["annual"], help="the report: annual")
        parser.add_argument("--org", required=True, help="organization code")
        parser.add_argument("--year", required=True, type=int, help="the year reported")
        parser.add_argument("--format", default="json", choices=FORMATS)
        parser.add_argument("-o", "--output", help="file to write (standard output when omitted)")

    def handle(self, *args, **options) -> None:
        code, year, fmt = options["org"].strip(), options["year"], options["format"]
        if fmt not in READY_FORMATS:
            raise CommandError(_("The format %(format)s is not available yet.") % {"format": fmt})
        org = Organization.objects.filter(code=code).first()
        if org is None:
            raise CommandError(_("Unknown organization code: %(code)s.") % {"code": code})
        if year > timezone.localdate().year:
            raise CommandError(_("The year %(year)d has not come yet.") % {"year": year})
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        existed = OrgSpan.objects.filter(
            organization=org, merged_into__isnull=True, valid_from__lte=end, valid_to__gte=start
        ).exists()
        if not existed:
            raise CommandError(
                _("The organization %(code)s did not exist in %(year)d.")
                % {"code": code, "year": year}
            )
        data = annual_figures(org, year)
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if options["output"]:
            Path(options["output"]).write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)
