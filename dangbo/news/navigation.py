"""What the news app adds to the menu, the help and the landing page, and the public
page an anonymous visitor lands on."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangbo.core import navigation

from . import selectors
from .access import can_edit_news
from .models import Article

LANDING_ITEMS = 5


def _articles_url(request) -> str | None:
    return reverse("news:editor_list") if can_edit_news(request.user) else None


def _moderation_url(request) -> str | None:
    return reverse("news:moderation") if can_edit_news(request.user) else None


def editor_panel(request) -> dict | None:
    """An editor's day: the comments waiting for moderation and the drafts."""
    if not can_edit_news(request.user):
        return None
    return {
        "counts": selectors.queue_counts(),
        "pending": list(selectors.queue("pending")[:LANDING_ITEMS]),
        "drafts": list(
            Article.objects.exclude(status=Article.Status.PUBLISHED).order_by("-updated_at", "-pk")[:LANDING_ITEMS]
        ),
        "published": Article.objects.filter(status=Article.Status.PUBLISHED).count(),
    }


def register() -> None:
    navigation.set_public_home("news:list")
    navigation.add_menu_entry(
        navigation.MenuEntry("news", _("News"), _articles_url, order=90, pages=("news",), help="news")
    )
    navigation.add_menu_entry(
        navigation.MenuEntry("comments", _("Comments"), _moderation_url, order=91, pages=("news:moderation",),
                             help="news")
    )
    navigation.add_help_page(navigation.HelpPage("news", _("News and comments"), "news/help.html", order=90))
    navigation.add_landing_panel(navigation.Panel("news", "news/_landing.html", editor_panel, order=5, wide=True))
