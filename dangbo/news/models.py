"""News on the committee's public page (bài viết), their photos and readers' comments.

Articles are written by editors, often from a year's report (one draft per organization
and year), and published; comments are pre-moderated: nothing a reader types is shown
before an editor approves it. Nothing here is deleted: an article is unpublished, a
comment rejected or hidden.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangbo.core import fields as vn
from dangbo.core.models import DomainModel
from dangbo.organizations.models import Organization


class Article(DomainModel):
    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Draft")
        PUBLISHED = "PUBLISHED", _("Published")
        UNPUBLISHED = "UNPUBLISHED", _("Unpublished")

    title = vn.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("address"), max_length=200, unique=True)
    lead = vn.TextField(_("lead"), blank=True)
    body_html = vn.TextField(_("body"), blank=True, help_text=_("Sanitized HTML."))
    byline = vn.CharField(_("byline"), max_length=100, default="PV")
    status = vn.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("committee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("The committee whose page it is."),
    )
    source_organization_code = vn.CharField(_("report organization"), max_length=32, blank=True)
    source_year = models.PositiveSmallIntegerField(_("report year"), null=True, blank=True)
    photo_caption = vn.CharField(
        _("proposed photo caption"), max_length=300, blank=True, help_text=_("Proposed by the report.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        indexes = [
            # create_draft_from_report: the draft of an organization's report for a year.
            models.Index(fields=["source_organization_code", "source_year"], name="article_source_report"),
            # The public list: published articles, newest first.
            models.Index(fields=["status", "-published_at"], name="article_public_list"),
        ]
        constraints = [
            models.CheckConstraint(
                name="article_status_known", condition=Q(status__in=["DRAFT", "PUBLISHED", "UNPUBLISHED"])
            ),
            models.CheckConstraint(
                name="article_published_has_date", condition=~Q(status="PUBLISHED") | Q(published_at__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


def photo_path(photo: "Photo", filename: str) -> str:
    return f"news/{photo.article_id}/{filename}"


class Photo(DomainModel):
    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.PROTECT, related_name="photos")
    image = models.ImageField(_("image"), upload_to=photo_path)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    caption = vn.CharField(_("caption"), max_length=300, blank=True)
    alt_text = vn.CharField(_("alternative text"), max_length=300, blank=True)
    after_paragraph = models.PositiveSmallIntegerField(
        _("after paragraph"), default=0, help_text=_("0 places the photo right after the lead.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["after_paragraph", "order", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class Comment(DomainModel):
    class Status(models.TextChoices):
        PENDING = "PENDING", _("Awaiting moderation")
        APPROVED = "APPROVED", _("Approved")
        REJECTED = "REJECTED", _("Rejected")
        HIDDEN = "HIDDEN", _("Hidden")

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.PROTECT, related_name="comments")
    name = vn.CharField(_("name"), max_length=80)
    contact = vn.CharField(
        _("contact"), max_length=200, blank=True, help_text=_("Telephone or e-mail; never shown publicly.")
    )
    text = vn.TextField(_("comment"))
    status = vn.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    moderation_reason = vn.TextField(_("reason"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    reports_count = models.PositiveIntegerField(_("reports"), default=0)
    ip_hash = vn.CharField(_("address key"), max_length=64, blank=True)
    author_key = vn.CharField(_("author key"), max_length=64, blank=True, db_index=True)
    needs_follow_up = models.BooleanField(_("needs follow-up"), default=False)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [
            # The article page: its approved comments, oldest first.
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status"),
            # The moderation queue and its counts.
            models.Index(fields=["status", "created_at"], name="comment_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                name="comment_status_known",
                condition=Q(status__in=["PENDING", "APPROVED", "REJECTED", "HIDDEN"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:40]}"


class BlockedAuthor(DomainModel):
    """An address key whose comments are hidden from now on (kept hidden, not refused,
    so that a blocked writer is not told and does not simply change address)."""

    ip_hash = vn.CharField(_("address key"), max_length=64, unique=True)
    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("blocked by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    blocked_at = models.DateTimeField(_("blocked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("blocked author")
        verbose_name_plural = _("blocked authors")


class CommentReport(DomainModel):
    """A reader's report of a published comment: one per address and comment."""

    comment = models.ForeignKey(Comment, verbose_name=_("comment"), on_delete=models.PROTECT, related_name="reports")
    ip_hash = vn.CharField(_("address key"), max_length=64)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "ip_hash"], name="comment_report_once_per_address"),
        ]


class DiacriticsCounts(models.Model):
    """The site's published articles as counts for the diacritics suggestions (one row).

    A projection of the articles, not a domain record: publishing adds an article's text
    once (`services.publish`), `dangbo rebuild_diacritics_counts` recounts every
    published article; no history. `pairs` maps "syllable<TAB>next syllable" to a count
    (dangbo.lib.vntext.count_running_text), `articles` lists the ids counted, `version`
    grows with every change so that each process reloads its model when it changed.
    """

    pairs = models.JSONField(_("syllable pairs"), default=dict)
    articles = models.JSONField(_("articles counted"), default=list)
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("diacritics counts")
        verbose_name_plural = _("diacritics counts")

    def __str__(self) -> str:
        return f"{len(self.articles)} articles, version {self.version}"
