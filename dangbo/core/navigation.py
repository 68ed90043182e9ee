"""What the apps add to the pages around their own: the main menu, the help pages and the
panels of the landing page (docs/architecture.md, "Extension points").

Each app registers its entries in its `AppConfig.ready()`. Core keeps the lists and its
templates render them; it imports no app, so an app that comes later (inspections,
citizens, …) gets its menu entry, its help page and its landing panel without editing
`base.html`. Registering twice under one key replaces the entry (`ready()` may run again
in tests).
"""

import dataclasses
from collections.abc import Callable

from django.http import HttpRequest
from django.utils.functional import Promise


@dataclasses.dataclass(frozen=True)
class MenuEntry:
    """One entry of the main menu.

    `url(request)` gives the address for this user, or None to leave the entry out (the
    user's role has nothing there). `pages` are the URL namespaces ("members") or view
    names ("members:worklists") whose pages make this entry the current one, a view name
    taking precedence over a namespace; `help` names the help page of those pages.
    """

    key: str
    label: str | Promise
    url: Callable[[HttpRequest], str | None]
    order: int = 100
    pages: tuple[str, ...] = ()
    help: str = ""


@dataclasses.dataclass(frozen=True)
class HelpPage:
    """A page of plain-language help: what the pages of an area are for and the three most
    common tasks. `template` extends "core/help_page.html"; `pages` (namespaces or view
    names, as for menu entries) are the pages that link to it when no menu entry of
    theirs names a help page."""

    key: str
    title: str | Promise
    template: str
    order: int = 100
    pages: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Panel:
    """A panel of the landing page. `context(request)` gives the template's `panel`, or
    None when the panel has nothing for this user (their role, their organization)."""

    key: str
    template: str
    context: Callable[[HttpRequest], dict | None]
    order: int = 100
    wide: bool = False  # spans the whole width (lists, charts) rather than one card
    # Worked out after the page has arrived (HTMX, from /panel/<key>/): the counts that
    # read a whole register, the charts. The page opens at once; they fill in. `applies`
    # (cheap: the role, the organization) says whether to leave room for it.
    later: bool = False
    applies: Callable[[HttpRequest], bool] | None = None


MENU: dict[str, MenuEntry] = {}
HELP_PAGES: dict[str, HelpPage] = {}
LANDING_PANELS: dict[str, Panel] = {}
# Where an anonymous visitor lands at "/": a URL name (the public news page, when the news
# app is installed), else the login page.
PUBLIC_HOME: list[str] = []


def add_menu_entry(entry: MenuEntry) -> None:
    MENU[entry.key] = entry


def add_help_page(page: HelpPage) -> None:
    HELP_PAGES[page.key] = page


def add_landing_panel(panel: Panel) -> None:
    LANDING_PANELS[panel.key] = panel


def set_public_home(url_name: str) -> None:
    PUBLIC_HOME[:] = [url_name]


@dataclasses.dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url: str
    current: bool


def menu_for(request: HttpRequest) -> list[MenuItem]:
    """The entries this user sees, in order, the one of the current page marked."""
    current = _current_entry(request)
    items = []
    for entry in sorted(MENU.values(), key=lambda e: (e.order, e.key)):
        url = entry.url(request)
        if url:
            items.append(MenuItem(entry.label, url, entry is current))
    return items


def help_for(request: HttpRequest) -> HelpPage | None:
    """The help page of the current page's area."""
    entry = _current_entry(request)
    if entry is not None and entry.help in HELP_PAGES:
        return HELP_PAGES[entry.help]
    view, namespace = _page(request)
    pages = HELP_PAGES.values()
    return next((p for p in pages if view in p.pages), None) or next(
        (p for p in pages if namespace and namespace in p.pages), None
    )


def help_pages() -> list[HelpPage]:
    return sorted(HELP_PAGES.values(), key=lambda p: (p.order, p.key))


def panels_for(request: HttpRequest) -> list[tuple[Panel, dict | None]]:
    """The landing page's panels for this user, each with its context; a panel that comes
    `later` with None (its own request works it out, and may find nothing to show)."""
    out: list[tuple[Panel, dict | None]] = []
    for panel in sorted(LANDING_PANELS.values(), key=lambda p: (p.order, p.key)):
        if panel.later:
            if panel.applies is None or panel.applies(request):
                out.append((panel, None))
        elif (context := panel.context(request)) is not None:
            out.append((panel, context))
    return out


def _page(request: HttpRequest) -> tuple[str, str]:
    match = getattr(request, "resolver_match", None)
    return (match.view_name, match.namespace) if match else ("", "")


def _current_entry(request: HttpRequest) -> MenuEntry | None:
    view, namespace = _page(request)
    if not view:
        return None
    entries = sorted(MENU.values(), key=lambda e: (e.order, e.key))
    return next((e for e in entries if view in e.pages), None) or next(
        (e for e in entries if namespace and namespace in e.pages), None
    )
