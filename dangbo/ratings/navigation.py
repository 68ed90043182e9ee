"""What the ratings app adds to the menu, the help and the landing page."""


from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.home import home_of
from dangbo.core import charts, navigation
from dangbo.organizations import selectors as org_selectors
from dangbo.organizations.models import Organization

from . import selectors
from .models import Rating

CHART_YEARS = 5
LEVELS = [
    ("excellent", Rating.Level.EXCELLENT.label, "#b71c1c"),
    ("good", Rating.Level.GOOD.label, "#ef6c00"),
    ("completed", Rating.Level.COMPLETED.label, "#1565c0"),
    ("not_completed", Rating.Level.NOT_COMPLETED.label, "#6d4c41"),
    ("not_rated", _("Not rated yet"), "#bdbdbd"),
]


def _url(request) -> str | None:
    home = home_of(request)
    if not home.reads_tree or home.organization is None:
        return None
    return reverse("ratings:organization", args=[home.code])


def rating_year(home) -> int:
    """The year whose ratings are being prepared: this year from December, else last
    year; for an organization that has ended, its last year-end."""
    year = home.today.year if home.today.month == 12 else home.today.year - 1
    last = org_selectors.last_year_end(home.organization, home.today)
    return min(year, last) if last else year


def chart_panel(request) -> dict | None:
    """Grassroots organizations per rating level over the last years (a committee); the
    members of the year being rated (a cell)."""
    home = home_of(request)
    if _url(request) is None:
        return None
    org, year = home.organization, rating_year(home)
    if org.kind in Organization.CELL_KINDS:
        counts = selectors.member_counts(org, year)
        total = sum(counts.values())
        return {"org": org, "year": year, "members": counts, "total": total, "rated": total - counts["not_rated"]}
    rows = [(y, selectors.organization_counts(org, y)) for y in range(year - CHART_YEARS + 1, year + 1)]
    rows = [(y, c) for y, c in rows if sum(c.values()) > c["not_rated"]]  # years with decided ratings
    if not rows:
        return None
    return {
        "org": org,
        "year": year,
        "rows": rows,
        "levels": [(key, label) for key, label, _color in LEVELS],
        "chart": charts.chart(
            "bar",
            [y for y, _c in rows],
            [charts.series(label, [c[key] for _y, c in rows], color) for key, label, color in LEVELS],
            stacked=True,
        ),
    }


def register() -> None:
    navigation.add_menu_entry(
        navigation.MenuEntry("ratings", _("Ratings"), _url, order=40, pages=("ratings",), help="ratings")
    )
    navigation.add_help_page(navigation.HelpPage("ratings", _("Quality ratings"), "ratings/help.html", order=40))
    navigation.add_landing_panel(navigation.Panel("ratings", "ratings/_landing.html", chart_panel, order=45,
                                                  later=True, applies=lambda request: _url(request) is not None))
