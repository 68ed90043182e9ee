"""The citizens pages: who may see and change what (an outsider gets a 404 everywhere),
the worklists, a petition and its due dates explained, the deadline table, the minimum
of reception days."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from dangbo.citizens.models import DeadlineRule, Petition, ReceptionMinimum, ReceptionSession

from .helpers import D, office, petition, session


def freeze(monkeypatch, day: dt.date) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def records(tree, cast):
    p = petition(tree.comm1, code="P1", received_on=D(2022, 3, 1))
    s = session(tree.dist, date=D(2022, 3, 15))
    return p, s


def read_urls(tree, p, s):
    return [
        reverse("citizens:organization", args=[tree.dist.code]),
        reverse("citizens:petitions", args=[tree.dist.code]),
        reverse("citizens:receptions", args=[tree.dist.code]),
        reverse("citizens:minimum", args=[tree.dist.code]),
        reverse("citizens:export", args=[tree.dist.code]),
        reverse("citizens:petition", args=[p.pk]),
        reverse("citizens:reception", args=[s.pk]),
        reverse("mobilization:organization", args=[tree.dist.code]),
    ]


def write_urls(tree, p, s):
    return [
        ("get", reverse("citizens:petition_new", args=[tree.dist.code])),
        ("get", reverse("citizens:reception_new", args=[tree.dist.code])),
        ("get", reverse("citizens:petition_edit", args=[p.pk])),
        ("post", reverse("citizens:petition_accept", args=[p.pk])),
        ("post", reverse("citizens:petition_close", args=[p.pk])),
        ("post", reverse("citizens:petition_extend", args=[p.pk])),
        ("post", reverse("citizens:petition_void", args=[p.pk])),
        ("post", reverse("citizens:reception_void", args=[s.pk])),
        ("post", reverse("citizens:reception", args=[s.pk])),
        ("post", reverse("citizens:minimum", args=[tree.dist.code])),
        ("get", reverse("mobilization:new", args=[tree.dist.code])),
    ]


def test_an_outsider_gets_404_on_every_page(cast, login, tree, records):
    p, s = records
    client = login(cast.charlie)
    for url in read_urls(tree, p, s):
        assert client.get(url).status_code == 404, url
    for method, url in write_urls(tree, p, s):
        assert getattr(client, method)(url, {"reason": "x", "accepted_on": "01/04/2022"}).status_code == 404, url
    assert client.get(reverse("citizens:petition_sender", args=[p.pk])).status_code == 404


def test_the_editor_and_a_cell_secretary_see_no_committee(cast, login, tree, records):
    p, s = records
    for user in (cast.eddie, cast.bob):
        client = login(user)
        for url in read_urls(tree, p, s):
            assert client.get(url).status_code == 404, (user, url)


def test_anonymous_visitors_are_sent_to_log_in(client, tree, records):
    p, s = records
    for url in read_urls(tree, p, s):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_readers_read_and_only_writers_write(cast, login, tree, records):
    p, s = records
    viewer = login(cast.vera)
    for url in read_urls(tree, p, s):
        assert viewer.get(url).status_code == 200, url
    for method, url in write_urls(tree, p, s):
        assert getattr(viewer, method)(url, {"reason": "x"}).status_code == 404, url
    staff = login(cast.alice)
    for method, url in write_urls(tree, p, s):
        if method == "get":
            assert staff.get(url).status_code == 200, url


def test_the_office_staff_see_their_subtree_only(tree, login, records):
    p, s = records
    otto = office(tree.comm2)
    client = login(otto)
    assert client.get(reverse("citizens:organization", args=["COMM2"])).status_code == 200
    assert client.get(reverse("citizens:organization", args=["DIST"])).status_code == 404
    assert client.get(reverse("citizens:petition", args=[p.pk])).status_code == 404  # received by COMM1
    assert client.get(reverse("citizens:index")).status_code == 302


def test_recording_a_petition_computes_and_explains_its_due_date(cast, login, tree):
    client = login(cast.alice)
    url = reverse("citizens:petition_new", args=["DIST"])
    response = client.post(url, {
        "code": "DIST-2023-001", "received_on": "12/01/2023", "kind": "COMPLAINT", "content": "Khiếu nại đất vườn",
        "complexity": "NORMAL", "channel": "IN_PERSON",
    }, HTTP_ACCEPT_LANGUAGE="vi")
    p = Petition.objects.get(code="DIST-2023-001")
    assert response.status_code == 302 and response["Location"] == reverse("citizens:petition", args=[p.pk])
    # 12/01/2023 + 10 days = Sunday 22/01, the first day of Tết; Tết lasts until 26/01.
    assert p.accept_due == D(2023, 1, 27) and p.due_on == D(2023, 1, 27)
    page = client.get(response["Location"]).content.decode()
    assert "10 ngày kể từ 12/01/2023, ngày cuối 22/01/2023 là Chủ nhật, Tết Nguyên Đán, nghỉ đến hết 26/01/2023 " \
           "→ 27/01/2023" in page


def test_accepting_extending_and_closing_a_denunciation(cast, login, tree):
    p = petition(tree.dist, code="TC1", kind="DENUNCIATION", received_on=D(2022, 5, 3), content="Tố cáo cán bộ")
    client = login(cast.alice)
    client.post(reverse("citizens:petition_accept", args=[p.pk]), {"accepted_on": "06/05/2022"})
    p.refresh_from_db()
    # 06/05/2022 + 30 days = Sunday 05/06/2022 → Monday 06/06.
    assert p.accepted_on == D(2022, 5, 6) and p.close_due == D(2022, 6, 6)
    client.post(reverse("citizens:petition_extend", args=[p.pk]), {"decided_on": "01/06/2022", "reason": "Phức tạp"})
    p.refresh_from_db()
    # Complex: 60 days: 06/05 + 60 = Tuesday 05/07/2022.
    assert p.complexity == "COMPLEX" and p.close_due == D(2022, 7, 5)
    client.post(reverse("citizens:petition_close", args=[p.pk]), {"closed_on": "30/06/2022", "result": "INCORRECT"})
    p.refresh_from_db()
    assert p.closed_on == D(2022, 6, 30) and p.result == "INCORRECT"
    assert p.history.count() >= 4


def test_a_complaint_cannot_be_extended_twice_and_a_feedback_not_at_all(cast, login, tree):
    p = petition(tree.dist, code="K1", accepted_on=D(2022, 3, 5))
    client = login(cast.alice)
    client.post(reverse("citizens:petition_extend", args=[p.pk]), {"decided_on": "10/03/2022"})
    response = client.post(reverse("citizens:petition_extend", args=[p.pk]), {"decided_on": "11/03/2022"},
                           follow=True)
    p.refresh_from_db()
    assert p.complexity == "COMPLEX" and p.extensions.count() == 1
    assert "as far as the law allows" in response.content.decode() or "tối đa" in response.content.decode()
    f = petition(tree.dist, code="F1", kind="FEEDBACK", accepted_on=D(2022, 3, 5))
    client.post(reverse("citizens:petition_extend", args=[f.pk]), {"decided_on": "10/03/2022"})
    assert not f.extensions.exists()


def test_the_worklists_show_what_is_due_and_overdue(cast, login, tree, monkeypatch):
    # Today: Thursday 19/01/2023, the eve of Tết's days off (20–26/01).
    freeze(monkeypatch, D(2023, 1, 19))
    # Received Mon 09/01, 7 working days for a denunciation: 10–13/01 (4), 16, 17, 18/01 → Wed 18/01: overdue.
    late = petition(tree.comm1, code="LATE", kind="DENUNCIATION", received_on=D(2023, 1, 9), content="Tố cáo")
    # Received Tue 10/01, 10 days = Fri 20/01, a Tết day off → Fri 27/01; the next 5 working
    # days from 19/01 are 27, 30, 31/01, 01, 02/02: due soon.
    soon = petition(tree.comm2, code="SOON", received_on=D(2023, 1, 10))
    # Received 19/01 itself, a feedback: 10 working days: 27, 30, 31/01, 01, 02, 03, 06, 07, 08,
    # 09/02 → 09/02: neither.
    calm = petition(tree.dist, code="CALM", kind="FEEDBACK", received_on=D(2023, 1, 19), content="Phản ánh")
    assert (late.due_on, soon.due_on, calm.due_on) == (D(2023, 1, 18), D(2023, 1, 27), D(2023, 2, 9))
    response = login(cast.alice).get(reverse("citizens:organization", args=["DIST"]))
    overdue, due_soon = response.context["overdue"], response.context["due_soon"]
    assert [p.code for p in overdue] == ["LATE"] and [p.code for p in due_soon] == ["SOON"]
    # A closed one is due for nothing.
    from dangbo.citizens import services

    services.close_petition(petition=late, closed_on=D(2023, 1, 19), result="FILED")
    assert not login(cast.alice).get(reverse("citizens:organization", args=["DIST"])).context["overdue"]


def test_the_months_reception_days_against_the_minimum(cast, login, tree, monkeypatch):
    freeze(monkeypatch, D(2022, 3, 28))
    session(tree.dist, date=D(2022, 3, 15))
    session(tree.dist, date=D(2022, 3, 15), form="AD_HOC")  # the same day counts once
    session(tree.comm1, date=D(2022, 3, 10))
    session(tree.comm1, date=D(2022, 3, 10), form="DIALOGUE")  # a dialogue is not a reception day
    response = login(cast.alice).get(reverse("citizens:organization", args=["DIST"]))
    months = {m["organization"].code: m for m in response.context["months"]}
    # QĐ 11: the district's head 1 day a month, a commune's 2.
    assert (months["DIST"]["days"], months["DIST"]["minimum"], months["DIST"]["short"]) == (1, 1, False)
    assert (months["COMM1"]["days"], months["COMM1"]["minimum"], months["COMM1"]["short"]) == (1, 2, True)
    assert (months["COMM2"]["days"], months["COMM2"]["short"]) == (0, True)
    assert "QĐ 11-QĐi/TW" in months["DIST"]["source"]
    # The committee sets its own number.
    login(cast.alice).post(reverse("citizens:minimum", args=["COMM1"]),
                           {"days_per_month": "1", "effective_from": "01/03/2022", "reason": "Nghị quyết Đảng ủy"})
    assert ReceptionMinimum.objects.get(organization=tree.comm1).days_per_month == 1
    months = {m["organization"].code: m for m in
              login(cast.alice).get(reverse("citizens:organization", args=["DIST"])).context["months"]}
    assert months["COMM1"]["short"] is False


def test_the_dashboard_of_those_responsible(cast, login, tree, monkeypatch):
    freeze(monkeypatch, D(2023, 1, 19))
    petition(tree.comm1, code="LATE", kind="DENUNCIATION", received_on=D(2023, 1, 9), content="Tố cáo")
    page = login(cast.alice).get(reverse("core:dashboard")).content.decode()
    assert 'id="citizens-panel"' in page
    assert 'id="citizens-panel"' not in login(cast.vera).get(reverse("core:dashboard")).content.decode()
    assert 'id="citizens-panel"' in login(office(tree.dist)).get(reverse("core:dashboard")).content.decode()


def test_a_reception_session_recorded_corrected_and_voided(cast, login, tree, monkeypatch):
    from dangbo.members.tests.helpers import opening, person

    freeze(monkeypatch, D(2022, 12, 1))
    head = person(name="Lê Văn Chủ", code="CHU1")
    opening(head, tree.cell1a, date=D(2020, 1, 1))
    client = login(cast.alice)
    response = client.post(reverse("citizens:reception_new", args=["COMM1"]), {
        "date": "10/03/2022", "form": "REGULAR", "presided_by": "CHU1", "citizens": "7", "content": "Đất đai",
    })
    assert response.status_code == 302
    s = ReceptionSession.objects.get(organization=tree.comm1)
    assert s.presided_by == head and s.citizens == 7
    again = client.post(reverse("citizens:reception_new", args=["COMM1"]),
                        {"date": "10/03/2022", "form": "REGULAR", "citizens": "1"})
    assert again.status_code == 200 and ReceptionSession.objects.count() == 1
    client.post(reverse("citizens:reception", args=[s.pk]), {"citizens": "9", "presided_by": "CHU1"})
    s.refresh_from_db()
    assert s.citizens == 9
    client.post(reverse("citizens:reception_void", args=[s.pk]), {"reason": "Ghi nhầm ngày"})
    s.refresh_from_db()
    assert s.voided_at is not None
    assert client.post(reverse("citizens:reception_new", args=["COMM1"]),
                       {"date": "10/03/2022", "form": "REGULAR"}).status_code == 302  # the key is free again
    bad = client.post(reverse("citizens:reception_new", args=["COMM1"]),
                      {"date": "11/03/2022", "form": "REGULAR", "presided_by": "NOBODY"})
    assert bad.status_code == 200 and "presided_by" in bad.context["form"].errors


def test_the_deadline_table_is_data_an_administrator_extends(cast, login, tree):
    p = petition(tree.dist, code="KN1", kind="RECOMMENDATION", received_on=D(2024, 3, 1), content="Kiến nghị",
                 accepted_on=D(2024, 3, 5))
    assert p.close_due is None  # no legal period to close a recommendation, by default
    page = login(cast.alice).get(reverse("citizens:rules"))
    assert page.status_code == 200 and "Luật Tố cáo 2018" in page.content.decode()
    assert login(cast.alice).post(reverse("citizens:rules"), {}).status_code == 404
    response = login(cast.root).post(reverse("citizens:rules"), {
        "kind": "RECOMMENDATION", "stage": "CLOSE", "days": "30", "unit": "calendar", "effective_from": "01/01/2024",
        "source": "Quy chế của Tỉnh ủy (thử)", "certainty": "LIKELY",
    })
    assert response.status_code == 302
    p.refresh_from_db()
    # 05/03/2024 + 30 days = Thursday 04/04/2024.
    assert p.close_due == D(2024, 4, 4)
    assert DeadlineRule.objects.filter(kind="RECOMMENDATION", stage="CLOSE").count() == 1
    # A second line for the same case from a later date ends the first the day before.
    login(cast.root).post(reverse("citizens:rules"), {
        "kind": "RECOMMENDATION", "stage": "CLOSE", "days": "", "unit": "calendar", "effective_from": "01/01/2025",
        "source": "Bãi bỏ", "certainty": "SURE",
    })
    first = DeadlineRule.objects.get(kind="RECOMMENDATION", stage="CLOSE", effective_from=D(2024, 1, 1))
    assert first.effective_to == D(2024, 12, 31)
    p.refresh_from_db()
    assert p.close_due == D(2024, 4, 4)  # accepted in 2024: the 2024 line applies


def test_the_mobilization_register_and_its_yearly_table(cast, login, tree, monkeypatch):
    freeze(monkeypatch, D(2023, 2, 1))
    client = login(cast.alice)
    response = client.post(reverse("mobilization:new", args=["COMM1"]), {
        "code": "M1", "year": "2022", "name": "Mô hình trồng vải thiều VietGAP", "type": "MODEL", "field": "ECONOMY",
        "recognized_by": "cap huyen", "recognized_on": "20/12/2022",
    })
    assert response.status_code == 302
    from dangbo.mobilization.models import MobilizationModel

    entry = MobilizationModel.objects.get(code="M1")
    assert entry.recognized_by == "Cấp huyện"  # the list's spelling
    page = client.get(reverse("mobilization:organization", args=["DIST"]) + "?year=2022")
    table = {r["field"]: r for r in page.context["table"]}
    assert (table["ECONOMY"]["models"], table["ECONOMY"]["recognized"]) == (1, 1)
    assert table["ECONOMY"]["levels"] == {"Cấp huyện": 1}
    assert client.get(reverse("mobilization:detail", args=[entry.pk])).status_code == 200
    assert login(cast.charlie).get(reverse("mobilization:detail", args=[entry.pk])).status_code == 404
    assert login(cast.charlie).get(reverse("mobilization:edit", args=[entry.pk])).status_code == 404
    assert login(cast.vera).get(reverse("mobilization:edit", args=[entry.pk])).status_code == 404
    for user in (cast.charlie, cast.vera):
        assert login(user).post(reverse("mobilization:void", args=[entry.pk]), {"reason": "x"}).status_code == 404
    edited = login(cast.alice).post(reverse("mobilization:edit", args=[entry.pk]), {
        "year": "2022", "name": "Mô hình trồng vải thiều VietGAP", "type": "MODEL", "field": "ECONOMY",
        "recognized_by": "Cấp tỉnh", "recognized_on": "10/01/2023",
    })
    assert edited.status_code == 302
    entry.refresh_from_db()
    assert entry.recognized_by == "Cấp tỉnh" and entry.history.count() == 2


def test_recognition_levels_are_configurable_by_administrators(cast, login):
    from dangbo.mobilization.models import RecognitionLevel

    assert login(cast.alice).get(reverse("mobilization:levels")).status_code == 200
    assert login(cast.alice).post(reverse("mobilization:levels"), {"name": "Cấp thành phố", "order": "25"}
                                  ).status_code == 404
    assert login(cast.charlie).get(reverse("mobilization:levels")).status_code == 200  # the list is not secret
    assert login(cast.eddie).get(reverse("mobilization:levels")).status_code == 404
    login(cast.root).post(reverse("mobilization:levels"), {"name": "Cấp thành phố", "order": "25", "active": "on"})
    assert RecognitionLevel.objects.filter(name="Cấp thành phố").exists()
    dup = login(cast.root).post(reverse("mobilization:levels"), {"name": "cap thanh pho", "order": "26"})
    assert dup.status_code == 200 and dup.context["form"].errors


def test_the_lists_take_a_fixed_number_of_queries(cast, login, tree, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    freeze(monkeypatch, D(2022, 12, 20))
    client = login(cast.alice)
    urls = [reverse("citizens:petitions", args=["DIST"]) + "?year=2022",
            reverse("citizens:organization", args=["DIST"]),
            reverse("citizens:receptions", args=["DIST"]) + "?year=2022"]

    def counts():
        out = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            out.append(len(queries))
        return out

    def add(n, start):
        for i in range(n):
            org = (tree.comm1, tree.comm2, tree.dist)[i % 3]
            petition(org, code=f"Q{start + i}", received_on=D(2022, 12, 1 + i))
            session(org, date=D(2022, 11, 1 + start + i))

    add(3, 0)
    few = counts()
    add(9, 3)
    assert counts() == few


def test_an_entry_is_voided_with_a_reason_and_leaves_the_figures(cast, login, tree, monkeypatch):
    from dangbo.mobilization import selectors as mobilization
    from dangbo.mobilization.models import MobilizationModel
    from dangbo.mobilization.services import EntryData, record_entries

    freeze(monkeypatch, D(2023, 2, 1))
    entry = record_entries(items=[EntryData(code="M9", year=2022, name="Mô hình", type="MODEL", field="ECONOMY",
                                            organization=tree.comm2)])[0]
    assert mobilization.mobilization_figures(tree.dist, 2022)["models"] == 1
    login(cast.alice).post(reverse("mobilization:void", args=[entry.pk]), {"reason": "Đăng ký trùng"})
    assert MobilizationModel.objects.get(pk=entry.pk).void_reason == "Đăng ký trùng"
    assert mobilization.mobilization_figures(tree.dist, 2022)["models"] == 0
