"""What committee staff do on the member development and documents screens: take a
candidate into the plan (a warning, then a reason), record a step of the dossier, admit;
register a document with the next number proposed as the type is chosen."""

import datetime as dt

import pytest

from conftest import build_cast, build_tree
from dangbo.members.tests.helpers import admitted_member, opening, person
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = dt.date


def test_staff_take_a_candidate_into_the_plan_and_admit_at_phone_size(browser, live_server, shot):
    tree = build_tree()
    cast = build_cast(tree)
    official = person(code="H1", name="Nguyễn Văn Giúp")
    opening(official, tree.cell1a)
    admitted_member(tree.cell1a, D(2022, 9, 1), name="Lê Văn Dự", code="H2")
    context = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.base_url = live_server.url
    log_in(page, "alice", cast.password)
    page.goto(page.base_url + "/org/DIST/")
    page.click("a[href^='/development/DIST/?day=']")
    page.click("a[href='/development/DIST/new/']")
    page.fill("#id_code", "QC-01")
    page.fill("#id_full_name", "Phạm Thị Hoa")
    page.fill("#id_birth", "02/04/2000")
    page.select_option("#id_sex", "F")
    page.select_option("#id_organization", "CELL1A")
    page.fill("#id_planned_on", "01/03/2023")
    page.fill("#id_helpers", "H1; H2")
    page.fill("#id_certificate_on", "12/05/2023")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".warnings")
    assert "H2" in page.inner_text(".warnings")
    shot(page, "development-1-warning-phone")
    page.fill("#id_override_reason", "Đồng chí Dự sắp được công nhận chính thức")
    page.click("main form button[type=submit]")
    page.wait_for_selector("h1:has-text('Phạm Thị Hoa')")
    page.select_option("#id_step", "CELL_RESOLUTION")
    page.fill("#id_date", "10/07/2023")
    page.click("form[action$='/step/'] button[type=submit]")
    page.wait_for_selector("td:has-text('Nghị quyết đề nghị kết nạp của chi bộ')")
    shot(page, "development-2-candidate-phone")
    page.click("a.button:has-text('Kết nạp')")
    page.fill("#id_date", "15/08/2023")
    page.fill("#id_member_code", "012345AB")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".warnings")  # H2 is still probationary on the admission day
    assert "H2" in page.inner_text(".warnings")
    page.fill("#id_override_reason", "Chi bộ đã xem xét, đồng chí Dự được công nhận tháng 9")
    page.click("main form button[type=submit]")
    page.wait_for_selector("h1:not(:has-text('Kết nạp'))")
    body = page.inner_text("main")
    assert "012345AB" in body and "15/08/2023" in body
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "development-3-admitted-phone")
    page.goto(page.base_url + "/development/DIST/")
    assert "Phạm Thị Hoa" not in page.inner_text("main table:last-of-type")
    context.close()


def test_staff_register_a_document_with_the_number_proposed(page, shot):
    tree = build_tree()
    cast = build_cast(tree)
    log_in(page, "alice", cast.password)
    page.goto(page.base_url + "/leadership/DIST/documents/2023/")
    page.select_option("form.stacked #id_kind", "DECISION")
    page.fill("form.stacked #id_date", "03/03/2023")
    page.locator("form.stacked #id_date").dispatch_event("change")
    page.wait_for_selector("#proposal:has-text('Số 01-QĐ/HU')")
    page.fill("#id_subject", "Quyết định về việc kiện toàn Ban Chỉ đạo")
    page.click("form.stacked button[type=submit]")
    page.wait_for_selector("td a:has-text('01-QĐ/HU')")
    page.select_option("form.stacked #id_kind", "DECISION")  # dated today: HU no longer names a body
    page.wait_for_selector("#proposal .warning")
    page.fill("form.stacked #id_date", "04/03/2023")
    page.locator("form.stacked #id_date").dispatch_event("change")
    page.wait_for_selector("#proposal:has-text('Số 02-QĐ/HU')")
    shot(page, "development-4-documents-desktop")
