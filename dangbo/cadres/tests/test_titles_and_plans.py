import datetime as dt

import pytest

from dangbo.cadres import services
from dangbo.cadres.models import ManagedTitle, SuccessionPlan
from dangbo.core.errors import DomainError
from dangbo.core.models import HardDeleteError
from dangbo.members.tests.helpers import event, person

from .helpers import decide, frozen, member_of

D = dt.date
POST = "Trưởng phòng Nội vụ"


@pytest.fixture
def today(monkeypatch):
    frozen(monkeypatch, D(2024, 6, 1))
    return D(2024, 6, 1)


@pytest.fixture
def an(tree):
    return member_of(tree.cell1a)


def plan(member, org, *, title=POST, years=(2021, 2025)):
    return services.add_succession_plan(
        member=member, title=title, organization=org, from_year=years[0], to_year=years[1]
    )


# The management list


def test_a_title_is_listed_once_whatever_the_case(tree):
    services.add_managed_title(committee=tree.dist, title="Bí thư Đảng ủy xã")
    with pytest.raises(DomainError) as exc:
        services.add_managed_title(committee=tree.dist, title="  bí thư   Đảng ủy xã ")
    assert exc.value.field == "title" or exc.value.field is None
    services.add_managed_title(committee=tree.comm1, title="Bí thư Đảng ủy xã")  # another committee's list
    assert ManagedTitle.objects.count() == 2


def test_ending_a_title_keeps_it_with_the_date_and_reason(tree, cast):
    managed = services.add_managed_title(committee=tree.dist, title="Bí thư Đảng ủy xã", by=cast.alice)
    services.end_managed_title(managed=managed, on=D(2025, 7, 1), reason="Sắp xếp đơn vị hành chính", by=cast.alice)
    managed.refresh_from_db()
    assert managed.ended_on == D(2025, 7, 1) and managed.end_reason == "Sắp xếp đơn vị hành chính"
    assert managed.history.count() == 2 and managed.history.first().history_user == cast.alice
    with pytest.raises(DomainError):
        services.end_managed_title(managed=managed, on=D(2025, 8, 1), reason="again")
    # Once off the list, the title may be listed again.
    again = services.add_managed_title(committee=tree.dist, title="Bí thư Đảng ủy xã")
    assert again.pk != managed.pk and ManagedTitle.objects.filter(ended_on__isnull=True).count() == 1


def test_ending_a_title_needs_a_reason_and_a_date(tree):
    managed = services.add_managed_title(committee=tree.dist, title="Chánh Văn phòng")
    with pytest.raises(DomainError) as exc:
        services.end_managed_title(managed=managed, on=D(2025, 7, 1), reason=" ")
    assert exc.value.field == "reason"
    with pytest.raises(DomainError) as exc:
        services.end_managed_title(managed=managed, on=None, reason="x")
    assert exc.value.field == "ended_on"
    managed.refresh_from_db()
    assert managed.ended_on is None


def test_titles_are_never_deleted(tree):
    managed = services.add_managed_title(committee=tree.dist, title="Chánh Văn phòng")
    with pytest.raises(HardDeleteError):
        managed.delete()


# Succession plans


def test_a_plan_record_is_kept_with_history(tree, cast, an, today):
    p = services.add_succession_plan(
        member=an, title=POST, organization=tree.dist, from_year=2021, to_year=2025, by=cast.alice
    )
    assert (p.from_year, p.to_year) == (2021, 2025)
    assert p.history.get().history_user == cast.alice


@pytest.mark.parametrize(
    ("years", "field"),
    [((2025, 2021), "to_year"), ((1900, 2021), "from_year"), ((2021, 2300), "to_year"), ((2020, 2030), "to_year")],
)
def test_plan_years_are_checked(tree, an, today, years, field):
    with pytest.raises(DomainError) as exc:
        plan(an, tree.dist, years=years)
    assert exc.value.field == field
    assert not SuccessionPlan.objects.exists()


def test_only_a_party_member_is_planned(tree, today):
    with pytest.raises(DomainError) as exc:
        plan(person(name="Trần Văn Chưa"), tree.dist)
    assert exc.value.field == "member" and "01/06/2024" in exc.value.message
    left = member_of(tree.cell1b, name="Lê Văn Đi")
    event(left, "LEFT", D(2024, 5, 1), reason="Xin ra khỏi Đảng")
    with pytest.raises(DomainError):
        plan(left, tree.dist)
    assert not SuccessionPlan.objects.exists()


def test_the_same_person_and_post_is_planned_once_over_the_years(tree, an, today):
    plan(an, tree.dist, years=(2021, 2025))
    with pytest.raises(DomainError) as exc:
        plan(an, tree.dist, title="trưởng phòng nội vụ", years=(2025, 2030))
    assert exc.value.field == "member" and "2021–2025" in exc.value.message
    plan(an, tree.dist, years=(2026, 2030))  # the next term
    plan(an, tree.dist, title="Chánh Văn phòng")  # another post
    plan(an, tree.comm1)  # another committee
    assert SuccessionPlan.objects.count() == 4


def test_taking_out_of_the_plan_keeps_the_record_and_allows_a_new_one(tree, cast, an, today):
    p = plan(an, tree.dist)
    services.take_out_of_plan(plan=p, on=D(2024, 3, 1), reason="Không còn đủ tiêu chuẩn", by=cast.alice)
    p.refresh_from_db()
    assert p.removed_on == D(2024, 3, 1) and p.removal_reason == "Không còn đủ tiêu chuẩn"
    with pytest.raises(DomainError):
        services.take_out_of_plan(plan=p, on=D(2024, 4, 1), reason="again")
    plan(an, tree.dist, years=(2024, 2028))  # planned again later: a new record


def test_taking_out_must_fall_within_the_plan(tree, an, today):
    p = plan(an, tree.dist)
    with pytest.raises(DomainError) as exc:
        services.take_out_of_plan(plan=p, on=D(2026, 1, 1), reason="x")
    assert exc.value.field == "removed_on"
    with pytest.raises(DomainError) as exc:
        services.take_out_of_plan(plan=p, on=D(2024, 1, 1), reason="")
    assert exc.value.field == "reason"


def test_the_warning_follows_taking_out_of_the_plan(tree, an, today):
    p = plan(an, tree.dist)
    services.take_out_of_plan(plan=p, on=D(2022, 6, 1), reason="Chuyển công tác")
    _d, warnings = decide(an, tree.dist, date=D(2022, 5, 31))  # still in the plan that day
    assert warnings == []
    with pytest.raises(services.NeedsOverride) as exc:
        decide(an, tree.dist, kind="ROTATION", date=D(2022, 6, 1))
    assert len(exc.value.warnings) == 1


def test_a_voided_plan_counts_for_nothing(tree, an, today):
    other = member_of(tree.cell1b, name="Lê Thị Hoa")
    p = plan(other, tree.dist)
    services.void_succession_plan(plan=p, reason="Nhập nhầm người")
    p.refresh_from_db()
    assert p.voided_at is not None and p.void_reason == "Nhập nhầm người"
    # The committee has no live plan left: no plan warning at all.
    _d, warnings = decide(an, tree.dist)
    assert warnings == []
    with pytest.raises(DomainError):
        services.void_succession_plan(plan=p, reason="again")
    plan(other, tree.dist)  # the voided record does not block a correct one


def test_a_voided_plan_of_the_person_does_not_count_as_planned(tree, an, today):
    plan(member_of(tree.cell1b, name="Lê Thị Hoa"), tree.dist)
    mine = plan(an, tree.dist)
    services.void_succession_plan(plan=mine, reason="Nhầm chức danh")
    with pytest.raises(services.NeedsOverride):
        decide(an, tree.dist)


def test_titles_match_whatever_the_case_of_vietnamese_letters(tree, an, today):
    plan(member_of(tree.cell1b, name="Lê Thị Hoa"), tree.dist)
    plan(an, tree.dist, title="trưởng phòng  nội vụ")
    _d, warnings = decide(an, tree.dist, title="TRƯỞNG PHÒNG NỘI VỤ")
    assert warnings == []


def test_a_plan_for_the_post_in_general_covers_it_in_one_unit(tree, an, today):
    plan(an, tree.dist, title="Phó Chủ tịch UBND xã")
    _d, warnings = decide(an, tree.dist, title="Phó Chủ tịch  UBND xã An Bình")  # an equivalent post
    assert warnings == []
    with pytest.raises(services.NeedsOverride):
        decide(an, tree.dist, title="Chủ tịch UBND xã An Bình", date=D(2024, 7, 1))  # another post
    assert services._equivalent_post("Trưởng phòng Nội vụ", "trưởng phòng nội vụ")
    assert not services._equivalent_post("Trưởng phòng Nội vụ", "Trưởng phòng Tư pháp")
    assert not services._equivalent_post("", "Trưởng phòng Tư pháp")
