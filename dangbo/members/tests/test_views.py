import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dangbo.members.models import DossierView, Member, MembershipEvent
from dangbo.members.tests.helpers import record, register

D = dt.date
DEFAULT_BIRTH = D(1980, 5, 1)


@pytest.fixture
def people(tree):
    """Three members of DIST's cells and one of OTHER's, through the real services."""
    def add(code, name, cell, admitted, status="OFFICIAL", sex="M", birth=DEFAULT_BIRTH, **extra):
        return register(
            code=code, full_name=name, birth=birth, sex=sex, event_kind="OPENING", event_date=D(2020, 1, 1),
            organization=cell, status=status, admitted_on=admitted,
            official_on=D(admitted.year + 1, admitted.month, admitted.day) if status == "OFFICIAL" else None,
            **extra,
        )

    return {
        "thien": add("A1", "Trịnh Văn Thiện", tree.cell1a, D(1996, 3, 5), citizen_id="030080123456"),
        "an": add("A2", "Nguyễn Thị An", tree.cell1b, D(2019, 6, 1), status="PROBATIONARY", sex="F",
                  birth=D(1995, 2, 2), ethnicity="Tày"),
        "binh": add("A3", "Lê Văn Bình", tree.cell2a, D(1992, 7, 10)),
        "outsider": add("Z9", "Phạm Văn Ngoài", tree.ocell, D(2000, 1, 1)),
    }


def test_the_list_searches_without_diacritics_and_sorts_by_given_name(cast, login, people):
    client = login(cast.alice)
    html = client.get(reverse("members:list"), {"q": "trinh van thien"}).content.decode()
    assert "Trịnh Văn Thiện" in html and "Lê Văn Bình" not in html
    html = client.get(reverse("members:list")).content.decode()
    # An < Bình < Thiện: given name first
    assert html.index("Nguyễn Thị An") < html.index("Lê Văn Bình") < html.index("Trịnh Văn Thiện")
    assert "Phạm Văn Ngoài" not in html


def test_the_list_filters(cast, login, people):
    client = login(cast.alice)
    html = client.get(reverse("members:list"), {"status": "PROBATIONARY", "day": "31/12/2020"}).content.decode()
    assert "Nguyễn Thị An" in html and "Lê Văn Bình" not in html
    html = client.get(reverse("members:list"), {"ethnicity": "Tày"}).content.decode()
    assert "Nguyễn Thị An" in html and "Trịnh Văn Thiện" not in html
    html = client.get(reverse("members:list"), {"party_age_min": "25"}).content.decode()
    assert "Trịnh Văn Thiện" in html and "Lê Văn Bình" in html and "Nguyễn Thị An" not in html
    html = client.get(reverse("members:list"), {"org": "COMM2"}).content.decode()
    assert "Lê Văn Bình" in html and "Trịnh Văn Thiện" not in html


def test_the_list_runs_a_fixed_number_of_queries(cast, login, people, tree, django_assert_max_num_queries):
    client = login(cast.alice)
    client.get(reverse("members:list"))
    for n in range(20):
        register(code=f"N{n}", full_name=f"Đỗ Văn Số {n}", birth=D(1990, 1, 1), sex="M",
                                 event_kind="ADMITTED", event_date=D(2022, 3, 1), organization=tree.cell1a)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("members:list")).status_code == 200


def test_the_list_exports_to_excel(cast, login, people):
    response = login(cast.alice).get(reverse("members:list_xlsx"))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    names = [row[2].value for row in book.active.iter_rows(min_row=2)]
    assert names == ["Nguyễn Thị An", "Lê Văn Bình", "Trịnh Văn Thiện"]


def test_opening_a_dossier_is_logged(cast, login, people):
    html = login(cast.alice).get(reverse("members:detail", args=["A1"])).content.decode()
    assert "Trịnh Văn Thiện" in html and "030080123456" in html
    assert DossierView.objects.filter(member=people["thien"], viewed_by=cast.alice).count() == 1


def test_recording_and_voiding_an_event_from_the_page(cast, login, people, tree):
    client = login(cast.alice)
    url = reverse("members:record_event", args=["A3"])
    client.post(url, {"kind": "TRANSFERRED_INTERNAL", "date": "05/03/2023", "organization": tree.cell1a.pk})
    binh = Member.objects.get(code="A3")
    assert binh.organization == tree.cell1a
    event = MembershipEvent.objects.get(member=binh, kind="TRANSFERRED_INTERNAL")
    assert event.date == D(2023, 3, 5)  # day first
    client.post(reverse("members:void_event", args=[event.pk]), {"reason": "Nhập nhầm"})
    binh.refresh_from_db()
    assert binh.organization == tree.cell2a


def test_an_impossible_event_is_refused_with_a_message(cast, login, people):
    client = login(cast.alice)
    response = client.post(
        reverse("members:record_event", args=["A2"]), {"kind": "RECOGNIZED_OFFICIAL", "date": "01/01/2019"}, follow=True
    )
    assert not MembershipEvent.objects.filter(member__code="A2", kind="RECOGNIZED_OFFICIAL").exists()
    assert response.context["messages"]


def test_name_deletion_needs_a_reason(cast, login, people):
    client = login(cast.alice)
    client.post(reverse("members:record_event", args=["A3"]), {"kind": "NAME_DELETED", "date": "05/03/2023"})
    assert not MembershipEvent.objects.filter(member__code="A3", kind="NAME_DELETED").exists()
    from dangbo.members.forms import NAME_DELETION_REASONS

    client.post(reverse("members:record_event", args=["A3"]),
                {"kind": "NAME_DELETED", "date": "05/03/2023", "deletion_reason": str(NAME_DELETION_REASONS[0])})
    assert MembershipEvent.objects.get(member__code="A3", kind="NAME_DELETED").reason


def test_adding_a_member_with_the_admission(cast, login, tree):
    client = login(cast.alice)
    response = client.post(reverse("members:create"), {
        "code": "NEW1", "full_name": "Hoàng Phủ Ngọc Tường", "birth_date": "05/03/1990", "sex": "M",
        "event_kind": "ADMITTED", "event_date": "01/06/2022", "organization": tree.cell1a.pk,
    })
    assert response.status_code == 302
    m = Member.objects.get(code="NEW1")
    assert (m.family_name, m.given_name, m.status) == ("Hoàng Phủ", "Tường", "PROBATIONARY")


def test_a_refused_admission_writes_no_dossier(cast, login, tree):
    client = login(cast.alice)
    response = client.post(reverse("members:create"), {
        "code": "KID", "full_name": "Trẻ Con", "birth_date": "05/03/2010", "sex": "M",
        "event_kind": "ADMITTED", "event_date": "01/06/2022", "organization": tree.cell1a.pk,
    })
    assert response.status_code == 200 and not Member.objects.filter(code="KID").exists()


def test_the_register_book_of_a_cell(cast, login, people, tree):
    record(
        member=people["thien"], kind="TRANSFERRED_INTERNAL", date=D(2023, 1, 1), organization=tree.cell2a
    )
    client = login(cast.alice)
    html = client.get(reverse("members:register", args=["CELL1A"])).content.decode()
    assert "Trịnh Văn Thiện" in html and "01/01/2023" in html  # transferred out of the cell
    response = client.get(reverse("members:register", args=["CELL1A"]), {"format": "xlsx"})
    assert load_workbook(io.BytesIO(b"".join(response.streaming_content))).active["B3"].value == "Trịnh Văn Thiện"


def test_a_long_register_comes_a_page_at_a_time(cast, login, people, tree, monkeypatch):
    from dangbo.members import views

    monkeypatch.setattr(views, "REGISTER_PAGE_SIZE", 2)
    client = login(cast.alice)
    first = client.get(reverse("members:register", args=["DIST"]))
    assert len(first.context["rows"]) == 2 and first.context["page"].paginator.count == 3
    second = client.get(reverse("members:register", args=["DIST"]), {"page": 2})
    assert len(second.context["rows"]) == 1 and second.context["first"] == 3
    names = {r["member"].full_name for r in first.context["rows"] + second.context["rows"]}
    assert len(names) == 3
    # The Excel file holds every line, whatever the page.
    book = load_workbook(io.BytesIO(b"".join(client.get(
        reverse("members:register", args=["DIST"]), {"format": "xlsx"}).streaming_content)))
    assert book.active.max_row == 2 + 3


def test_the_member_list_names_a_repeated_cell_with_its_parent(cast, login, people, tree):
    from dangbo.organizations.tests.helpers import found

    north = found(code="CELL1C", name="Chi bộ thôn Bắc", kind="CELL", parent=tree.comm1, founded_on=D(2000, 1, 1))
    record(member=people["thien"], kind="TRANSFERRED_INTERNAL", date=D(2023, 1, 1), organization=north)
    html = login(cast.alice).get(reverse("members:list"), {"org": "DIST"}).content.decode()
    assert "Chi bộ thôn Bắc — Đảng bộ xã An Bình" in html


def test_worklists_and_quality(cast, login, people):
    client = login(cast.alice)
    html = client.get(reverse("members:worklists"), {"org": "DIST"}).content.decode()
    assert "Nguyễn Thị An" in html  # probationary since 2019: overdue for recognition
    assert client.get(reverse("members:quality"), {"org": "DIST"}).status_code == 200


def test_citizen_id_problems_are_counted_whole_and_shown_from_the_first(cast, login, people, tree, monkeypatch):
    from dangbo.members import selectors, views

    day = D(2026, 1, 1)
    every = selectors.citizen_id_problems(tree.dist, day)
    assert every.count == 2 and [r["member"].code for r in every.rows] == ["A2", "A3"]  # An, Bình: name order
    assert every.rows[0]["problems"] and every.rows[0]["span"].organization == tree.cell1b
    first = selectors.citizen_id_problems(tree.dist, day, limit=1)
    assert first.count == 2 and [r["member"].code for r in first.rows] == ["A2"]
    assert selectors.citizen_id_problems(tree.dist, day, limit=0).rows == []
    monkeypatch.setattr(views, "CITIZEN_IDS_SHOWN", 1)
    html = login(cast.alice).get(reverse("members:worklists"), {"org": "DIST"}).content.decode()
    section = html[html.index('id="citizen-ids"'):]
    assert "2 trường hợp thiếu hoặc sai số CCCD" in section.split("</h2>")[0]  # all of them, not the shown
    assert "Đang hiển thị 1 trường hợp đầu tiên" in section
    assert "Nguyễn Thị An" in section and "Lê Văn Bình" not in section


@pytest.mark.parametrize("name,args,params", [
    ("members:detail", ["A1"], {}),
    ("members:register", ["CELL1A"], {}),
    ("members:list", [], {"org": "DIST"}),
    ("members:list_xlsx", [], {"org": "DIST"}),
    ("members:worklists", [], {"org": "DIST"}),
    ("members:quality", [], {"org": "DIST"}),
])
def test_an_outsider_gets_404(cast, login, people, name, args, params):
    assert login(cast.charlie).get(reverse(name, args=args), params).status_code == 404


def test_outsiders_and_readers_cannot_write(cast, login, people, tree):
    for user in (cast.charlie, cast.vera, cast.bob):
        client = login(user)
        client.post(reverse("members:record_event", args=["A1"]), {"kind": "DIED", "date": "01/01/2024"})
        if user is not cast.charlie:  # committee staff elsewhere may add members there
            assert client.get(reverse("members:create")).status_code == 404
    assert not MembershipEvent.objects.filter(kind="DIED").exists()
    # and cannot place a new member in someone else's cell
    login(cast.charlie).post(reverse("members:create"), {
        "code": "X1", "full_name": "Người Lạ", "birth_date": "05/03/1990", "sex": "M",
        "event_kind": "ADMITTED", "event_date": "01/06/2022", "organization": tree.cell1a.pk,
    })
    assert not Member.objects.filter(code="X1").exists()


def test_a_cell_secretary_sees_own_cell_members_only(cast, login, people):
    client = login(cast.bob)
    assert client.get(reverse("members:detail", args=["A1"])).status_code == 200
    assert client.get(reverse("members:detail", args=["A2"])).status_code == 404


def test_anonymous_is_sent_to_login(client, people):
    for url in (reverse("members:list"), reverse("members:detail", args=["A1"]), reverse("members:worklists")):
        assert client.get(url).status_code == 302


def test_the_dashboard_counts_what_is_due(cast, login, people):
    html = login(cast.alice).get(reverse("core:dashboard")).content.decode()
    assert "?org=DIST" in html
    response = login(cast.alice).get(reverse("core:dashboard"))
    panels = {item.key: p for item, p in response.context["panels"]}
    due = login(cast.alice).get(reverse("core:panel", args=["due"])).context["panel"]
    assert panels["figures"]["members"]["total"] == 3 and due["recognition"] == 1


def test_the_event_form_is_read_when_opened(cast, login, people, tree):
    """The member's page carries a link to the form, which HTMX reads when it is opened
    (a province's list of organizations costs more than the rest of the page): the
    form lists the organizations the writer may place the member in; a reader is refused."""
    client = login(cast.alice)
    page = client.get(reverse("members:detail", args=["A1"])).content.decode()
    url = reverse("members:event_form", args=["A1"])
    assert f'hx-get="{url}"' in page and 'id="id_kind"' not in page
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="id_kind"' in fragment and "<html" not in fragment
    assert tree.cell1a.name in fragment and tree.ocell.name not in fragment
    assert 'id="id_kind"' in client.get(url).content.decode()  # without JavaScript: a page
    assert login(cast.bob).get(url).status_code == 404
    assert login(cast.alice).get(reverse("members:event_form", args=["Z9"])).status_code == 404
