from dangbo.targets import selectors

from .helpers import target

EMPTY = {"total": 0, "exceeded": 0, "met": 0, "not_met": 0, "no_data": 0, "met_or_exceeded": 0}


def test_figures_have_the_report_keys_and_count_in_one_query(tree, django_assert_num_queries):
    target(tree.dist, code="A", planned="10", actual="11")
    target(tree.dist, code="B", planned="10", actual="10")
    target(tree.dist, code="C", planned="5", actual="4", direction="DOWN")
    target(tree.dist, code="D", planned="5", actual="6", direction="DOWN")
    target(tree.dist, code="E", planned="5")
    target(tree.dist, code="F", planned="5", actual="6", year=2023)
    target(tree.comm1, code="A", planned="1", actual="2")
    with django_assert_num_queries(1):
        figures = selectors.targets_figures(tree.dist, 2022)
    assert figures == {"total": 5, "exceeded": 2, "met": 1, "not_met": 1, "no_data": 1, "met_or_exceeded": 3}


def test_figures_of_a_year_without_targets_are_zero(tree):
    assert selectors.targets_figures(tree.dist, 2022) == EMPTY


def test_lower_committees_targets_by_code(tree, django_assert_num_queries):
    target(tree.dist, code="KT01")
    mine = target(tree.comm1, code="KT01", actual="3")
    target(tree.comm2, code="KT02")
    target(tree.cell1a, code="KT01")  # not directly under DIST
    with django_assert_num_queries(2):
        children, by_code = selectors.lower_committees_targets(tree.dist, 2022)
    assert {c.organization.code for c in children} == {"COMM1", "COMM2"}
    assert by_code["KT01"] == {tree.comm1.pk: mine}
    assert set(by_code["KT02"]) == {tree.comm2.pk}
