from django.utils.functional import SimpleLazyObject

from . import navigation


def navigation_context(request) -> dict:
    """The main menu and the current page's help page, worked out only when a template
    shows them (HTMX fragments never do)."""
    return {
        "menu": SimpleLazyObject(lambda: navigation.menu_for(request)),
        "page_help": SimpleLazyObject(lambda: navigation.help_for(request) or ""),
    }
