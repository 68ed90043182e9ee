import datetime as dt

import pytest
from django.urls import reverse

from dangbo.organizations.models import Reorganization
from dangbo.organizations.tests.helpers import reorganize

R = Reorganization.Kind


def test_the_tree_shows_the_users_subtree_only(cast, login):
    page = login(cast.alice).get(reverse("organizations:tree"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Đảng bộ xã An Bình" in html and "Đảng bộ xã Ngoài" not in html


def test_the_tree_opens_one_level_and_reads_a_branch_when_it_is_opened(cast, login):
    client = login(cast.alice)
    html = client.get(reverse("organizations:tree")).content.decode()
    # DIST and its communes; the cells are read when a commune is opened
    assert "Đảng bộ huyện Đông Hưng" in html and "Đảng bộ xã Hòa Lạc" in html
    assert "Chi bộ thôn Đông" not in html
    assert "6 tổ chức" in html  # the whole subtree is counted
    branch = reverse("organizations:children", args=["COMM1"])
    assert f'hx-get="{branch}?day=' in html
    part = client.get(branch, {"day": "01/01/2026"}, headers={"HX-Request": "true"})
    assert part.status_code == 200
    cells = part.content.decode()
    assert "Chi bộ thôn Đông" in cells and "Chi bộ thôn Tây" in cells and "Chi bộ thôn Bắc" not in cells
    assert "hx-get" not in cells  # cells have nothing under them
    # Without HTMX (a new tab), the organization's page, which lists the cells as well
    page = client.get(branch, {"day": "01/01/2026"})
    assert page.status_code == 302 and page["Location"].startswith(reverse("organizations:detail", args=["COMM1"]))


def test_a_branch_is_read_as_it_stood_on_the_day_and_refused_to_an_outsider(cast, login, tree):
    reorganize(kind=R.MOVE, organization=tree.cell2a, effective_on=dt.date(2025, 7, 1), target=tree.comm1)
    branch = reverse("organizations:children", args=["COMM1"])
    hx = {"HX-Request": "true"}
    client = login(cast.alice)
    assert "Chi bộ thôn Bắc" not in client.get(branch, {"day": "30/06/2025"}, headers=hx).content.decode()
    assert "Chi bộ thôn Bắc" in client.get(branch, {"day": "01/07/2025"}, headers=hx).content.decode()
    assert login(cast.charlie).get(branch, {"day": "01/07/2025"}, headers=hx).status_code == 404
    # A branch of a day the organization did not stand as itself (merged away): nothing under it
    reorganize(kind=R.MERGE, organization=tree.comm2, effective_on=dt.date(2026, 1, 1), target=tree.comm1)
    merged = reverse("organizations:children", args=["COMM2"])
    part = login(cast.alice).get(merged, {"day": "02/01/2026"}, headers=hx)
    assert part.status_code == 200 and "<li>" not in part.content.decode()
    assert login(cast.bob).get(branch, headers=hx).status_code == 404  # a cell's secretary: not the commune


def test_tree_search_ignores_diacritics(cast, login):
    page = login(cast.alice).get(reverse("organizations:tree"), {"q": "hoa lac"})
    html = page.content.decode()
    assert "<mark>Đảng bộ xã Hòa Lạc</mark>" in html and "Chi bộ thôn Tây" not in html


def test_tree_search_says_how_many_match_and_when_there_are_more(cast, login, monkeypatch):
    from dangbo.organizations import views

    client = login(cast.alice)
    html = client.get(reverse("organizations:tree"), {"q": "chi bo"}).content.decode()
    assert "3 tổ chức đảng khớp với từ tìm kiếm" in html and html.count("<mark>") == 3
    monkeypatch.setattr(views, "SEARCH_LIMIT", 2)
    html = client.get(reverse("organizations:tree"), {"q": "chi bo"}).content.decode()
    assert "2 tổ chức đảng đầu tiên khớp" in html and html.count("<mark>") == 2
    assert "Chi bộ thôn Bắc" not in html


def test_tree_on_a_past_date(cast, login, tree):
    reorganize(
        kind=R.MOVE, organization=tree.comm2, effective_on=dt.date(2025, 7, 1), target=tree.prov
    )
    client = login(cast.alice)
    assert "Hòa Lạc" in client.get(reverse("organizations:tree"), {"day": "30/06/2025"}).content.decode()


def test_organization_page_shows_units_and_history(cast, login, tree):
    reorganize(
        kind=R.RENAME,
        organization=tree.comm1,
        effective_on=dt.date(2023, 1, 1),
        new_name="Đảng bộ xã An Bình Mới",
        by=cast.alice,
    )
    page = login(cast.alice).get(reverse("organizations:detail", args=["COMM1"]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Chi bộ thôn Đông" in html and "Đảng bộ xã An Bình Mới" in html
    assert "01/01/2023" in html


@pytest.mark.parametrize(
    "name,args",
    [("organizations:detail", ["COMM1"]), ("organizations:reorganize", ["COMM1"])],
)
def test_an_outsider_gets_404(cast, login, name, args):
    assert login(cast.charlie).get(reverse(name, args=args)).status_code == 404


def test_a_cell_secretary_cannot_open_a_sibling_cell(cast, login):
    client = login(cast.bob)
    assert client.get(reverse("organizations:detail", args=["CELL1A"])).status_code == 200
    assert client.get(reverse("organizations:detail", args=["CELL1B"])).status_code == 404


def test_viewers_and_secretaries_cannot_change_the_tree(cast, login):
    for user in (cast.vera, cast.bob, cast.eddie):
        client = login(user)
        assert client.get(reverse("organizations:create")).status_code == 404
        assert client.get(reverse("organizations:reorganize", args=["CELL1A"])).status_code == 404


def test_void_refused_to_outsider(cast, login, tree):
    reorg = reorganize(
        kind=R.RENAME, organization=tree.comm1, effective_on=dt.date(2023, 1, 1), new_name="Tên mới"
    )
    response = login(cast.charlie).post(reverse("organizations:void", args=[reorg.pk]), {"reason": "x"})
    assert response.status_code == 404
    reorg.refresh_from_db()
    assert reorg.voided_at is None


def test_anonymous_is_sent_to_login(client, tree):
    for url in (
        reverse("organizations:tree"),
        reverse("organizations:detail", args=["COMM1"]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_reorganization_preview_then_confirm(cast, login, tree):
    client = login(cast.root)  # moving out of the district is the province's decision
    url = reverse("organizations:reorganize", args=["COMM2"])
    data = {"kind": "MOVE", "effective_on": "01/07/2025", "target": tree.prov.pk}
    preview = client.post(url, {**data, "preview": "1"})
    assert "Chi bộ thôn Bắc" in preview.content.decode()
    assert not Reorganization.objects.exists()
    done = client.post(url, {**data, "confirm": "1"})
    assert done.status_code == 302
    reorg = Reorganization.objects.get()
    assert reorg.effective_on == dt.date(2025, 7, 1)  # day first: 01/07 is July 1st


def test_reorganization_refused_shows_vietnamese_message(cast, login, tree):
    client = login(cast.alice)
    url = reverse("organizations:reorganize", args=["DIST"])
    response = client.post(url, {"kind": "MOVE", "effective_on": "01/07/2025", "target": tree.comm1.pk, "confirm": "1"})
    assert response.status_code == 200
    assert "vòng" in response.content.decode()
    assert not Reorganization.objects.exists()


def test_create_organization(cast, login, tree):
    client = login(cast.alice)
    response = client.post(
        reverse("organizations:create"),
        {
            "code": "COMM3",
            "name": "Đảng bộ xã Mới",
            "kind": "GRASSROOTS_COMMITTEE",
            "parent": tree.dist.pk,
            "founded_on": "05/03/2023",
        },
    )
    assert response.status_code == 302
    from dangbo.organizations.models import Organization
    assert Organization.objects.get(code="COMM3").founded_on == dt.date(2023, 3, 5)
