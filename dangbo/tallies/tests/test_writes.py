"""What a single write costs the tallies: the records it reads to keep them, and the
refusal when a block changes records it said it would leave alone."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangbo.members.models import MembershipEvent
from dangbo.members.tests.helpers import admitted_member, record
from dangbo.ratings import services as rating_services
from dangbo.ratings.models import Rating
from dangbo.reports.figures import membership_figures, membership_figures_from_records
from dangbo.tallies import services

from . import national

D = dt.date


def tables_read(queries) -> list[str]:
    return [q["sql"].split(" FROM ")[1].split()[0].strip('"') for q in queries if q["sql"].startswith("SELECT")
            and " FROM " in q["sql"]]


def test_deciding_a_rating_reads_no_events_and_is_counted(tree):
    member = admitted_member(tree.cell1a, D(2020, 3, 1))
    with CaptureQueriesContext(connection) as queries:
        rating_services.record_rating(year=2025, member=member, level=Rating.Level.EXCELLENT, score="95",
                                      step=Rating.Step.DECIDED)
    assert "members_membershipevent" not in tables_read(queries.captured_queries)
    kept = national.tally_rows()
    assert sum(counts[0] for counts in kept["MemberRatingTally"].values()) == 2  # its cell's row, and the head row
    services.rebuild()
    assert national.tally_rows() == kept


def test_recording_an_event_reads_the_member_once(tree):
    member = admitted_member(tree.cell1a, D(2020, 3, 1))
    with CaptureQueriesContext(connection) as queries:
        record(member=member, kind=MembershipEvent.Kind.TRANSFERRED_INTERNAL, date=D(2025, 4, 2),
               organization=tree.cell2a)
    assert tables_read(queries.captured_queries).count("members_member") == 1
    for org in (tree.dist, tree.comm1, tree.comm2):
        assert membership_figures(org, 2025) == membership_figures_from_records(org, 2025)


def test_a_block_that_changes_events_it_said_it_would_not_is_refused(tree):
    member = admitted_member(tree.cell1a, D(2020, 3, 1))
    with pytest.raises(RuntimeError), services.members_changing([member.pk], changes=("ratings",)):
        record(member=member, kind=MembershipEvent.Kind.TRANSFERRED_INTERNAL, date=D(2025, 4, 2),
               organization=tree.cell2a)
