from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangbo.core.models import PersonalDataExport
from dangbo.core.services import log_export
from dangbo.interchange.exporter import export_workbook
from dangbo.organizations.models import Organization


class Command(BaseCommand):
    help = "Write the interchange workbook of an organization's subtree."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organization code")
        parser.add_argument("file")

    def handle(self, *args, org, file, **options):
        organization = Organization.objects.filter(code=org.strip()).first()
        if organization is None:
            raise CommandError(_("Unknown organization code: %(code)s") % {"code": org})
        counts = export_workbook(organization, file)
        log_export(kind=PersonalDataExport.Kind.INTERCHANGE, organization=organization, scope=str(file)[:255],
                   rows=sum(counts.values()))
        for sheet, n in counts.items():
            self.stdout.write(f"{sheet}: {n}")
