"""The screens: who sees what (discipline is sensitive), an outsider refused on every view,
and the writes each form makes through its service."""

import datetime as dt

import pytest
from django.urls import reverse

from dangbo.accounts.models import User
from dangbo.accounts.services import create_user
from dangbo.inspections.models import Discipline, Item, Remedy

from .helpers import conclude, discipline, frozen, member_of, plan, remedy

D = dt.date


@pytest.fixture
def data(tree, cast, monkeypatch):
    frozen(monkeypatch, D(2022, 9, 20))
    an = member_of(tree.cell1a, name="Nguyễn Văn An")
    item = plan("KT01", tree.dist, subject=an, kind="SUSPECTED_VIOLATION", start=D(2022, 3, 1))
    conclude(item, end=D(2022, 5, 1), conclusion="DISCIPLINE_NEEDED", today=D(2022, 9, 20))
    overdue = remedy(item, text="Kiểm điểm trước chi bộ", due=D(2022, 9, 1), today=D(2022, 9, 20))
    soon = remedy(item, text="Báo cáo kết quả khắc phục", due=D(2022, 10, 10), today=D(2022, 9, 20))
    later = remedy(item, text="Tự phê bình", due=D(2022, 12, 31), today=D(2022, 9, 20))
    decision = discipline(an, tree.dist, form="WARNING", date=D(2022, 6, 1), item=item, today=D(2022, 9, 20))
    ivan = create_user(username="ivan", password=cast.password, role=User.Role.INSPECTION_STAFF, organization=tree.dist)
    lower = create_user(
        username="lan", password=cast.password, role=User.Role.INSPECTION_STAFF, organization=tree.comm1
    )
    return {
        "an": an,
        "item": item,
        "overdue": overdue,
        "soon": soon,
        "later": later,
        "decision": decision.discipline,
        "ivan": ivan,
        "lower": lower,
    }


def get_urls(data):
    item, decision = data["item"], data["decision"]
    return [
        reverse("inspections:organization", args=["DIST"]),
        reverse("inspections:year", args=["DIST", 2022]),
        reverse("inspections:new_item", args=["DIST"]),
        reverse("inspections:item", args=[item.code]),
        reverse("inspections:edit_item", args=[item.code]),
        reverse("inspections:remedies", args=["DIST"]),
        reverse("inspections:disciplines", args=["DIST", 2022]),
        reverse("inspections:new_discipline", args=["DIST"]),
        reverse("inspections:discipline", args=[decision.pk]),
        reverse("reports:records", args=["DIST", 2022, "discipline.members"]),
        reverse("reports:records", args=["DIST", 2022, "inspection.concluded"]),
    ]


def post_urls(data):
    item, decision, r = data["item"], data["decision"], data["soon"]
    return [
        (reverse("inspections:new_item", args=["DIST"]), {"code": "X"}),
        (reverse("inspections:conclude", args=[item.code]), {"end": "", "conclusion": ""}),
        (reverse("inspections:add_remedy", args=[item.code]), {"text": "Việc", "due": "01/12/2022"}),
        (reverse("inspections:remedy_done", args=[r.pk]), {"done_on": "15/09/2022"}),
        (reverse("inspections:void_remedy", args=[r.pk]), {"reason": "Sai"}),
        (reverse("inspections:void_item", args=[item.code]), {"reason": "Sai"}),
        (reverse("inspections:describe_program", args=[item.program_id]), {"decision_number": "1"}),
        (reverse("inspections:new_discipline", args=["DIST"]), {"date": "01/06/2022"}),
        (reverse("inspections:void_discipline", args=[decision.pk]), {"reason": "Sai"}),
    ]


def test_an_outsider_gets_404_everywhere(cast, login, data):
    client = login(cast.charlie)
    for url in get_urls(data):
        assert client.get(url).status_code == 404, url
    for url, form in post_urls(data):
        assert client.post(url, form).status_code == 404, url
    assert (
        Item.objects.filter(voided_at__isnull=True).count() == 1
        and Remedy.objects.get(pk=data["soon"].pk).done_on is None
    )
    assert Discipline.objects.get().voided_at is None


def test_anonymous_is_sent_to_log_in(client, data):
    for url in get_urls(data):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url


def test_a_viewer_reads_the_program_but_no_discipline_and_writes_nothing(cast, login, data):
    client = login(cast.vera)
    page = client.get(reverse("inspections:year", args=["DIST", 2022]))
    assert page.status_code == 200 and b"KT01" in page.content
    assert client.get(reverse("inspections:item", args=["KT01"])).status_code == 200
    for url in (
        reverse("inspections:disciplines", args=["DIST", 2022]),
        reverse("inspections:discipline", args=[data["decision"].pk]),
        reverse("reports:records", args=["DIST", 2022, "discipline.members"]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        "decisions" not in client.get(reverse("inspections:item", args=["KT01"])).context
        or not client.get(reverse("inspections:item", args=["KT01"])).context["disciplines"]
    )
    member_page = client.get(reverse("members:detail", args=[data["an"].code]))
    assert b"inspections/discipline/" not in member_page.content
    for url, form in post_urls(data):
        assert client.post(url, form).status_code == 404, url


def test_discipline_is_seen_by_staff_of_the_deciding_organization_or_above_and_the_cell(cast, login, data):
    url = reverse("inspections:discipline", args=[data["decision"].pk])
    assert login(data["ivan"]).get(url).status_code == 200
    assert login(cast.alice).get(url).status_code == 200
    assert login(cast.root).get(url).status_code == 200
    assert login(data["lower"]).get(url).status_code == 404  # staff below the deciding organization
    assert login(cast.bob).get(url).status_code == 200  # the member's own cell
    member_page = login(cast.bob).get(reverse("members:detail", args=[data["an"].code]))
    assert url.encode() in member_page.content


def test_a_cell_secretary_sees_only_their_cells_discipline(cast, login, tree, data):
    other = member_of(tree.cell1b, name="Lê Văn Khác")
    decision = discipline(other, tree.dist, form="REPRIMAND", date=D(2022, 7, 1), today=D(2022, 9, 20)).discipline
    assert login(cast.bob).get(reverse("inspections:discipline", args=[decision.pk])).status_code == 404
    assert login(cast.bob).get(reverse("inspections:disciplines", args=["DIST", 2022])).status_code == 404
    cell_list = login(cast.bob).get(reverse("inspections:disciplines", args=["CELL1A", 2022]))
    assert cell_list.status_code == 200


def test_the_year_page_shows_the_program_per_body_with_progress(cast, login, tree, data):
    plan(
        "GS01",
        tree.dist,
        subject=tree.comm2,
        kind="THEMATIC_SUPERVISION",
        body="STANDING_COMMITTEE",
        start=D(2022, 4, 1),
    )
    plan("GS02", tree.comm1, subject=tree.cell1b, kind="REGULAR_SUPERVISION", body="COMMITTEE", start=D(2022, 4, 1))
    page = login(data["ivan"]).get(reverse("inspections:year", args=["DIST", 2022]))
    tables = page.context["tables"]
    assert [t["body"] for t in tables] == ["STANDING_COMMITTEE", "INSPECTION_COMMITTEE"]
    committee = tables[1]
    assert (committee["total"], committee["concluded"], committee["remedies"], committee["remedies_done"]) == (
        1,
        1,
        3,
        0,
    )
    assert [row["organization__code"] for row in page.context["lower"]] == ["COMM1"]
    assert page.context["figures"]["supervisions"] == 2


def test_inspection_staff_plan_conclude_and_follow_remedies(cast, login, tree, data):
    client = login(data["ivan"])
    response = client.post(
        reverse("inspections:new_item", args=["DIST"]),
        {
            "code": "KT02",
            "year": "2022",
            "kind": "COMPLIANCE",
            "body": "INSPECTION_COMMITTEE",
            "member": "",
            "subject_organization": "COMM2",
            "start": "05/09/2022",
            "decision_number": "",
            "note": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    item = Item.objects.get(code="KT02")
    assert item.subject_organization == tree.comm2 and item.created_by == data["ivan"]
    response = client.post(
        reverse("inspections:conclude", args=["KT02"]),
        {
            "end": "15/09/2022",
            "conclusion": "SHORTCOMINGS",
            "strengths": "Tốt",
            "shortcomings": "Chậm",
        },
    )
    item.refresh_from_db()
    assert item.conclusion == "SHORTCOMINGS" and item.end == D(2022, 9, 15)
    client.post(reverse("inspections:add_remedy", args=["KT02"]), {"text": "Khắc phục chậm trễ", "due": "30/10/2022"})
    r = Remedy.objects.get(item=item)
    client.post(reverse("inspections:remedy_done", args=[r.pk]), {"done_on": "18/09/2022", "worklist": "DIST"})
    r.refresh_from_db()
    assert r.done_on == D(2022, 9, 18)


def test_a_wrong_conclusion_is_refused_with_its_message(cast, login, data):
    client = login(data["ivan"])
    response = client.post(
        reverse("inspections:conclude", args=["KT01"]), {"end": "", "conclusion": "VIOLATION"}, follow=True
    )
    assert response.status_code == 200
    data["item"].refresh_from_db()
    assert data["item"].conclusion == "DISCIPLINE_NEEDED"
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_the_worklist_lists_remedies_overdue_and_due_within_30_days(cast, login, data):
    page = login(data["ivan"]).get(reverse("inspections:remedies", args=["DIST"]))
    assert [r.pk for r in page.context["page"].object_list] == [data["overdue"].pk, data["soon"].pk]
    dashboard = login(data["ivan"]).get(reverse("core:dashboard"))
    panel = next(p for item, p in dashboard.context["panels"] if item.key == "inspections")
    assert (panel["overdue"], panel["due_soon"]) == (1, 1)
    # a commune's staff see the remedies of their subtree only (the item is the district's)
    assert not login(data["lower"]).get(reverse("inspections:remedies", args=["COMM1"])).context["page"].object_list


def test_the_worklist_runs_a_fixed_number_of_queries(cast, login, tree, data, django_assert_max_num_queries):
    for n in range(5):
        remedy(data["item"], text=f"Việc số {n}", due=D(2022, 9, 25), today=D(2022, 9, 20))
    client = login(data["ivan"])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("inspections:remedies", args=["DIST"]))
    assert len(page.context["page"].object_list) == 7


def test_recording_a_discipline_asks_for_a_reason_when_warned(cast, login, tree, data):
    client = login(data["ivan"])
    form = {
        "date": "01/09/2022",
        "form": "REPRIMAND",
        "member": data["an"].code,
        "subject_organization": "",
        "body": "INSPECTION_COMMITTEE",
        "violation_on": "01/01/2016",
        "item": "KT01",
        "number": "9-QĐ",
        "reason": "Vi phạm",
        "override_reason": "",
    }
    page = client.post(reverse("inspections:new_discipline", args=["DIST"]), form)
    assert page.status_code == 200 and page.context["warnings"] and Discipline.objects.count() == 1
    response = client.post(
        reverse("inspections:new_discipline", args=["DIST"]), dict(form, override_reason="Vi phạm kéo dài")
    )
    assert response.status_code == 302
    decision = Discipline.objects.get(form="REPRIMAND")
    assert decision.override_reason == "Vi phạm kéo dài" and decision.item == data["item"]
    # the same again: not recorded twice
    client.post(reverse("inspections:new_discipline", args=["DIST"]), dict(form, override_reason="Vi phạm kéo dài"))
    assert Discipline.objects.filter(form="REPRIMAND").count() == 1


def test_a_form_the_subject_cannot_receive_is_shown_next_to_the_field(cast, login, tree, data):
    page = login(data["ivan"]).post(
        reverse("inspections:new_discipline", args=["DIST"]),
        {
            "date": "01/09/2022",
            "form": "EXPULSION",
            "member": "",
            "subject_organization": "COMM2",
            "body": "INSPECTION_COMMITTEE",
            "violation_on": "",
            "item": "",
            "number": "",
            "reason": "",
            "override_reason": "",
        },
    )
    assert page.status_code == 200 and page.context["form"].errors["form"]


def test_voiding_a_discipline_from_its_page(cast, login, data):
    client = login(data["ivan"])
    client.post(reverse("inspections:void_discipline", args=[data["decision"].pk]), {"reason": "Nhập nhầm"})
    data["decision"].refresh_from_db()
    assert data["decision"].voided_at is not None and data["decision"].void_reason == "Nhập nhầm"


def test_member_and_organization_pages_show_their_inspections(cast, login, tree, data):
    page = login(cast.alice).get(reverse("members:detail", args=[data["an"].code]))
    assert reverse("inspections:item", args=["KT01"]).encode() in page.content
    assert reverse("inspections:discipline", args=[data["decision"].pk]).encode() in page.content
    plan("KT09", tree.dist, subject=tree.comm1, start=D(2022, 4, 1))
    org_page = login(cast.vera).get(reverse("organizations:detail", args=["COMM1"]))
    assert reverse("inspections:item", args=["KT09"]).encode() in org_page.content


def test_the_report_page_links_the_figures_to_their_records(cast, login, data):
    page = login(data["ivan"]).get(reverse("reports:year", args=["DIST", 2022]))
    assert reverse("reports:records", args=["DIST", 2022, "inspection.concluded"]).encode() in page.content
    assert reverse("reports:records", args=["DIST", 2022, "discipline.by_form.warning"]).encode() in page.content
    # overdue at 31/12: not done, due before it (the one due on 31/12 is not)
    records = login(data["ivan"]).get(reverse("reports:records", args=["DIST", 2022, "inspection.remedies.overdue"]))
    assert len(records.context["rows"]) == 2
    warnings = login(data["ivan"]).get(reverse("reports:records", args=["DIST", 2022, "discipline.by_form.warning"]))
    assert len(warnings.context["rows"]) == 1
    viewer_page = login(cast.vera).get(reverse("reports:year", args=["DIST", 2022]))
    assert b"discipline.by_form.warning" not in viewer_page.content
