"""What the development app adds to the menu and the help."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.home import home_of
from dangbo.core import navigation


def _url(request) -> str | None:
    """The candidates of the user's organization, for the roles that read the tree: committee
    staff and a cell secretary record them, the others read them."""
    home = home_of(request)
    if not home.reads_tree or home.organization is None:
        return None
    return reverse("development:pipeline", args=[home.code])


def register() -> None:
    navigation.add_menu_entry(
        navigation.MenuEntry(
            "development", _("Member development"), _url, order=35, pages=("development",), help="development"
        )
    )
    navigation.add_help_page(
        navigation.HelpPage("development", _("Member development"), "development/help.html", order=35)
    )
