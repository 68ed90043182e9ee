"""`dangbo restore FILE`: replace the database and the uploaded files by a backup's."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangbo.core.backup import restore_backup
from dangbo.core.errors import DomainError


class Command(BaseCommand):
    help = ("Replace the database and the uploaded files by those of the backup FILE. The previous files are kept "
            "beside their folders.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive",
                            help="do not ask for confirmation")

    def handle(self, *args, file, interactive, **options):
        if interactive:
            answer = input(_("Everything recorded since the backup will be lost. Type “yes” to restore: "))
            if answer.strip().lower() not in ("yes", "có", "co"):
                raise CommandError(_("Nothing was restored."))
        try:
            manifest = restore_backup(file)
        except (DomainError, OSError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(_("Restored the backup of %(created)s: %(private)d private files, %(media)d public files.")
                          % {"created": manifest["created"], **manifest["files"]})
