from decimal import Decimal

import pytest

from dangbo.core.errors import DomainError
from dangbo.targets import selectors, services
from dangbo.targets.models import Target, status_of

from .helpers import target

S = Target.Status
CASES = [
    # planned, actual, direction, status
    ("10", "12", "UP", S.EXCEEDED),
    ("10", "10", "UP", S.MET),
    ("10", "9.99", "UP", S.NOT_MET),
    ("2.5", "2.15", "DOWN", S.EXCEEDED),
    ("2.5", "2.5", "DOWN", S.MET),
    ("2.5", "2.6", "DOWN", S.NOT_MET),
    ("1.5", "1.50", "UP", S.MET),
    ("0.1", "0.1", "UP", S.MET),
    ("7", None, "UP", S.NO_DATA),
    ("7", None, "DOWN", S.NO_DATA),
    ("-3", "-2", "UP", S.EXCEEDED),
]


@pytest.mark.parametrize("planned,actual,direction,status", CASES)
def test_the_status_rule(planned, actual, direction, status):
    assert status_of(Decimal(planned), None if actual is None else Decimal(actual), direction) == status


def test_the_database_computes_the_same_status_as_python(tree):
    for i, (planned, actual, direction, _status) in enumerate(CASES):
        target(tree.dist, code=f"C{i:02d}", planned=planned, actual=actual, direction=direction)
    for t in selectors.targets_of(tree.dist, 2022):
        assert t.status_code == t.status
    expected = [c[3] for c in CASES]
    assert [t.status_code for t in selectors.targets_of(tree.dist, 2022)] == expected


def test_one_and_a_half_equals_one_and_a_half_after_a_round_trip(tree):
    t = target(tree.dist, planned="1.5", actual="1.5")
    t = Target.objects.get(pk=t.pk)
    assert t.planned == Decimal("1.5") and t.status == S.MET


def test_it_refuses_a_float_and_too_many_decimals(tree):
    with pytest.raises(DomainError) as exc:
        services.create_target(organization=tree.dist, year=2022, code="A", name="A", planned=1.5)
    assert exc.value.field == "planned"
    with pytest.raises(DomainError):
        target(tree.dist, planned="1.1234567")


def test_it_refuses_an_unknown_direction(tree):
    with pytest.raises(DomainError) as exc:
        target(tree.dist, direction="SIDEWAYS")
    assert exc.value.field == "direction"


def test_it_refuses_a_duplicate_code_for_the_same_committee_and_year(tree):
    target(tree.dist, code="KT01")
    with pytest.raises(DomainError) as exc:
        target(tree.dist, code="KT01")
    assert exc.value.field == "code"
    target(tree.dist, code="KT01", year=2023)  # another year is fine
    target(tree.comm1, code="KT01")  # and another committee


def test_it_refuses_a_year_when_the_organization_did_not_exist(tree):
    with pytest.raises(DomainError) as exc:
        target(tree.dist, year=1999)  # founded in 2000
    assert exc.value.field == "organization"


def test_record_actual_keeps_history_and_ignores_no_change(tree, cast):
    t = target(tree.dist, planned="10")
    assert services.record_actual(target=t, actual=Decimal("9"), source="Cục Thống kê", by=cast.alice)
    assert t.status == S.NOT_MET
    assert services.record_actual(target=t, actual=Decimal("10.5"), source="Cục Thống kê", by=cast.alice)
    assert not services.record_actual(target=t, actual=Decimal("10.50"), source="Cục Thống kê", by=cast.alice)
    actuals = [h.actual for h in t.history.order_by("history_date", "history_id")]
    assert actuals == [None, Decimal("9"), Decimal("10.5")]
    assert t.history.latest("history_date").history_user == cast.alice


def test_update_target_changes_the_plan_and_reports_no_change(tree):
    t = target(tree.dist, planned="10", actual="10")
    assert services.update_target(target=t, planned=Decimal("12"), direction="DOWN")
    assert t.status == S.EXCEEDED
    assert not services.update_target(target=t, planned=Decimal("12.000"))
