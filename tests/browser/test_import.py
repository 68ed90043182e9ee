import datetime as dt
import io

import pytest

from conftest import build_cast, build_tree
from dangbo.interchange.exporter import write_workbook
from dangbo.organizations.models import Organization
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_check_a_workbook_then_import_it_with_progress(page, shot, tmp_path):
    tree = build_tree()
    cast = build_cast(tree)
    cell = ["CELL1C", "Chi bộ thôn Nam", "Chi bộ trực thuộc", "COMM1", None, dt.date(2023, 1, 1), None]
    rows = {"organizations": [cell]}
    buffer = io.BytesIO()
    write_workbook(rows, buffer)
    path = tmp_path / "chi-bo-moi.xlsx"
    path.write_bytes(buffer.getvalue())
    log_in(page, "alice", cast.password)
    page.goto(page.base_url + "/excel/")
    assert page.locator(".import-progress").count() == 1  # hidden until a request runs
    assert not page.locator(".import-progress").is_visible()
    page.set_input_files("input[type=file]", str(path))
    page.click("form[data-progress] button[type=submit]")
    page.wait_for_selector("button:has-text(\"Nhập dữ liệu\")")  # the check's result, swapped in by HTMX
    body = page.inner_text("main")
    assert "chi-bo-moi.xlsx" in body and not Organization.objects.filter(code="CELL1C").exists()
    shot(page, "import-1-checked")
    page.click("button:has-text(\"Nhập dữ liệu\")")
    page.wait_for_selector("h2:has-text(\"Đã nhập\")")  # the import job's page
    assert Organization.objects.filter(code="CELL1C").exists()
    assert "chi-bo-moi.xlsx" in page.inner_text("h1")
    shot(page, "import-2-imported")
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "import-3-imported-phone")
