"""Study sessions (and who attended, then listed on the member's page) and key cadres
assigned to grassroots organizations (and which have nobody)."""

import datetime as dt

import pytest
from django.urls import reverse

from dangbo.core.errors import DomainError
from dangbo.leadership import selectors, services
from dangbo.leadership.models import Attendance, StudySession
from dangbo.members.tests.helpers import opening, person

D = dt.date


@pytest.fixture
def members(tree):
    a, b, c = person(code="A1", name="Nguyễn Văn An"), person(code="B1", name="Lê Thị Bình", sex="F"), \
        person(code="C1", name="Trần Văn Cường")
    for m in (a, b, c):
        opening(m, tree.cell1a)
    return a, b, c


DAY = D(2022, 5, 10)


def session(org, code="S1", day=DAY, attendance=30, attendees=None, kind="HO_CHI_MINH"):
    return services.record_study_sessions(items=[services.StudyData(
        code=code, name="Học tập chuyên đề năm 2022", kind=kind, organization=org, date=day, attendance=attendance,
        attendees=attendees)])[0]


def test_sessions_of_a_year_in_a_subtree_and_their_attendance(tree):
    session(tree.dist, "S1", attendance=120)
    session(tree.comm1, "S2", attendance=40)
    session(tree.cell2a, "S3", attendance=12)
    session(tree.ocomm, "S4", attendance=99)  # another district
    session(tree.comm1, "S5", day=D(2021, 5, 10))  # another year
    assert selectors.education_figures(tree.dist, 2022) == {"sessions": 3, "attendance": 172}
    assert selectors.education_figures(tree.comm1, 2022) == {"sessions": 1, "attendance": 40}
    assert selectors.education_figures(tree.cell1a, 2022) == {"sessions": 0, "attendance": 0}


def test_who_attended_is_kept_and_listed_on_the_members_page(tree, cast, login, members):
    a, b, c = members
    s = session(tree.comm1, attendance=2, attendees=(a, b))
    with pytest.raises(DomainError):
        session(tree.comm1, code="S2", attendance=1, attendees=(a, b))  # more named than attended
    services.correct_study_sessions(changes=[(s, services.StudyData(
        code="S1", name=s.name, kind=s.kind, organization=tree.comm1, date=s.date, attendance=2, attendees=(a, c)))])
    assert {x.member.code for x in Attendance.objects.filter(session=s, voided_at__isnull=True)} == {"A1", "C1"}
    assert Attendance.objects.filter(session=s, member=b).get().voided_at is not None  # kept, voided
    page = login(cast.alice).get(reverse("members:detail", args=["C1"])).content.decode()
    assert reverse("leadership:session", args=[s.pk]) in page
    assert reverse("leadership:session", args=[s.pk]) not in login(cast.alice).get(
        reverse("members:detail", args=["B1"])).content.decode()
    with pytest.raises(DomainError):  # fewer attending than recorded by name
        services.correct_study_sessions(changes=[(s, services.StudyData(
            code="S1", name=s.name, kind=s.kind, organization=tree.comm1, date=s.date, attendance=1))])


def test_a_session_code_is_unique_and_an_organizer_must_exist_on_the_day(tree):
    session(tree.comm1)
    with pytest.raises(DomainError):
        session(tree.comm1)
    with pytest.raises(DomainError):
        session(tree.comm1, code="S9", day=D(1999, 1, 1))
    assert StudySession.objects.count() == 1


def assign(member, org, by_org, start, end=None):
    return services.assign_cadres(items=[services.NewAssignment(
        member=member, organization=org, assigned_by=by_org, start=start, end=end)])[0]


def test_assignments_in_force_in_a_year_and_the_organizations_nobody_follows(tree, members):
    a, b, c = members
    assign(a, tree.comm1, tree.dist, D(2021, 1, 1))
    first = assign(b, tree.comm2, tree.dist, D(2021, 1, 1), D(2022, 6, 30))
    assign(c, tree.comm1, tree.dist, D(2022, 7, 1))
    assign(c, tree.ocomm, tree.other, D(2022, 7, 1))  # another committee's
    assert selectors.assignment_figures(tree.dist, 2022) == {"cadres": 3, "organizations": 2, "grassroots_total": 2}
    assert selectors.assignment_figures(tree.dist, 2023) == {"cadres": 2, "organizations": 1, "grassroots_total": 2}
    coverage = {r["span"].organization.code: [x.member.code for x in r["assignments"]]
                for r in selectors.coverage(tree.dist, D(2022, 12, 31))}
    assert coverage == {"COMM1": ["A1", "C1"], "COMM2": []}
    with pytest.raises(DomainError):
        assign(b, tree.comm2, tree.dist, D(2022, 6, 1))  # overlaps the first assignment
    services.end_assignments(items=[(first, D(2022, 5, 31))])
    assign(b, tree.comm2, tree.dist, D(2022, 6, 1))
    with pytest.raises(DomainError):
        assign(a, tree.comm2, tree.dist, D(2022, 6, 1), D(2022, 5, 1))


def test_assigned_organizations_are_listed_on_the_cadres_page(tree, cast, login, members):
    a, _b, _c = members
    assign(a, tree.comm2, tree.dist, D(2021, 1, 1))
    page = login(cast.alice).get(reverse("members:detail", args=["A1"])).content.decode()
    assert tree.comm2.name in page
