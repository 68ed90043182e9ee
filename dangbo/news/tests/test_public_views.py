import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from dangbo.news import services
from dangbo.news.models import Comment

from .conftest import BARE, GOOD, LEAD, TITLE, comment

DIACRITICS = "Please write in Vietnamese with diacritics."


def url(article):
    return reverse("news:article", args=[article.slug])


def form(**overrides):
    return {"name": "Trần Thị Bình", "contact": "", "text": GOOD, "website": "", **overrides}


def test_the_article_page_has_the_seed_shape(client, demo):
    response = client.get(url(demo))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert f"<h1>{TITLE}</h1>" in html
    assert "THỨ TƯ, 25/01/2023 11:40:14" in html
    assert f'<p class="lead"><strong>{LEAD}</strong></p>' in html
    assert "<figcaption>Thanh Hà - quê hương vải thiều</figcaption>" in html
    assert 'alt="Thanh Hà - quê hương vải thiều"' in html
    assert '<p class="byline">PV</p>' in html
    # The photo sits between paragraphs 2 and 3, as in the seed.
    assert html.index("kết nạp 153") < html.index("<figure>") < html.index("8 tổ chức")
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{TITLE}">' in html
    assert 'property="og:image" content="http://testserver/tin-tuc/anh/' in html
    assert 'property="og:description"' in html
    assert "csrfmiddlewaretoken" in html and 'name="website"' in html


def test_the_article_page_runs_a_fixed_number_of_queries(client, cast, demo):
    for n in range(3):
        c = comment(demo, ip=f"10.0.0.{n}")
        services.moderate(comment=c, status="APPROVED", by=cast.eddie)
    client.get(url(demo))  # warm up
    with CaptureQueriesContext(connection) as few:
        client.get(url(demo))
    for n in range(10):
        c = comment(demo, ip=f"10.0.2.{n}")
        services.moderate(comment=c, status="APPROVED", by=cast.eddie)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(demo)).content.decode().count('class="comment"') == 13
    assert len(few) == len(many) == 3  # article, photos, approved comments


def test_the_list_shows_published_articles_newest_first_paginated(client, db, demo):
    for n in range(11):
        services.publish(article=services.create_article(title=f"Tin số {n}", lead="Tóm tắt"))
    draft = services.create_article(title="Bản nháp bí mật")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("news:list"))
    html = response.content.decode()
    assert response.status_code == 200 and len(queries) == 3  # count, page, photos
    assert "Tin số 10" in html and "Tin số 1<" in html and draft.title not in html
    assert html.index("Tin số 10") < html.index("Tin số 9")
    assert TITLE not in html  # the oldest is on page 2
    assert TITLE in client.get(reverse("news:list") + "?trang=2").content.decode()


def test_drafts_and_unpublished_articles_are_not_public(client, cast, demo):
    draft = services.create_article(title="Bản nháp")
    assert client.get(url(draft)).status_code == 404
    services.unpublish(article=demo, by=cast.eddie)
    assert client.get(url(demo)).status_code == 404
    assert client.get(reverse("news:photo", args=[demo.photos.first().pk])).status_code == 404


def test_the_photo_is_served_with_long_caching(client, demo):
    response = client.get(reverse("news:photo", args=[demo.photos.first().pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "max-age=31536000" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_a_comment_without_diacritics_shows_the_message_and_keeps_the_text(client, demo):
    response = client.post(url(demo), form(text=BARE))
    html = response.content.decode()
    with translation.override("vi"):
        message = gettext(DIACRITICS)
    assert response.status_code == 200
    assert f'<p class="error" id="text-error" role="alert">{message}</p>' in html
    assert f"{BARE}</textarea>" in html
    assert 'value="Trần Thị Bình"' in html
    assert not Comment.objects.exists()


def test_a_valid_comment_waits_for_moderation(client, demo):
    response = client.post(url(demo), form(contact="0912 345 678"), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302 and response["Location"].endswith("?gui=1#binh-luan")
    c = Comment.objects.get()
    assert (c.status, c.name, c.contact, c.text) == ("PENDING", "Trần Thị Bình", "0912 345 678", GOOD)
    assert c.ip_hash == services.address_key("198.51.100.7")
    page = client.get(response["Location"]).content.decode()
    assert 'id="comment-awaiting"' in page and GOOD not in page


def test_the_honeypot_pretends_success_and_stores_nothing(client, demo):
    response = client.post(url(demo), form(website="http://spam.example"))
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_the_form_needs_csrf(demo):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url(demo), form()).status_code == 403
    assert not Comment.objects.exists()


def test_the_rate_limit_shows_a_message(settings, client, demo):
    settings.NEWS_COMMENT_RATE_PER_IP = (1, 600)
    assert client.post(url(demo), form()).status_code == 302
    response = client.post(url(demo), form())
    assert response.status_code == 200 and 'id="comment-form-error"' in response.content.decode()
    assert Comment.objects.count() == 1


def test_approved_comments_show_name_date_and_text_never_contact(client, cast, demo):
    c = comment(demo, contact="secret@example.vn")
    pending = comment(demo, text="Bình luận chưa duyệt ạ.", ip="10.9.9.9")
    services.moderate(comment=c, status="APPROVED", by=cast.eddie)
    html = client.get(url(demo)).content.decode()
    assert GOOD in html and "Nguyễn Văn An" in html
    assert "secret@example.vn" not in html and pending.text not in html


def test_a_reader_reports_a_comment(settings, client, cast, demo):
    settings.NEWS_REPORTS_TO_HIDE = 1
    c = services.moderate(comment=comment(demo), status="APPROVED", by=cast.eddie)
    response = client.post(reverse("news:report", args=[c.pk]))
    assert response.status_code == 302 and "bao-cao=1" in response["Location"]
    c.refresh_from_db()
    assert c.status == "PENDING" and c.reports_count == 1
    assert GOOD not in client.get(url(demo)).content.decode()
    assert client.get(reverse("news:report", args=[c.pk])).status_code == 405


@pytest.mark.parametrize("path", ["/tin-tuc/", "/tin-tuc/khong-co/"])
def test_public_pages_need_no_login(client, db, path):
    assert client.get(path).status_code in (200, 404)  # never a redirect to log in
