"""Every change to articles, photos and comments goes through one of these functions.

Article and comment history comes from simple-history; each save names the user
(`stamp_history`). A reader's address is never stored: only a keyed hash of it
(`address_key`), enough to count, rate-limit and block.
"""

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.core.versions import check_unchanged
from dangbo.lib.vntext import fold, lacks_diacritics, normalize
from dangbo.organizations.models import Organization

from . import diacritics, ratelimit
from .images import prepare_photo
from .models import Article, BlockedAuthor, Comment, CommentReport, DiacriticsCounts, Photo
from .sanitize import clean_html

TITLE_MAX = 300
NAME_MAX = 80
CONTACT_MAX = 200
TEXT_MIN = 5
TEXT_MAX = 2000
REASON_MAX = 500
REPORTS_TO_HIDE = 3


def address_key(ip: str | None) -> str:
    """sha256 of the address keyed with SECRET_KEY: stable, but not reversible by
    trying the four billion IPv4 addresses without the key."""
    return hmac.new(settings.SECRET_KEY.encode(), (ip or "").encode(), hashlib.sha256).hexdigest()


def _text(value: str | None, field: str, *, required: bool = False, max_length: int | None = None) -> str:
    text = normalize(value or "").strip()
    if required and not text:
        raise DomainError(_("This field is required."), field=field)
    if max_length and len(text) > max_length:
        raise DomainError(_("At most %(n)d characters.") % {"n": max_length}, field=field)
    return text


def _unique_slug(title: str) -> str:
    base = slugify(fold(title))[:180].strip("-") or "bai-viet"
    slug, n = base, 1
    while Article.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# --- Articles -------------------------------------------------------------------------


def create_article(
    *,
    title: str,
    lead: str = "",
    body_html: str = "",
    byline: str = "PV",
    organization: Organization | None = None,
    source_organization_code: str = "",
    source_year: int | None = None,
    by=None,
) -> Article:
    """A draft article; its HTML is sanitized before it is stored."""
    title = _text(title, "title", required=True, max_length=TITLE_MAX)
    article = Article(
        title=title,
        lead=_text(lead, "lead"),
        body_html=clean_html(normalize(body_html or "")),
        byline=_text(byline, "byline", max_length=100) or "PV",
        organization=organization,
        source_organization_code=source_organization_code,
        source_year=source_year,
    )
    with transaction.atomic():
        article.slug = _unique_slug(title)
        stamp_history(article, by)
        article.save()
    return article


def update_article(
    *,
    article: Article,
    title: str | None = None,
    lead: str | None = None,
    body_html: str | None = None,
    byline: str | None = None,
    version: str | None = None,
    by=None,
) -> bool:
    """Edit the text (None leaves a part as it is). The address (slug) never changes, so
    shared links keep working. True if anything changed. `version` (core.versions):
    refused when someone saved the article after that version."""
    changes: dict = {}
    if title is not None:
        changes["title"] = _text(title, "title", required=True, max_length=TITLE_MAX)
    if lead is not None:
        changes["lead"] = _text(lead, "lead")
    if body_html is not None:
        changes["body_html"] = clean_html(normalize(body_html))
    if byline is not None:
        changes["byline"] = _text(byline, "byline", max_length=100) or "PV"
    with transaction.atomic():
        check_unchanged(version, article)
        changed = {k: v for k, v in changes.items() if getattr(article, k) != v}
        if not changed:
            return False
        for key, value in changed.items():
            setattr(article, key, value)
        stamp_history(article, by)
        article.save()
    return True


def publish(*, article: Article, published_at: dt.datetime | None = None, by=None) -> Article:
    """Show the article on the public page. A republished article keeps its first date
    unless another is given."""
    if article.status == Article.Status.PUBLISHED and published_at is None:
        return article
    with transaction.atomic():
        article.status = Article.Status.PUBLISHED
        article.published_at = published_at or article.published_at or timezone.now()
        stamp_history(article, by)
        article.save()
        _count_for_diacritics(article)
    return article


def unpublish(*, article: Article, by=None) -> Article:
    if article.status != Article.Status.PUBLISHED:
        raise DomainError(_("The article is not published."), field="status")
    with transaction.atomic():
        article.status = Article.Status.UNPUBLISHED
        stamp_history(article, by)
        article.save()
    return article


def add_photo(
    *,
    article: Article,
    data: bytes,
    caption: str = "",
    alt_text: str = "",
    after_paragraph: int = 0,
    by=None,
) -> Photo:
    """Store a picture resized to at most 1600 px wide, as JPEG without metadata.

    Decoding and re-encoding costs about a tenth of a second for a phone photo.
    """
    content, width, height = prepare_photo(data)
    caption = _text(caption, "caption", max_length=300)
    alt_text = _text(alt_text, "alt_text", max_length=300) or caption
    if not alt_text:
        raise DomainError(_("Describe the picture for readers who cannot see it."), field="alt_text")
    if not isinstance(after_paragraph, int) or not 0 <= after_paragraph <= 1000:
        raise DomainError(_("Enter a paragraph number."), field="after_paragraph")
    with transaction.atomic():
        order = article.photos.count()
        photo = Photo(
            article=article,
            caption=caption,
            alt_text=alt_text,
            after_paragraph=after_paragraph,
            order=order,
            width=width,
            height=height,
        )
        photo.image.save(f"photo-{order + 1}.jpg", ContentFile(content), save=False)
        photo.save()
    return photo


def create_draft_from_report(
    *, organization: Organization, year: int, title: str, lead: str, body_html: str, caption=None, by
) -> Article:
    """The report page's "make a news draft": one draft per organization and year.

    Called again, it rewrites that draft (or the unpublished article) with the report's
    new text; once the article is published it is left alone and a new draft is made.
    `caption` is the caption proposed for the photo the editor will add.
    """
    with transaction.atomic():
        existing = (
            Article.objects.select_for_update()
            .filter(source_organization_code=organization.code, source_year=year)
            .exclude(status=Article.Status.PUBLISHED)
            .order_by("-pk")
            .first()
        )
        if existing is None:
            article = create_article(
                title=title,
                lead=lead,
                body_html=body_html,
                organization=organization,
                source_organization_code=organization.code,
                source_year=year,
                by=by,
            )
        else:
            article = existing
            update_article(article=article, title=title, lead=lead, body_html=body_html, by=by)
        if caption is not None:
            photo_caption = _text(caption, "caption", max_length=300)
            if article.photo_caption != photo_caption:
                article.photo_caption = photo_caption
                stamp_history(article, by)
                article.save()
    return article


# --- Comments -------------------------------------------------------------------------


def submit_comment(*, article: Article, name: str, contact: str, text: str, ip: str | None) -> Comment:
    """A reader's comment, pending moderation.

    Refused with a message next to the field when the text is Vietnamese typed without
    diacritics, too short or too long, or when the address or the article is over its
    rate. A blocked author's comment is stored hidden, without telling them.
    """
    if not article.is_published:
        raise DomainError(_("Comments are closed for this article."))
    name = _text(name, "name", required=True, max_length=NAME_MAX)
    contact = _text(contact, "contact", max_length=CONTACT_MAX)
    text = _text(text, "text", required=True)
    if len(text) < TEXT_MIN:
        raise DomainError(_("At least %(n)d characters.") % {"n": TEXT_MIN}, field="text")
    if len(text) > TEXT_MAX:
        raise DomainError(_("At most %(n)d characters.") % {"n": TEXT_MAX}, field="text")
    if lacks_diacritics(text):
        raise DomainError(_("Please write in Vietnamese with diacritics."), field="text", code="diacritics")
    key = address_key(ip)
    if not ratelimit.hit("ip", key, "NEWS_COMMENT_RATE_PER_IP") or not ratelimit.hit(
        "article", str(article.pk), "NEWS_COMMENT_RATE_PER_ARTICLE"
    ):
        raise DomainError(_("Too many comments in a short time. Please try again later."), code="rate")
    blocked = BlockedAuthor.objects.filter(ip_hash=key).exists()
    comment = Comment(
        article=article,
        name=name,
        contact=contact,
        text=text,
        ip_hash=key,
        author_key=key,
        status=Comment.Status.HIDDEN if blocked else Comment.Status.PENDING,
        moderation_reason=_("Blocked author.") if blocked else "",
    )
    comment.save()
    return comment


def moderate(*, comment: Comment, status: str, reason: str = "", by) -> Comment:
    """Approve, reject or hide a comment (or send it back to pending), with a reason.

    Approving a reported comment clears its reports: the editor has reviewed them.
    """
    if status not in Comment.Status.values:
        raise DomainError(_("Unknown status."), field="status")
    reason = _text(reason, "reason", max_length=REASON_MAX)
    if status in (Comment.Status.REJECTED, Comment.Status.HIDDEN) and not reason:
        raise DomainError(_("Give a reason."), field="reason")
    with transaction.atomic():
        comment.status = status
        comment.moderation_reason = reason
        comment.moderated_by = by
        comment.moderated_at = timezone.now()
        if status == Comment.Status.APPROVED:
            comment.reports_count = 0
        stamp_history(comment, by)
        comment.save()
    return comment


def reports_to_hide() -> int:
    return int(getattr(settings, "NEWS_REPORTS_TO_HIDE", REPORTS_TO_HIDE))


def report_comment(*, comment: Comment, ip: str | None) -> Comment:
    """A reader reports an approved comment; after NEWS_REPORTS_TO_HIDE reports from
    different addresses it is hidden until an editor reviews it. Reporting twice from one
    address counts once."""
    if comment.status != Comment.Status.APPROVED:
        return comment
    key = address_key(ip)
    try:
        with transaction.atomic():
            CommentReport.objects.create(comment=comment, ip_hash=key)
            # Re-read inside the write transaction: two readers reporting at once both count.
            comment = Comment.objects.select_for_update().get(pk=comment.pk)
            comment.reports_count += 1
            if comment.reports_count >= reports_to_hide():
                comment.status = Comment.Status.PENDING
                comment.moderation_reason = _("Reported by readers: hidden until reviewed.")
            comment.save()
    except IntegrityError:  # this address reported it already
        comment.refresh_from_db()
    return comment


def block_author(*, comment: Comment, by) -> int:
    """Hide every comment from the comment's author, and their future ones. Returns how
    many comments were hidden."""
    key = comment.author_key or comment.ip_hash
    reason = _("Blocked author.")
    with transaction.atomic():
        if key:
            BlockedAuthor.objects.get_or_create(ip_hash=key, defaults={"comment": comment, "blocked_by": by})
        others = Comment.objects.filter(author_key=key) if key else Comment.objects.filter(pk=comment.pk)
        hidden = 0
        for other in others.exclude(status=Comment.Status.HIDDEN):
            moderate(comment=other, status=Comment.Status.HIDDEN, reason=reason, by=by)
            hidden += 1
    return hidden


def flag_follow_up(*, comment: Comment, by, needed: bool = True) -> Comment:
    """Mark a comment for follow-up as a citizen's petition (the petitions register does
    not exist yet)."""
    with transaction.atomic():
        comment.needs_follow_up = needed
        stamp_history(comment, by)
        comment.save()
    return comment


# --- The site's text for the diacritics suggestions ------------------------------------


def _count_for_diacritics(article: Article) -> None:
    """Add a newly published article's text to the counts, once per article (a text
    edited later is recounted by rebuild_diacritics_counts)."""
    counts, _ = DiacriticsCounts.objects.select_for_update().get_or_create(pk=1)
    if article.pk in counts.articles:
        return
    for key, n in diacritics.article_pairs(article).items():
        counts.pairs[key] = counts.pairs.get(key, 0) + n
    counts.articles.append(article.pk)
    counts.version += 1
    counts.save()


def rebuild_diacritics_counts() -> int:
    """Count the text of every published article afresh (after edits or unpublishing).
    Returns how many articles were counted."""
    with transaction.atomic():
        counts, _ = DiacriticsCounts.objects.select_for_update().get_or_create(pk=1)
        pairs: dict[str, float] = {}
        ids = []
        for article in Article.objects.filter(status=Article.Status.PUBLISHED).order_by("pk").iterator():
            for key, n in diacritics.article_pairs(article).items():
                pairs[key] = pairs.get(key, 0) + n
            ids.append(article.pk)
        counts.pairs, counts.articles = pairs, ids
        counts.version += 1
        counts.save()
    return len(ids)
