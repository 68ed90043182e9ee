from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangbo.cadres.demo import seed_cadre_lists
from dangbo.demo.article import publish_demo_article
from dangbo.demo.users import ensure_demo_users
from dangbo.demo.workbook import build_workbook
from dangbo.interchange.importer import import_file
from dangbo.interchange.report_text import summary_lines


class Command(BaseCommand):
    help = "Load the Thanh Hà demo data set through the workbook importer (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--users", action="store_true",
            help="also create the demo accounts (always done when DEBUG is on)",
        )

    def handle(self, *args, users, **options):
        report = import_file(data=build_workbook(), name="demo-thanhha.xlsx")
        for line in summary_lines(report):
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(_("The demo data could not be loaded."))
        titles, plans = seed_cadre_lists()
        self.stdout.write(
            _("Management list: %(titles)d titles; succession plans: %(plans)d.") % {"titles": titles, "plans": plans}
        )
        article = publish_demo_article()
        self.stdout.write(_("News article: %(title)s") % {"title": article.title})
        if users or settings.DEBUG:
            ensure_demo_users()
