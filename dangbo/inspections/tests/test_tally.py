"""The kept tallies (inspections.tally) give what counting the records gives, for every
organization and year of the held-out-style workbook, after each kind of change: an
import, a conclusion taken back, a remedy done, a remedy and an item voided, a decision
voided, a reorganization of the tree, a rebuild."""

import datetime as dt

import pytest

from dangbo.inspections import selectors, services, tally
from dangbo.inspections.models import Discipline, InspectionTally, Item, Remedy
from dangbo.interchange.importer import import_file
from dangbo.organizations.models import Organization, Reorganization
from dangbo.organizations.tests.helpers import reorganize
from dangbo.tallies import services as tallies

from . import workbook as wb

D = dt.date
TODAY = D(2024, 6, 1)


@pytest.fixture
def imported(db):
    report = import_file(data=wb.workbook(wb.rows()), name="kiem-tra.xlsx")
    assert report.ok, [str(p) for p in report.errors]


def assert_tallies_count_the_records():
    assert tallies.kept_years() is not None  # the tallies answer, not the fallback
    for org in Organization.objects.all():
        for year in (2021, 2022, 2023, 2024):
            kept = tally.figures(org, year)
            assert kept["inspection"] == selectors.count_inspection_figures(org, year), (org.code, year)
            assert kept["discipline"] == selectors.count_discipline_figures(org, year), (org.code, year)


def test_the_tallies_follow_every_change(imported):
    assert InspectionTally.objects.exists()
    assert_tallies_count_the_records()

    concluded = Item.objects.filter(end__isnull=False).order_by("code").first()
    services.conclude_items(items=[services.ItemConclusion(item=concluded, end=None, conclusion="")], today=TODAY)
    assert_tallies_count_the_records()

    open_remedy = Remedy.objects.filter(done_on__isnull=True).order_by("pk").first()
    done_on = max(open_remedy.item.start, open_remedy.due)
    services.complete_remedies(items=[services.RemedyDone(remedy=open_remedy, done_on=done_on)], today=TODAY)
    assert_tallies_count_the_records()

    services.void_remedy(remedy=Remedy.objects.order_by("-pk").first(), reason="Nhập nhầm")
    decision = Discipline.objects.filter(subject_organization__isnull=False).first() or Discipline.objects.first()
    services.void_discipline(discipline=decision, reason="Nhập nhầm")
    free = Item.objects.exclude(disciplines__voided_at__isnull=True).order_by("code").first()
    assert free is not None
    services.void_item(item=free, reason="Nhập nhầm")
    assert_tallies_count_the_records()


def test_a_reorganization_and_a_rebuild_count_again(imported):
    # An Thắng (with its decisions of 2023) moves from An Lão to Bình Giang on 01/01/2023.
    ha = Organization.objects.get(code="HA")
    before = selectors.count_inspection_figures(ha, 2023), selectors.count_discipline_figures(ha, 2023)
    reorganize(kind=Reorganization.Kind.MOVE, organization=Organization.objects.get(code="XA2"),
               effective_on=D(2023, 1, 1), target=Organization.objects.get(code="HB"))
    assert (selectors.count_inspection_figures(ha, 2023), selectors.count_discipline_figures(ha, 2023)) != before
    assert_tallies_count_the_records()
    InspectionTally.objects.all().delete()
    tallies.rebuild()
    assert_tallies_count_the_records()
