"""What the accounts app adds to the landing page: whose page it is (the user's
organization on the day the pages show) and, for an organization that has ended, where
its units went."""

import dataclasses

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangbo.core import navigation
from dangbo.organizations import selectors as org_selectors

from .home import home_of, successors_for
from .models import User

Role = User.Role


def head_panel(request) -> dict | None:
    home = home_of(request)
    if home.is_cell_secretary:  # a secretary's cell panel says it all
        return None
    if not home.reads_tree:  # the citizens office: the name of its committee, without the tree
        org = request.user.organization if home.role == Role.CITIZENS_OFFICE else None
        if org is None:
            return None
        last = org_selectors.last_day(org)
        home = dataclasses.replace(home, organization=org, last_day=last,
                                   day=min(home.today, last) if last else home.today)
        span = org_selectors.span_on(org, home.day)
        return {"home": home, "span": span, "name": span.name if span else org.name, "successors": []}
    if home.organization is None:
        return {"home": home, "roots": [] if not request.user.is_admin else _forest(home.today)}
    span = org_selectors.span_on(home.organization, home.day)
    successors = successors_for(request.user, home.organization) if home.ended else []
    return {
        "home": home,
        "span": span,
        "name": span.name if span else home.organization.name,
        "successors": successors,
        "after": successors[0]["span"].valid_from if successors else None,
    }


def _forest(today):
    return org_selectors.roots_on(today)


def register() -> None:
    navigation.add_landing_panel(
        navigation.Panel("home", "accounts/_landing_head.html", head_panel, order=0, wide=True)
    )
    navigation.add_menu_entry(
        navigation.MenuEntry("home", _("Home"), _home_url, order=0, pages=("core:dashboard",), help="start")
    )
    navigation.add_menu_entry(
        navigation.MenuEntry("excel", _("Excel"), _excel_url, order=95, pages=("interchange",), help="excel")
    )
    navigation.add_help_page(navigation.HelpPage("excel", _("Excel import and export"), "interchange/help.html",
                                                 order=95))


def _home_url(request) -> str:
    return reverse("core:dashboard")


def _excel_url(request) -> str | None:
    # Imports write today: not for the staff of an organization that has ended (their
    # history is read, and downloaded from the organization's page).
    home = home_of(request)
    return reverse("interchange:import") if home.writes and not home.ended else None
