"""The sender of a denunciation is confidential (Luật Tố cáo 2018): only the citizens
office staff of the receiving committee's subtree see it, every view is logged (who,
when), and exports leave it out unless that role exports. Nowhere else does it show:
lists, searches, the report, its records, the history."""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from dangbo.citizens.models import Petition, SenderView
from dangbo.interchange.exporter import export_workbook

from .helpers import SECRET, D, office, petition, session

OPEN_SENDER = "Trần Văn Công Khai, thôn Tây"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def denunciation(tree):
    session(tree.dist, date=D(2022, 3, 15))
    petition(tree.comm1, code="KN", kind="COMPLAINT", sender=OPEN_SENDER, content="Khiếu nại")
    return petition(tree.comm1, code="TC", kind="DENUNCIATION", sender=SECRET, content="Tố cáo cán bộ địa chính",
                    received_on=D(2022, 4, 4))


def pages(tree, p):
    return [
        reverse("citizens:petition", args=[p.pk]),
        reverse("citizens:petitions", args=["DIST"]) + "?year=2022",
        reverse("citizens:petitions", args=["DIST"]) + "?year=2022&q=Kín",
        reverse("citizens:organization", args=["DIST"]),
        reverse("reports:year", args=["DIST", 2022]),
        reverse("reports:records", args=["DIST", 2022, "citizens.received"]),
        reverse("reports:records", args=["DIST", 2022, "citizens.denunciation"]),
    ]


def test_nobody_else_sees_the_denouncer_on_any_page(cast, login, tree, denunciation):
    for user in (cast.alice, cast.vera, cast.root):
        client = login(user)
        for url in pages(tree, denunciation):
            response = client.get(url)
            assert response.status_code == 200, (user, url)
            assert "Phạm Thị Kín" not in response.content.decode(), (user, url)
        assert client.get(reverse("citizens:petition_sender", args=[denunciation.pk])).status_code == 404
    assert not SenderView.objects.exists()
    # A complaint's sender is not confidential.
    complaint = Petition.objects.get(code="KN")
    kn = login(cast.vera).get(reverse("citizens:petition", args=[complaint.pk])).content.decode()
    assert OPEN_SENDER in kn


def test_a_search_by_the_denouncers_name_finds_nothing(cast, login, tree, denunciation):
    response = login(office(tree.dist)).get(reverse("citizens:petitions", args=["DIST"]) + "?year=2022&q=Pham Thi Kin")
    assert not response.context["page"].object_list


def test_the_office_sees_it_on_request_and_every_view_is_logged(tree, login, denunciation):
    otto = office(tree.dist)
    client = login(otto)
    page = client.get(reverse("citizens:petition", args=[denunciation.pk])).content.decode()
    assert "Phạm Thị Kín" not in page  # not on the page itself: shown on request
    assert reverse("citizens:petition_sender", args=[denunciation.pk]) in page
    for _ in range(2):
        shown = client.get(reverse("citizens:petition_sender", args=[denunciation.pk]), HTTP_HX_REQUEST="true")
        assert SECRET in shown.content.decode()
    views = SenderView.objects.filter(petition=denunciation)
    assert views.count() == 2 and {v.viewed_by for v in views} == {otto} and all(v.how == "PAGE" for v in views)
    # The office of another subtree does not see it.
    other = login(office(tree.other, username="oscar"))
    assert other.get(reverse("citizens:petition_sender", args=[denunciation.pk])).status_code == 404


def test_the_edit_form_keeps_the_sender_of_those_who_may_not_see_it(cast, login, tree, denunciation):
    client = login(cast.alice)
    form = client.get(reverse("citizens:petition_edit", args=[denunciation.pk]))
    assert "sender" not in form.context["form"].fields and "Phạm Thị Kín" not in form.content.decode()
    client.post(reverse("citizens:petition_edit", args=[denunciation.pk]), {
        "received_on": "04/04/2022", "kind": "DENUNCIATION", "content": "Tố cáo cán bộ địa chính xã",
        "complexity": "NORMAL",
    })
    denunciation.refresh_from_db()
    assert denunciation.content == "Tố cáo cán bộ địa chính xã" and denunciation.sender == SECRET
    history = login(office(tree.dist)).get(reverse("citizens:petition", args=[denunciation.pk])).content.decode()
    assert "Phạm Thị Kín" not in history


def _sheet(data: bytes, name: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data), read_only=True)[name].iter_rows(values_only=True))


def test_exports_leave_it_out_unless_the_office_exports(cast, login, tree, denunciation):
    for user in (cast.alice, cast.root):
        data = login(user).get(reverse("interchange:export") + "?org=DIST").content
        rows = _sheet(data, "Đơn thư")
        assert not any(SECRET in str(cell) for row in rows for cell in row), user
        assert any(OPEN_SENDER in str(cell) for row in rows for cell in row)
    buffer = io.BytesIO()
    export_workbook(tree.dist, buffer)  # the command line
    assert SECRET not in str(_sheet(buffer.getvalue(), "Đơn thư"))
    assert not SenderView.objects.exists()
    otto = office(tree.dist)
    data = login(otto).get(reverse("citizens:export", args=["DIST"])).content
    assert any(SECRET == cell for row in _sheet(data, "Đơn thư") for cell in row)
    logged = SenderView.objects.get()
    assert (logged.petition, logged.viewed_by, logged.how) == (denunciation, otto, "EXPORT")
    data = login(cast.alice).get(reverse("citizens:export", args=["DIST"])).content
    assert SECRET not in str(_sheet(data, "Đơn thư"))


def test_an_export_without_the_sender_imported_again_keeps_it(cast, tree, denunciation):
    from dangbo.interchange.importer import import_file

    buffer = io.BytesIO()
    export_workbook(tree.dist, buffer)
    report = import_file(data=buffer.getvalue(), name="dist.xlsx", by=cast.alice)
    assert report.ok, [str(e) for e in report.errors]
    assert report.counts["Đơn thư"]["updated"] == 0
    denunciation.refresh_from_db()
    assert denunciation.sender == SECRET
