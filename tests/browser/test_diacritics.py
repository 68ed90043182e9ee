"""A reader types a comment without diacritics on a phone: the page suggests it with
diacritics while typing and under the refusal, and one tap puts it in the box.

Phone-sized viewport (360×740): screenshots diacritics-*.png in test-artifacts/.
"""

import datetime as dt
import zoneinfo

import pytest
from django.core.cache import cache

from conftest import build_cast, build_tree
from dangbo.news import diacritics
from dangbo.news.demo import ensure_demo_article
from dangbo.news.tests.conftest import write_diacritics_model
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
BARE = "bai viet rat hay, cam on tac gia"
SUGGESTED = "bài viết rất hay, cảm ơn tác giả"


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DIACRITICS_MODEL = write_diacritics_model(tmp_path / "diacritics.pickle")
    diacritics.reset()
    cache.clear()
    yield
    diacritics.reset()


def article():
    return ensure_demo_article(
        organization=None,
        title="Đại hội Đảng bộ xã Thanh Hà",
        lead="Bài viết rất hay.",
        body_html="<p>Đại hội Đảng bộ xã.</p>",
        caption="Thanh Hà",
        published_at=dt.datetime(2023, 1, 25, 11, 40, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")),
    )


def test_the_suggestion_while_typing_and_after_a_refusal_goes_into_the_box(page, shot):
    url = f"{page.base_url}/tin-tuc/{article().slug}/"
    page.set_viewport_size(PHONE)
    page.goto(url)
    page.fill("#id_name", "Nguyễn Văn An")
    page.locator("#id_text").press_sequentially(BARE, delay=5)
    page.wait_for_selector("#id_text-suggestion .suggestion-text")
    assert page.inner_text("#id_text-suggestion .suggestion-text") == SUGGESTED
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("#id_text-suggestion").scroll_into_view_if_needed()
    shot(page, "diacritics-1-while-typing-phone")

    page.click("#comment-form button[type=submit]")  # sent as typed: refused
    page.wait_for_selector("#text-error")
    assert page.inner_text("#id_text-suggestion .suggestion-text") == SUGGESTED
    page.locator("#id_text-suggestion").scroll_into_view_if_needed()
    shot(page, "diacritics-2-refused-phone")

    page.click("#id_text-suggestion button.use-suggestion")
    assert page.input_value("#id_text") == SUGGESTED
    assert page.evaluate("document.activeElement.id") == "id_text"
    page.wait_for_timeout(1200)  # the debounced request comes back empty: no suggestion
    assert page.inner_text("#id_text-suggestion").strip() == ""
    page.click("#comment-form button[type=submit]")
    page.wait_for_selector("#comment-awaiting")
    shot(page, "diacritics-3-sent-phone")


def test_an_editor_sees_the_suggestion_for_a_title(page, shot):
    cast = build_cast(build_tree())
    page.set_viewport_size(PHONE)
    log_in(page, "eddie", cast.password)
    page.goto(page.base_url + "/news/new/")
    page.locator("#id_title").press_sequentially("Dai hoi Dang bo xa Thanh Ha", delay=5)
    page.wait_for_selector("#id_title-suggestion .suggestion-text")
    assert page.inner_text("#id_title-suggestion .suggestion-text") == "Đại hội Đảng bộ xã Thanh Hà"
    shot(page, "diacritics-4-editor-title-phone")
    page.click("#id_title-suggestion button.use-suggestion")
    assert page.input_value("#id_title") == "Đại hội Đảng bộ xã Thanh Hà"
