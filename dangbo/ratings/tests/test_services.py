import datetime as dt
from decimal import Decimal

import pytest

from dangbo.core.errors import DomainError
from dangbo.members.tests.helpers import admitted_member, event
from dangbo.organizations.models import Organization
from dangbo.organizations.tests.helpers import found, reorganize
from dangbo.ratings import rules, services
from dangbo.ratings.models import Rating, RatingRound

from .helpers import member_in, rate

D = dt.date
Step = Rating.Step


@pytest.fixture
def an(tree):
    return member_in(tree.cell1a, name="Nguyễn Văn An")


def refused(field, **kwargs):
    with pytest.raises(DomainError) as exc:
        rate(**kwargs)
    assert exc.value.field == field, exc.value.message
    return exc.value


# --- what is refused ---


def test_it_refuses_a_member_who_was_not_a_member_at_the_end_of_the_year(tree):
    late = admitted_member(tree.cell1a, date=D(2023, 3, 5))
    refused("member", subject=late, year=2022)
    assert rate(late, year=2023).rating.round.organization == tree.comm1


def test_it_refuses_a_member_who_left_before_the_end_of_the_year(tree, an):
    event(an, "DIED", D(2022, 12, 30))
    refused("member", subject=an, year=2022)
    assert rate(an, year=2021).rating.level == "GOOD"


def test_it_refuses_an_organization_that_did_not_exist_at_the_end_of_the_year(tree):
    new = found(
        code="NEW",
        name="Chi bộ mới",
        kind=Organization.Kind.GRASSROOTS_CELL,
        parent=tree.dist,
        founded_on=D(2023, 2, 1),
    )
    refused("organization", subject=new, year=2022)
    reorganize(kind="DISSOLVE", organization=new, effective_on=D(2024, 12, 30))
    refused("organization", subject=new, year=2024)
    assert rate(new, year=2023).rating.round.organization == tree.dist


def test_it_refuses_a_level_the_rules_of_the_year_do_not_have(tree, an, monkeypatch):
    refused("level", subject=an, level="AVERAGE")
    qd132 = rules.rule_set_for(2022)
    without = rules.RuleSet(**{**qd132.__dict__, "levels": ("EXCELLENT", "GOOD", "COMPLETED", "NOT_COMPLETED")})
    monkeypatch.setattr(rules, "RULE_SETS", [without, *rules.RULE_SETS[1:]])
    refused("level", subject=an, level="NOT_RATED", reason="Miễn sinh hoạt")


def test_not_rated_needs_a_reason(tree, an):
    refused("reason", subject=an, level="NOT_RATED")
    assert rate(an, level="NOT_RATED", reason="Miễn sinh hoạt").rating.reason == "Miễn sinh hoạt"


@pytest.mark.parametrize("score", ["100.5", "-1"])
def test_it_refuses_a_score_outside_0_to_100(tree, an, score):
    exc = refused("score", subject=an, year=2025, level="GOOD", score=score)
    assert "100" in exc.message


@pytest.mark.parametrize(
    ("level", "score"),
    [
        ("EXCELLENT", "89.5"),
        ("GOOD", "90"),
        ("GOOD", "69.99"),
        ("COMPLETED", "70"),
        ("COMPLETED", "49"),
        ("NOT_COMPLETED", "50"),
    ],
)
def test_it_refuses_a_score_outside_the_band_of_the_level(tree, an, level, score):
    refused("score", subject=an, year=2025, level=level, score=score)


@pytest.mark.parametrize(
    ("level", "score"),
    [
        ("EXCELLENT", "90"),
        ("EXCELLENT", "100"),
        ("GOOD", "70"),
        ("GOOD", "89.99"),
        ("COMPLETED", "50"),
        ("NOT_COMPLETED", "0"),
        ("NOT_COMPLETED", "49.5"),
    ],
)
def test_it_accepts_scores_in_the_band(tree, an, level, score):
    assert rate(an, year=2025, level=level, score=score).rating.score == Decimal(score)


def test_scores_only_where_the_rules_use_them(tree, an):
    refused("score", subject=an, year=2022, score="80")
    refused("score", subject=an, year=2025)  # QĐ 366: the score is required
    assert rate(an, year=2025, level="NOT_RATED", reason="Miễn sinh hoạt").rating.score is None


# --- steps, locking, reopening ---


def test_each_step_records_who_and_when(tree, cast, an):
    rate(an, step=Step.SELF_ASSESSED, by=cast.bob)
    rate(an, step=Step.PROPOSED, by=cast.alice)
    rating = rate(an, level="EXCELLENT", step=Step.DECIDED, by=cast.alice, override_reason="x").rating
    assert rating.self_assessed_by == cast.bob and rating.proposed_by == cast.alice and rating.decided_by == cast.alice
    assert rating.self_assessed_at and rating.proposed_at and rating.decided_at and rating.locked
    assert RatingRound.objects.get(organization=tree.comm1, year=2022).rule_set == "QD132"


def test_a_decided_rating_is_locked_until_reopened_with_a_reason(tree, cast, an):
    rating = rate(an).rating
    with pytest.raises(DomainError) as exc:
        rate(an, level="COMPLETED")
    assert exc.value.code == "locked"
    with pytest.raises(DomainError):
        services.reopen(rating=rating, reason="  ", by=cast.alice)
    services.reopen(rating=rating, reason="Phát hiện sai sót", by=cast.alice)
    with pytest.raises(DomainError):
        services.reopen(rating=rating, reason="again", by=cast.alice)  # not decided any more
    changed = rate(an, level="COMPLETED", by=cast.alice).rating
    assert changed.level == "COMPLETED" and changed.locked
    history = list(changed.history.order_by("history_date", "history_id"))
    assert [h.step for h in history] == [3, 2, 3]
    assert history[1].reopen_reason == "Phát hiện sai sót" and history[1].history_user == cast.alice


def decide(reopen_reason="", **fields):
    return services.decide_ratings(items=[services.DecidedRating(**fields)], reopen_reason=reopen_reason)[0]


def test_decide_ratings_is_unchanged_for_the_same_decision_and_reopens_for_another(tree, an):
    first = decide(year=2022, level="GOOD", member=an)
    again = decide(year=2022, level="GOOD", member=an)
    assert not again.changed and again.rating.pk == first.rating.pk
    other = decide(year=2022, level="COMPLETED", member=an, reopen_reason="import x")
    assert other.changed and other.rating.level == "COMPLETED" and other.rating.locked
    assert other.rating.history.filter(reopen_reason="import x", step=2).exists()


# --- warnings ---


def codes(outcome):
    return [w.code for w in outcome.warnings]


def test_excellence_cap_for_members_per_grassroots_organization(tree):
    goods = [member_in(tree.cell1a if i % 2 else tree.cell1b, name=f"Trần Văn B{i}") for i in range(5)]
    for m in goods:
        rate(m)
    first, second = member_in(tree.cell1a, name="Lê Văn C"), member_in(tree.cell1b, name="Lê Văn D")
    assert codes(rate(first, level="EXCELLENT")) == []  # 1 ≤ 20% of 5
    outcome = rate(second, level="EXCELLENT", override_reason="Thành tích đột xuất")
    assert codes(outcome) == ["excellence_cap"] and "HD 21-HD/BTCTW" in outcome.warnings[0].message
    assert outcome.warnings[0].source == "HD 21-HD/BTCTW"
    # another grassroots organization is counted on its own
    elsewhere = member_in(tree.cell2a, name="Phạm Văn E")
    assert codes(rate(elsewhere, level="EXCELLENT", step=Step.PROPOSED)) == ["excellence_cap"]


def test_excellence_cap_for_organizations_per_comparable_group(tree):
    other_group = found(
        code="SCHOOL",
        name="Chi bộ Trường học",
        kind=Organization.Kind.GRASSROOTS_CELL,
        parent=tree.dist,
        group="Trường học",
        founded_on=D(2000, 1, 1),
    )
    rate(tree.comm2, year=2023, step=Step.PROPOSED)
    outcome = rate(tree.comm1, year=2023, level="EXCELLENT", step=Step.PROPOSED)
    assert codes(outcome) == ["excellence_cap"] and outcome.warnings[0].source == "QĐ 124-QĐ/TW"
    assert "Xã, thị trấn" in outcome.warnings[0].message
    # a school is not compared with the communes
    for i in range(5):
        school = found(
            code=f"SCH{i}",
            name=f"Chi bộ Trường {i}",
            kind=Organization.Kind.GRASSROOTS_CELL,
            parent=tree.dist,
            group="Trường học",
            founded_on=D(2000, 1, 1),
        )
        rate(school, year=2023, step=Step.PROPOSED)
    assert codes(rate(other_group, year=2023, level="EXCELLENT", step=Step.PROPOSED)) == []


def test_the_screen_needs_an_override_reason_to_decide_with_warnings(tree, an):
    rate(tree.comm2, year=2023)
    with pytest.raises(DomainError) as exc:
        rate(tree.comm1, year=2023, level="EXCELLENT", require_override=True)
    assert exc.value.code == "override_needed" and exc.value.field == "override_reason"
    assert not Rating.objects.filter(organization=tree.comm1).exists()
    rating = rate(tree.comm1, year=2023, level="EXCELLENT", require_override=True, override_reason="Lý do").rating
    assert rating.override_reason == "Lý do" and rating.locked
    # a proposal with warnings does not need one
    rate(tree.comm2, year=2024, level="EXCELLENT", step=Step.PROPOSED, require_override=True)


def test_it_warns_when_an_organization_is_decided_before_its_members(tree, an):
    other = member_in(tree.cell1b, name="Trần Thị Bình")
    assert codes(rate(tree.comm1, step=Step.PROPOSED)) == []  # only the decision counts
    rate(an, step=Step.PROPOSED)
    rate(other)
    outcome = rate(tree.comm1)
    assert codes(outcome) == ["members_before_organization"]
    services.reopen(rating=outcome.rating, reason="chờ đảng viên")
    rate(an)
    assert codes(rate(tree.comm1)) == []


def test_it_flags_a_member_not_completed_two_years_running(tree, an):
    assert codes(rate(an, year=2022, level="NOT_COMPLETED")) == []
    outcome = rate(an, year=2023, level="NOT_COMPLETED")
    assert codes(outcome) == ["not_completed_twice"] and outcome.rating.locked  # a warning, not a refusal


def test_the_discipline_check_is_inactive_without_discipline_records(tree, monkeypatch):
    member_in(tree.cell2a)  # so that the members' check is not what warns
    assert "disciplined_collective" not in codes(
        rate(tree.comm2, year=2025, level="EXCELLENT", score="95", step=Step.PROPOSED)
    )
    monkeypatch.setattr(rules, "DISCIPLINE_SOURCES", [lambda org, year: "Chi bộ thôn Bắc bị khiển trách"])
    outcome = rate(tree.comm1, year=2025, level="EXCELLENT", score="95", step=Step.PROPOSED)
    assert "disciplined_collective" in codes(outcome)
    # not a rule before QĐ 366
    assert "disciplined_collective" not in codes(rate(tree.comm1, year=2024, level="EXCELLENT", step=Step.PROPOSED))
