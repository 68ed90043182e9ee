import datetime as dt
import re

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


def test_make_a_news_draft_lands_on_the_draft_and_a_retry_makes_no_second(cast, login, data):
    from dangbo.news.models import Article

    client = login(cast.alice)
    page_html = client.get(reverse("reports:year", args=["DIST", 2022])).content.decode()
    assert "reports/DIST/2022/news/" in page_html
    key = re.search(r'name="once" value="([0-9a-f-]+)"', page_html).group(1)
    first = client.post(reverse("reports:news_draft", args=["DIST", 2022]), {"once": key})
    (draft,) = Article.objects.all()
    assert first.status_code == 302 and first["Location"] == reverse("news:preview", args=[draft.pk])
    assert draft.status == "DRAFT" and draft.source_organization_code == "DIST" and draft.source_year == 2022
    assert draft.title.startswith("Đảng bộ Đông Hưng") and "kết nạp 1 đảng viên mới" in draft.body_html
    # The same form sent again (a double click, a retry): the same draft, no second one.
    again = client.post(reverse("reports:news_draft", args=["DIST", 2022]), {"once": key})
    assert again["Location"] == first["Location"] and Article.objects.count() == 1
    # Committee staff see what they made; an outsider does not.
    assert client.get(first["Location"]).status_code == 200
    assert login(cast.charlie).get(first["Location"]).status_code == 404


def test_a_retried_draft_after_publication_does_not_make_another(cast, login, data):
    from dangbo.news import services as news_services
    from dangbo.news.models import Article

    client = login(cast.alice)
    key = "8d3b0c5e-3f0a-4d55-9d0e-111111111111"
    url = client.post(reverse("reports:news_draft", args=["DIST", 2022]), {"once": key})["Location"]
    news_services.publish(article=Article.objects.get(), by=cast.eddie)
    assert client.post(reverse("reports:news_draft", args=["DIST", 2022]), {"once": key})["Location"] == url
    assert Article.objects.count() == 1
    # A new click (a new page, a new key) after publication makes a new draft, by design.
    client.post(reverse("reports:news_draft", args=["DIST", 2022]), {"once": "8d3b0c5e-3f0a-4d55-9d0e-222222222222"})
    assert Article.objects.count() == 2


def test_someone_elses_key_leads_nowhere(cast, login, data, tree):
    from dangbo.accounts.services import create_user

    key = "8d3b0c5e-3f0a-4d55-9d0e-333333333333"
    login(cast.alice).post(reverse("reports:news_draft", args=["DIST", 2022]), {"once": key})
    other = create_user(username="dora", password=cast.password, role="COMMITTEE_STAFF", organization=tree.dist)
    assert login(other).post(reverse("reports:news_draft", args=["DIST", 2022]), {"once": key}).status_code == 404


def test_without_the_news_app_there_is_no_button(cast, login, data, monkeypatch):
    monkeypatch.setattr(page, "news_enabled", lambda: False)
    monkeypatch.setattr("dangbo.reports.views.news_enabled", lambda: False)
    client = login(cast.alice)
    assert b"/news/" not in client.get(reverse("reports:year", args=["DIST", 2022])).content
    assert client.post(reverse("reports:news_draft", args=["DIST", 2022])).status_code == 404
