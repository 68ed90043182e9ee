import datetime as dt

from django.urls import reverse

from dangbo.accounts.access import visible_organizations
from dangbo.organizations.models import Reorganization
from dangbo.organizations.tests.helpers import reorganize


def codes(qs):
    return set(qs.values_list("code", flat=True))


def test_committee_staff_see_their_subtree(cast):
    assert codes(visible_organizations(cast.alice)) == {"DIST", "COMM1", "CELL1A", "CELL1B", "COMM2", "CELL2A"}


def test_a_cell_secretary_sees_their_cell_only(cast):
    assert codes(visible_organizations(cast.bob)) == {"CELL1A"}


def test_editors_and_anonymous_see_no_tree(cast):
    from django.contrib.auth.models import AnonymousUser

    assert not visible_organizations(cast.eddie).exists()
    assert not visible_organizations(AnonymousUser()).exists()


def test_an_organization_moved_away_stays_visible_for_its_past(cast, tree):
    reorganize(
        kind=Reorganization.Kind.MOVE, organization=tree.comm2, effective_on=dt.date(2025, 7, 1), target=tree.other
    )
    assert "COMM2" in codes(visible_organizations(cast.alice))
    assert "COMM2" in codes(visible_organizations(cast.charlie))


def test_login_page_and_failed_login_throttling(client, cast):
    url = reverse("accounts:login")
    assert client.get(url).status_code == 200
    for _ in range(5):
        client.post(url, {"username": "alice", "password": "wrong"})
    locked = client.post(url, {"username": "alice", "password": cast.password})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_logout(client, cast):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": cast.password})
    assert response.status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_password_change_needs_login(client, cast):
    assert client.get(reverse("accounts:password_change")).status_code == 302
    client.force_login(cast.bob)
    assert client.get(reverse("accounts:password_change")).status_code == 200
