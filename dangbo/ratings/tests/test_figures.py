import datetime as dt

from dangbo.members.tests.helpers import event
from dangbo.organizations.tests.helpers import reorganize
from dangbo.ratings.models import Rating
from dangbo.ratings.selectors import rating_figures

from .helpers import member_in, rate

D = dt.date
Step = Rating.Step


def test_not_rated_counts_those_in_scope_without_a_decided_rating(tree):
    a, b, c = (member_in(tree.cell1a, name=n) for n in ("Nguyễn Văn A", "Trần Văn B", "Lê Văn C"))
    d = member_in(tree.cell2a, name="Phạm Văn D")
    rate(a, level="EXCELLENT", override_reason="x")
    rate(b, step=Step.PROPOSED)  # proposed only: not rated yet
    rate(d, level="NOT_RATED", reason="Miễn sinh hoạt")
    rate(member_in(tree.ocell, name="Ngoài"), level="GOOD")  # outside the scope
    rate(tree.comm1)
    rate(tree.ocomm)
    figures = rating_figures(tree.dist, 2022)
    assert figures["grassroots_ratings"] == {
        "excellent": 0,
        "good": 1,
        "completed": 0,
        "not_completed": 0,
        "not_rated": 1,
    }
    assert figures["member_ratings"] == {"excellent": 1, "good": 0, "completed": 0, "not_completed": 0, "not_rated": 3}
    assert c  # no rating at all
    # COMM1 itself is in scope when it is the organization asked about
    assert rating_figures(tree.comm1, 2022)["grassroots_ratings"]["good"] == 1


def test_an_organization_moved_out_after_the_year_still_counts_for_that_year(tree):
    member = member_in(tree.cell2a)
    rate(member)
    rate(tree.comm2, level="COMPLETED")
    reorganize(
        kind="MOVE", organization=tree.comm2, effective_on=D(2023, 3, 1), target=tree.other
    )
    assert rating_figures(tree.dist, 2022)["grassroots_ratings"]["completed"] == 1
    assert rating_figures(tree.dist, 2022)["member_ratings"]["good"] == 1
    rate(tree.comm2, year=2023, level="GOOD")
    assert rating_figures(tree.dist, 2023)["grassroots_ratings"]["good"] == 0
    assert rating_figures(tree.other, 2023)["grassroots_ratings"]["good"] == 1


def test_a_member_who_left_after_the_year_still_counts_for_that_year(tree):
    member = member_in(tree.cell1a)
    rate(member)
    event(member, "DIED", D(2023, 2, 1))
    assert rating_figures(tree.dist, 2022)["member_ratings"]["good"] == 1
    assert rating_figures(tree.dist, 2023)["member_ratings"] == dict.fromkeys(
        ("excellent", "good", "completed", "not_completed", "not_rated"), 0
    )


def test_the_warnings_of_the_year_in_scope(tree):
    goods = [member_in(tree.cell1a, name=f"Trần Văn {i}") for i in range(2)]
    for m in goods:
        rate(m)
    star = member_in(tree.cell1b, name="Lê Văn Sao")
    rate(star, level="EXCELLENT", override_reason="Thành tích đột xuất")
    twice = member_in(tree.cell2a, name="Phạm Văn Hai")
    rate(twice, year=2021, level="NOT_COMPLETED")
    rate(twice, year=2022, level="NOT_COMPLETED")
    warnings = rating_figures(tree.dist, 2022)["warnings"]
    assert [w["code"] for w in warnings] == ["excellence_cap", "not_completed_twice"]
    assert "Thành tích đột xuất" in warnings[0]["message"]
    assert rating_figures(tree.other, 2022)["warnings"] == []
