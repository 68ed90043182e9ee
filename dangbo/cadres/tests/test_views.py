import datetime as dt

import pytest
from django.urls import reverse

from dangbo.cadres.models import PersonnelDecision
from dangbo.cadres.services import add_succession_plan

from .helpers import decide, member_of

D = dt.date


@pytest.fixture
def an(tree):
    m = member_of(tree.cell1a)
    decide(m, tree.dist)
    return m


def urls():
    return [
        reverse("cadres:organization", args=["DIST"]),
        reverse("cadres:year", args=["DIST", 2022]),
        reverse("cadres:record", args=["DIST"]),
        reverse("cadres:terms", args=["DIST"]),
    ]


def form(member, **extra):
    data = {
        "kind": "TRANSFER",
        "date": "05/03/2022",
        "member": member.code,
        "title": "Chánh Văn phòng",
        "unit": "",
        "number": "15-QĐ/HU",
        "end_previous": "on",
    }
    data.update(extra)
    return data


def test_an_outsider_gets_404_everywhere(cast, login, an):
    client = login(cast.charlie)
    for url in urls():
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("cadres:record", args=["DIST"]), form(an)).status_code == 404


def test_anonymous_is_sent_to_log_in(client, an):
    for url in urls():
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url


def test_readers_cannot_record(cast, login, an):
    client = login(cast.vera)
    assert client.get(reverse("cadres:record", args=["DIST"])).status_code == 404
    assert client.post(reverse("cadres:record", args=["DIST"]), form(an)).status_code == 404
    assert PersonnelDecision.objects.count() == 1


def test_the_year_page_lists_and_counts(cast, login, an):
    page = login(cast.vera).get(reverse("cadres:year", args=["DIST", 2022]))
    assert page.status_code == 200
    assert page.context["figures"]["people"] == 1 and "Trưởng phòng Nội vụ" in page.content.decode()
    assert login(cast.vera).get(reverse("cadres:organization", args=["DIST"]))["Location"] == reverse(
        "cadres:year", args=["DIST", 2022]
    )


def test_staff_record_a_decision(cast, login, an):
    response = login(cast.alice).post(reverse("cadres:record", args=["DIST"]), form(an, unit="COMM1"))
    assert response.status_code == 302
    decision = PersonnelDecision.objects.get(kind="TRANSFER")
    assert decision.organization.code == "COMM1" and decision.created_by == cast.alice


def test_warnings_are_shown_and_a_reason_lets_it_through(cast, login, tree, an):
    add_succession_plan(member=an, title="Khác", organization=tree.dist, from_year=2020, to_year=2025)
    client = login(cast.alice)
    page = client.post(reverse("cadres:record", args=["DIST"]), form(an, kind="APPOINTMENT"))
    assert page.status_code == 200 and len(page.context["warnings"]) == 1
    assert PersonnelDecision.objects.count() == 1
    response = client.post(
        reverse("cadres:record", args=["DIST"]), form(an, kind="APPOINTMENT", override_reason="Lý do")
    )
    assert response.status_code == 302 and PersonnelDecision.objects.count() == 2


def test_a_member_outside_the_scope_is_unknown(cast, login, tree, an):
    outsider = member_of(tree.ocell, name="Phạm Văn Ngoài")
    page = login(cast.alice).post(reverse("cadres:record", args=["DIST"]), form(outsider))
    assert page.status_code == 200 and page.context["form"].errors["member"]


def test_a_refusal_is_shown_on_the_form(cast, login, an):
    page = login(cast.alice).post(reverse("cadres:record", args=["DIST"]), form(an, date="01/01/2011"))
    assert page.status_code == 200 and page.context["form"].errors["member"]


def test_the_terms_worklist(cast, login, an, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: D(2027, 1, 20))  # the term ends 01/03/2027
    page = login(cast.vera).get(reverse("cadres:terms", args=["DIST"]))
    assert page.status_code == 200
    assert [d.member for d in page.context["decisions"]] == [an] and "01/03/2027" in page.content.decode()


def test_the_dashboard_counts_terms_ending(cast, login):
    from django.urls import reverse

    response = login(cast.alice).get(reverse("core:dashboard"))
    assert "cadres" in {item.key for item, _context in response.context["panels"]}
    panel = login(cast.alice).get(reverse("core:panel", args=["cadres"])).context["panel"]
    assert panel["org"].code == "DIST" and panel["terms_ending"] == 0
    assert login(cast.eddie).get(reverse("core:dashboard")).status_code == 200
