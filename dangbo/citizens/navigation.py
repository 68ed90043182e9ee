"""What the citizens app adds to the menu, the help and the landing page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangbo.accounts import access
from dangbo.core import navigation

from . import views


def _url(request) -> str | None:
    """The citizens pages, for those who read them (their own organization is always in
    their scope: access.citizens_organizations) or choose a committee (an administrator)."""
    user = request.user
    if access._role(user) not in access.CITIZENS_READERS or not (user.is_admin or user.organization_id):
        return None
    return reverse("citizens:index")


def register() -> None:
    navigation.add_menu_entry(
        navigation.MenuEntry("citizens", _("Citizens"), _url, order=65, pages=("citizens",), help="citizens")
    )
    navigation.add_help_page(
        navigation.HelpPage("citizens", _("Citizens: reception and petitions"), "citizens/help.html", order=65)
    )
    navigation.add_landing_panel(
        navigation.Panel("citizens", "citizens/_dashboard_panel.html", views.dashboard_panel, order=22)
    )
