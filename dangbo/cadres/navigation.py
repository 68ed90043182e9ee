"""What the cadres app adds to the menu, the help and the landing page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.home import home_of
from dangbo.core import navigation

from .selectors import terms_ending


def _url(request) -> str | None:
    home = home_of(request)
    if not home.reads_tree or home.organization is None or home.is_cell_secretary:
        return None
    return reverse("cadres:organization", args=[home.code])


def _today(request) -> bool:
    return _url(request) is not None and not home_of(request).ended


def terms_panel(request) -> dict | None:
    """The appointments on the committee's list reaching the end of their term."""
    home = home_of(request)
    if not _today(request):
        return None
    return {"org": home.organization, "terms_ending": terms_ending(home.organization, home.today).count()}


def register() -> None:
    navigation.add_menu_entry(
        navigation.MenuEntry("cadres", _("Cadres"), _url, order=50, pages=("cadres",), help="cadres")
    )
    navigation.add_help_page(navigation.HelpPage("cadres", _("Cadre work"), "cadres/help.html", order=50))
    navigation.add_landing_panel(navigation.Panel("cadres", "cadres/_landing_terms.html", terms_panel, order=25,
                                                  later=True, applies=_today))
