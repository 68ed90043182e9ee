"""Reads for the public pages and the moderation queue, each a fixed number of queries."""

from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Article, Comment, Photo
from .sanitize import split_blocks


def published_articles():
    """Published articles, newest first, with their photos (one more query per page)."""
    return Article.objects.filter(status=Article.Status.PUBLISHED).order_by("-published_at", "-pk")


def get_published(slug: str) -> Article:
    article = Article.objects.filter(slug=slug, status=Article.Status.PUBLISHED).first()
    if article is None:
        raise Http404(_("No such article."))
    return article


def approved_comments(article: Article):
    return article.comments.filter(status=Comment.Status.APPROVED).only(
        "pk", "article_id", "name", "text", "created_at"
    )


def article_parts(article: Article, photos: list[Photo]) -> list[tuple[str, object]]:
    """The body as the page shows it: ("html", block) and ("photo", photo) in reading
    order, each photo after the paragraph it names (0: before the body, after the lead);
    photos placed past the end come last."""
    blocks = split_blocks(article.body_html)
    by_place: dict[int, list[Photo]] = {}
    for photo in photos:
        by_place.setdefault(min(photo.after_paragraph, len(blocks)), []).append(photo)
    parts: list[tuple[str, object]] = [("photo", p) for p in by_place.get(0, [])]
    for number, block in enumerate(blocks, start=1):
        parts.append(("html", block))
        parts.extend(("photo", p) for p in by_place.get(number, []))
    return parts


def queue_counts() -> dict:
    """The moderation queue's counts, in one query."""
    return Comment.objects.aggregate(
        pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
        reported=Count(
            "pk", filter=Q(reports_count__gt=0, status__in=[Comment.Status.PENDING, Comment.Status.APPROVED])
        ),
        follow_up=Count("pk", filter=Q(needs_follow_up=True)),
    )


QUEUES = ("pending", "reported", "follow_up", "approved", "rejected", "hidden")


def queue(name: str):
    comments = Comment.objects.select_related("article", "moderated_by")
    if name == "reported":
        return comments.filter(
            reports_count__gt=0, status__in=[Comment.Status.PENDING, Comment.Status.APPROVED]
        ).order_by("-reports_count", "created_at")
    if name == "follow_up":
        return comments.filter(needs_follow_up=True).order_by("-created_at")
    status = {"approved": "APPROVED", "rejected": "REJECTED", "hidden": "HIDDEN"}.get(name, "PENDING")
    order = "created_at" if status == "PENDING" else "-moderated_at"
    return comments.filter(status=status).order_by(order, "pk")
