from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from dangbo.news.services import rebuild_diacritics_counts


class Command(BaseCommand):
    help = "Count the text of every published article afresh for the diacritics suggestions."

    def handle(self, *args, **options):
        n = rebuild_diacritics_counts()
        self.stdout.write(_("Articles counted for the diacritics suggestions: %(n)d.") % {"n": n})
