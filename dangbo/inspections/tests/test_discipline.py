"""Discipline decisions: the forms each subject can receive, the statute of limitations,
expulsion as the member's `Khai trừ` event (counted once), no duplicates."""

import datetime as dt

import pytest

from dangbo.core.errors import DomainError
from dangbo.inspections import rules, services
from dangbo.inspections.models import Discipline
from dangbo.members.models import Member, MembershipEvent
from dangbo.members.tests.helpers import event
from dangbo.reports.figures import annual_figures

from .helpers import TODAY, discipline, member_of

D = dt.date


@pytest.mark.parametrize(
    ("status", "form", "allowed"),
    [
        ("OFFICIAL", "REPRIMAND", True),
        ("OFFICIAL", "WARNING", True),
        ("OFFICIAL", "REMOVAL", True),
        ("OFFICIAL", "EXPULSION", True),
        ("OFFICIAL", "DISSOLUTION", False),
        ("PROBATIONARY", "REPRIMAND", True),
        ("PROBATIONARY", "WARNING", True),
        ("PROBATIONARY", "REMOVAL", False),
        ("PROBATIONARY", "EXPULSION", False),
    ],
)
def test_the_forms_a_member_can_receive_follow_the_status_that_day(tree, status, form, allowed):
    member = member_of(tree.cell1a, status=status, since=D(2022, 1, 10))
    if allowed:
        assert discipline(member, tree.dist, form=form).discipline.form == form
    else:
        with pytest.raises(DomainError) as exc:
            discipline(member, tree.dist, form=form)
        assert exc.value.field == "form"
        assert not Discipline.objects.exists()


@pytest.mark.parametrize(
    ("form", "allowed"),
    [("REPRIMAND", True), ("WARNING", True), ("DISSOLUTION", True), ("REMOVAL", False), ("EXPULSION", False)],
)
def test_the_forms_an_organization_can_receive(tree, form, allowed):
    if allowed:
        assert discipline(tree.cell1b, tree.comm1, form=form, body="COMMITTEE").discipline.form == form
    else:
        with pytest.raises(DomainError) as exc:
            discipline(tree.cell1b, tree.comm1, form=form, body="COMMITTEE")
        assert exc.value.field == "form"


def test_the_rule_of_the_date_names_its_source():
    assert rules.rule_on(D(2025, 5, 29)).source.startswith("QĐ 22-QĐ/TW")
    assert rules.rule_on(D(2025, 5, 30)).source.startswith("QĐ 296-QĐ/TW")
    assert rules.limitation_on(D(2022, 7, 6)).source.startswith("QĐ 69-QĐ/TW")


def test_a_subject_who_is_not_a_member_that_day_is_refused(tree):
    member = member_of(tree.cell1a, since=D(2022, 7, 1))
    with pytest.raises(DomainError) as exc:
        discipline(member, tree.dist, date=D(2022, 6, 15))
    assert exc.value.field == "subject"
    with pytest.raises(DomainError) as exc:
        discipline(tree.cell1a, tree.dist, date=D(1999, 6, 15))
    assert exc.value.field in ("subject", "organization")


@pytest.mark.parametrize(
    ("form", "violation_on", "warned"),
    [
        ("REPRIMAND", D(2017, 6, 15), False),  # exactly five years: within the limit
        ("REPRIMAND", D(2017, 6, 14), True),
        ("WARNING", D(2012, 6, 15), False),
        ("WARNING", D(2012, 6, 14), True),
        ("REMOVAL", D(2012, 6, 1), True),
        ("EXPULSION", D(1990, 1, 1), False),  # no limit for expulsion
    ],
)
def test_the_statute_of_limitations_warns_and_asks_for_a_reason(tree, form, violation_on, warned):
    member = member_of(tree.cell1a)
    if not warned:
        outcome = discipline(member, tree.dist, form=form, violation_on=violation_on)
        assert outcome.warnings == [] and outcome.discipline.warnings == ""
        return
    with pytest.raises(services.NeedsOverride) as exc:
        discipline(member, tree.dist, form=form, violation_on=violation_on)
    assert "QĐ 69-QĐ/TW" in exc.value.warnings[0] and not Discipline.objects.exists()
    outcome = discipline(
        member, tree.dist, form=form, violation_on=violation_on, override_reason="Vi phạm kéo dài đến nay"
    )
    assert outcome.discipline.override_reason == "Vi phạm kéo dài đến nay"
    assert outcome.discipline.warning_list == outcome.warnings


def test_a_violation_after_the_decision_cannot_be(tree):
    member = member_of(tree.cell1a)
    with pytest.raises(DomainError) as exc:
        discipline(member, tree.dist, violation_on=D(2022, 7, 1))
    assert exc.value.field == "violation_on"


def test_an_expulsion_is_the_members_expelled_event_counted_once(tree, cast):
    member = member_of(tree.cell1a)
    outcome = discipline(
        member, tree.dist, form="EXPULSION", number="12-QĐ/UBKT", reason="Vi phạm tư cách", by=cast.alice
    )
    member.refresh_from_db()
    assert member.status == Member.Status.LEFT and member.organization is None
    event_ = outcome.discipline.event
    assert (event_.kind, event_.date, event_.origin_id) == ("EXPELLED", D(2022, 6, 15), tree.cell1a.pk)
    assert event_.decision_number == "12-QĐ/UBKT" and event_.created_by == cast.alice
    f = annual_figures(tree.dist, 2022)
    assert f["removed_from_party"] == 1 and f["discipline"]["by_form"]["expulsion"] == 1
    # the same decision again: nothing new, not in the register either
    again = discipline(member, tree.dist, form="EXPULSION", number="12-QĐ/UBKT", reason="Vi phạm tư cách")
    assert again.outcome == "unchanged" and again.discipline.pk == outcome.discipline.pk
    assert Discipline.objects.count() == 1
    assert MembershipEvent.objects.filter(member=member, kind="EXPELLED").count() == 1


def test_an_expulsion_already_in_the_register_is_taken_not_written_again(tree):
    member = member_of(tree.cell1a)
    expelled = event(member, "EXPELLED", D(2022, 6, 15), reason="Vi phạm")
    outcome = discipline(member, tree.dist, form="EXPULSION")
    assert outcome.discipline.event == expelled
    assert MembershipEvent.objects.filter(member=member, kind="EXPELLED").count() == 1


def test_an_expulsion_before_later_events_is_refused(tree):
    member = member_of(tree.cell1a)
    event(member, "TRANSFERRED_INTERNAL", D(2022, 9, 1), tree.cell1b)
    with pytest.raises(DomainError) as exc:
        discipline(member, tree.dist, form="EXPULSION")
    assert exc.value.field == "date" and not Discipline.objects.exists()
    assert not MembershipEvent.objects.filter(kind="EXPELLED").exists()


def test_other_details_of_the_same_decision_are_an_update(tree, cast):
    member = member_of(tree.cell1a)
    first = discipline(member, tree.dist, number="1-QĐ")
    second = discipline(member, tree.dist, number="2-QĐ", by=cast.alice)
    assert second.outcome == "updated" and second.discipline.pk == first.discipline.pk
    assert second.discipline.history.count() == 2 and Discipline.objects.count() == 1


def test_voiding_an_expulsion_voids_its_event_and_the_member_is_back(tree):
    member = member_of(tree.cell1a)
    outcome = discipline(member, tree.dist, form="EXPULSION")
    services.void_discipline(discipline=outcome.discipline, reason="Quyết định bị hủy")
    member.refresh_from_db()
    outcome.discipline.event.refresh_from_db()
    assert outcome.discipline.event.voided_at is not None and member.status == "OFFICIAL"
    assert annual_figures(tree.dist, 2022)["discipline"]["members"] == 0
    # a new decision for the same key can be recorded after the void
    assert discipline(member, tree.dist, form="EXPULSION").outcome == "created"


def test_the_figures_count_by_subject_and_form_in_the_subtree_on_the_date(tree):
    a, b = member_of(tree.cell1a, name="Lê Văn A"), member_of(tree.cell2a, name="Trần Thị B", sex="F")
    discipline(a, tree.comm1, form="WARNING", body="COMMITTEE")
    discipline(b, tree.dist, form="REPRIMAND")
    discipline(tree.cell1b, tree.comm1, form="REPRIMAND", body="COMMITTEE")
    discipline(member_of(tree.ocell, name="Ngô Văn C"), tree.ocomm, form="WARNING", body="COMMITTEE")
    f = annual_figures(tree.dist, 2022)["discipline"]
    assert f == {
        "organizations": 1,
        "members": 2,
        "by_form": {"reprimand": 2, "warning": 1, "removal": 0, "expulsion": 0, "dissolution": 0},
    }
    assert annual_figures(tree.comm1, 2022)["discipline"]["members"] == 1
    assert annual_figures(tree.dist, 2023)["discipline"]["members"] == 0


def test_a_decision_date_after_today_is_refused(tree):
    member = member_of(tree.cell1a)
    with pytest.raises(DomainError) as exc:
        discipline(member, tree.dist, date=D(2023, 7, 1), today=TODAY)
    assert exc.value.field == "date"
