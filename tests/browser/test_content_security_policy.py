"""Pages under the Content-Security-Policy: Chromium reports no violation (scripts,
styles and handlers all come from static files), and the print buttons still print."""

import pytest

from conftest import build_cast, build_tree
from dangbo.members.tests.helpers import opening, person
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/org/", "/org/DIST/", "/members/?org=DIST", "/members/register/CELL1A/", "/reports/DIST/2024/",
         "/targets/DIST/2024/", "/ratings/DIST/2024/summary/", "/training/DIST/2024/", "/excel/", "/news/new/",
         "/tin-tuc/"]


def test_no_page_breaks_the_content_security_policy(page, shot):
    tree = build_tree()
    cast = build_cast(tree)
    opening(person(), tree.cell1a)
    violations = []
    page.on("console", lambda m: violations.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text or "Refused to" in m.text else None)
    log_in(page, "root", cast.password)
    for path in PAGES:
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        page.wait_for_load_state("networkidle")
    assert violations == []
    page.goto(page.base_url + "/reports/DIST/2024/")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.click("button[data-print]")
    assert page.evaluate("window.printed") == 1
    shot(page, "csp-report-page")
