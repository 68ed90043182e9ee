"""The ratings' rules about discipline (RULES.md, likely: warnings with a recorded override):
a member disciplined in a year is rated no higher than "completed"; an organization is not
rated excellent the year it or a unit under it was disciplined (QĐ 366: or a member of its
leadership). Asked by the ratings' checks, the ratings' import and the yearly report."""

import datetime as dt

import pytest

from dangbo.cadres.tests.helpers import decide
from dangbo.interchange.importer import import_file
from dangbo.ratings.tests.helpers import member_in, rate

from . import workbook as wb
from .helpers import discipline

D = dt.date


def codes(outcome) -> list[str]:
    return [w.code for w in outcome.warnings]


@pytest.fixture
def an(tree):
    return member_in(tree.cell1a, name="Nguyễn Văn An")


def test_a_member_disciplined_in_the_year_is_warned_above_completed(tree, an):
    discipline(an, tree.dist, form="WARNING", date=D(2022, 6, 1))
    for level, warned in (("EXCELLENT", True), ("GOOD", True), ("COMPLETED", False), ("NOT_COMPLETED", False)):
        outcome = rate(an, level=level, year=2022, step=1)
        assert ("disciplined_member" in codes(outcome)) == warned, level
    good = rate(an, level="GOOD", year=2022, step=1)
    assert "HD 21-HD/BTCTW" in good.warnings[0].message and "Nguyễn Văn An" in good.warnings[0].message
    # another year, or a voided decision: no warning
    assert "disciplined_member" not in codes(rate(an, level="GOOD", year=2021, step=1))


def test_rules_md_is_silent_for_2023_and_2024(tree, an):
    discipline(an, tree.dist, form="REPRIMAND", date=D(2023, 6, 1), today=D(2023, 12, 31))
    assert "disciplined_member" not in codes(rate(an, level="GOOD", year=2023, step=1))


def test_a_collective_with_a_disciplined_unit_is_warned_when_rated_excellent(tree):
    member_in(tree.cell1b)  # so that the members' check is not what warns
    discipline(tree.cell1a, tree.comm1, form="REPRIMAND", body="COMMITTEE", date=D(2022, 4, 1))
    outcome = rate(tree.comm1, level="EXCELLENT", year=2022, step=1)
    assert "disciplined_collective" in codes(outcome)
    assert "Chi bộ thôn Đông" in next(w.message for w in outcome.warnings if w.code == "disciplined_collective")
    assert "disciplined_collective" not in codes(rate(tree.comm2, level="EXCELLENT", year=2022, step=1))
    assert "disciplined_collective" not in codes(rate(tree.comm1, level="GOOD", year=2022, step=1))


def test_from_qd_366_a_disciplined_member_of_the_leadership_counts(tree, an):
    decide(
        an,
        tree.dist,
        kind="DESIGNATION",
        date=D(2024, 3, 1),
        title="Bí thư Đảng ủy xã An Bình",
        organization=tree.comm1,
        unit_name="",
    )
    discipline(an, tree.dist, form="REPRIMAND", date=D(2025, 9, 1), today=D(2025, 12, 31))
    outcome = rate(tree.comm1, level="EXCELLENT", year=2025, score="95", step=1)
    assert "disciplined_collective" in codes(outcome)
    assert "disciplined_collective" not in codes(rate(tree.comm2, level="EXCELLENT", year=2025, score="95", step=1))


def test_recording_a_discipline_after_the_rating_tells_of_the_contradiction(tree, an):
    rate(an, level="GOOD", year=2022)
    outcome = discipline(an, tree.dist, form="WARNING", date=D(2022, 6, 1))
    assert outcome.notices and "Nguyễn Văn An" in outcome.notices[0]
    rate(tree.comm1, level="EXCELLENT", year=2022)
    outcome = discipline(tree.cell1a, tree.comm1, form="REPRIMAND", body="COMMITTEE", date=D(2022, 4, 1))
    assert outcome.notices and "Đảng bộ xã An Bình" in outcome.notices[0]


def test_the_report_warns_of_members_disciplined_and_rated_above_completed(tree, an):
    from dangbo.reports.figures import annual_figures

    rate(an, level="GOOD", year=2022, override_reason="Đã khắc phục tốt")
    discipline(an, tree.dist, form="WARNING", date=D(2022, 6, 1))
    warnings = [w for w in annual_figures(tree.dist, 2022)["warnings"] if w["code"] == "disciplined_member"]
    assert len(warnings) == 1 and "Đã khắc phục tốt" in warnings[0]["message"]
    assert not [w for w in annual_figures(tree.other, 2022)["warnings"] if w["code"] == "disciplined_member"]


def test_the_ratings_import_warns_of_a_member_disciplined_that_year(db):
    """M06 is disciplined in 2022: a file that rates M06 good for 2022 afterwards warns."""
    assert import_file(data=wb.workbook(wb.rows()), name="a.xlsx").ok
    report = import_file(
        data=wb.workbook(
            {"ratings": [[2022, "Đảng viên", "M06", "Hoàn thành xuất sắc nhiệm vụ", None, "Thành tích nổi bật"]]}
        ),
        name="b.xlsx",
    )
    assert report.ok
    warned = [str(p) for p in report.warnings if "Vũ Văn Hùng" in str(p)]
    assert len(warned) == 1 and "Thành tích nổi bật" in warned[0]
