"""Candidates through the services: warnings with a recorded override (RULES.md), the
admission written through the register's one write path and linked, admitting twice
refused, leaving the plan, the dossier's steps, the awareness course, targets."""

import datetime as dt

import pytest

from dangbo.core.errors import DomainError
from dangbo.development import rules, services
from dangbo.development.models import Candidate, Checkpoint
from dangbo.members.models import Member, MembershipEvent
from dangbo.members.tests.helpers import admitted_member, opening, person

from .helpers import candidate

D = dt.date


@pytest.fixture
def helpers(tree):
    a = person(name="Nguyễn Văn Giúp", code="H1")
    opening(a, tree.cell1a)
    b = person(name="Trần Thị Đỡ", code="H2", sex="F")
    opening(b, tree.cell1a)
    return a, b


def test_taking_in_with_official_helpers_raises_no_warning(tree, helpers):
    c = candidate(tree.cell1a, helpers=helpers, override_reason="")
    assert c.intake_warnings == "" and c.intake_override == ""
    assert {m.code for m in services.live_helpers(c)} == {"H1", "H2"}
    assert c.history.count() == 1


def test_a_probationary_helper_is_a_warning_that_needs_a_reason(tree, helpers):
    new = admitted_member(tree.cell1a, D(2021, 10, 1), name="Lê Văn Mới", code="NEW1")
    item = dict(code="QC-X", full_name="Phạm Thị Hoa", birth=D(2000, 4, 2), sex="F", organization=tree.cell1a,
                planned_on=D(2022, 3, 1), helpers=(helpers[0], new))
    with pytest.raises(services.NeedsOverride) as caught:
        services.take_into_plan(items=[services.NewCandidate(**item)])
    assert [w.code for w in caught.value.warnings] == [rules.HELPERS_NOT_OFFICIAL]
    assert "NEW1" in caught.value.warnings[0].message and not Candidate.objects.exists()
    [(c, warnings)] = services.take_into_plan(
        items=[services.NewCandidate(**item, override_reason="Đồng chí sắp được công nhận chính thức")]
    )
    assert c.intake_override == "Đồng chí sắp được công nhận chính thức" and "NEW1" in c.intake_warnings


def test_age_outside_18_to_60_on_the_day_taken_in_is_a_warning(tree, helpers):
    with pytest.raises(services.NeedsOverride) as caught:
        candidate(tree.cell1a, birth=D(2004, 6, 1), planned_on=D(2022, 3, 1), helpers=helpers, override_reason="")
    assert [w.code for w in caught.value.warnings] == [rules.AGE]
    assert "17" in caught.value.warnings[0].message
    # 18 on the day exactly: no warning.
    candidate(tree.cell1a, birth=D(2004, 3, 1), planned_on=D(2022, 3, 1), helpers=helpers, override_reason="")


def test_admission_writes_the_admitted_event_and_links_it(tree, cast, helpers):
    c = candidate(tree.cell1a, helpers=helpers, certificate_on=D(2022, 5, 13))
    [(admitted, warnings)] = services.admit_candidates(items=[services.Admission(
        candidate=c, date=D(2023, 2, 3), member_code="012345AB", decision_number="15-QĐ/HU",
    )], by=cast.alice)
    assert warnings == []
    member = Member.objects.get(code="012345AB")
    event = MembershipEvent.objects.get(member=member)
    assert (event.kind, event.date, event.organization, event.decision_number) == (
        "ADMITTED", D(2023, 2, 3), tree.cell1a, "15-QĐ/HU")
    assert member.status == "PROBATIONARY" and member.full_name == "Phạm Thị Hoa" and member.sex == "F"
    admitted.refresh_from_db()
    assert admitted.member == member and admitted.admission == event
    assert admitted.history.first().history_user == cast.alice


def test_admitting_twice_is_refused(tree, helpers):
    c = candidate(tree.cell1a, helpers=helpers, certificate_on=D(2022, 5, 13))
    services.admit_candidates(items=[services.Admission(candidate=c, date=D(2023, 2, 3), member_code="M1")])
    with pytest.raises(DomainError, match="M1"):
        services.admit_candidates(items=[services.Admission(candidate=c, date=D(2023, 3, 3), member_code="M2")])
    assert MembershipEvent.objects.filter(kind="ADMITTED").count() == 1
    assert not Member.objects.filter(code="M2").exists()
    # Nor can another candidacy claim the same member.
    other = candidate(tree.cell1a, name="Phạm Thị Hoa", helpers=helpers, certificate_on=D(2022, 5, 13))
    with pytest.raises(DomainError):
        services.link_admissions(items=[(other, Member.objects.get(code="M1"))])


def test_a_missing_or_expired_certificate_needs_a_reason_to_admit(tree, helpers):
    c = candidate(tree.cell1a, planned_on=D(2020, 1, 1), helpers=helpers)
    with pytest.raises(services.NeedsOverride) as caught:
        services.admit_candidates(items=[services.Admission(candidate=c, date=D(2022, 6, 1), member_code="M1")])
    assert [w.code for w in caught.value.warnings] == [rules.CERTIFICATE_MISSING]
    services.record_certificates(items=[(c, D(2017, 5, 31))])
    with pytest.raises(services.NeedsOverride) as caught:
        services.admit_candidates(items=[services.Admission(candidate=c, date=D(2022, 6, 1), member_code="M1")])
    assert [w.code for w in caught.value.warnings] == [rules.CERTIFICATE_EXPIRED]
    assert "31/05/2022" in caught.value.warnings[0].message  # valid 5 years: until 31/05/2022
    services.record_certificates(items=[(c, D(2017, 6, 1))])  # exactly 5 years before: valid
    [(_c, warnings)] = services.admit_candidates(
        items=[services.Admission(candidate=c, date=D(2022, 6, 1), member_code="M1")]
    )
    assert warnings == []


def test_too_few_helpers_is_a_warning_at_admission(tree, helpers):
    c = candidate(tree.cell1a, helpers=helpers[:1], certificate_on=D(2022, 5, 13))
    with pytest.raises(services.NeedsOverride) as caught:
        services.admit_candidates(items=[services.Admission(candidate=c, date=D(2023, 2, 3), member_code="M1")])
    assert [w.code for w in caught.value.warnings] == [rules.HELPERS_TOO_FEW]
    [(admitted, _w)] = services.admit_candidates(items=[services.Admission(
        candidate=c, date=D(2023, 2, 3), member_code="M1", override_reason="Đồng chí thứ hai đã chuyển đi",
    )])
    assert admitted.admission_override == "Đồng chí thứ hai đã chuyển đi"


def test_an_admission_before_18_is_refused_by_the_register(tree, helpers):
    c = candidate(tree.cell1a, birth=D(2005, 1, 1), planned_on=D(2022, 3, 1), helpers=helpers,
                  certificate_on=D(2022, 5, 13))
    with pytest.raises(DomainError):
        services.admit_candidates(items=[services.Admission(candidate=c, date=D(2022, 6, 1), member_code="M1")])
    assert not Member.objects.filter(code="M1").exists() and Candidate.objects.get(pk=c.pk).member is None


def test_leaving_the_plan_and_coming_back(tree, helpers):
    c = candidate(tree.cell1a, helpers=helpers)
    with pytest.raises(DomainError):
        services.stop_candidates(items=[(c, D(2022, 2, 1), "Chuyển đi")])  # before taken in
    services.stop_candidates(items=[(c, D(2022, 9, 1), "Chuyển nơi cư trú")])
    with pytest.raises(DomainError, match="01/09/2022"):
        services.admit_candidates(items=[services.Admission(candidate=c, date=D(2022, 10, 1), member_code="M1",
                                                            override_reason="x")])
    services.stop_candidates(items=[(c, None, "")])
    c.refresh_from_db()
    assert c.stopped_on is None and c.stop_reason == ""
    assert c.history.count() == 3


def test_steps_of_the_dossier_are_dated_and_corrected_not_doubled(tree, helpers):
    c = candidate(tree.cell1a, helpers=helpers)
    services.record_checkpoints(items=[(c, Checkpoint.Step.APPLICATION, D(2022, 4, 1), "")])
    services.record_checkpoints(items=[(c, Checkpoint.Step.APPLICATION, D(2022, 4, 2), "đơn viết tay")])
    [step] = Checkpoint.objects.filter(candidate=c)
    assert (step.date, step.note) == (D(2022, 4, 2), "đơn viết tay") and step.history.count() == 2
    with pytest.raises(DomainError):
        services.record_checkpoints(items=[(c, "SOMETHING", D(2022, 4, 2), "")])
    services.void_checkpoint(checkpoint=step, reason="Nhập nhầm")
    services.record_checkpoints(items=[(c, Checkpoint.Step.APPLICATION, D(2022, 4, 5), "")])
    assert Checkpoint.objects.filter(candidate=c).count() == 2


def test_completing_an_awareness_class_gives_the_certificate(tree, helpers):
    from dangbo.training import services as training
    from dangbo.training.models import Enrollment

    klass = training.create_class(code="NT1", name="Lớp nhận thức về Đảng", program="PARTY_AWARENESS",
                                  organizer=tree.comm1, start=D(2022, 5, 9), end=D(2022, 5, 13))
    c = candidate(tree.cell1a, helpers=helpers)
    services.complete_awareness_course(candidates=[c], klass=klass)
    c.refresh_from_db()
    assert c.certificate_on == D(2022, 5, 13)
    [learner] = Enrollment.objects.filter(klass=klass)
    assert (learner.full_name, learner.result, learner.member) == ("Phạm Thị Hoa", "COMPLETED", None)
    services.complete_awareness_course(candidates=[c], klass=klass)  # again: the same learner
    assert Enrollment.objects.filter(klass=klass).count() == 1
    other = training.create_class(code="SC1", name="Sơ cấp", program="BASIC_THEORY", organizer=tree.comm1,
                                  start=D(2022, 5, 9))
    with pytest.raises(DomainError):
        services.complete_awareness_course(candidates=[c], klass=other)


def test_admission_targets_are_one_per_organization_and_year(tree):
    [(target, changed)] = services.set_admission_targets(items=[(tree.dist, 2022, 150)])
    assert changed and target.target == 150
    [(_t, changed)] = services.set_admission_targets(items=[(tree.dist, 2022, 150)])
    assert not changed
    services.set_admission_targets(items=[(tree.dist, 2022, 160)])
    target.refresh_from_db()
    assert target.target == 160 and target.history.count() == 2
    with pytest.raises(DomainError):
        services.set_admission_targets(items=[(tree.dist, 2022, -1)])
    with pytest.raises(DomainError):
        services.set_admission_targets(items=[(tree.dist, 1990, 5)])  # before DIST existed (2000)


def test_dates_after_today_are_refused(tree, helpers, monkeypatch):
    from .helpers import frozen

    frozen(monkeypatch, D(2022, 6, 30))
    with pytest.raises(DomainError):
        candidate(tree.cell1a, planned_on=D(2022, 7, 1), helpers=helpers)
