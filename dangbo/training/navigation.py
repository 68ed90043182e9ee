"""What the training app adds to the menu and the help."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.home import home_of
from dangbo.core import navigation


def _url(request) -> str | None:
    home = home_of(request)
    if not home.reads_tree or home.organization is None or home.is_cell_secretary:
        return None
    return reverse("training:organization", args=[home.code])


def register() -> None:
    navigation.add_menu_entry(
        navigation.MenuEntry("training", _("Training"), _url, order=60, pages=("training",), help="training")
    )
    navigation.add_help_page(navigation.HelpPage("training", _("Political training"), "training/help.html", order=60))
