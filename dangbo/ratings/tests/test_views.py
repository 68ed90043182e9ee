import datetime as dt

import pytest
from django.urls import reverse

from dangbo.ratings.models import Rating

from .helpers import member_in, rate


@pytest.fixture
def an(tree):
    return member_in(tree.cell1a, name="Nguyễn Văn An")


def urls(tree, an):
    return [
        reverse("ratings:organization", args=["DIST"]),
        reverse("ratings:rate", args=["DIST", 2022]),
        reverse("ratings:rate", args=["CELL1A", 2022]),
        reverse("ratings:summary", args=["DIST", 2022]),
        reverse("ratings:export", args=["DIST", 2022]),
    ]


POSTS = [
    ("ratings:rate_member", ["CELL1A", 2022, "{an}"], {"level": "GOOD"}),
    ("ratings:rate_organization", ["DIST", 2022, "COMM1"], {"level": "GOOD"}),
]


def test_an_outsider_gets_404_everywhere(cast, login, tree, an):
    client = login(cast.charlie)
    for url in urls(tree, an):
        assert client.get(url).status_code == 404, url
    rating = rate(an).rating
    assert (
        client.post(reverse("ratings:rate_member", args=["CELL1A", 2022, an.code]), {"level": "GOOD"}).status_code
        == 404
    )
    assert (
        client.post(reverse("ratings:rate_organization", args=["DIST", 2022, "COMM1"]), {"level": "GOOD"}).status_code
        == 404
    )
    assert client.post(reverse("ratings:reopen", args=["DIST", rating.pk]), {"reason": "x"}).status_code == 404
    assert not Rating.objects.filter(organization__code="COMM1").exists()


def test_anonymous_is_sent_to_log_in(client, tree, an):
    for url in urls(tree, an) + [reverse("ratings:rate_member", args=["CELL1A", 2022, an.code])]:
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url


def test_the_cell_secretary_self_assesses_the_members_of_the_cell_in_name_order(cast, login, tree, an):
    member_in(tree.cell1a, name="Trần Thị Bình")
    member_in(tree.cell1a, name="Lê Văn Ánh")
    member_in(tree.cell1b, name="Phạm Văn Cường")  # another cell
    client = login(cast.bob)
    page = client.get(reverse("ratings:rate", args=["CELL1A", 2022]))
    assert page.status_code == 200
    names = [c["row"]["name"] for c in page.context["rows"]]
    assert names == ["Nguyễn Văn An", "Lê Văn Ánh", "Trần Thị Bình"]  # by given name
    assert page.context["done"] == 0 and page.context["total"] == 3
    url = reverse("ratings:rate_member", args=["CELL1A", 2022, an.code])
    response = client.post(url, {"level": "EXCELLENT"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="row-' + an.code + '"' in html and 'hx-swap-oob="true"' in html and "aria-pressed" in html
    rating = Rating.objects.get(member=an)
    assert rating.step == Rating.Step.SELF_ASSESSED and rating.self_assessed_by == cast.bob
    assert response.context["done"] == 1
    # not the other cell, and no deciding
    assert client.get(reverse("ratings:rate", args=["CELL1B", 2022])).status_code == 404
    client.post(url + "?mode=decide", {"level": "GOOD", "mode": "decide"})
    assert Rating.objects.get(member=an).step == Rating.Step.SELF_ASSESSED


def test_committee_staff_decide_the_grassroots_organizations_with_an_override_reason(cast, login, tree):
    client = login(cast.alice)
    page = client.get(reverse("ratings:rate", args=["DIST", 2023]) + "?mode=decide")
    assert [c["row"]["code"] for c in page.context["rows"]] == ["COMM1", "COMM2"]
    rate(tree.comm2, year=2023)
    url = reverse("ratings:rate_organization", args=["DIST", 2023, "COMM1"])
    response = client.post(url, {"level": "EXCELLENT", "mode": "decide"}, HTTP_HX_REQUEST="true")
    assert response.context["override_needed"] and 'name="override_reason"' in response.content.decode()
    assert not Rating.objects.filter(organization=tree.comm1).exists()
    response = client.post(
        url, {"level": "EXCELLENT", "mode": "decide", "override_reason": "Thành tích nổi bật"}, HTTP_HX_REQUEST="true"
    )
    rating = Rating.objects.get(organization=tree.comm1)
    assert rating.locked and rating.override_reason == "Thành tích nổi bật" and rating.decided_by == cast.alice
    assert "excellence_cap" in [w.code for w in response.context["warnings"]]
    response = client.post(reverse("ratings:reopen", args=["DIST", rating.pk]), {"reason": "Sai sót"})
    assert response.status_code == 302
    rating.refresh_from_db()
    assert not rating.locked and rating.reopen_reason == "Sai sót"


def test_scores_are_asked_for_in_2025(cast, login, tree):
    client = login(cast.alice)
    page = client.get(reverse("ratings:rate", args=["DIST", 2025]))
    assert 'name="score"' in page.content.decode()
    url = reverse("ratings:rate_organization", args=["DIST", 2025, "COMM1"])
    response = client.post(url, {"level": "GOOD", "score": "95"}, HTTP_HX_REQUEST="true")
    assert response.context["error"].field == "score"
    client.post(url, {"level": "GOOD", "score": "85,5"}, HTTP_HX_REQUEST="true")
    assert str(Rating.objects.get(organization=tree.comm1).score) == "85.50"


def test_viewers_read_but_cannot_rate(cast, login, tree, an):
    client = login(cast.vera)
    assert client.get(reverse("ratings:rate", args=["DIST", 2022])).status_code == 200
    response = client.post(reverse("ratings:rate_member", args=["CELL1A", 2022, an.code]), {"level": "GOOD"})
    assert response.status_code == 404 and not Rating.objects.exists()


def test_the_default_year_is_last_year_until_december(cast, login, tree, monkeypatch):
    client = login(cast.alice)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: dt.date(2023, 11, 30))
    assert client.get(reverse("ratings:organization", args=["DIST"]))["Location"].endswith("/DIST/2022/")
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: dt.date(2023, 12, 1))
    assert client.get(reverse("ratings:organization", args=["DIST"]))["Location"].endswith("/DIST/2023/")


def test_the_summary_and_its_excel_export(cast, login, tree, an):
    rate(an)
    rate(tree.comm1)
    client = login(cast.vera)
    page = client.get(reverse("ratings:summary", args=["DIST", 2022]))
    assert page.status_code == 200
    assert page.context["figures"]["grassroots_ratings"] == {
        "excellent": 0,
        "good": 1,
        "completed": 0,
        "not_completed": 0,
        "not_rated": 1,
    }
    assert 'id="ratings-chart-data"' in page.content.decode() and "chart.umd.min.js" in page.content.decode()
    response = client.get(reverse("ratings:export", args=["DIST", 2022]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(response.content))
    first = list(book.worksheets[0].iter_rows(values_only=True))
    assert first[-1] == (2022, 0, 1, 0, 0, 1)
