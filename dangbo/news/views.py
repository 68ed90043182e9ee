"""The public news pages (no login) and the editors' pages (editors and administrators)."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dangbo.core.errors import DomainError
from dangbo.core.versions import StaleEdit, refuse_stale, version_of

from . import diacritics, ratelimit, selectors, services
from .access import can_edit_news, can_preview, require_editor
from .forms import ArticleEditForm, ArticleForm, CommentForm, ModerateForm, PhotoForm
from .models import Article, Comment, Photo

PER_PAGE = 10
MAX_PHOTO_BYTES = 15 * 1024 * 1024


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _client_ip(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is whatever the client wants it to be unless a
    # trusted proxy sets it, and there is none in front of gunicorn here.
    return request.META.get("REMOTE_ADDR", "")


# --- Public ---------------------------------------------------------------------------


@login_not_required
def public_list(request):
    page = Paginator(selectors.published_articles(), PER_PAGE).get_page(request.GET.get("trang"))
    articles = list(page.object_list.prefetch_related("photos"))
    return render(request, "news/list.html", {"page": page, "articles": articles})


@login_not_required
def article_page(request, slug):
    """The article and its comment form; a comment is posted here too, so an error shows
    next to its field with what was typed kept."""
    article = selectors.get_published(slug)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        url = reverse("news:article", args=[article.slug]) + "?gui=1#binh-luan"
        if data["website"]:  # the honeypot: pretend all went well, store nothing
            return redirect(url)
        try:
            services.submit_comment(
                article=article, name=data["name"], contact=data["contact"], text=data["text"], ip=_client_ip(request)
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            return redirect(url)
    photos = list(article.photos.all())
    context = {
        "article": article,
        "parts": selectors.article_parts(article, photos),
        "og_photo": photos[0] if photos else None,
        "comments": list(selectors.approved_comments(article)),
        "form": form,
        "sent": request.method == "GET" and request.GET.get("gui") == "1",
        "reported": request.GET.get("bao-cao") == "1",
    }
    return render(request, "news/article.html", context)


@login_not_required
@require_POST
def report(request, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("article"), pk=pk, article__status=Article.Status.PUBLISHED
    )
    services.report_comment(comment=comment, ip=_client_ip(request))
    return redirect(reverse("news:article", args=[comment.article.slug]) + "?bao-cao=1#binh-luan")


@login_not_required
def photo(request, pk):
    """A published article's photo, cached for a year (a new picture is a new photo)."""
    photo = get_object_or_404(Photo.objects.select_related("article"), pk=pk)
    if not photo.article.is_published and not can_edit_news(request.user):
        raise Http404(_("No such photo."))
    response = FileResponse(photo.image.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


# --- Editors --------------------------------------------------------------------------


def editor_list(request):
    require_editor(request.user)
    articles = Article.objects.select_related("organization").order_by("-updated_at", "-pk")
    return render(request, "news/editor/list.html", {"articles": articles, "counts": selectors.queue_counts()})


def create(request):
    require_editor(request.user)
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.create_article(by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The draft has been saved."))
            return redirect("news:edit", article.pk)
    return render(request, "news/editor/edit.html", {"form": form, "article": None})


def _get_article(request, pk) -> Article:
    require_editor(request.user)
    return get_object_or_404(Article, pk=pk)


def edit(request, pk):
    article = _get_article(request, pk)
    initial = {f: getattr(article, f) for f in ("title", "lead", "body_html", "byline")}
    initial["version"] = version_of(article)
    form = ArticleEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_article(article=article, by=request.user, **form.cleaned_data)
        except StaleEdit as exc:
            refuse_stale(form, exc)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The article has been saved."))
            return redirect("news:edit", article.pk)
    return _edit_page(request, article, form, PhotoForm(initial={"caption": article.photo_caption}))


def _edit_page(request, article, form, photo_form):
    return render(
        request,
        "news/editor/edit.html",
        {"form": form, "article": article, "photos": article.photos.all(), "photo_form": photo_form},
    )


@require_POST
def add_photo(request, pk):
    article = _get_article(request, pk)
    photo_form = PhotoForm(request.POST, request.FILES)
    if photo_form.is_valid():
        upload = photo_form.cleaned_data["image"]
        if upload.size > MAX_PHOTO_BYTES:
            photo_form.add_error("image", _("The picture is too large."))
        else:
            data = photo_form.cleaned_data
            try:
                services.add_photo(
                    article=article,
                    data=upload.read(),
                    caption=data["caption"],
                    alt_text=data["alt_text"],
                    after_paragraph=data["after_paragraph"],
                    by=request.user,
                )
            except DomainError as exc:
                _form_error(photo_form, exc)
            else:
                messages.success(request, _("The photo has been added."))
                return redirect("news:edit", article.pk)
    initial = {f: getattr(article, f) for f in ("title", "lead", "body_html", "byline")}
    return _edit_page(request, article, ArticleForm(initial=initial), photo_form)


def preview(request, pk):
    """The article as readers will see it, before it is published; an editor confirms
    the publication here."""
    article = get_object_or_404(Article.objects.select_related("organization"), pk=pk)
    if not can_preview(request.user, article):
        raise Http404(_("You do not have access to this page."))
    photos = list(article.photos.all())
    return render(request, "news/editor/preview.html", {
        "article": article,
        "parts": selectors.article_parts(article, photos),
        "can_edit": can_edit_news(request.user),
    })


@require_POST
def publish(request, pk):
    """Publish, once the editor has seen the preview and confirmed there."""
    article = _get_article(request, pk)
    if request.POST.get("confirm") != "1":
        return redirect("news:preview", article.pk)
    services.publish(article=article, by=request.user)
    messages.success(request, _("The article is published."))
    return redirect("news:edit", article.pk)


@require_POST
def unpublish(request, pk):
    article = _get_article(request, pk)
    try:
        services.unpublish(article=article, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The article is no longer public."))
    return redirect("news:edit", article.pk)


# What other apps offer on each comment of the moderation queue: (template, function
# (request, comments of the page) -> context, or None to offer nothing). The citizens app
# turns a comment into a petition there.
COMMENT_ACTIONS: list = []


def moderation(request):
    require_editor(request.user)
    name = request.GET.get("q", "pending")
    if name not in selectors.QUEUES:
        name = "pending"
    page = Paginator(selectors.queue(name), 50).get_page(request.GET.get("page"))
    comments = list(page)
    actions = [(template, context) for template, fn in COMMENT_ACTIONS if (context := fn(request, comments))]
    tabs = [
        ("pending", _("Awaiting moderation")),
        ("reported", _("Reported")),
        ("follow_up", _("Needs follow-up")),
        ("approved", _("Approved")),
        ("rejected", _("Rejected")),
        ("hidden", _("Hidden")),
    ]
    return render(
        request,
        "news/editor/moderation.html",
        {"page": page, "queue": name, "tabs": tabs, "counts": selectors.queue_counts(), "comment_actions": actions},
    )


def _get_comment(request, pk) -> Comment:
    require_editor(request.user)
    return get_object_or_404(Comment, pk=pk)


def _back(request):
    return redirect(reverse("news:moderation") + "?q=" + request.POST.get("q", "pending"))


@require_POST
def moderate(request, pk):
    comment = _get_comment(request, pk)
    form = ModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return _back(request)
    try:
        services.moderate(comment=comment, by=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Comment by %(name)s: %(status)s.") % {
            "name": comment.name, "status": comment.get_status_display()
        })
    return _back(request)


@require_POST
def block(request, pk):
    comment = _get_comment(request, pk)
    hidden = services.block_author(comment=comment, by=request.user)
    messages.success(request, _("Author blocked; comments hidden: %(n)d.") % {"n": hidden})
    return _back(request)


@require_POST
def follow_up(request, pk):
    comment = _get_comment(request, pk)
    services.flag_follow_up(comment=comment, by=request.user, needed=request.POST.get("needed", "1") == "1")
    messages.success(request, _("The follow-up flag has been saved."))
    return _back(request)


# --- "Did you mean …?" -----------------------------------------------------------------

_SUGGESTING_FIELDS = ("text", "title")
_ELEMENT_ID = re.compile(r"[A-Za-z][\w-]{0,60}")


@login_not_required
@require_GET
def suggest(request):
    """The diacritics suggestion for a comment or a title being typed (HTMX fragment).

    Public like the comment form; rate-limited per address (the work is about 2 ms)."""
    field = request.GET.get("field")
    if field not in _SUGGESTING_FIELDS:
        field = "text"
    target = request.GET.get("target", "")
    if not _ELEMENT_ID.fullmatch(target):
        target = f"id_{field}"
    if not ratelimit.hit("suggest", services.address_key(_client_ip(request)), "NEWS_SUGGEST_RATE_PER_IP"):
        return HttpResponse(status=429)
    context = {"suggestion": diacritics.suggestion(request.GET.get(field, "")), "target": target}
    return render(request, "news/_diacritics_suggestion.html", context)
