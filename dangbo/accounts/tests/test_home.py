"""The landing page of each role, and the pages of an organization that has ended (a
district dissolved on 30/06/2025, its communes moved under new ones)."""

import datetime as dt

import pytest
from django.urls import reverse

from dangbo.accounts.home import home_for
from dangbo.members.tests.helpers import admitted_member, opening, person
from dangbo.organizations.models import Organization, Reorganization
from dangbo.organizations.tests.helpers import found, reorganize

D = dt.date
TODAY = D(2026, 12, 5)
Kind = Organization.Kind


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    return TODAY


@pytest.fixture
def dissolved(tree, cast):
    """DIST ends on 30/06/2025: COMM1 goes under a new commune NEWA, COMM2 under NEWB."""
    new = {}
    for code, name in (("NEWA", "Đảng bộ xã Mới A"), ("NEWB", "Đảng bộ xã Mới B")):
        new[code] = found(
            code=code, name=name, kind=Kind.ABOVE_GRASSROOTS, parent=tree.prov, founded_on=D(2025, 7, 1)
        )
    for org, target in ((tree.comm1, new["NEWA"]), (tree.comm2, new["NEWB"])):
        reorganize(kind=Reorganization.Kind.MOVE, organization=org, effective_on=D(2025, 7, 1), target=target)
    reorganize(kind=Reorganization.Kind.DISSOLVE, organization=tree.dist, effective_on=D(2025, 6, 30))
    opening(person(name="Lê Văn Một"), tree.cell1a, date=D(2021, 1, 1))
    return new


def panels(response) -> dict:
    """The landing's panels by key; those that come later with their own request."""
    found = {}
    for item, context in response.context["panels"]:
        if item.later:
            later = response.client.get(reverse("core:panel", args=[item.key]))
            context = later.context["panel"] if later.context else None
        found[item.key] = context
    return found


def test_committee_staff_land_on_figures_worklists_and_charts(cast, login, tree, today):
    opening(person(name="Lê Văn Một"), tree.cell1a, date=D(2021, 1, 1))
    admitted_member(tree.cell1a, date=D(2025, 12, 1), name="Trần Thị Hai")
    response = login(cast.alice).get(reverse("core:dashboard"))
    found = panels(response)
    assert {"home", "figures", "due", "membership", "reports"} <= set(found)
    assert found["figures"]["members"]["total"] == 2 and found["due"]["recognition"] == 1
    assert found["home"]["home"].organization == tree.dist and not found["home"]["home"].ended
    assert "cell" not in found and "news" not in found
    html = response.content.decode()
    assert "Đảng bộ huyện Đông Hưng" in html and reverse("core:panel", args=["membership"]) in html
    chart = response.client.get(reverse("core:panel", args=["membership"])).content.decode()
    assert 'data-chart="membership-chart"' in chart and 'id="membership-chart"' in chart


def test_the_membership_chart_counts_the_year_ends_from_the_tallies_as_the_spans_say(cast, login, tree, today):
    from dangbo.members.models import MembershipEvent
    from dangbo.members.selectors import headcount
    from dangbo.members.tests.helpers import record

    opening(person(name="Lê Văn Một"), tree.cell1a, date=D(2019, 1, 1))
    moved = admitted_member(tree.cell2a, date=D(2021, 6, 1), name="Trần Thị Hai")
    record(member=moved, kind=MembershipEvent.Kind.TRANSFERRED_INTERNAL, date=D(2023, 3, 1),
           organization=tree.ocell)  # out of DIST, into OTHER
    admitted_member(tree.cell1b, date=D(2024, 9, 2), name="Phạm Văn Ba")
    reorganize(kind=Reorganization.Kind.MOVE, organization=tree.comm2, effective_on=D(2025, 7, 1), target=tree.other)
    rows = panels(login(cast.alice).get(reverse("core:dashboard")))["membership"]["rows"]
    assert [label for label, _counts in rows] == ["2019", "2020", "2021", "2022", "2023", "2024", "2025",
                                                  "05/12/2026"]
    for label, counts in rows[:-1]:
        assert counts == headcount(tree.dist, D(int(label), 12, 31)), label
    assert [counts["total"] for _label, counts in rows] == [1, 1, 2, 2, 1, 2, 2, 2]


def test_a_cell_secretary_lands_on_the_cell_and_what_is_due(cast, login, tree, today):
    admitted_member(tree.cell1a, date=D(2025, 12, 1), name="Trần Thị Hai")
    opening(person(name="Phạm Văn Ba"), tree.cell1b, date=D(2021, 1, 1))
    response = login(cast.bob).get(reverse("core:dashboard"))
    found = panels(response)
    assert "cell" in found and "home" not in found and "figures" not in found and "due" not in found
    html = response.content.decode()
    assert "Trần Thị Hai" in html and "Phạm Văn Ba" not in html  # the cell's members only
    assert reverse("members:register", args=["CELL1A"]) in html


def test_an_editor_lands_on_the_moderation_queue_and_drafts(cast, login, today):
    from dangbo.news import services as news

    news.create_article(title="Bản nháp về hội nghị", body_html="<p>Một</p>", by=cast.eddie)
    response = login(cast.eddie).get(reverse("core:dashboard"))
    assert set(panels(response)) == {"news"}
    assert "Bản nháp về hội nghị" in response.content.decode()


def test_an_outsider_sees_only_their_own_organization(cast, login, tree, today):
    opening(person(name="Lê Văn Một"), tree.cell1a, date=D(2021, 1, 1))
    html = login(cast.charlie).get(reverse("core:dashboard")).content.decode()
    assert "Đảng bộ huyện Khác" in html and "Đông Hưng" not in html and "Lê Văn Một" not in html


def test_staff_of_a_dissolved_organization_work_on_its_last_day(cast, tree, dissolved, today):
    home = home_for(cast.alice, today)
    assert home.organization == tree.dist and home.ended and home.day == D(2025, 6, 30)


def test_their_landing_page_shows_the_last_day_and_where_the_units_went(cast, login, tree, dissolved, today):
    response = login(cast.alice).get(reverse("core:dashboard"))
    found = panels(response)
    assert found["figures"]["members"]["total"] == 1  # on 30/06/2025, not 0 today
    assert "due" not in found  # nothing is due in an organization that has ended
    successors = found["home"]["successors"]
    assert [(s["span"].organization.code, [u.organization.code for u in s["units"]]) for s in successors] == [
        ("NEWA", ["COMM1"]), ("NEWB", ["COMM2"])
    ]
    html = response.content.decode()
    assert "30/06/2025" in html and "Đảng bộ xã Mới A" in html
    # The new communes are not theirs: named, not linked; the units they knew are linked.
    assert reverse("organizations:detail", args=["NEWA"]) not in html
    assert reverse("organizations:detail", args=["COMM1"]) in html


def test_their_history_pages_open_on_the_last_day(cast, login, tree, dissolved, today):
    client = login(cast.alice)
    tree_page = client.get(reverse("organizations:tree"))
    assert tree_page.context["day"] == D(2025, 6, 30) and tree_page.context["count"] == 6
    detail = client.get(reverse("organizations:detail", args=["DIST"]))
    assert detail.context["day"] == D(2025, 6, 30) and detail.context["span"] is not None
    members = client.get(reverse("members:list"))
    assert members.context["filter"].day == D(2025, 6, 30) and members.context["counts"]["total"] == 1
    # The yearly pages open on years it existed, not on an empty today.
    assert client.get(reverse("reports:organization", args=["DIST"]))["Location"].endswith("/DIST/2024/")
    assert client.get(reverse("ratings:organization", args=["DIST"]))["Location"].endswith("/DIST/2024/")
    assert client.get(reverse("training:organization", args=["DIST"]))["Location"].endswith("/DIST/2025/")
    # Today the organization page says where its units went.
    today_page = client.get(reverse("organizations:detail", args=["DIST"]), {"day": "05/12/2026"})
    assert today_page.context["span"] is None and today_page.context["successors"]


def test_the_report_opened_from_a_2022_view_stays_on_2022(cast, login, tree, dissolved, today):
    client = login(cast.alice)
    page = client.get(reverse("organizations:detail", args=["DIST"]), {"day": "15/06/2022"}).content.decode()
    link = reverse("reports:organization", args=["DIST"]) + "?day=15/06/2022"
    assert link in page
    assert client.get(link)["Location"].endswith("/DIST/2022/")
    # From its last day, the last year it stood at the end of: 2024.
    last = reverse("reports:organization", args=["DIST"]) + "?day=30/06/2025"
    assert client.get(last)["Location"].endswith("/DIST/2024/")


def test_no_report_is_offered_for_a_year_it_did_not_stand_at_the_end_of(cast, login, tree, dissolved, today):
    from dangbo.core.errors import DomainError
    from dangbo.reports.services import issue_report

    client = login(cast.alice)
    year_2025 = client.get(reverse("reports:year", args=["DIST", 2025])).content.decode()
    assert reverse("reports:issue", args=["DIST", 2025]) not in year_2025
    assert "30/06/2025" in year_2025
    year_2024 = client.get(reverse("reports:year", args=["DIST", 2024])).content.decode()
    assert reverse("reports:issue", args=["DIST", 2024]) in year_2024
    with pytest.raises(DomainError):
        issue_report(organization=tree.dist, year=2025, by=cast.alice)
