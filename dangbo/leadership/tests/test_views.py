"""The leadership screens: access (outsiders get 404 everywhere, readers cannot write, a
secretary records their own cell's study sessions) and what a person does on them."""

import datetime as dt

import pytest
from django.urls import reverse

from dangbo.leadership import services
from dangbo.leadership.models import Assignment, Document, StudySession, Term
from dangbo.members.tests.helpers import opening, person

D = dt.date


@pytest.fixture
def records(tree):
    cadre = person(code="K1", name="Nguyễn Văn Khoa")
    opening(cadre, tree.cell1a)
    term = services.record_terms(items=[services.NewTerm(organization=tree.dist, start=D(2020, 10, 1))])[0]
    [(doc, _w)] = services.register_documents(items=[services.NewDocument(
        organization=tree.dist, kind="RESOLUTION", date=D(2022, 3, 1), subject="Về nhiệm vụ năm 2022")])
    [session] = services.record_study_sessions(items=[services.StudyData(
        code="S1", name="Chuyên đề 2022", kind="HO_CHI_MINH", organization=tree.comm1, date=D(2022, 5, 1),
        attendance=20, attendees=(cadre,))])
    [assignment] = services.assign_cadres(items=[services.NewAssignment(
        member=cadre, organization=tree.comm1, assigned_by=tree.dist, start=D(2021, 1, 1))])
    return term, doc, session, assignment


def reads(term, doc, session, assignment) -> list[str]:
    return [
        reverse("leadership:documents", args=["DIST", 2022]),
        reverse("leadership:document", args=[doc.pk]),
        reverse("leadership:document_proposal", args=["DIST"]) + "?kind=DECISION&date=01/06/2022",
        reverse("leadership:sessions", args=["DIST", 2022]),
        reverse("leadership:session", args=[session.pk]),
        reverse("leadership:assignments", args=["DIST"]),
    ]


def writes(term, doc, session, assignment) -> list[tuple[str, dict]]:
    return [
        (reverse("leadership:documents", args=["DIST", 2022]),
         {"kind": "DECISION", "date": "01/06/2022", "subject": "Về việc X"}),
        (reverse("leadership:document_void", args=[doc.pk]), {"reason": "x"}),
        (reverse("leadership:term_add", args=["DIST"]), {"start": "01/10/2025"}),
        (reverse("leadership:term_void", args=[term.pk]), {"reason": "x"}),
        (reverse("leadership:sessions", args=["DIST", 2022]),
         {"code": "S2", "name": "X", "kind": "OTHER", "organization": "DIST", "date": "01/06/2022",
          "attendance": "5"}),
        (reverse("leadership:session", args=[session.pk]),
         {"name": "X", "kind": "OTHER", "organization": "COMM1", "date": "01/06/2022", "attendance": "5"}),
        (reverse("leadership:assignments", args=["DIST"]),
         {"member": "K1", "organization": "COMM2", "start": "01/06/2022"}),
        (reverse("leadership:assignment_end", args=[assignment.pk]), {"end": "31/12/2022"}),
    ]


def _unchanged(term, doc, session, assignment) -> bool:
    doc.refresh_from_db()
    term.refresh_from_db()
    session.refresh_from_db()
    assignment.refresh_from_db()
    return (
        Document.objects.count() == 1 and doc.voided_at is None and Term.objects.count() == 1
        and term.voided_at is None and StudySession.objects.count() == 1 and session.name == "Chuyên đề 2022"
        and Assignment.objects.count() == 1 and assignment.end is None
    )


def test_an_outsider_and_an_editor_get_404_everywhere(cast, login, records):
    for user in (cast.charlie, cast.eddie):
        client = login(user)
        for url in reads(*records):
            assert client.get(url).status_code == 404, (user, url)
        for url, data in writes(*records):
            assert client.post(url, data).status_code == 404, (user, url)
    assert _unchanged(*records)


def test_anonymous_is_sent_to_log_in(client, records):
    for url in reads(*records):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url


def test_a_viewer_reads_but_cannot_write(cast, login, records):
    client = login(cast.vera)
    for url in reads(*records):
        assert client.get(url).status_code == 200, url
    for url, data in writes(*records):
        assert client.post(url, data).status_code == 404, url
    assert _unchanged(*records)


def test_a_secretary_records_the_study_sessions_of_their_cell(cast, login, records, tree):
    client = login(cast.bob)
    url = reverse("leadership:sessions", args=["CELL1A", 2022])
    response = client.post(url, {"code": "CB1", "name": "Sinh hoạt chuyên đề", "kind": "HO_CHI_MINH",
                                 "organization": "CELL1A", "date": "01/06/2022", "attendance": "9",
                                 "attendees": "K1"})
    session = StudySession.objects.get(code="CB1")
    assert response.status_code == 302 and session.attendees.get().member.code == "K1"
    assert client.get(reverse("leadership:documents", args=["CELL1A", 2022])).status_code == 200
    assert client.get(reverse("leadership:documents", args=["DIST", 2022])).status_code == 404
    assert client.post(reverse("leadership:documents", args=["CELL1A", 2022]),
                       {"kind": "NOTICE", "date": "01/06/2022", "subject": "X"}).status_code == 404


def test_registering_a_document_proposes_and_takes_the_next_number(cast, login, records):
    client = login(cast.alice)
    proposal = client.get(reverse("leadership:document_proposal", args=["DIST"]) + "?kind=RESOLUTION&date=01/06/2022")
    assert "Số 02-NQ/HU" in proposal.content.decode()
    response = client.post(reverse("leadership:documents", args=["DIST", 2022]),
                           {"kind": "RESOLUTION", "date": "01/06/2022", "subject": "Về công tác cán bộ"})
    assert response.status_code == 302
    assert Document.objects.get(number=2).reference == "02-NQ/HU"
    response = client.post(reverse("leadership:documents", args=["DIST", 2022]),
                           {"kind": "RESOLUTION", "date": "02/06/2022", "number": "2", "subject": "Trùng số"})
    assert response.status_code == 200 and "02-NQ/HU" in str(response.context["form"].errors["number"])
    page = client.get(reverse("leadership:documents", args=["DIST", 2022])).content.decode()
    assert "02-NQ/HU" in page and "Về công tác cán bộ" in page


def test_the_assignments_page_shows_who_has_nobody(cast, login, records, tree):
    client = login(cast.alice)
    response = client.get(reverse("leadership:assignments", args=["DIST"]) + "?day=31/12/2022")
    assert [r["span"].organization.code for r in response.context["uncovered"]] == ["COMM2"]
    response = client.post(reverse("leadership:assignments", args=["DIST"]),
                           {"member": "K1", "organization": "COMM2", "start": "01/06/2022"})
    assert response.status_code == 302
    response = client.get(reverse("leadership:assignments", args=["DIST"]) + "?day=31/12/2022")
    assert response.context["uncovered"] == []
