"""What the targets app adds to the menu, the help and the landing page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.home import home_of
from dangbo.core import charts, navigation

from . import selectors

STATUSES = [
    ("exceeded", _("Exceeded"), "#1b5e20"),
    ("met", _("Met"), "#66bb6a"),
    ("not_met", _("Not met"), "#b71c1c"),
    ("no_data", _("No data yet"), "#bdbdbd"),
]


def _url(request) -> str | None:
    home = home_of(request)
    if not home.reads_tree or home.organization is None or home.is_cell_secretary:
        return None
    return reverse("targets:organization", args=[home.code])


def chart_panel(request) -> dict | None:
    """The targets of the latest year with targets, up to the day the pages show."""
    home = home_of(request)
    if _url(request) is None:
        return None
    years = [y for y in selectors.years_with_targets(home.organization) if y <= home.day.year]
    if not years:
        return None
    year = years[0]
    figures = selectors.targets_figures(home.organization, year)
    shown = [(key, label, color) for key, label, color in STATUSES if figures[key]]
    return {
        "org": home.organization,
        "year": year,
        "figures": figures,
        "chart": charts.chart(
            "doughnut",
            [label for _k, label, _c in shown],
            [charts.series(_("Targets"), [figures[k] for k, _l, _c in shown], colors=[c for _k, _l, c in shown])],
        ),
    }


def register() -> None:
    navigation.add_menu_entry(
        navigation.MenuEntry("targets", _("Targets"), _url, order=70, pages=("targets",), help="targets")
    )
    navigation.add_help_page(
        navigation.HelpPage("targets", _("Socio-economic targets"), "targets/help.html", order=70)
    )
    navigation.add_landing_panel(navigation.Panel("targets", "targets/_landing.html", chart_panel, order=50,
                                                  later=True, applies=lambda request: _url(request) is not None))
