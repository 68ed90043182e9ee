"""The citizens office, on a phone: a reader's comment becomes a petition in one click,
the petition's due date is explained, and a denunciation's sender is shown on request
(the view logged). Screenshots citizens-*.png in test-artifacts/."""

import datetime as dt

import pytest
from django.core.cache import cache

from conftest import PASSWORD, build_cast, build_tree
from dangbo.citizens.models import Petition, SenderView
from dangbo.citizens.tests.helpers import SECRET, office, petition
from dangbo.news import services as news
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 800}
D = dt.date


@pytest.fixture(autouse=True)
def _isolated():
    cache.clear()


def test_the_office_takes_up_a_comment_and_sees_a_denouncer_on_request(page, shot):
    tree = build_tree()
    cast = build_cast(tree)
    article = news.create_article(title="Xã An Bình chuẩn bị mùa vải", body_html="<p>Tin</p>",
                                  organization=tree.comm1, by=cast.eddie)
    news.publish(article=article, by=cast.eddie)
    comment = news.submit_comment(article=article, name="Nguyễn Văn Dân", contact="0912 345 678", ip="10.1.1.1",
                                  text="Đường ra vườn vải thôn Đông hỏng nặng, đề nghị sửa trước mùa thu hoạch.")
    news.flag_follow_up(comment=comment, by=cast.eddie)
    denunciation = petition(tree.comm1, code="TC-01", kind="DENUNCIATION", sender=SECRET,
                            received_on=D(2023, 1, 17), content="Tố cáo cán bộ thôn lập danh sách hộ nghèo sai")
    otto = office(tree.dist)
    page.set_viewport_size(PHONE)
    log_in(page, otto.username, PASSWORD)

    page.goto(page.base_url + "/citizens/comments/")
    shot(page, "citizens-1-comments-phone")
    page.click(f"#comment-{comment.pk} button[value=RECOMMENDATION]")
    page.wait_for_selector("h1")
    taken = Petition.objects.get(source_comment=comment)
    assert taken.kind == "RECOMMENDATION" and taken.code in page.inner_text("h1")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "citizens-2-petition-from-comment-phone")

    page.goto(f"{page.base_url}/citizens/petition/{denunciation.pk}/")
    assert SECRET not in page.content()
    # 17/01/2023 + 7 working days across Tết Quý Mão → 02/02/2023, and how.
    assert "02/02/2023" in page.inner_text(".due-dates")
    page.click("#sender a")
    page.wait_for_selector("#sender .revealed")
    assert page.inner_text("#sender .revealed") == SECRET
    assert SenderView.objects.filter(petition=denunciation, viewed_by=otto).count() == 1
    shot(page, "citizens-3-denouncer-shown-phone")
