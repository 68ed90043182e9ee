"""A reader comments on the demo's 2022 article; an editor approves; readers see it.

Phone-sized viewport (390×844): screenshots news-*.png in test-artifacts/.
"""

import datetime as dt
import zoneinfo

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext

from conftest import build_cast, build_tree
from dangbo.news.demo import ensure_demo_article
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
BODY = (
    "<p>Năm qua, Đảng bộ huyện Thanh Hà coi trọng công tác giáo dục chính trị, tư tưởng.</p>"
    "<p>Năm 2022, Đảng bộ huyện kết nạp 153 đảng viên mới; đưa ra khỏi Đảng 10 đảng viên.</p>"
    "<p>Có 8 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, 33 hoàn thành tốt nhiệm vụ.</p>"
    "<p>21 trong tổng số 22 chỉ tiêu về kinh tế - xã hội đạt và vượt.</p>"
)
BARE = "bai viet rat hay, cam on tac gia"
GOOD = "Bài viết rất hay, cảm ơn tác giả"


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


def test_a_reader_comments_and_an_editor_approves(page, shot):
    cast = build_cast(build_tree())
    article = ensure_demo_article(
        organization=None,
        title="Đảng bộ Thanh Hà đoàn kết, sáng tạo thực hiện nhiệm vụ then chốt",
        lead="Năm 2022, Đảng bộ Thanh Hà đã đoàn kết, sáng tạo, hoàn thành nhiều chỉ tiêu đề ra.",
        body_html=BODY,
        caption="Thanh Hà - quê hương vải thiều",
        published_at=dt.datetime(2023, 1, 25, 11, 40, 14, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")),
    )
    with translation.override("vi"):
        message = gettext("Please write in Vietnamese with diacritics.")
    page.set_viewport_size(PHONE)
    url = f"{page.base_url}/tin-tuc/{article.slug}/"

    page.goto(page.base_url + "/tin-tuc/")
    page.click(f"a[href='/tin-tuc/{article.slug}/']")
    page.wait_for_selector("h1")
    assert "THỨ TƯ, 25/01/2023 11:40:14" in page.inner_text(".dateline")
    assert page.inner_text("figcaption") == "Thanh Hà - quê hương vải thiều"
    assert page.evaluate("document.querySelector('figure img').naturalWidth") > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "news-1-article-phone")

    page.fill("#id_name", "Nguyễn Văn An")
    page.fill("#id_text", BARE)
    page.click("#comment-form button[type=submit]")
    page.wait_for_selector("#text-error")
    assert page.inner_text("#text-error") == message
    assert page.input_value("#id_text") == BARE
    assert page.input_value("#id_name") == "Nguyễn Văn An"
    page.locator("#comment-form").scroll_into_view_if_needed()
    shot(page, "news-2-diacritics-refused")

    page.fill("#id_text", GOOD)
    page.click("#comment-form button[type=submit]")
    page.wait_for_selector("#comment-awaiting")
    assert GOOD not in page.inner_text("#binh-luan")
    shot(page, "news-3-awaiting-moderation")

    editor = page.context.browser.new_context(locale="vi-VN", viewport=PHONE)
    desk = editor.new_page()
    desk.base_url = page.base_url
    log_in(desk, "eddie", cast.password)
    desk.goto(page.base_url + "/")
    assert desk.inner_text("#news-panel .count") == "1"
    desk.click("#news-panel a[href='/news/comments/']")
    desk.wait_for_selector(".comment-item")
    assert GOOD in desk.inner_text(".comment-item")
    shot(desk, "news-4-moderation-queue")
    desk.click(".comment-item button.approve")
    desk.wait_for_selector("#queue-empty")
    shot(desk, "news-5-approved")
    editor.close()

    page.goto(url)
    page.wait_for_selector(".comment")
    assert GOOD in page.inner_text(".comment .text")
    assert "Nguyễn Văn An" in page.inner_text(".comment .who")
    page.locator(".comment").scroll_into_view_if_needed()
    shot(page, "news-6-comment-published")
