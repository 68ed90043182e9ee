"""Within one report, what its parts ask alike is read once; outside it, every time."""

import datetime as dt

import pytest

from dangbo.core.memo import one_report, remembered
from dangbo.organizations.selectors import own_spans


def test_a_key_is_read_once_within_a_report_and_each_time_outside():
    reads = []

    def read():
        reads.append(1)
        return len(reads)

    assert remembered("k", read) == 1
    assert remembered("k", read) == 2
    with one_report():
        assert remembered("k", read) == 3
        assert remembered("k", read) == 3
        assert remembered("other", read) == 4
    assert remembered("k", read) == 5


@pytest.mark.django_db
def test_the_organizations_spans_are_read_once_per_report(tree, django_assert_num_queries):
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    own_spans(tree.dist, start, end)  # the first call of its shape plans the query
    with one_report():
        with django_assert_num_queries(1):
            first = own_spans(tree.dist, start, end)
            assert own_spans(tree.dist, start, end) == first
        with django_assert_num_queries(1):
            own_spans(tree.comm1, start, end)
