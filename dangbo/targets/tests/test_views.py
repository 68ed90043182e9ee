from decimal import Decimal

import pytest
from django.urls import reverse

from dangbo.core.versions import version_of
from dangbo.targets import services
from dangbo.targets.models import Target

from .helpers import target


@pytest.fixture
def kt01(tree):
    return target(tree.dist, code="KT01", planned="1234.5", actual="1300")


def urls(t):
    return [
        reverse("targets:organization", args=["DIST"]),
        reverse("targets:year", args=["DIST", 2022]),
        reverse("targets:create", args=["DIST", 2022]),
        reverse("targets:detail", args=[t.pk]),
        reverse("targets:edit", args=[t.pk]),
    ]


def test_an_outsider_gets_404_everywhere(cast, login, kt01):
    client = login(cast.charlie)
    for url in urls(kt01):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("targets:detail", args=[kt01.pk]), {"actual": "1"}).status_code == 404


def test_anonymous_is_sent_to_log_in(client, kt01):
    for url in urls(kt01):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url


def test_readers_cannot_write(cast, login, kt01):
    for user in (cast.vera, cast.eddie):
        client = login(user)
        assert client.get(reverse("targets:create", args=["DIST", 2022])).status_code == 404
        assert client.get(reverse("targets:edit", args=[kt01.pk])).status_code == 404
        assert client.post(reverse("targets:detail", args=[kt01.pk]), {"actual": "1"}).status_code == 404
    kt01.refresh_from_db()
    assert kt01.actual == Decimal("1300")


def test_a_viewer_reads_the_year_page(cast, login, kt01):
    page = login(cast.vera).get(reverse("targets:year", args=["DIST", 2022]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "KT01" in html and "1.234,5" in html and "1.300" in html
    assert 'id="targets-chart-data"' in html and "chart.umd.min.js" in html
    assert page.context["figures"]["met_or_exceeded"] == 1
    assert "targets:create" not in html and reverse("targets:create", args=["DIST", 2022]) not in html


def test_the_organization_page_redirects_to_the_year_asked_for(cast, login, kt01):
    client = login(cast.alice)
    response = client.get(reverse("targets:organization", args=["DIST"]))
    assert response["Location"] == reverse("targets:year", args=["DIST", 2022])
    response = client.get(reverse("targets:organization", args=["DIST"]), {"year": "2023"})
    assert response["Location"] == reverse("targets:year", args=["DIST", 2023])


def test_lower_committees_are_shown_beside(cast, login, tree, kt01):
    target(tree.comm1, code="KT01", planned="100", actual="98.5")
    page = login(cast.alice).get(reverse("targets:year", args=["DIST", 2022]))
    assert [c.organization.code for c in page.context["lower_children"]] == ["COMM1"]
    assert "98,5" in page.content.decode()


def test_the_year_page_takes_a_fixed_number_of_queries(cast, login, tree, django_assert_num_queries):
    client = login(cast.alice)
    target(tree.dist, code="A")
    target(tree.comm1, code="A")
    client.get(reverse("targets:year", args=["DIST", 2022]))  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("targets:year", args=["DIST", 2022]))
    for i in range(5):
        target(tree.dist, code=f"B{i}", actual="1")
        target(tree.comm2, code=f"B{i}", actual="1")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("targets:year", args=["DIST", 2022]))


def test_committee_staff_create_a_target_with_a_vietnamese_number(cast, login, tree):
    client = login(cast.alice)
    data = {"code": "KT02", "name": "Thu ngân sách", "unit": "tỷ đồng", "planned": "1.234,5", "direction": "UP"}
    response = client.post(reverse("targets:create", args=["COMM1", 2022]), data)
    assert response.status_code == 302
    t = Target.objects.get(code="KT02")
    assert t.organization == tree.comm1 and t.planned == Decimal("1234.5")
    assert t.history.get().history_user == cast.alice


def test_the_create_form_shows_errors_next_to_the_fields(cast, login, tree):
    client = login(cast.alice)
    target(tree.dist, code="KT01")
    page = client.post(
        reverse("targets:create", args=["DIST", 2022]),
        {"code": "KT01", "name": "X", "planned": "12,3,4", "direction": "UP"},
    )
    assert page.status_code == 200
    assert "planned" in page.context["form"].errors
    page = client.post(
        reverse("targets:create", args=["DIST", 2022]), {"code": "KT01", "name": "X", "planned": "1", "direction": "UP"}
    )
    assert "code" in page.context["form"].errors
    assert Target.objects.count() == 1


def test_recording_the_actual_value_and_its_history(cast, login, kt01):
    client = login(cast.alice)
    url = reverse("targets:detail", args=[kt01.pk])
    response = client.post(url, {"actual": "1.250,75", "actual_on": "31/12/2022", "source": "Chi cục Thống kê",
                                 "version": version_of(kt01)})
    assert response.status_code == 302
    kt01.refresh_from_db()
    assert kt01.actual == Decimal("1250.75") and kt01.actual_on.day == 31
    services.record_actual(target=kt01, actual=Decimal("1100"), source="Báo cáo sửa", by=cast.alice)
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "1.250,75" in html and "1.100" in html and "alice" in html
    assert sum(1 for h in page.context["history"] if h["actual"]) == 3
    assert page.context["target"].status == Target.Status.NOT_MET


def test_a_viewer_sees_the_detail_without_the_form(cast, login, kt01):
    page = login(cast.vera).get(reverse("targets:detail", args=[kt01.pk]))
    assert page.status_code == 200 and not page.context["can_change"]
    assert 'name="actual"' not in page.content.decode()


def test_editing_the_plan(cast, login, kt01):
    client = login(cast.alice)
    data = {"name": "Tăng trưởng", "unit": "%", "planned": "1.300", "direction": "DOWN", "term": "2020-2025",
            "version": version_of(kt01)}
    assert client.post(reverse("targets:edit", args=[kt01.pk]), data).status_code == 302
    kt01.refresh_from_db()
    assert kt01.planned == Decimal("1300") and kt01.direction == "DOWN" and kt01.term == "2020-2025"
    assert kt01.status == Target.Status.MET


def test_the_organization_page_shows_the_targets_panel(cast, login, tree, kt01):
    page = login(cast.alice).get(reverse("organizations:detail", args=["DIST"]), {"day": "31/12/2022"})
    assert page.status_code == 200
    assert reverse("targets:year", args=["DIST", 2022]) in page.content.decode()
