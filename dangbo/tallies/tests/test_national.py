"""The report tallies on a small national set (bench/generate_national.py): the same as
counting from the records, for organizations of every level and years before, across
and after the 2025 reorganization, whatever is recorded, voided or recorded late; and
the generator leaves the database the importer leaves."""

import datetime as dt

import pytest
from django.db import transaction

from dangbo.interchange.importer import import_file
from dangbo.members import services as member_services
from dangbo.members.models import Member, MembershipEvent
from dangbo.members.tests.helpers import record
from dangbo.organizations import services as org_services
from dangbo.organizations.models import Organization, Reorganization
from dangbo.organizations.tests.helpers import reorganize
from dangbo.ratings import services as rating_services
from dangbo.ratings.models import Rating
from dangbo.tallies import services as tallies

from . import national

D = dt.date


@pytest.fixture
def imported(db, tmp_path):
    report = import_file(national.workbook(tmp_path / "national.xlsx"))
    assert report.ok, [str(e) for e in report.errors[:5]]
    tallies.extend_years(range(2011, 2028))
    return report


def test_the_generator_leaves_the_database_the_importer_leaves(db, tmp_path):
    path = national.workbook(tmp_path / "national.xlsx")
    orgs = ["VN", "T01", "T02", "T03", "T01H01", "T02H01", "T01H01X01", "T01H01X02", "T02H01X01-01", "T03H01C001"]
    point = transaction.savepoint()
    national.generate()
    generated = national.snapshot(orgs)
    transaction.savepoint_rollback(point)

    report = import_file(path)
    assert report.ok, [str(e) for e in report.errors[:5]]
    imported = national.snapshot(orgs)
    assert generated["reports"] and generated["events"]
    for key in imported:
        assert generated[key] == imported[key], key


def test_the_tallies_count_what_the_records_say_as_records_change(imported):
    orgs = national.sample_organizations(6)
    years = national.YEARS
    assert national.disagreements(orgs, years) == []
    assert_rebuild_changes_nothing()

    # A move recorded late, then voided: every year from 2023 is counted again.
    commune, district = Organization.objects.get(code="T01H01X01"), Organization.objects.get(code="T01H02")
    move = reorganize(
        kind=Reorganization.Kind.MOVE, organization=commune, effective_on=D(2023, 5, 1), target=district
    )
    assert national.disagreements(orgs + [commune, district], years[2:]) == []
    assert_rebuild_changes_nothing()
    org_services.void_reorganization(reorganization=move, reason="Nhập nhầm")
    assert national.disagreements([commune, district], years[2:]) == []

    # A late merge of a cell into another: its members count in the other from then on.
    merged, target = Organization.objects.get(code="T01H01X01-02"), Organization.objects.get(code="T01H01X01-01")
    reorganize(
        kind=Reorganization.Kind.MERGE, organization=merged, effective_on=D(2024, 3, 1), target=target
    )
    assert national.disagreements(orgs[:5] + [merged, target], years[3:]) == []
    assert_rebuild_changes_nothing()

    # Events voided and recorded, ratings reopened and decided again.
    for kind in (MembershipEvent.Kind.TRANSFERRED_INTERNAL, MembershipEvent.Kind.DIED,
                 MembershipEvent.Kind.RECOGNIZED_OFFICIAL):
        event = MembershipEvent.objects.filter(kind=kind, voided_at__isnull=True, date__year=2023).order_by("pk").last()
        member_services.void_event(event=event, reason="Ghi nhầm")
    member = Member.objects.filter(status=Member.Status.OFFICIAL).order_by("pk").first()
    cells = Organization.objects.filter(kind=Organization.Kind.CELL, code__startswith="T02")
    elsewhere = cells.order_by("code").first()
    record(member=member, kind=MembershipEvent.Kind.TRANSFERRED_INTERNAL, date=D(2025, 9, 2),
                                 organization=elsewhere)
    record(member=member, kind=MembershipEvent.Kind.DIED, date=D(2026, 2, 3))
    rating = Rating.objects.filter(year=2024, member__isnull=False, level=Rating.Level.GOOD).order_by("pk").first()
    reopened = rating_services.reopen(rating=rating, reason="Xem xét lại")
    rating_services.record_rating(year=2024, member=reopened.member, level=Rating.Level.NOT_COMPLETED,
                                  step=Rating.Step.DECIDED)
    graded = Rating.objects.filter(year=2025, organization__isnull=False).order_by("pk").first()
    rating_services.reopen(rating=graded, reason="Xem xét lại")
    assert national.disagreements(orgs + [member.organization, elsewhere], years[2:]) == []
    assert_rebuild_changes_nothing()


def assert_rebuild_changes_nothing() -> None:
    """What the writes kept, one by one, is what counting everything again gives, and
    each head row is the sum of the rows under it."""
    assert national.heads_apart() == []
    kept = national.tally_rows()
    tallies.rebuild()
    assert national.tally_rows() == kept
