"""`dangbo report annual --org CODE --year YYYY --format json|html|docx|xlsx|article [-o FILE]`
(REPORT.md). json and article go to standard output without -o; the binary formats
(docx, xlsx) and html need -o. Every refusal is a message and a non-zero exit status."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangbo.core import replica
from dangbo.lib.vntext import parse_date
from dangbo.reports.figures import ReportError, validate
from dangbo.reports.formats import FORMATS, render

NEEDS_FILE = ("html", "docx", "xlsx")


class Command(BaseCommand):
    help = "Write the yearly report of an organization."

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=["annual"], help="the report: annual")
        parser.add_argument("--org", required=True, help="organization code")
        parser.add_argument("--year", required=True, type=int, help="the year reported")
        parser.add_argument("--format", default="json", choices=FORMATS)
        parser.add_argument("-o", "--output", help="file to write (standard output when omitted)")
        parser.add_argument(
            "--date", help="date of the Word report, dd/mm/yyyy (default: today, or the organization's last day)"
        )

    def handle(self, *args, **options) -> None:
        code, year, fmt, output = options["org"].strip(), options["year"], options["format"], options["output"]
        if fmt in NEEDS_FILE and not output:
            raise CommandError(
                _("The %(format)s format is written to a file: give one with -o FILE.") % {"format": fmt}
            )
        day = None
        if options["date"]:
            try:
                day = parse_date(options["date"])
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        try:
            org = validate(code, year)
        except ReportError as exc:
            raise CommandError(exc.message) from None
        with replica.reading():  # read-only: a replica may answer (core.replica)
            content = render(org, year, fmt, day=day)
        if output:
            target = Path(output)
            try:
                if isinstance(content, bytes):
                    target.write_bytes(content)
                else:
                    target.write_text(content, encoding="utf-8")
            except OSError as exc:
                raise CommandError(
                    _("Cannot write %(file)s: %(error)s") % {"file": output, "error": exc.strerror}
                ) from None
        elif isinstance(content, bytes):  # not reached: binary formats need -o
            sys.stdout.buffer.write(content)
        else:
            self.stdout.write(content.rstrip("\n"))
