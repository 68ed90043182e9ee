"""The demo rows of cadres and training, imported with the demo's organizations and
people: the 2022 figures of the seed article for THANHHA."""

import io

import pytest
from django.db import transaction

from dangbo.cadres.demo import demo_rows as cadre_rows
from dangbo.cadres.selectors import cadre_figures
from dangbo.demo.people import build
from dangbo.demo.workbook import organizations
from dangbo.interchange.exporter import write_workbook
from dangbo.interchange.importer import import_file
from dangbo.organizations.models import Organization
from dangbo.training.demo import demo_rows as training_rows
from dangbo.training.selectors import training_figures


def _workbook() -> bytes:
    orgs, reorgs, cells = organizations()
    people = build([c for codes in cells.values() for c in codes], initial=100)
    sheets = {"organizations": orgs, "reorganizations": reorgs, "members": people.members, "events": people.events}
    sheets.update(cadre_rows(people.year_end))
    sheets.update(training_rows(people.year_end))
    buffer = io.BytesIO()
    write_workbook(sheets, buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Loaded once for the module, in a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            data = _workbook()
            report = import_file(data=data, name="demo.xlsx")
            assert report.ok, [str(e) for e in report.errors[:5]]
            yield data, report
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _db(db):
    return db


def test_the_2022_cadre_figures_of_the_seed(demo):
    figures = cadre_figures(Organization.objects.get(code="THANHHA"), 2022)
    assert figures["people"] == 87 and figures["decisions"] == 92
    assert all(figures["by_kind"].values())  # all six kinds
    assert cadre_figures(Organization.objects.get(code="THANHHA"), 2023)["decisions"] > 0


def test_the_2022_training_figures_of_the_seed(demo):
    figures = training_figures(Organization.objects.get(code="THANHHA"), 2022)
    assert figures["grassroots_committee"] == {"classes": 2, "learners": 288}
    assert figures["intermediate_theory"] == {"classes": 1, "learners": 59}
    assert set(figures) == {"grassroots_committee", "intermediate_theory", "new_member", "party_awareness"}
    assert training_figures(Organization.objects.get(code="THANHHA"), 2024)


def test_the_demo_rows_import_without_warnings_and_twice_changes_nothing(demo):
    data, report = demo
    assert report.warnings == []
    again = import_file(data=data, name="demo.xlsx")
    assert again.ok and again.total("created") == 0 and again.total("updated") == 0
