import io

import pytest
from PIL import Image

from dangbo.core.errors import DomainError
from dangbo.core.models import HardDeleteError
from dangbo.news import services
from dangbo.news.models import Article, Comment

from .conftest import BARE, GOOD, comment, picture


@pytest.fixture
def article(cast):
    a = services.create_article(title="Tin mới của Đảng bộ", lead="Tóm tắt", body_html="<p>Nội dung</p>", by=cast.eddie)
    return services.publish(article=a, by=cast.eddie)


def test_it_makes_a_readable_slug_and_keeps_it_unique(db):
    first = services.create_article(title="Đảng bộ Thanh Hà đoàn kết")
    second = services.create_article(title="Đảng bộ Thanh Hà đoàn kết")
    assert first.slug == "dang-bo-thanh-ha-doan-ket"
    assert second.slug == "dang-bo-thanh-ha-doan-ket-2"


def test_it_sanitizes_the_body_on_create_and_update(db):
    a = services.create_article(
        title="T", body_html='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:alert(1)">x</a>'
        '<a href="https://dangbo.vn">ok</a><img src=x onerror=alert(1)></p>',
    )
    assert "script" not in a.body_html and "onclick" not in a.body_html and "javascript" not in a.body_html
    assert "<img" not in a.body_html
    assert '<a href="https://dangbo.vn" rel="noopener noreferrer">ok</a>' in a.body_html
    services.update_article(article=a, body_html="<h2>Tiêu đề</h2><svg onload=alert(1)></svg><ul><li>một</li></ul>")
    assert a.body_html == "<h2>Tiêu đề</h2><ul><li>một</li></ul>"


def test_publish_unpublish_and_history(cast, article):
    assert article.is_published and article.published_at
    services.unpublish(article=article, by=cast.eddie)
    assert article.status == Article.Status.UNPUBLISHED
    with pytest.raises(DomainError):
        services.unpublish(article=article, by=cast.eddie)
    assert article.history.count() == 3
    assert article.history.first().history_user == cast.eddie
    with pytest.raises(HardDeleteError):
        article.delete()


def test_a_photo_is_resized_and_stripped(article):
    photo = services.add_photo(article=article, data=picture(), caption="Ảnh", alt_text="")
    assert (photo.width, photo.height) == (1600, 800)
    assert photo.alt_text == "Ảnh"
    with photo.image.open("rb") as f:
        stored = Image.open(io.BytesIO(f.read()))
        assert stored.format == "JPEG"
        assert not stored.getexif() and "exif" not in stored.info


def test_a_png_with_transparency_becomes_jpeg(article):
    image = Image.new("RGBA", (300, 200), (255, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    photo = services.add_photo(article=article, data=out.getvalue(), caption="Ảnh")
    assert photo.width == 300 and photo.image.name.endswith(".jpg")


def test_a_file_that_is_not_a_picture_is_refused(article):
    with pytest.raises(DomainError) as exc:
        services.add_photo(article=article, data=b"<svg onload=alert(1)>", caption="x")
    assert exc.value.field == "image"


def test_draft_from_report_is_idempotent_until_published(cast, tree):
    kw = dict(organization=tree.dist, year=2022, lead="Tóm tắt", caption="Ảnh đầu", by=cast.eddie)
    first = services.create_draft_from_report(title="Báo cáo 2022", body_html="<p>Một</p>", **kw)
    again = services.create_draft_from_report(title="Báo cáo 2022 (sửa)", body_html="<p>Hai</p>", **kw)
    assert again.pk == first.pk and again.title == "Báo cáo 2022 (sửa)" and again.body_html == "<p>Hai</p>"
    assert again.status == Article.Status.DRAFT and again.photo_caption == "Ảnh đầu"
    assert (again.source_organization_code, again.source_year, again.organization) == ("DIST", 2022, tree.dist)
    services.publish(article=again, by=cast.eddie)
    third = services.create_draft_from_report(title="Báo cáo 2022 bổ sung", body_html="<p>Ba</p>", **kw)
    assert third.pk != first.pk and third.status == Article.Status.DRAFT
    other_year = services.create_draft_from_report(title="Báo cáo 2023", body_html="<p>B</p>", **{**kw, "year": 2023})
    assert other_year.pk not in (first.pk, third.pk)
    assert Article.objects.filter(source_organization_code="DIST", source_year=2022).count() == 2


def test_a_comment_without_diacritics_is_refused(article):
    with pytest.raises(DomainError) as exc:
        comment(article, text=BARE)
    assert exc.value.field == "text" and exc.value.code == "diacritics"
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("name", {"name": ""}),
        ("name", {"name": "A" * 81}),
        ("text", {"text": "Hay"}),
        ("text", {"text": "Rất hay. " * 300}),
    ],
)
def test_length_limits(article, field, kwargs):
    with pytest.raises(DomainError) as exc:
        comment(article, **kwargs)
    assert exc.value.field == field


def test_a_valid_comment_waits_for_moderation_and_keeps_no_raw_address(article):
    c = comment(article, ip="203.0.113.9", contact="0912 345 678")
    assert c.status == Comment.Status.PENDING
    assert c.ip_hash and "203.0.113.9" not in c.ip_hash and len(c.ip_hash) == 64
    assert c.ip_hash == services.address_key("203.0.113.9") != services.address_key("203.0.113.10")


def test_comments_are_closed_on_an_unpublished_article(cast, article):
    services.unpublish(article=article, by=cast.eddie)
    with pytest.raises(DomainError):
        comment(article)


def test_rate_limit_per_address(settings, article):
    settings.NEWS_COMMENT_RATE_PER_IP = (2, 600)
    comment(article)
    comment(article)
    with pytest.raises(DomainError) as exc:
        comment(article)
    assert exc.value.code == "rate"
    comment(article, ip="10.0.0.2")  # another address is not slowed down


def test_rate_limit_per_article(settings, article):
    settings.NEWS_COMMENT_RATE_PER_ARTICLE = (3, 600)
    for n in range(3):
        comment(article, ip=f"10.0.1.{n}")
    with pytest.raises(DomainError) as exc:
        comment(article, ip="10.0.1.99")
    assert exc.value.code == "rate"


def test_moderation_needs_a_reason_to_reject(cast, article):
    c = comment(article)
    with pytest.raises(DomainError) as exc:
        services.moderate(comment=c, status=Comment.Status.REJECTED, reason="", by=cast.eddie)
    assert exc.value.field == "reason"
    services.moderate(comment=c, status=Comment.Status.REJECTED, reason="Lạc đề", by=cast.eddie)
    c.refresh_from_db()
    assert (c.status, c.moderation_reason, c.moderated_by) == ("REJECTED", "Lạc đề", cast.eddie)
    assert c.moderated_at is not None


def test_reports_hide_a_comment_until_reviewed(settings, cast, article):
    settings.NEWS_REPORTS_TO_HIDE = 2
    c = services.moderate(comment=comment(article), status="APPROVED", by=cast.eddie)
    services.report_comment(comment=c, ip="1.1.1.1")
    services.report_comment(comment=c, ip="1.1.1.1")  # the same reader counts once
    c.refresh_from_db()
    assert (c.status, c.reports_count) == ("APPROVED", 1)
    c = services.report_comment(comment=c, ip="2.2.2.2")
    assert (c.status, c.reports_count) == ("PENDING", 2)
    services.moderate(comment=c, status="APPROVED", by=cast.eddie)
    assert c.reports_count == 0


def test_blocking_hides_all_comments_of_the_author_and_the_next_ones(cast, article):
    first = comment(article, ip="9.9.9.9")
    second = services.moderate(comment=comment(article, ip="9.9.9.9"), status="APPROVED", by=cast.eddie)
    bystander = comment(article, ip="8.8.8.8")
    assert services.block_author(comment=first, by=cast.eddie) == 2
    for c in (first, second):
        c.refresh_from_db()
        assert c.status == "HIDDEN"
    bystander.refresh_from_db()
    assert bystander.status == "PENDING"
    later = comment(article, ip="9.9.9.9")
    assert later.status == "HIDDEN"


def test_flag_follow_up(cast, article):
    c = services.flag_follow_up(comment=comment(article), by=cast.eddie)
    assert c.needs_follow_up
    assert c.history.first().history_user == cast.eddie


def test_the_good_comment_text_passes_the_rule():
    from dangbo.lib.vntext import lacks_diacritics

    assert lacks_diacritics(BARE) and not lacks_diacritics(GOOD)
