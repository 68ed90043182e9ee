"""Bulk writes: rows written behind (a second thread on SQLite) are the rows written,
in the same transaction, and a failure among them fails the block."""

import datetime as dt
import sys
import threading

import pytest
from django.db import IntegrityError, transaction

from dangbo.core.bulk import ROWS_A_STATEMENT, bulk_create_with_history, writes_behind
from dangbo.members import services
from dangbo.members.models import Member


def _members(first: int, count: int, prefix: str = "B") -> list[Member]:
    return [
        services.check_member(
            code=f"{prefix}{n:05d}", full_name=f"Nguyễn Văn Số {n}", birth=dt.date(1990, 1, 1), sex="M"
        )
        for n in range(first, first + count)
    ]


def _writers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "dangbo-writes-behind"]


@pytest.mark.django_db
def test_rows_written_behind_are_there_for_the_next_query_and_after():
    count = 2 * ROWS_A_STATEMENT + 7  # whole statements and rows left over
    interval = sys.getswitchinterval()
    with transaction.atomic(), writes_behind():
        first = _members(0, count)
        bulk_create_with_history(first, Member)
        second = _members(count, 3)
        bulk_create_with_history(second, Member)  # keys continue after the first's
        assert Member.objects.count() == count + 3  # a query waits for the queue
        more = _members(count + 3, 5)
        bulk_create_with_history(more, Member)
    assert not _writers() and sys.getswitchinterval() == interval
    assert Member.objects.count() == count + 8
    assert len({m.pk for m in first + second + more}) == count + 8
    saved = Member.objects.get(code="B00100")
    assert saved.full_name == "Nguyễn Văn Số 100" and saved.history.count() == 1


@pytest.mark.django_db
def test_a_failed_insert_behind_fails_the_block_and_nothing_is_kept():
    bulk_create_with_history(_members(0, 1), Member)
    with pytest.raises(IntegrityError), transaction.atomic(), writes_behind():
        bulk_create_with_history(_members(1, 10), Member)
        bulk_create_with_history(_members(0, 1), Member)  # the code B00000 again
        Member.objects.count()  # where the failure shows
    assert not _writers()
    assert list(Member.objects.values_list("code", flat=True)) == ["B00000"]


@pytest.mark.django_db
def test_leaving_by_an_exception_drops_what_is_queued():
    class Stop(Exception):
        pass

    with pytest.raises(Stop), transaction.atomic(), writes_behind():
        bulk_create_with_history(_members(0, 50), Member)
        raise Stop
    assert not _writers()
    assert not Member.objects.exists()
