"""Inspection staff on a phone: from the dashboard to the remedies due, one marked done."""

import datetime as dt

import pytest
from django.utils import timezone

from conftest import build_cast, build_tree
from dangbo.accounts.models import User
from dangbo.accounts.services import create_user
from dangbo.inspections.models import Remedy
from dangbo.inspections.tests.helpers import conclude, member_of, plan, remedy
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inspection_staff_mark_a_remedy_done_from_the_dashboard_on_a_phone(page, shot):
    tree = build_tree()
    cast = build_cast(tree)
    today = timezone.localdate()
    staff = create_user(username="ivan", password=cast.password, role=User.Role.INSPECTION_STAFF,
                        organization=tree.dist)
    member = member_of(tree.cell1a, name="Nguyễn Văn An")
    item = plan("KT01", tree.dist, subject=member, kind="SUSPECTED_VIOLATION", start=today - dt.timedelta(days=60))
    conclude(item, end=today - dt.timedelta(days=30), conclusion="VIOLATION", today=today)
    late = remedy(item, text="Kiểm điểm trước chi bộ", due=today - dt.timedelta(days=3), today=today)
    page.set_viewport_size({"width": 360, "height": 780})
    log_in(page, "ivan", cast.password)
    assert "1 biện pháp quá hạn" in page.inner_text("main")
    shot(page, "inspections-1-dashboard-phone")
    page.click("text=1 biện pháp quá hạn")
    page.wait_for_selector("h1")
    assert "Kiểm điểm trước chi bộ" in page.inner_text("main") and "quá hạn" in page.inner_text("main")
    page.click("summary:has-text('Ghi đã hoàn thành')")
    shot(page, "inspections-2-remedies-phone")
    page.click("form button:has-text('Lưu')")
    page.wait_for_selector(".messages")
    assert "Không có biện pháp khắc phục nào quá hạn" in page.inner_text("main")
    late.refresh_from_db()
    assert late.done_on == today and Remedy.objects.get().history.first().history_user == staff
    shot(page, "inspections-3-done-phone")
