"""What a user sees and changes follows the tree and the members on the day that
matters, both ways:

- a member who left a cell: its secretary reads the member's history up to the day they
  left (the departure included), without what was recorded since (citizen ID, later
  events, the photo); the district's staff, whose subtree the member stayed in, read all;
- a committee dissolved on 30/06/2025: its staff read its history and write what is
  dated up to its last day, nothing after it, and nothing in the cells that stand under
  another committee since; that committee's staff write them.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from dangbo.accounts.access import can_change_tree, can_write_member, dossier_view, scope_end
from dangbo.members.models import MembershipEvent
from dangbo.members.tests.helpers import event, opening, person, update
from dangbo.organizations.models import Reorganization
from dangbo.organizations.tests.helpers import reorganize

D = dt.date
TODAY = D(2026, 3, 1)


@pytest.fixture
def moved(tree, cast):
    """Hồ Văn Chuyển: in CELL1A from 2020, in CELL1B from 05/03/2023, exempted in 2024;
    his citizen ID and religion recorded in 2026, after he left CELL1A."""
    m = person(code="MOVED", name="Hồ Văn Chuyển")
    opening(m, tree.cell1a, date=D(2020, 1, 1))
    event(m, "TRANSFERRED_INTERNAL", D(2023, 3, 5), tree.cell1b, by=cast.alice)
    event(m, "EXEMPTED", D(2024, 6, 1), reason="Tuổi cao", by=cast.alice)
    update(member=m, full_name=m.full_name, birth=m.birth_date, sex=m.sex, citizen_id="001090012345",
           religion="Phật giáo", by=cast.alice)
    m.refresh_from_db()
    return m


def test_the_cell_secretary_sees_the_member_only_up_to_the_day_he_left(client, cast, moved, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    assert scope_end(cast.bob, moved, today=TODAY) == D(2023, 3, 4)
    client.force_login(cast.bob)
    with translation.override("vi"):
        page = client.get(reverse("members:detail", args=["MOVED"]))
    html = page.content.decode()
    assert page.status_code == 200
    kinds = [e.kind for e in page.context["events"]]
    assert kinds == ["TRANSFERRED_INTERNAL", "OPENING"]  # his departure, not the 2024 exemption
    assert "001090012345" not in html and "Phật giáo" not in html
    assert "04/03/2023" in html  # the page says until when
    assert not page.context["can_write"] and not page.context["panels"]
    # nor the photo, recorded since
    assert client.get(reverse("members:photo", args=["MOVED"])).status_code == 404


def test_the_district_staff_still_see_all_of_him(client, cast, moved, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    assert scope_end(cast.alice, moved, today=TODAY) is None
    client.force_login(cast.alice)
    page = client.get(reverse("members:detail", args=["MOVED"]))
    html = page.content.decode()
    assert "001090012345" in html and "Phật giáo" in html
    assert "EXEMPTED" in [e.kind for e in page.context["events"]]


def test_sensitive_fields_follow_the_role(cast, moved, tree):
    assert dossier_view(cast.alice, moved).allowed == {"citizen_id", "religion", "health", "discipline"}
    assert dossier_view(cast.vera, moved).allowed == set()
    secretary = dossier_view(cast.bob, opening(person(code="STAY"), tree.cell1a).member)
    assert secretary.allowed == {"health"}


def test_a_viewer_does_not_see_the_citizen_id_nor_its_changes(client, cast, moved):
    client.force_login(cast.vera)
    html = client.get(reverse("members:detail", args=["MOVED"])).content.decode()
    assert "001090012345" not in html and "Phật giáo" not in html
    client.force_login(cast.alice)
    assert "001090012345" in client.get(reverse("members:detail", args=["MOVED"])).content.decode()


@pytest.fixture
def dissolved(tree, cast):
    """DIST's communes move to OTHER on 01/07/2025; DIST is dissolved, last day 30/06/2025."""
    for comm in (tree.comm1, tree.comm2):
        reorganize(kind=Reorganization.Kind.MOVE, organization=comm, effective_on=D(2025, 7, 1), target=tree.other)
    reorganize(kind=Reorganization.Kind.DISSOLVE, organization=tree.dist, effective_on=D(2025, 6, 30))
    m = person(code="STAYED", name="Đỗ Thị Ở")
    opening(m, tree.cell1a, date=D(2020, 1, 1))
    m.refresh_from_db()
    return m


def test_staff_of_a_dissolved_committee_write_nothing_after_its_last_day(cast, tree, dissolved):
    alice, charlie = cast.alice, cast.charlie
    assert can_change_tree(alice, tree.cell1a, on=D(2025, 6, 30))
    assert not can_change_tree(alice, tree.cell1a, on=D(2025, 7, 1))
    assert not can_change_tree(alice, tree.cell1a)  # today
    assert not can_change_tree(alice)
    assert can_change_tree(charlie, tree.cell1a) and not can_change_tree(charlie, tree.cell1a, on=D(2024, 1, 1))
    assert can_write_member(alice, dissolved, on=D(2024, 5, 1))
    assert not can_write_member(alice, dissolved, on=D(2025, 8, 1))
    assert can_write_member(charlie, dissolved, on=D(2025, 8, 1))


def test_through_the_pages_a_dissolved_committee_reads_its_history_and_cannot_write_after(
    client, cast, tree, dissolved
):
    client.force_login(cast.alice)
    assert client.get(reverse("organizations:detail", args=["CELL1A"])).status_code == 200
    assert client.get(reverse("members:detail", args=["STAYED"])).status_code == 200
    assert client.get(reverse("reports:year", args=["DIST", 2024])).status_code == 200
    url = reverse("members:record_event", args=["STAYED"])
    # after the last day: refused, nothing recorded
    client.post(url, {"kind": "EXEMPTED", "date": "01/08/2025", "reason": "x"})
    assert not MembershipEvent.objects.filter(member=dissolved, kind="EXEMPTED").exists()
    # before it: the committee's own past, recorded
    client.post(url, {"kind": "EXEMPTED", "date": "01/05/2024", "reason": "Tuổi cao"})
    assert MembershipEvent.objects.filter(member=dissolved, kind="EXEMPTED", date=D(2024, 5, 1)).exists()
    # the cell's new committee writes what comes after
    client.force_login(cast.charlie)
    client.post(url, {"kind": "EXEMPTION_ENDED", "date": "01/08/2025"})
    assert MembershipEvent.objects.filter(member=dissolved, kind="EXEMPTION_ENDED").exists()
    # and the other writes of the dissolved committee are refused today
    client.force_login(cast.alice)
    assert client.get(reverse("targets:create", args=["COMM1", 2026])).status_code == 404
    assert client.get(reverse("organizations:reorganize", args=["CELL1A"])).status_code == 200
    response = client.post(reverse("organizations:reorganize", args=["CELL1A"]),
                           {"kind": "RENAME", "effective_on": "01/09/2025", "new_name": "Chi bộ mới", "confirm": "1"})
    assert response.status_code == 200 and not Reorganization.objects.filter(new_name="Chi bộ mới").exists()
