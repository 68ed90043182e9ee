"""What the inspections app adds to the menu, the help and the landing page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.home import home_of
from dangbo.core import navigation

from . import views


def _url(request) -> str | None:
    """The program of the user's organization, for the roles that read the tree: committee
    and inspection staff record in it, a cell secretary follows their cell's (and its
    discipline), a viewer reads it."""
    home = home_of(request)
    if not home.reads_tree or home.organization is None:
        return None
    return reverse("inspections:organization", args=[home.code])


def register() -> None:
    navigation.add_menu_entry(
        navigation.MenuEntry(
            "inspections", _("Inspection and supervision"), _url, order=55, pages=("inspections",), help="inspections"
        )
    )
    navigation.add_help_page(
        navigation.HelpPage(
            "inspections", _("Inspection, supervision and discipline"), "inspections/help.html", order=55
        )
    )
    navigation.add_landing_panel(
        navigation.Panel("inspections", "inspections/_dashboard_panel.html", views.dashboard_panel, order=24)
    )
