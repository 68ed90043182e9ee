from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangbo.interchange.importer import import_file
from dangbo.interchange.report_text import summary_lines


class Command(BaseCommand):
    help = "Import an interchange workbook (.xlsx, .csv or .zip of .csv), all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check the file, write nothing")
        parser.add_argument(
            "--background", action="store_true",
            help="queue the file for the worker (dangbo run_huey) and print the job's id, without waiting",
        )

    def handle(self, *args, file, dry_run, background, **options):
        if background:
            from dangbo.interchange.services import start_import_of_file

            path = Path(file)
            job = start_import_of_file(data=path.read_bytes(), name=path.name, check_only=dry_run)
            self.stdout.write(str(job.pk))
            return
        report = import_file(file, dry_run=dry_run)
        for line in summary_lines(report):
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(
                _("The file was not imported: %(n)d error(s); nothing was written.") % {"n": len(report.errors)}
            )
