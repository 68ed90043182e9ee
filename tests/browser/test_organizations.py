import datetime as dt

import pytest

from conftest import build_cast, build_tree
from dangbo.organizations.models import Reorganization
from dangbo.organizations.tests.helpers import reorganize
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_committee_staff_opens_tree_organization_and_history(page, shot):
    tree = build_tree()
    cast = build_cast(tree)
    reorganize(
        kind=Reorganization.Kind.RENAME, organization=tree.comm1, effective_on=dt.date(2023, 8, 1),
        new_name="Đảng bộ xã An Bình Mới", decision_number="12-QĐ/HU", by=cast.alice,
    )
    log_in(page, "alice", cast.password)
    page.click("nav a[href='/org/']")
    page.wait_for_selector(".tree")
    # At phone size: the communes are listed, and a commune's cells are read when it is opened
    page.set_viewport_size({"width": 360, "height": 740})
    assert "Chi bộ thôn Đông" not in page.inner_text(".tree")
    page.locator("summary", has=page.locator("a[href^='/org/COMM1/']")).click(position={"x": 4, "y": 8})
    page.wait_for_selector(".tree a[href^='/org/CELL1A/']")
    assert "Chi bộ thôn Tây" in page.inner_text(".tree")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "org-0-tree-branch-phone")
    page.set_viewport_size({"width": 1200, "height": 900})
    page.fill("#id_q", "an binh")
    page.wait_for_selector("mark")
    shot(page, "org-1-tree-search")
    page.click("mark")
    page.wait_for_selector("h1")
    assert "Đảng bộ xã An Bình Mới" in page.inner_text("h1")
    body = page.inner_text("main")
    assert "12-QĐ/HU" in body and "01/08/2023" in body
    assert "Chi bộ thôn Đông" in body
    shot(page, "org-2-detail-history")


def test_cell_secretary_cannot_open_a_sibling_cell(page, shot):
    tree = build_tree()
    cast = build_cast(tree)
    log_in(page, "bob", cast.password)
    own = page.goto(page.base_url + "/org/CELL1A/")
    assert own.status == 200
    sibling = page.goto(page.base_url + "/org/CELL1B/")
    assert sibling.status == 404
    shot(page, "org-3-sibling-refused")
