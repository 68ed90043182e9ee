"""What the leadership app adds to the menu and the help."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.home import home_of
from dangbo.core import navigation


def _url(request) -> str | None:
    """The register of documents of the user's organization, the year of the day its pages
    show, for the roles that read the tree (its study sessions and assignments are a click
    away)."""
    home = home_of(request)
    if not home.reads_tree or home.organization is None:
        return None
    return reverse("leadership:documents", args=[home.code, home.day.year])


def register() -> None:
    navigation.add_menu_entry(
        navigation.MenuEntry(
            "leadership", _("Leadership work"), _url, order=45, pages=("leadership",), help="leadership"
        )
    )
    navigation.add_help_page(
        navigation.HelpPage(
            "leadership", _("Leadership work: documents, study, assignments"), "leadership/help.html", order=45
        )
    )
