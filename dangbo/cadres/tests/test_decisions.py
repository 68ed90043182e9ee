import datetime as dt

import pytest

from dangbo.cadres import rules, selectors, services
from dangbo.cadres.models import PersonnelDecision, Position
from dangbo.core.errors import DomainError
from dangbo.members.tests.helpers import event, person

from .helpers import decide, member_of

D = dt.date


@pytest.fixture
def an(tree):
    return member_of(tree.cell1a)


def test_a_decision_opens_the_position_and_sets_the_term(tree, an):
    decision, warnings = decide(an, tree.dist)
    assert warnings == []
    assert decision.term_end == D(2027, 3, 1)  # five years from the decision's date
    assert decision.position.title == "Trưởng phòng Nội vụ" and decision.position.start == D(2022, 3, 1)
    assert decision.position.end is None
    assert decision.history.count() == 1


def test_only_appointments_have_a_term(tree, an):
    decision, _w = decide(an, tree.dist, kind="TRANSFER")
    assert decision.term_end is None


def test_it_ends_the_position_before_the_day_before(tree, an):
    first, _w = decide(an, tree.dist, kind="DESIGNATION", title="Phó Bí thư Đảng ủy xã", organization=tree.comm1)
    second, _w = decide(
        an,
        tree.dist,
        kind="DESIGNATION",
        title="Bí thư Đảng ủy xã",
        organization=tree.comm1,
        date=D(2023, 5, 10),
        previous_position=first.position,
    )
    first.position.refresh_from_db()
    assert first.position.end == D(2023, 5, 9)
    assert second.previous_position == first.position
    assert [p.title for p in selectors.positions_on(an, D(2023, 6, 1))] == ["Bí thư Đảng ủy xã"]


def test_a_nomination_opens_no_position(tree, an):
    decision, _w = decide(an, tree.dist, kind="NOMINATION", title="Chủ tịch UBND xã", unit_name="UBND xã An Bình")
    assert decision.position is None and not Position.objects.exists()


def test_a_reappointment_continues_the_post(tree, an):
    first, _w = decide(an, tree.dist)
    again, _w = decide(an, tree.dist, kind="REAPPOINTMENT", date=D(2027, 2, 1))
    assert again.position == first.position and Position.objects.count() == 1
    assert again.term_end == D(2032, 2, 1)


def test_it_refuses_someone_who_is_not_a_member_at_the_date(tree):
    newcomer = person(name="Trần Văn Bình")
    event(newcomer, "ADMITTED", D(2022, 6, 1), tree.cell1a)
    with pytest.raises(DomainError) as exc:
        decide(newcomer, tree.dist, date=D(2022, 5, 31))
    assert exc.value.field == "member"
    assert not PersonnelDecision.objects.exists() and not Position.objects.exists()


def test_it_refuses_an_unknown_committee_or_one_that_did_not_exist(tree, an):
    with pytest.raises(DomainError) as exc:
        decide(an, None)
    assert exc.value.field == "managed_by"
    with pytest.raises(DomainError) as exc:
        decide(an, tree.dist, date=D(1999, 12, 31))
    assert exc.value.field == "managed_by"


def test_it_refuses_an_unknown_kind_and_an_empty_title(tree, an):
    with pytest.raises(DomainError) as exc:
        decide(an, tree.dist, kind="PROMOTION")
    assert exc.value.field == "kind"
    with pytest.raises(DomainError) as exc:
        decide(an, tree.dist, title="  ")
    assert exc.value.field == "title"


def test_it_refuses_a_position_before_that_is_someone_elses(tree, an):
    other = member_of(tree.cell1b, name="Lê Thị Hoa")
    theirs, _w = decide(other, tree.dist)
    with pytest.raises(DomainError) as exc:
        decide(an, tree.dist, date=D(2023, 1, 1), previous_position=theirs.position)
    assert exc.value.field == "previous_position"
    theirs.position.refresh_from_db()
    assert theirs.position.end is None


def test_nothing_is_half_written_when_a_warning_needs_a_reason(tree, an):
    services.add_succession_plan(
        member=member_of(tree.cell1b, name="Lê Thị Hoa"),
        title="Trưởng phòng Nội vụ",
        organization=tree.dist,
        from_year=2020,
        to_year=2025,
    )
    before, _w = decide(an, tree.dist, kind="TRANSFER", title="Phó Trưởng phòng Nội vụ")
    with pytest.raises(services.NeedsOverride) as exc:
        decide(an, tree.dist, date=D(2023, 1, 1), previous_position=before.position)
    assert len(exc.value.warnings) == 1 and "QĐ 80" in exc.value.warnings[0]
    before.position.refresh_from_db()
    assert before.position.end is None and PersonnelDecision.objects.count() == 1


def test_an_appointment_outside_the_succession_plan_warns_and_needs_a_reason(tree, an):
    services.add_succession_plan(
        member=an, title="Phó Trưởng phòng Nội vụ", organization=tree.dist, from_year=2020, to_year=2025
    )
    decision, warnings = decide(an, tree.dist, override_reason="Đặc biệt xuất sắc")
    assert len(warnings) == 1 and decision.override_reason == "Đặc biệt xuất sắc"


def test_someone_in_the_plan_for_the_title_is_not_warned(tree, an):
    services.add_succession_plan(
        member=an, title="Trưởng phòng Nội vụ", organization=tree.dist, from_year=2020, to_year=2025
    )
    for kind in ("APPOINTMENT", "ROTATION"):
        _d, warnings = decide(an, tree.dist, kind=kind, date=D(2022, 3, 1 + (kind == "ROTATION")))
        assert warnings == []


def test_no_succession_plan_at_all_means_no_warning(tree, an):
    _d, warnings = decide(an, tree.dist, kind="ROTATION")
    assert warnings == []


def test_the_plan_rule_after_8_october_2025_is_qd_377(tree, an):
    services.add_succession_plan(
        member=member_of(tree.cell1b, name="Lê Thị Hoa"),
        title="Trưởng phòng Nội vụ",
        organization=tree.dist,
        from_year=2025,
        to_year=2030,
    )
    with pytest.raises(services.NeedsOverride) as exc:
        decide(an, tree.dist, date=D(2025, 10, 8))
    assert "QĐ 377" in exc.value.warnings[0]
    assert rules.rule_on(D(2025, 10, 7)).source.startswith("QĐ 80")


def test_heading_the_same_unit_eight_years_warns(tree, an):
    first, _w = decide(
        an, tree.dist, kind="DESIGNATION", title="Bí thư Đảng ủy xã", organization=tree.comm1, date=D(2014, 1, 10)
    )
    # A reappointment in the same unit after 8 years without a break: a third term.
    with pytest.raises(services.NeedsOverride) as exc:
        decide(
            an, tree.dist, kind="DESIGNATION", title="Bí thư Đảng ủy xã", organization=tree.comm1, date=D(2022, 1, 10)
        )
    assert "10/01/2014" in exc.value.warnings[0]
    # Seven years is fine.
    _d, warnings = decide(
        an, tree.dist, kind="NOMINATION", title="Bí thư Đảng ủy xã", organization=tree.comm1, date=D(2021, 1, 9)
    )
    assert warnings == []


def test_a_deputy_title_is_not_heading(tree, an):
    decide(
        an, tree.dist, kind="DESIGNATION", title="Phó Bí thư Đảng ủy xã", organization=tree.comm1, date=D(2012, 1, 10)
    )
    _d, warnings = decide(
        an, tree.dist, kind="DESIGNATION", title="Phó Bí thư Đảng ủy xã", organization=tree.comm1, date=D(2022, 1, 10)
    )
    assert warnings == []


def test_the_caption_composes_concurrent_positions(tree, an):
    decide(an, tree.dist, kind="DESIGNATION", title="Chủ tịch HĐND huyện", unit_name="HĐND huyện", date=D(2021, 6, 1))
    decide(an, tree.dist, kind="DESIGNATION", title="Bí thư Huyện ủy", organization=tree.dist, date=D(2022, 1, 1))
    assert selectors.positions_caption(an, D(2022, 6, 1)) == (
        "Đồng chí Nguyễn Văn An, Bí thư Huyện ủy, Chủ tịch HĐND huyện"
    )
    assert selectors.positions_caption(an, D(2021, 12, 31)) == "Đồng chí Nguyễn Văn An, Chủ tịch HĐND huyện"


def test_managed_titles_are_listed_once(tree):
    services.add_managed_title(committee=tree.dist, title="Bí thư Đảng ủy xã")
    with pytest.raises(DomainError):
        services.add_managed_title(committee=tree.dist, title="Bí thư Đảng ủy xã")
