"""The "Did you mean …?" suggestion on the comment form and the editor's title field."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from dangbo.news import diacritics, services
from dangbo.news.models import Article, DiacriticsCounts

from .conftest import BARE, GOOD

SUGGESTED = "bài viết rất hay, cảm ơn tác giả"


@pytest.fixture(autouse=True)
def _model(diacritics_model):
    return diacritics_model


def vi(message: str) -> str:
    with translation.override("vi"):
        return gettext(message)


def test_a_refused_comment_shows_the_suggestion_under_the_message(client, demo):
    response = client.post(
        reverse("news:article", args=[demo.slug]),
        {"name": "Trần Thị Bình", "contact": "", "text": BARE, "website": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(vi("Please write in Vietnamese with diacritics.")) < html.index(vi("Did you mean:"))
    assert f'<p class="suggestion-text" lang="vi">{SUGGESTED}</p>' in html
    assert 'data-target="id_text"' in html and f'data-suggestion="{SUGGESTED}"' in html
    assert vi("Use this sentence") == "Dùng câu này" and "Dùng câu này" in html
    assert 'hx-get="/tin-tuc/binh-luan/goi-y-dau/"' in html and 'hx-trigger="input changed delay:700ms"' in html
    assert "news/diacritics.js" in html and "vendor/htmx.min.js" in html
    assert "<script>" not in html  # no inline script (CSP)
    assert not demo.comments.exists()


def test_the_suggestion_endpoint_answers_a_fragment_to_anyone(client, db):
    url = reverse("news:suggest")
    response = client.get(url, {"field": "text", "target": "id_text", "text": BARE})
    assert response.status_code == 200
    assert f"{SUGGESTED}</p>" in response.content.decode()
    assert 'data-target="id_text"' in response.content.decode()
    for text in (GOOD, "", "I can do it", "x" * 5000):
        assert client.get(url, {"field": "text", "text": text}).content.strip() == b""
    title = client.get(url, {"field": "title", "target": "id_title", "title": "Dai hoi Dang bo xa Thanh Ha"})
    assert "Đại hội Đảng bộ xã Thanh Hà</p>" in title.content.decode()
    assert 'data-target="id_title"' in title.content.decode()


def test_the_endpoint_refuses_odd_targets_and_posts(client, db):
    url = reverse("news:suggest")
    response = client.get(url, {"text": BARE, "target": '"><img src=x onerror=alert(1)>'})
    assert 'data-target="id_text"' in response.content.decode() and "onerror" not in response.content.decode()
    assert client.post(url, {"text": BARE}).status_code == 405


def test_the_endpoint_is_rate_limited_per_address(client, db, settings):
    settings.NEWS_SUGGEST_RATE_PER_IP = (2, 60)
    url = reverse("news:suggest")
    assert [client.get(url, {"text": BARE}).status_code for _ in range(3)] == [200, 200, 429]


def test_without_a_model_nothing_is_suggested(client, demo, settings, tmp_path):
    settings.DIACRITICS_MODEL = tmp_path / "missing.pickle"
    diacritics.reset()
    assert client.get(reverse("news:suggest"), {"text": BARE}).content.strip() == b""
    response = client.post(reverse("news:article", args=[demo.slug]), {"name": "An", "text": BARE})
    assert vi("Did you mean:") not in response.content.decode()


def test_the_editor_sees_the_suggestion_for_a_title_without_diacritics(client, cast):
    client.force_login(cast.eddie)
    response = client.post(reverse("news:create"), {"title": "Dai hoi Dang bo xa Thanh Ha", "byline": "PV"})
    article = Article.objects.get()
    html = client.get(reverse("news:edit", args=[article.pk])).content.decode()
    assert response.status_code == 302
    assert '<p class="suggestion-text" lang="vi">Đại hội Đảng bộ xã Thanh Hà</p>' in html
    assert 'data-target="id_title"' in html
    services.update_article(article=article, title="Đại hội Đảng bộ xã Thanh Hà", by=cast.eddie)
    html = client.get(reverse("news:edit", args=[article.pk])).content.decode()
    assert 'class="suggestion-text"' not in html and 'id="id_title-suggestion"' in html


def test_outsiders_still_cannot_open_the_editor(client, cast, demo):
    client.force_login(cast.charlie)
    assert client.get(reverse("news:edit", args=[demo.pk])).status_code in (403, 404)


def test_publishing_adds_the_text_once_and_the_command_recounts(cast, db):
    assert diacritics.suggestion("tin moi tu Hai Duong") is None  # not in the small model
    article = services.create_article(
        title="Tin mới từ Hải Dương", body_html="<p>Tin mới từ Hải Dương.</p><p>Thanh Hà.</p>", by=cast.eddie
    )
    assert not DiacriticsCounts.objects.exists()
    services.publish(article=article, by=cast.eddie)
    counts = DiacriticsCounts.objects.get()
    assert counts.articles == [article.pk] and counts.version == 1
    assert counts.pairs["hải\tdương"] == 2  # the title and the first paragraph
    assert diacritics.suggestion("tin moi tu Hai Duong") == "tin mới từ Hải Dương"

    services.unpublish(article=article, by=cast.eddie)
    services.publish(article=article, by=cast.eddie)
    assert DiacriticsCounts.objects.get().pairs["hải\tdương"] == 2  # counted once

    services.unpublish(article=article, by=cast.eddie)
    call_command("rebuild_diacritics_counts", stdout=open("/dev/null", "w"))
    counts = DiacriticsCounts.objects.get()
    assert counts.articles == [] and counts.pairs == {} and counts.version == 2
    assert diacritics.suggestion("tin moi tu Hai Duong") is None
