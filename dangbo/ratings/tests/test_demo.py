"""The demo's ratings through the real import, with the demo's organizations and people."""

import io

import pytest
from django.db import transaction

from dangbo.demo.people import build
from dangbo.demo.workbook import organizations
from dangbo.interchange.exporter import write_workbook
from dangbo.interchange.importer import import_file
from dangbo.members.selectors import headcount
from dangbo.organizations.models import Organization
from dangbo.ratings import selectors
from dangbo.ratings.demo import OVERRIDE, demo_rows
from dangbo.ratings.models import Rating


def _workbook() -> bytes:
    orgs, reorgs, cells = organizations()
    people = build([c for codes in cells.values() for c in codes], initial=100)
    sheets = {
        "organizations": orgs,
        "reorganizations": reorgs,
        "members": people.members,
        "events": people.events,
        "ratings": demo_rows(people.year_end, orgs),
    }
    buffer = io.BytesIO()
    write_workbook(sheets, buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            data = _workbook()
            report = import_file(data=data, name="demo.xlsx")
            assert report.ok, [str(e) for e in report.errors[:5]]
            yield report, data
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _db(db):
    return db


def thanhha():
    return Organization.objects.get(code="THANHHA")


def test_the_2022_grassroots_ratings_of_thanhha_are_those_of_the_seed(demo):
    figures = selectors.rating_figures(thanhha(), 2022)
    assert figures["grassroots_ratings"] == {
        "excellent": 8,
        "good": 33,
        "completed": 4,
        "not_completed": 0,
        "not_rated": 0,
    }


def test_the_groups_over_the_excellence_cap_warn_with_their_recorded_override(demo):
    report, _data = demo
    warnings = selectors.rating_figures(thanhha(), 2022)["warnings"]
    caps = [w for w in warnings if w["code"] == "excellence_cap"]
    organization_caps = [
        w for w in caps if "Xã, thị trấn" in w["message"] or "Cơ quan" in w["message"] or "Doanh nghiệp" in w["message"]
    ]
    assert len(organization_caps) == 3
    assert all(OVERRIDE in w["message"] for w in organization_caps)
    assert not any("Trường học" in w["message"] for w in caps)  # 1 of 5 is within the cap
    assert Rating.objects.filter(year=2022, organization__isnull=False, override_reason=OVERRIDE).count() == 7
    # the import reported them as warnings, not errors
    assert sum(1 for w in report.warnings if OVERRIDE in w.message) >= 3


def test_member_ratings_cover_every_member_at_year_end(demo):
    org = thanhha()
    for year in (2021, 2022, 2023, 2024):
        counts = selectors.rating_figures(org, year)["member_ratings"]
        from dangbo.members.selectors import members_on

        total = members_on(org, selectors.year_end(year)).count()
        assert sum(counts.values()) == total and counts["good"] > counts["excellent"] > 0
    assert headcount(org, selectors.year_end(2022))["total"] == sum(
        selectors.rating_figures(org, 2022)["member_ratings"].values()
    )


def test_2024_and_2025_count_the_44_remaining_organizations(demo):
    assert sum(selectors.rating_figures(thanhha(), 2024)["grassroots_ratings"].values()) == 44
    assert selectors.rating_figures(thanhha(), 2024)["grassroots_ratings"]["not_rated"] == 0
    haiphong = Organization.objects.get(code="HAIPHONG")
    figures = selectors.rating_figures(haiphong, 2025)["grassroots_ratings"]
    assert sum(figures.values()) == 44 and figures["not_rated"] == 0
    scored = Rating.objects.filter(year=2025).exclude(level="NOT_RATED")
    assert not scored.filter(score__isnull=True).exists()
    assert not Rating.objects.filter(year=2022, score__isnull=False).exists()


def test_rule_sets_by_year(demo):
    rounds = set(Rating.objects.values_list("year", "round__rule_set").distinct())
    assert rounds == {(2021, "QD132"), (2022, "QD132"), (2023, "QD124"), (2024, "QD124"), (2025, "QD366")}


def test_importing_the_same_file_again_changes_nothing(demo):
    _report, data = demo
    before = Rating.history.count()
    again = import_file(data=data, name="demo.xlsx")
    assert again.ok and again.total("created") == 0
    assert again.counts["Xếp loại"]["updated"] == 0 and again.counts["Xếp loại"]["unchanged"] > 0
    assert Rating.history.count() == before
