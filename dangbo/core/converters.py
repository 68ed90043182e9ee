"""Path converters shared by the apps' URLs."""

from django.http import Http404
from django.utils.translation import gettext as _

FIRST_YEAR, LAST_YEAR = 1900, 2100


class YearConverter:
    """`<year:year>`: a year the records can be about, 1900–2100. Any other number is
    a 404 that says so (not a match tried elsewhere, nor a date that cannot be built:
    `dt.date(99999999999, 1, 1)` raised in the views)."""

    regex = "[0-9]{1,12}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise Http404(
                _("There is no year %(year)s here: years run from %(first)d to %(last)d.")
                % {"year": value, "first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return year

    def to_url(self, value) -> str:
        return str(int(value))


def requested_year(request) -> int | None:
    """The year of `?year=`: None when absent or not a number, a 404 as above when it is
    a number no record can have."""
    try:
        year = int(request.GET.get("year", "").strip()[:20])
    except ValueError:
        return None
    return YearConverter().to_python(str(year))
