import datetime as dt
import sys
import types

import pytest
from django.urls import reverse

from dangbo.members.tests.helpers import admitted_member
from dangbo.reports import page
from dangbo.reports.models import IssuedReport, ReportSettings
from dangbo.reports.services import issue_report

D = dt.date


@pytest.fixture
def data(tree, cast):
    admitted_member(tree.cell1a, D(2022, 3, 5))
    return tree


def get_urls(report) -> list[str]:
    return [
        reverse("reports:organization", args=["DIST"]),
        reverse("reports:year", args=["DIST", 2022]),
        reverse("reports:docx", args=["DIST", 2022]),
        reverse("reports:xlsx", args=["DIST", 2022]),
        reverse("reports:records", args=["DIST", 2022, "admissions"]),
        reverse("reports:settings", args=["DIST"]),
        reverse("reports:issued_docx", args=[report.pk]),
    ]


POST_URLS = [reverse("reports:issue", args=["DIST", 2022]), reverse("reports:news_draft", args=["DIST", 2022])]


@pytest.fixture
def issued(data, cast):
    return issue_report(organization=data.dist, year=2022, by=cast.alice, issued_on=D(2023, 1, 25))


def test_an_outsider_gets_404_everywhere(cast, login, issued):
    client = login(cast.charlie)
    for url in get_urls(issued):
        assert client.get(url).status_code in (404,), url
    for url in POST_URLS:
        assert client.post(url).status_code == 404, url
    assert IssuedReport.objects.count() == 1


def test_anonymous_is_sent_to_log_in(client, issued):
    for url in get_urls(issued) + POST_URLS:
        response = client.post(url) if url in POST_URLS else client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url


def test_committee_staff_read_download_and_issue(cast, login, issued):
    client = login(cast.alice)
    page_response = client.get(reverse("reports:year", args=["DIST", 2022]))
    assert page_response.status_code == 200
    assert page_response.context["figures"]["admissions"] == 1
    assert b"report-chart-data" in page_response.content and b"chart.umd.min.js" in page_response.content
    assert page_response.context["issued"][0]["differences"] == []
    docx = client.get(reverse("reports:docx", args=["DIST", 2022]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK") and "attachment" in docx["Content-Disposition"]
    assert client.get(reverse("reports:xlsx", args=["DIST", 2022])).content.startswith(b"PK")
    assert client.get(reverse("reports:issued_docx", args=[issued.pk])).content == bytes(issued.docx)
    response = client.post(reverse("reports:issue", args=["DIST", 2022]), {"issued_on": "26/01/2023"})
    assert response.status_code == 302
    assert list(IssuedReport.objects.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_readers_cannot_issue_or_change_settings(cast, login, data):
    client = login(cast.vera)
    assert client.get(reverse("reports:year", args=["DIST", 2022])).status_code == 200
    assert client.post(reverse("reports:issue", args=["DIST", 2022])).status_code == 404
    assert client.get(reverse("reports:settings", args=["DIST"])).status_code == 404
    assert not IssuedReport.objects.exists()


def test_a_year_without_a_report_says_why(cast, login, data):
    client = login(cast.alice)
    for year in (2021, dt.date.today().year + 1):
        response = client.get(reverse("reports:year", args=["DIST", year]))
        assert response.status_code == 404 and response.context["message"]


def test_settings_are_saved_and_used_in_the_header(cast, login, data):
    client = login(cast.alice)
    form = client.get(reverse("reports:settings", args=["DIST"]))
    assert form.context["form"].initial["abbreviation"] == "HU"
    assert form.context["form"].initial["issuing_body"] == "HUYỆN ỦY ĐÔNG HƯNG"
    assert form.context["form"].initial["superior_body"] == "TỈNH ỦY THỬ NGHIỆM"
    response = client.post(
        reverse("reports:settings", args=["DIST"]) + "?year=2022",
        {
            "version": form.context["form"].initial["version"],
            "abbreviation": "hu",
            "issuing_body": "Huyện ủy Đông Hưng",
            "superior_body": "",
            "place": "Đông Hưng",
            "short_name": "Huyện ủy",
            "term_started_on": "01/07/2020",
        },
    )
    assert response.status_code == 302
    saved = ReportSettings.objects.get(organization=data.dist)
    assert (saved.abbreviation, saved.issuing_body, saved.term_started_on) == (
        "HU",
        "HUYỆN ỦY ĐÔNG HƯNG",
        D(2020, 7, 1),
    )
    assert saved.history.count() == 1


def test_make_a_news_draft_calls_the_news_service(cast, login, data, monkeypatch):
    calls = []

    class Draft:
        edit_url = "/news/1/edit/"

    def create_draft_from_report(**kwargs):
        calls.append(kwargs)
        return Draft()

    fake = types.ModuleType("dangbo.news.services")
    fake.create_draft_from_report = create_draft_from_report
    monkeypatch.setitem(sys.modules, "dangbo.news.services", fake)
    monkeypatch.setattr(page, "news_enabled", lambda: True)
    monkeypatch.setattr("dangbo.reports.views.news_enabled", lambda: True)
    client = login(cast.alice)
    assert b"reports/DIST/2022/news/" in client.get(reverse("reports:year", args=["DIST", 2022])).content
    response = client.post(reverse("reports:news_draft", args=["DIST", 2022]))
    assert response.status_code == 302 and response["Location"] == "/news/1/edit/"
    (call,) = calls
    assert call["organization"] == data.dist and call["year"] == 2022 and call["by"] == cast.alice
    assert call["title"].startswith("Đảng bộ Đông Hưng") and "kết nạp 1 đảng viên mới" in call["body_html"]


def test_without_the_news_app_there_is_no_button(cast, login, data, monkeypatch):
    monkeypatch.setattr(page, "news_enabled", lambda: False)
    monkeypatch.setattr("dangbo.reports.views.news_enabled", lambda: False)
    client = login(cast.alice)
    assert b"/news/" not in client.get(reverse("reports:year", args=["DIST", 2022])).content
    assert client.post(reverse("reports:news_draft", args=["DIST", 2022])).status_code == 404
