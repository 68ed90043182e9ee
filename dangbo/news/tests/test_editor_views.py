import pytest
from django.urls import reverse

from dangbo.core.versions import version_of
from dangbo.news import services
from dangbo.news.models import Article, Comment

from .conftest import comment, picture


@pytest.fixture
def article(cast):
    return services.create_article(title="Bản nháp", body_html="<p>Một</p>", by=cast.eddie)


def editor_urls(a, c):
    return [
        ("get", reverse("news:editor_list")),
        ("get", reverse("news:create")),
        ("get", reverse("news:edit", args=[a.pk])),
        ("post", reverse("news:add_photo", args=[a.pk])),
        ("get", reverse("news:preview", args=[a.pk])),
        ("post", reverse("news:publish", args=[a.pk])),
        ("post", reverse("news:unpublish", args=[a.pk])),
        ("get", reverse("news:moderation")),
        ("post", reverse("news:moderate", args=[c.pk])),
        ("post", reverse("news:block", args=[c.pk])),
        ("post", reverse("news:follow_up", args=[c.pk])),
    ]


@pytest.fixture
def pending(cast, article):
    services.publish(article=article, by=cast.eddie)
    return comment(article)


def test_outsiders_get_404_everywhere(cast, login, article, pending):
    for user in (cast.charlie, cast.alice, cast.vera):
        client = login(user)
        for method, url in editor_urls(article, pending):
            assert getattr(client, method)(url, {"status": "APPROVED"}).status_code == 404, (user, url)
    pending.refresh_from_db()
    assert pending.status == "PENDING"
    assert article.photos.count() == 0


def test_anonymous_is_sent_to_log_in(client, article, pending):
    for method, url in editor_urls(article, pending):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url


def test_an_editor_writes_and_publishes_an_article(cast, login):
    client = login(cast.eddie)
    assert b"news-body-source" in client.get(reverse("news:create")).content
    response = client.post(
        reverse("news:create"),
        {"title": "Tin mới", "lead": "Tóm tắt", "body_html": "<p>Nội <strong>dung</strong><script>x</script></p>",
         "byline": "PV"},
    )
    a = Article.objects.get()
    assert response.status_code == 302 and a.body_html == "<p>Nội <strong>dung</strong></p>"
    assert a.history.first().history_user == cast.eddie
    edited = {"title": "Tin mới (sửa)", "lead": "", "body_html": "", "byline": "", "version": version_of(a)}
    client.post(reverse("news:edit", args=[a.pk]), edited)
    a.refresh_from_db()
    assert a.title == "Tin mới (sửa)" and a.byline == "PV"
    # "Preview and publish" shows the article first; publishing needs the confirmation.
    assert reverse("news:preview", args=[a.pk]) in client.get(reverse("news:edit", args=[a.pk])).content.decode()
    preview = client.get(reverse("news:preview", args=[a.pk])).content.decode()
    assert "Tin mới (sửa)" in preview and 'name="confirm"' in preview
    unconfirmed = client.post(reverse("news:publish", args=[a.pk]))
    a.refresh_from_db()
    assert unconfirmed["Location"] == reverse("news:preview", args=[a.pk]) and not a.is_published
    client.post(reverse("news:publish", args=[a.pk]), {"confirm": "1"})
    a.refresh_from_db()
    assert a.is_published
    client.post(reverse("news:unpublish", args=[a.pk]))
    a.refresh_from_db()
    assert a.status == "UNPUBLISHED"


def test_an_administrator_uploads_a_photo(cast, login, article):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(cast.root)
    upload = SimpleUploadedFile("p.jpg", picture(), content_type="image/jpeg")
    response = client.post(
        reverse("news:add_photo", args=[article.pk]),
        {"image": upload, "caption": "Thanh Hà - quê hương vải thiều", "alt_text": "", "after_paragraph": 1},
    )
    assert response.status_code == 302
    photo = article.photos.get()
    assert photo.width == 1600 and photo.after_paragraph == 1
    bad = SimpleUploadedFile("p.jpg", b"not a picture", content_type="image/jpeg")
    response = client.post(
        reverse("news:add_photo", args=[article.pk]), {"image": bad, "caption": "x", "after_paragraph": 0}
    )
    assert response.status_code == 200 and article.photos.count() == 1
    assert response.context["photo_form"].errors["image"]


def test_the_moderation_queue_and_its_actions(settings, cast, login, article, pending):
    client = login(cast.eddie)
    page = client.get(reverse("news:moderation"))
    assert page.status_code == 200 and page.context["counts"]["pending"] == 1
    assert pending.text in page.content.decode()
    client.post(reverse("news:moderate", args=[pending.pk]), {"status": "REJECTED", "reason": ""})
    pending.refresh_from_db()
    assert pending.status == "PENDING"  # a rejection needs a reason
    client.post(reverse("news:moderate", args=[pending.pk]), {"status": "APPROVED", "reason": ""})
    pending.refresh_from_db()
    assert pending.status == "APPROVED" and pending.moderated_by == cast.eddie
    client.post(reverse("news:follow_up", args=[pending.pk]), {"needed": "1"})
    pending.refresh_from_db()
    assert pending.needs_follow_up
    assert client.get(reverse("news:moderation") + "?q=follow_up").context["page"].object_list[0] == pending
    client.post(reverse("news:block", args=[pending.pk]))
    pending.refresh_from_db()
    assert pending.status == "HIDDEN"
    assert Comment.objects.get(pk=pending.pk).moderation_reason


def test_the_dashboard_shows_the_queue_to_editors_only(cast, login, pending):
    html = login(cast.eddie).get(reverse("core:dashboard")).content.decode()
    assert 'id="news-panel"' in html and reverse("news:moderation") in html
    assert 'id="news-panel"' not in login(cast.alice).get(reverse("core:dashboard")).content.decode()
