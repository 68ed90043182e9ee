"""`dangbo tallies rebuild [--first YYYY] [--last YYYY]` counts the report tallies again
from the records; `dangbo tallies extend --last YYYY` (or `--first`) keeps year-end
tallies for more years (run it in December for the coming year)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangbo.tallies import services


class Command(BaseCommand):
    help = "Count the report tallies again, or keep them for more years."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["rebuild", "extend"])
        parser.add_argument("--first", type=int, help="first year whose year-end tallies are kept")
        parser.add_argument("--last", type=int, help="last year whose year-end tallies are kept")

    def handle(self, *args, **options) -> None:
        kept = services.kept_years()
        default = kept or services.default_years()
        first = options["first"] or default.start
        last = options["last"] or default.stop - 1
        if last < first:
            raise CommandError(_("The last year is before the first."))
        years = range(first, last + 1)
        if options["action"] == "rebuild":
            services.rebuild(years=years)
        elif kept is None:
            raise CommandError(_("No tallies are kept yet: run “dangbo tallies rebuild” first."))
        else:
            services.extend_years(years)
        kept = services.kept_years()
        self.stdout.write(_("Tallies kept for %(first)d–%(last)d.") % {"first": kept.start, "last": kept.stop - 1})
