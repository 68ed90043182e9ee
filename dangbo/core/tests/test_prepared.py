"""Prepared queries: built by the ORM once per shape, run again with other values, they
answer what the ORM answers; a function that computes on its arguments is refused."""

import datetime as dt

import pytest
from django.db.models import Count, Max, Q

from dangbo.core.prepared import NotPreparable, Prepared, as_date
from dangbo.organizations.models import Organization, OrgSpan
from dangbo.organizations.selectors import _under, own_spans

pytestmark = pytest.mark.django_db


def _spans_under(path: str, day: dt.date):
    return OrgSpan.objects.filter(_under(path), valid_from__lte=day, valid_to__gte=day)


def _kinds_under(path: str, day: dt.date):
    return _spans_under(path, day).order_by().values("organization__kind").annotate(n=Count("pk")).values_list(
        "organization__kind", "n"
    )


def test_each_kind_of_result_is_what_the_orm_gives(tree):
    day = dt.date(2024, 6, 1)
    forms = {
        "aggregate": lambda path, day: _spans_under(path, day).aggregate(n=Count("pk"), deepest=Max("depth")),
        "count": lambda path, day: _spans_under(path, day).count(),
        "exists": lambda path, day: _spans_under(path, day).exists(),
        "tuples": _kinds_under,
        "flat": lambda path, day: _spans_under(path, day).order_by("path").values_list("organization__code", flat=True),
        "dicts": lambda path, day: _spans_under(path, day).order_by("path").values("organization__code", "depth"),
    }
    for org in (tree.prov, tree.dist, tree.comm1, tree.cell1a, tree.other):
        path = OrgSpan.objects.get(organization=org).path
        for name, build in forms.items():
            expected = build(path, day)
            if not isinstance(expected, (dict, int)):
                expected = list(expected)
            got = Prepared(build)(path=path, day=day)
            assert got == expected, (org.code, name)


def test_after_the_first_call_each_call_is_one_query(tree, django_assert_num_queries):
    counted = Prepared(lambda path, day: _spans_under(path, day).count())
    day = dt.date(2024, 6, 1)
    counted(path=OrgSpan.objects.get(organization=tree.prov).path, day=day)  # plans: two queries with stand-ins
    for org in (tree.dist, tree.comm2, tree.other):
        path = OrgSpan.objects.get(organization=org).path
        expected = _spans_under(path, day).count()
        with django_assert_num_queries(1):
            assert counted(path=path, day=day) == expected


def test_a_new_shape_is_planned_again_and_an_empty_list_asks_nothing(tree, django_assert_num_queries):
    def under_any(paths):
        q = Q(pk__in=[])
        for path in paths:
            q |= _under(path)
        return OrgSpan.objects.filter(q).count()

    counted = Prepared(under_any)
    one = [OrgSpan.objects.get(organization=tree.comm1).path]
    two = [*one, OrgSpan.objects.get(organization=tree.ocomm).path]
    assert counted(paths=one) == 3
    assert counted(paths=two) == 5
    assert counted(paths=[]) == 0
    with django_assert_num_queries(0):
        assert counted(paths=[]) == 0


def test_fixed_values_are_part_of_the_shape(tree):
    kinds = Prepared(lambda kind, path: OrgSpan.objects.filter(_under(path), organization__kind=kind).count())
    path = OrgSpan.objects.get(organization=tree.prov).path
    assert kinds(kind=Organization.Kind.CELL, path=path) == 3
    assert kinds(kind=Organization.Kind.GRASSROOTS_COMMITTEE, path=path) == 2


def test_a_function_that_computes_on_its_arguments_is_refused(tree):
    # A day added: the SQL holds a date no argument explains.
    later = Prepared(lambda day: OrgSpan.objects.filter(valid_from__lte=day + dt.timedelta(days=1)).count())
    with pytest.raises(NotPreparable):
        later(day=dt.date(2024, 1, 1))
    # A comparison of two arguments: the descending stand-ins choose the other one.
    latest = Prepared(lambda start, end: OrgSpan.objects.filter(valid_from__lte=max(start, end)).count())
    with pytest.raises(NotPreparable):
        latest(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))


def test_a_function_with_two_queries_or_model_instances_is_refused(tree):
    two = Prepared(lambda code: Organization.objects.filter(code=code).count() + OrgSpan.objects.count())
    with pytest.raises(NotPreparable):
        two(code="PROV")
    instances = Prepared(lambda code: Organization.objects.filter(code=code))
    with pytest.raises(NotPreparable):
        instances(code="PROV")


def test_dates_come_back_as_dates_through_as_date(tree):
    spans = own_spans(tree.dist, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert spans == [(OrgSpan.objects.get(organization=tree.dist).path, dt.date(2024, 1, 1), dt.date(2024, 12, 31))]
    assert as_date("2024-03-05") == dt.date(2024, 3, 5)
    assert as_date(dt.date(2024, 3, 5)) == dt.date(2024, 3, 5)
