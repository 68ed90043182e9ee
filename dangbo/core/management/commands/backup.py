"""`dangbo backup FILE`: the database and the uploaded files in one archive (.tar.gz)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangbo.core.backup import write_backup
from dangbo.core.errors import DomainError


class Command(BaseCommand):
    help = "Write a backup of the database and the uploaded files (var/private, var/media) to FILE."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            manifest = write_backup(file)
        except (DomainError, OSError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(_("Backup written to %(file)s: the %(database)s database, %(private)d private files, "
                            "%(media)d public files.")
                          % {"file": file, "database": manifest["database"], **manifest["files"]})
