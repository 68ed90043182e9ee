"""What the organizations app adds to the menu and the help."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.home import home_of
from dangbo.core import navigation


def _tree_url(request) -> str | None:
    home = home_of(request)
    if not home.reads_tree or (home.organization is None and not request.user.is_admin):
        return None
    if home.is_cell_secretary:  # a secretary sees their cell only: its page is their tree
        return reverse("organizations:detail", args=[home.code])
    return reverse("organizations:tree")


def register() -> None:
    navigation.add_menu_entry(
        navigation.MenuEntry("organizations", _("Organizations"), _tree_url, order=10,
                             pages=("organizations",), help="organizations")
    )
    navigation.add_help_page(
        navigation.HelpPage("organizations", _("Organizations"), "organizations/help.html", order=10)
    )
