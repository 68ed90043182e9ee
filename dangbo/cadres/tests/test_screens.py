"""The management list, succession plans and decision pages."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangbo.cadres import services
from dangbo.cadres.models import DecisionAttachment, ManagedTitle, PersonnelDecision, Position, SuccessionPlan

from .helpers import PDF, decide, frozen, member_of, upload

D = dt.date
POST = "Trưởng phòng Nội vụ"


@pytest.fixture
def today(monkeypatch):
    frozen(monkeypatch, D(2024, 6, 1))
    return D(2024, 6, 1)


@pytest.fixture
def an(tree):
    return member_of(tree.cell1a)


@pytest.fixture
def decision(tree, an):
    return decide(an, tree.dist)[0]


@pytest.fixture
def records(tree, an, decision, today):
    """One of each record, for the access tests."""
    title = services.add_managed_title(committee=tree.dist, title=POST)
    plan = services.add_succession_plan(member=an, title=POST, organization=tree.dist, from_year=2021, to_year=2025)
    attachment = services.attach_file(decision=decision, upload=upload())
    return {"title": title, "plan": plan, "attachment": attachment, "decision": decision}


def pages(r):
    return [
        reverse("cadres:titles", args=["DIST"]),
        reverse("cadres:plans", args=["DIST"]),
        reverse("cadres:decision", args=[r["decision"].pk]),
        reverse("cadres:download", args=[r["attachment"].pk]),
    ]


def posts(r):
    return [
        (reverse("cadres:titles", args=["DIST"]), {"title": "Chánh Văn phòng"}),
        (reverse("cadres:end_title", args=[r["title"].pk]), {"ended_on": "01/06/2024", "reason": "x"}),
        (reverse("cadres:plans", args=["DIST"]), {"title": POST, "member": r["decision"].member.code,
                                                  "from_year": 2026, "to_year": 2030}),
        (reverse("cadres:take_out", args=[r["plan"].pk]), {"removed_on": "01/06/2024", "reason": "x"}),
        (reverse("cadres:void_plan", args=[r["plan"].pk]), {"reason": "x"}),
        (reverse("cadres:void_decision", args=[r["decision"].pk]), {"reason": "x"}),
        (reverse("cadres:attach", args=[r["decision"].pk]), {"attachment": upload("other.pdf", PDF + b"1")}),
        (reverse("cadres:void_attachment", args=[r["attachment"].pk]), {"reason": "x"}),
    ]


def unchanged(r):
    r["title"].refresh_from_db()
    r["plan"].refresh_from_db()
    r["decision"].refresh_from_db()
    r["attachment"].refresh_from_db()
    assert r["title"].ended_on is None and ManagedTitle.objects.count() == 1
    assert r["plan"].removed_on is None and r["plan"].voided_at is None and SuccessionPlan.objects.count() == 1
    assert r["decision"].voided_at is None and r["attachment"].voided_at is None
    assert DecisionAttachment.objects.count() == 1


@pytest.mark.parametrize("who", ["charlie", "bob", "eddie"])
def test_outsiders_get_404_everywhere(cast, login, records, who):
    client = login(getattr(cast, who))
    for url in pages(records):
        assert client.get(url).status_code == 404, url
    for url, data in posts(records):
        assert client.post(url, data).status_code == 404, url
    unchanged(records)


def test_the_outsider_finds_no_member_in_the_picker(cast, login, records, an):
    page = login(cast.charlie).get(reverse("cadres:member_options"), {"member": "Nguyễn"})
    assert page.status_code == 200 and an.code not in page.content.decode()
    page = login(cast.alice).get(reverse("cadres:member_options"), {"member": "nguyen van"})
    assert f'value="{an.code}"' in page.content.decode()


def test_anonymous_is_sent_to_log_in(client, records):
    for url in pages(records) + [reverse("cadres:member_options")]:
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url
    for url, data in posts(records):
        assert client.post(url, data).status_code == 302
    unchanged(records)


def test_viewers_read_but_do_not_change(cast, login, records):
    client = login(cast.vera)
    for url in pages(records):
        assert client.get(url).status_code == 200, url
    titles = client.get(reverse("cadres:titles", args=["DIST"]))
    assert POST in titles.content.decode() and not titles.context["can_change"]
    assert 'name="reason"' not in titles.content.decode()
    decision_page = client.get(reverse("cadres:decision", args=[records["decision"].pk]))
    assert not decision_page.context["attach_form"] and 'name="reason"' not in decision_page.content.decode()
    for url, data in posts(records):
        assert client.post(url, data).status_code == 404, url
    unchanged(records)


# The management list


def test_staff_add_and_end_titles(cast, login, today):
    client = login(cast.alice)
    url = reverse("cadres:titles", args=["DIST"])
    assert client.post(url, {"title": "Bí thư Đảng ủy xã"}).status_code == 302
    page = client.post(url, {"title": "bí thư đảng ủy xã"})
    assert page.status_code == 200 and page.context["form"].errors["title"]
    managed = ManagedTitle.objects.get()
    response = client.post(
        reverse("cadres:end_title", args=[managed.pk]), {"ended_on": "15/07/2025", "reason": "Sáp nhập xã"}
    )
    assert response.status_code == 302
    managed.refresh_from_db()
    assert managed.ended_on == D(2025, 7, 15) and managed.history.first().history_user == cast.alice
    page = client.get(url)
    assert page.context["current"] == [] and page.context["ended"] == [managed]
    assert "15/07/2025" in page.content.decode() and "Sáp nhập xã" in page.content.decode()


def test_a_title_on_a_lower_committee_list_is_staff_business_too(cast, login, tree):
    response = login(cast.alice).post(reverse("cadres:titles", args=["COMM1"]), {"title": "Bí thư Chi bộ"})
    assert response.status_code == 302
    assert ManagedTitle.objects.get().committee == tree.comm1


def test_ending_a_title_shows_the_error_of_a_bad_date(cast, login, tree):
    managed = services.add_managed_title(committee=tree.dist, title=POST)
    client = login(cast.alice)
    response = client.post(reverse("cadres:end_title", args=[managed.pk]), {"ended_on": "31/02/2025", "reason": "x"},
                           follow=True)
    assert [str(m) for m in response.context["messages"]]
    managed.refresh_from_db()
    assert managed.ended_on is None


# Succession plans


def test_staff_add_a_person_to_the_plan(cast, login, tree, an, today):
    client = login(cast.alice)
    url = reverse("cadres:plans", args=["DIST"])
    response = client.post(url, {"title": POST, "member": an.code, "from_year": 2021, "to_year": 2025})
    assert response.status_code == 302
    plan = SuccessionPlan.objects.get()
    assert plan.organization == tree.dist and plan.history.get().history_user == cast.alice
    page = client.post(url, {"title": POST, "member": an.code, "from_year": 2024, "to_year": 2028})
    assert page.status_code == 200 and page.context["form"].errors["member"]  # the same post and years
    page = client.post(url, {"title": POST, "member": an.code, "from_year": 2025, "to_year": 2021})
    assert page.context["form"].errors["to_year"]


def test_a_member_outside_the_scope_cannot_be_planned(cast, login, tree, today):
    outsider = member_of(tree.ocell, name="Phạm Văn Ngoài")
    page = login(cast.alice).post(
        reverse("cadres:plans", args=["DIST"]),
        {"title": POST, "member": outsider.code, "from_year": 2021, "to_year": 2025},
    )
    assert page.status_code == 200 and page.context["form"].errors["member"]
    assert not SuccessionPlan.objects.exists()


def test_plans_are_listed_by_post_in_vietnamese_name_order(cast, login, tree, today):
    for name in ("Trần Ăn", "Lê Thị Ấn", "Nguyễn Văn Anh"):
        services.add_succession_plan(
            member=member_of(tree.cell1b, name=name), title=POST, organization=tree.dist, from_year=2021, to_year=2025
        )
    services.add_succession_plan(
        member=member_of(tree.cell1b, name="Đỗ Văn Đức"), title="Chánh Văn phòng", organization=tree.dist,
        from_year=2021, to_year=2025,
    )
    page = login(cast.vera).get(reverse("cadres:plans", args=["DIST"]))
    posts = [(title, [p.member.full_name for p in rows]) for title, rows in page.context["posts"]]
    assert posts == [("Chánh Văn phòng", ["Đỗ Văn Đức"]), (POST, ["Nguyễn Văn Anh", "Trần Ăn", "Lê Thị Ấn"])]


def test_the_plans_page_runs_the_same_queries_whatever_its_length(cast, login, tree, today):
    client = login(cast.vera)
    url = reverse("cadres:plans", args=["DIST"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    services.add_succession_plan(
        member=member_of(tree.cell1b, name="Lê Văn A"), title=POST, organization=tree.dist, from_year=2021, to_year=2025
    )
    one = count()
    for n, name in enumerate(("Lê Văn B", "Lê Văn C", "Lê Văn D")):
        services.add_succession_plan(
            member=member_of(tree.cell1b, name=name), title=f"Chức danh {n}", organization=tree.dist,
            from_year=2021, to_year=2025,
        )
    assert count() == one


def test_staff_take_someone_out_of_the_plan_and_the_warning_follows(cast, login, tree, an, today):
    plan = services.add_succession_plan(member=an, title=POST, organization=tree.dist, from_year=2021, to_year=2025)
    client = login(cast.alice)
    response = client.post(
        reverse("cadres:take_out", args=[plan.pk]), {"removed_on": "01/03/2024", "reason": "Kỷ luật"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.removed_on == D(2024, 3, 1)
    page = client.get(reverse("cadres:plans", args=["DIST"]))
    assert "01/03/2024" in page.content.decode() and "Kỷ luật" in page.content.decode()
    form = {"kind": "APPOINTMENT", "date": "01/04/2024", "member": an.code, "title": POST, "unit": "",
            "end_previous": "on"}
    page = client.post(reverse("cadres:record", args=["DIST"]), form)
    assert page.status_code == 200 and len(page.context["warnings"]) == 1


def test_staff_void_a_plan_record(cast, login, tree, an, today):
    plan = services.add_succession_plan(member=an, title=POST, organization=tree.dist, from_year=2021, to_year=2025)
    client = login(cast.alice)
    assert client.post(reverse("cadres:void_plan", args=[plan.pk]), {"reason": ""}).status_code == 302
    plan.refresh_from_db()
    assert plan.voided_at is None
    client.post(reverse("cadres:void_plan", args=[plan.pk]), {"reason": "Nhập nhầm"})
    plan.refresh_from_db()
    assert plan.voided_at is not None
    page = client.get(reverse("cadres:plans", args=["DIST"]))
    assert page.context["posts"] == [] and page.context["voided"] == [plan]


# Decisions


def test_the_decision_page_shows_positions_warnings_and_files(cast, login, tree, an):
    services.add_succession_plan(
        member=member_of(tree.cell1b, name="Lê Thị Hoa"),
        title=POST,
        organization=tree.dist,
        from_year=2020,
        to_year=2025,
    )
    before, _w = decide(an, tree.dist, kind="TRANSFER", title="Phó Trưởng phòng Nội vụ", date=D(2021, 1, 4))
    decision, warnings = decide(
        an, tree.dist, previous_position=before.position, override_reason="Nhu cầu công tác", number="12-QĐ/HU"
    )
    services.attach_file(decision=decision, upload=upload())
    page = login(cast.vera).get(reverse("cadres:decision", args=[decision.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Phó Trưởng phòng Nội vụ" in html and "28/02/2022" in html  # the position before, ended the day before
    assert warnings[0] in html and "Nhu cầu công tác" in html
    assert "quyet-dinh.pdf" in html and "ngày 01 tháng 3 năm 2022" in html and "12-QĐ/HU" in html


def test_the_year_and_member_pages_link_the_decision_and_show_voiding(cast, login, tree, an, decision):
    services.void_decision(decision=decision, reason="Nhập sai người")
    client = login(cast.alice)
    page = client.get(reverse("cadres:year", args=["DIST", 2022]))
    html = page.content.decode()
    assert reverse("cadres:decision", args=[decision.pk]) in html and "Nhập sai người" in html
    assert page.context["figures"]["decisions"] == 0
    assert reverse("cadres:titles", args=["DIST"]) in html and reverse("cadres:plans", args=["DIST"]) in html
    member_page = client.get(reverse("members:detail", args=[an.code]))
    assert reverse("cadres:decision", args=[decision.pk]) in member_page.content.decode()


def test_the_member_page_lists_only_decisions_the_viewer_may_see(cast, login, tree, an, decision):
    provincial, _w = decide(an, tree.prov, kind="TRANSFER", title="Phó Chánh Văn phòng Tỉnh ủy", date=D(2023, 1, 1))
    html = login(cast.vera).get(reverse("members:detail", args=[an.code])).content.decode()
    assert reverse("cadres:decision", args=[decision.pk]) in html
    assert reverse("cadres:decision", args=[provincial.pk]) not in html
    assert login(cast.vera).get(reverse("cadres:decision", args=[provincial.pk])).status_code == 404


def test_staff_void_a_decision_and_the_positions_follow(cast, login, tree, an, decision):
    client = login(cast.alice)
    response = client.post(reverse("cadres:void_decision", args=[decision.pk]), {"reason": "Sai người"}, follow=True)
    assert response.status_code == 200
    decision.refresh_from_db()
    assert decision.voided_at is not None and Position.objects.live().count() == 0
    assert "Sai người" in response.content.decode()
    assert not response.context["can_change"]  # nothing more to do on a voided decision


def test_voiding_a_decision_a_later_one_builds_on_is_refused_with_a_message(cast, login, tree, an, decision):
    decide(an, tree.dist, kind="REAPPOINTMENT", date=D(2027, 2, 1))
    response = login(cast.alice).post(
        reverse("cadres:void_decision", args=[decision.pk]), {"reason": "Sai"}, follow=True
    )
    assert any("01/02/2027" in str(m) for m in response.context["messages"])
    decision.refresh_from_db()
    assert decision.voided_at is None


def test_staff_record_a_decision_with_its_file(cast, login, an):
    form = {"kind": "TRANSFER", "date": "05/03/2022", "member": an.code, "title": "Chánh Văn phòng", "unit": "",
            "number": "15-QĐ/HU", "end_previous": "on", "attachment": upload("15-QĐ.pdf")}
    response = login(cast.alice).post(reverse("cadres:record", args=["DIST"]), form)
    decision = PersonnelDecision.objects.get(number="15-QĐ/HU")
    assert response["Location"] == reverse("cadres:decision", args=[decision.pk])
    assert decision.attachments.get().name == "15-QĐ.pdf"


def test_a_bad_file_is_shown_next_to_the_field(cast, login, an):
    form = {"kind": "TRANSFER", "date": "05/03/2022", "member": an.code, "title": "Chánh Văn phòng", "unit": "",
            "attachment": upload("virus.exe", b"MZ")}
    page = login(cast.alice).post(reverse("cadres:record", args=["DIST"]), form)
    assert page.status_code == 200 and page.context["form"].errors["attachment"]
    assert not PersonnelDecision.objects.exists()


def test_staff_attach_download_and_void_a_file(cast, login, decision):
    client = login(cast.alice)
    response = client.post(reverse("cadres:attach", args=[decision.pk]), {"attachment": upload("QĐ số 12.pdf")})
    assert response.status_code == 302
    attachment = DecisionAttachment.objects.get()
    download = login(cast.vera).get(reverse("cadres:download", args=[attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/pdf"
    client = login(cast.alice)
    response = client.post(reverse("cadres:void_attachment", args=[attachment.pk]), {"reason": "Nhầm tệp"})
    attachment.refresh_from_db()
    assert attachment.voided_at is not None
    assert client.get(reverse("cadres:download", args=[attachment.pk])).status_code == 404


def test_a_refused_file_is_reported(cast, login, decision):
    response = login(cast.alice).post(
        reverse("cadres:attach", args=[decision.pk]), {"attachment": upload("scan.pdf", b"not a pdf")}, follow=True
    )
    assert any("PDF" in str(m) for m in response.context["messages"])
    assert not DecisionAttachment.objects.exists()


def test_the_year_page_runs_the_same_queries_whatever_its_length(cast, login, tree, an):
    client = login(cast.vera)
    url = reverse("cadres:year", args=["DIST", 2022])
    decide(an, tree.dist)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    one = count()
    for n in range(3):
        decide(member_of(tree.cell1b, name=f"Lê Văn {n}"), tree.dist, kind="TRANSFER", date=D(2022, 4, 1 + n))
    assert count() == one
