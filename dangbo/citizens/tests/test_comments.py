"""From the public page to a petition: an editor (on the moderation page) or the
citizens office staff (on their list of comments to take up) turn a public comment into
feedback or a recommendation in one click, with its text and contact, linked both ways."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from dangbo.citizens.models import Petition
from dangbo.news import services as news

from .helpers import office

TEXT = "Đường thôn Đông xuống cấp nghiêm trọng, đề nghị sửa chữa trước mùa vải."


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def comment(tree, cast):
    article = news.create_article(title="Xã An Bình đón Tết", body_html="<p>Tin</p>", organization=tree.comm1,
                                  by=cast.eddie)
    news.publish(article=article, by=cast.eddie)
    return news.submit_comment(article=article, name="Nguyễn Văn Dân", contact="0912 345 678", text=TEXT,
                               ip="10.0.0.9")


def test_an_editor_makes_a_comment_a_petition_on_the_moderation_page(cast, login, tree, comment):
    client = login(cast.eddie)
    page = client.get(reverse("news:moderation")).content.decode()
    url = reverse("citizens:comment_to_petition", args=[comment.pk])
    assert url in page
    response = client.post(url, {"kind": "FEEDBACK", "next": reverse("news:moderation")})
    assert response.status_code == 302 and response["Location"] == reverse("news:moderation")
    p = Petition.objects.get(source_comment=comment)
    assert (p.kind, p.organization, p.channel, p.content) == ("FEEDBACK", tree.comm1, "ELECTRONIC", TEXT)
    assert p.sender == "Nguyễn Văn Dân — 0912 345 678"
    assert p.received_on == timezone.localtime(comment.created_at).date() and p.accept_due is not None
    comment.refresh_from_db()
    assert comment.petition == p
    page = client.get(reverse("news:moderation")).content.decode()
    assert p.code in page and url not in page  # linked back, and once only
    again = client.post(url, {"kind": "FEEDBACK"})
    assert again.status_code == 302 and Petition.objects.count() == 1
    # The petition's page links to the comment's article.
    assert reverse("news:article", args=[comment.article.slug]) in login(cast.alice).get(
        reverse("citizens:petition", args=[p.pk])).content.decode()


def test_the_office_takes_up_comments_marked_for_follow_up(cast, login, tree, comment):
    news.flag_follow_up(comment=comment, by=cast.eddie)
    otto = office(tree.dist)
    client = login(otto)
    page = client.get(reverse("citizens:comments"))
    assert [c.pk for c in page.context["waiting"]] == [comment.pk]
    response = client.post(reverse("citizens:comment_to_petition", args=[comment.pk]), {"kind": "RECOMMENDATION"})
    p = Petition.objects.get(source_comment=comment)
    assert response["Location"] == reverse("citizens:petition", args=[p.pk])
    assert p.kind == "RECOMMENDATION" and p.created_by == otto
    comment.refresh_from_db()
    assert not comment.needs_follow_up
    page = client.get(reverse("citizens:comments"))
    assert not page.context["waiting"] and [c.pk for c in page.context["taken"]] == [comment.pk]


def test_who_may_not_turn_comments_into_petitions(cast, login, tree, comment):
    url = reverse("citizens:comment_to_petition", args=[comment.pk])
    for user in (cast.alice, cast.vera, cast.charlie, cast.bob):
        assert login(user).post(url, {"kind": "FEEDBACK"}).status_code == 404, user
        assert login(user).get(reverse("citizens:comments")).status_code == 404, user
    assert login(cast.eddie).get(reverse("citizens:comments")).status_code == 404  # the editor's page is moderation
    elsewhere = office(tree.other, username="oscar")
    assert login(elsewhere).post(url, {"kind": "FEEDBACK"}).status_code == 404
    assert login(cast.eddie).post(url, {"kind": "COMPLAINT"}).status_code == 302
    assert not Petition.objects.exists()
    assert "comment-petition" not in login(cast.alice).get(reverse("citizens:organization", args=["DIST"])
                                                           ).content.decode()
