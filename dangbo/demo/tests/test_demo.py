import datetime as dt

import pytest
from django.db import transaction

from dangbo.demo.workbook import build_workbook
from dangbo.interchange.importer import import_file
from dangbo.organizations import selectors
from dangbo.organizations.models import Organization
from dangbo.organizations.tests.helpers import correct

D = dt.date
SMALL = 300  # members on 01/01/2020; the 2022 figures of the seed do not depend on it


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, inside a transaction rolled back at its end;
    each test runs in a savepoint within it (the `db` fixture)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            report = import_file(data=build_workbook(SMALL), name="demo.xlsx")
            assert report.ok, [str(e) for e in report.errors[:5]]
            yield report
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _db(db):
    return db


def grassroots(org_code, day):
    org = Organization.objects.get(code=org_code)
    return [s for s in selectors.subtree_spans(org, day).select_related("organization") if s.organization.is_grassroots]


def test_the_district_has_45_grassroots_organizations_in_2022(demo):
    assert len(grassroots("THANHHA", D(2022, 12, 31))) == 45
    assert selectors.span_on(Organization.objects.get(code="THANHHA"), D(2022, 12, 31)).parent.code == "HAIDUONG"


def test_the_2025_reorganization(demo):
    thanhha = Organization.objects.get(code="THANHHA")
    assert selectors.existed_on(thanhha, D(2025, 6, 30))
    assert not selectors.existed_on(thanhha, D(2025, 12, 31))
    assert not selectors.existed_on(Organization.objects.get(code="HAIDUONG"), D(2025, 12, 31))
    # 44: one commune was merged into another on 01/01/2024
    moved = grassroots("HAIPHONG", D(2025, 12, 31))
    assert len(moved) == 44
    parents = {s.parent.code for s in moved}
    assert parents == {"HP_XA_THANHHA", "HP_XA_HATAY", "HP_XA_HABAC", "HP_XA_HADONG", "HP_XA_HANAM"}
    assert grassroots("HAIPHONG", D(2022, 12, 31)) == []


def test_loading_the_demo_twice_changes_nothing(demo):
    again = import_file(data=build_workbook(SMALL), name="demo.xlsx")
    assert again.ok and again.total("created") == 0 and again.total("updated") == 0


def test_the_2022_figures_of_the_seed(demo):
    """REPORT.md: `--org THANHHA --year 2022` reproduces the seed article exactly."""
    from dangbo.reports.figures import annual_figures

    f = annual_figures(Organization.objects.get(code="THANHHA"), 2022)
    assert f["cadre_decisions"]["people"] == 87
    assert f["training"]["grassroots_committee"] == {"classes": 2, "learners": 288}
    assert f["training"]["intermediate_theory"] == {"classes": 1, "learners": 59}
    assert (f["admissions"], f["removed_from_party"], f["name_deletions"]) == (153, 10, 10)
    g = f["grassroots_ratings"]
    assert (g["excellent"], g["good"], g["completed"], g["not_completed"]) == (8, 33, 4, 0)
    assert (f["targets"]["total"], f["targets"]["met_or_exceeded"]) == (22, 21)
    assert any(w["code"] == "excellence_cap" for w in f["warnings"])


def test_the_2022_figures_survive_the_2025_reorganization(demo):
    """The demo holds the 2025 moves; 2022 counts with the tree of 2022."""
    from dangbo.reports.figures import membership_figures

    thanhha = Organization.objects.get(code="THANHHA")
    before = membership_figures(thanhha, 2022)
    assert before["members"]["at_year_end"] > 0
    assert membership_figures(Organization.objects.get(code="HAIPHONG"), 2022)["admissions"] == 0
    assert membership_figures(Organization.objects.get(code="HAIDUONG"), 2022) == before
    # and the whole report of 2022 is the same whether or not the 2025 records exist
    from dangbo.organizations import services as org_services
    from dangbo.organizations.models import Reorganization
    from dangbo.reports.figures import annual_figures

    full = annual_figures(thanhha, 2022)
    # Undo 2025: the district lives on, the moves and the merge are voided.
    correct(organization=thanhha, dissolved_on=None)
    for reorg in Reorganization.objects.filter(effective_on__year=2025):
        org_services.void_reorganization(reorganization=reorg, reason="kiểm tra")
    assert selectors.existed_on(thanhha, D(2025, 12, 31))
    assert annual_figures(thanhha, 2022) == full
