"""The member development screens: access (outsiders get 404 everywhere, readers cannot
write, a secretary works on their own cell), and what a person does on them."""

import datetime as dt

import pytest
from django.urls import reverse

from dangbo.development import services
from dangbo.development.models import AdmissionTarget, Candidate, Checkpoint
from dangbo.members.models import Member
from dangbo.members.tests.helpers import opening, person

from .helpers import candidate, frozen

D = dt.date


@pytest.fixture
def dossier(tree):
    a, b = person(code="H1", name="Nguyễn Văn Giúp"), person(code="H2", sex="F", name="Trần Thị Đỡ")
    opening(a, tree.cell1a)
    opening(b, tree.cell1a)
    c = candidate(tree.cell1a, helpers=(a, b), certificate_on=D(2022, 5, 13))
    step = services.record_checkpoints(items=[(c, Checkpoint.Step.APPLICATION, D(2022, 4, 1), "")])[0]
    return c, step


def reads(c) -> list[str]:
    return [
        reverse("development:pipeline", args=["DIST"]),
        reverse("development:pipeline", args=["CELL1A"]),
        reverse("development:candidate", args=[c.pk]),
        reverse("development:targets", args=["DIST", 2022]),
    ]


def writes(c, step) -> list[tuple[str, dict]]:
    return [
        (reverse("development:candidate_new", args=["CELL1A"]), {}),
        (reverse("development:candidate_edit", args=[c.pk]), {}),
        (reverse("development:candidate_step", args=[c.pk]), {"step": "VERIFIED", "date": "01/06/2022"}),
        (reverse("development:checkpoint_void", args=[c.pk, step.pk]), {"reason": "x"}),
        (reverse("development:candidate_certificate", args=[c.pk]), {"certificate_on": "01/06/2022"}),
        (reverse("development:candidate_admit", args=[c.pk]), {"date": "01/02/2023", "member_code": "X1"}),
        (reverse("development:candidate_stop", args=[c.pk]), {"stopped_on": "01/06/2022", "stop_reason": "x"}),
        (reverse("development:targets", args=["DIST", 2022]), {"organization": "DIST", "target": "5"}),
    ]


def test_an_outsider_and_an_editor_get_404_everywhere(cast, login, dossier):
    c, step = dossier
    for user in (cast.charlie, cast.eddie):
        client = login(user)
        for url in reads(c):
            assert client.get(url).status_code == 404, (user, url)
        for url, data in writes(c, step):
            assert client.post(url, data).status_code == 404, (user, url)
    assert Checkpoint.objects.filter(voided_at__isnull=True).count() == 1 and not AdmissionTarget.objects.exists()


def test_anonymous_is_sent_to_log_in(client, dossier):
    c, _step = dossier
    for url in reads(c):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url


def test_a_viewer_reads_but_cannot_write(cast, login, dossier):
    c, step = dossier
    client = login(cast.vera)
    for url in reads(c):
        assert client.get(url).status_code == 200, url
    for url, data in writes(c, step):
        assert client.post(url, data).status_code == 404, url
    assert not Member.objects.filter(code="X1").exists()


def test_a_secretary_prepares_admissions_in_their_own_cell_only(cast, login, dossier, tree):
    c, step = dossier
    client = login(cast.bob)
    assert client.get(reverse("development:pipeline", args=["CELL1A"])).status_code == 200
    assert client.get(reverse("development:pipeline", args=["DIST"])).status_code == 404
    response = client.post(reverse("development:candidate_step", args=[c.pk]),
                           {"step": "VERIFIED", "date": "01/06/2022", "note": ""})
    assert response.status_code == 302 and c.checkpoints.filter(step="VERIFIED").exists()
    # The admission writes the register: committee staff only.
    assert client.get(reverse("development:candidate_admit", args=[c.pk])).status_code == 404
    other = candidate(tree.cell1b, name="Ngoài Chi Bộ")
    assert client.get(reverse("development:candidate", args=[other.pk])).status_code == 404


def test_taking_in_shows_the_warnings_and_saves_with_a_reason(cast, login, tree, monkeypatch):
    frozen(monkeypatch, D(2023, 3, 1))
    new = person(code="P1", name="Lê Văn Dự Bị")
    from dangbo.members.tests.helpers import event

    event(new, "ADMITTED", D(2022, 9, 1), tree.cell1a)
    client = login(cast.alice)
    url = reverse("development:candidate_new", args=["DIST"])
    data = {"code": "QC-1", "full_name": "Phạm Thị Hoa", "birth": "02/04/2000", "sex": "F",
            "organization": "CELL1A", "planned_on": "01/03/2023", "helpers": "P1"}
    response = client.post(url, data)
    assert response.status_code == 200 and "P1" in response.content.decode()
    assert response.context["warnings"] and not Candidate.objects.exists()
    response = client.post(url, {**data, "override_reason": "Sắp công nhận chính thức"})
    c = Candidate.objects.get(code="QC-1")
    assert response.status_code == 302 and response["Location"] == reverse("development:candidate", args=[c.pk])
    assert c.intake_override == "Sắp công nhận chính thức"
    assert client.get(reverse("development:candidate", args=[c.pk])).status_code == 200


def test_unknown_helpers_are_named_next_to_the_field(cast, login, tree):
    client = login(cast.alice)
    response = client.post(reverse("development:candidate_new", args=["DIST"]), {
        "code": "QC-2", "full_name": "Phạm Thị Hoa", "birth": "2000", "sex": "F", "organization": "CELL1A",
        "planned_on": "01/03/2023", "helpers": "KHONGCO; ZZ",
    })
    assert response.status_code == 200 and "KHONGCO, ZZ" in str(response.context["form"].errors["helpers"])


def test_admitting_from_the_screen(cast, login, dossier, monkeypatch):
    frozen(monkeypatch, D(2023, 3, 1))
    c, _step = dossier
    client = login(cast.alice)
    url = reverse("development:candidate_admit", args=[c.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"date": "02/02/2023", "member_code": "012345AB", "decision_number": "5-QĐ/HU"})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.member.code == "012345AB" and c.admission.date == D(2023, 2, 2)
    # Again: refused, nothing more written.
    response = client.post(url, {"date": "03/02/2023", "member_code": "X2"})
    assert response.status_code == 200 and response.context["admit_form"].errors
    assert not Member.objects.filter(code="X2").exists()
    page = client.get(reverse("members:detail", args=["012345AB"])).content.decode()
    assert reverse("development:candidate", args=[c.pk]) in page


def test_the_pipeline_page_lists_the_candidates_and_the_probation_worklist(cast, login, dossier, tree, monkeypatch):
    frozen(monkeypatch, D(2023, 3, 1))
    c, _step = dossier
    from dangbo.members.tests.helpers import admitted_member

    due = admitted_member(tree.cell1b, D(2022, 3, 10), name="Đinh Văn Dự", code="DU1")
    client = login(cast.alice)
    response = client.get(reverse("development:pipeline", args=["DIST"]))
    page = response.content.decode()
    assert c.full_name in page and due.full_name in page
    assert [r.candidate for r in response.context["pipeline"]["rows"]] == [c]
    assert [r["member"] for r in response.context["recognition"]] == [due]


def test_the_targets_page_sets_a_target(cast, login, tree):
    client = login(cast.alice)
    url = reverse("development:targets", args=["DIST", 2022])
    response = client.post(url, {"organization": "COMM1", "target": "12"})
    assert response.status_code == 302
    assert AdmissionTarget.objects.get(organization=tree.comm1, year=2022).target == 12
    assert "12" in client.get(url).content.decode()
    # An organization outside the page's list is not taken.
    response = client.post(url, {"organization": "OCOMM", "target": "3"})
    assert response.status_code == 200 and not AdmissionTarget.objects.filter(organization=tree.ocomm).exists()


def test_stopping_and_recording_the_certificate(cast, login, dossier):
    c, _step = dossier
    client = login(cast.alice)
    client.post(reverse("development:candidate_certificate", args=[c.pk]), {"certificate_on": "20/05/2022"})
    client.post(reverse("development:candidate_stop", args=[c.pk]),
                {"stopped_on": "01/09/2022", "stop_reason": "Chuyển nơi cư trú"})
    c.refresh_from_db()
    assert (c.certificate_on, c.stopped_on, c.stop_reason) == (D(2022, 5, 20), D(2022, 9, 1), "Chuyển nơi cư trú")
    client.post(reverse("development:candidate_stop", args=[c.pk]), {"resume": "1"})
    c.refresh_from_db()
    assert c.stopped_on is None
