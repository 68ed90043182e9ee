"""Committee staff open "Record an event" on a member's page on a phone: the form comes
when it is opened (HTMX), and recording a transfer through it works.

Phone-sized viewport (360×740): screenshot member-event-form-phone.png in test-artifacts/.
"""

import datetime as dt

import pytest

from conftest import build_cast, build_tree
from dangbo.members.models import Member
from dangbo.members.tests.helpers import register
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def test_the_event_form_opens_and_records(page, shot):
    tree = build_tree()
    cast = build_cast(tree)
    register(code="E1", full_name="Trịnh Văn Thiện", birth=dt.date(1980, 5, 1), sex="M", event_kind="OPENING",
             event_date=dt.date(2020, 1, 1), organization=tree.cell1a, status="OFFICIAL",
             admitted_on=dt.date(1996, 3, 5), official_on=dt.date(1997, 3, 5))
    page.set_viewport_size(PHONE)
    log_in(page, "alice", cast.password)
    page.goto(page.base_url + "/members/E1/")
    assert page.locator("#id_kind").count() == 0  # not read with the page
    page.click("details.card summary:has-text('Ghi nhận biến động')")
    page.wait_for_selector(".event-form #id_kind")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "member-event-form-phone")
    page.select_option(".event-form #id_kind", "TRANSFERRED_INTERNAL")
    page.fill(".event-form #id_date", "05/03/2023")
    page.select_option(".event-form #id_organization", str(tree.cell1b.pk))
    page.click(".event-form button[type=submit]")
    page.wait_for_load_state()
    assert Member.objects.get(code="E1").organization == tree.cell1b
