"""Names in lists: the parent after a name that repeats; where an ended organization's
units went; the years an organization reports on."""

import datetime as dt

from dangbo.organizations import selectors
from dangbo.organizations.forms import OrganizationChoiceField
from dangbo.organizations.models import Organization, Reorganization
from dangbo.organizations.tests.helpers import found, reorganize

D = dt.date
Kind = Organization.Kind


def test_a_repeated_name_carries_its_parent(tree):
    # CELL2A is "Chi bộ thôn Bắc" under COMM2; a second one under COMM1:
    north = found(
        code="CELL1C", name="Chi bộ thôn Bắc", kind=Kind.CELL, parent=tree.comm1, founded_on=D(2000, 1, 1)
    )
    labels = selectors.labels_on(D(2024, 1, 1), [north.pk, tree.cell2a.pk, tree.cell1a.pk])
    assert labels[north.pk] == "Chi bộ thôn Bắc — Đảng bộ xã An Bình"
    assert labels[tree.cell2a.pk] == "Chi bộ thôn Bắc — Đảng bộ xã Hòa Lạc"
    assert labels[tree.cell1a.pk] == "Chi bộ thôn Đông"  # unique: the name alone
    # Before the second cell existed, the name did not repeat.
    assert selectors.labels_on(D(1999, 1, 1), [tree.cell2a.pk]) == {}
    field = OrganizationChoiceField(queryset=Organization.objects.filter(pk__in=[north.pk, tree.cell1a.pk]))
    assert dict(field.choices)[north.pk] == "Chi bộ thôn Bắc — Đảng bộ xã An Bình (CELL1C)"


def test_where_the_units_of_a_dissolved_organization_went(tree):
    new = found(
        code="NEWA", name="Đảng bộ xã Mới A", kind=Kind.ABOVE_GRASSROOTS, parent=tree.prov, founded_on=D(2025, 7, 1)
    )
    for org in (tree.comm1, tree.comm2):
        reorganize(
            kind=Reorganization.Kind.MOVE, organization=org, effective_on=D(2025, 7, 1), target=new
        )
    assert selectors.successors(tree.dist) == []  # still there
    reorganize(kind=Reorganization.Kind.DISSOLVE, organization=tree.dist,
                                   effective_on=D(2025, 6, 30))
    (only,) = selectors.successors(tree.dist)
    assert only["span"].organization == new
    assert [u.organization.code for u in only["units"]] == ["COMM1", "COMM2"]


def test_a_merged_organization_went_to_its_target(tree):
    reorganize(
        kind=Reorganization.Kind.MERGE, organization=tree.cell1b, effective_on=D(2024, 1, 1), target=tree.cell1a
    )
    (only,) = selectors.successors(tree.cell1b)
    assert only["span"].organization == tree.cell1a and only["units"] == []


def test_the_years_an_organization_reports_on(tree):
    reorganize(kind=Reorganization.Kind.DISSOLVE, organization=tree.cell1b,
                                   effective_on=D(2025, 6, 30))
    today = D(2026, 12, 5)
    assert selectors.last_year_end(tree.cell1b, today) == 2024
    assert selectors.last_year_end(tree.cell1a, today) == 2026
    assert selectors.stood_at_year_end(tree.cell1b, 2024) and not selectors.stood_at_year_end(tree.cell1b, 2025)
    assert selectors.within_existence(tree.cell1b, 2026) == 2025
    assert selectors.within_existence(tree.cell1b, 1990) == 2000
