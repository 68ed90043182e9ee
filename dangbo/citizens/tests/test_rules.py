"""The minimum of reception days a month, by the rule of the period and the level of the
committee read from the tree (QĐ 11-QĐi/TW; KL 215-KL/TW from 23/11/2025)."""

import datetime as dt

from dangbo.citizens import rules, selectors, services
from dangbo.organizations import services as org_services
from dangbo.organizations.models import Organization

D = dt.date
Kind = Organization.Kind


def test_the_levels_and_minimums_of_the_cast_tree(tree):
    orgs = [tree.prov, tree.dist, tree.comm1, tree.cell1a]
    levels = rules.levels_on(orgs, D(2022, 3, 1))
    assert [levels[o.pk] for o in orgs] == ["province", "district", "commune", None]
    # QĐ 11 in 2022: province and district 1 day a month, commune 2.
    assert [selectors.minimum_on(o, D(2022, 3, 10))[0] for o in orgs] == [1, 1, 2, None]
    # KL 215 from 23/11/2025 (the months from December 2025): no district any more.
    assert [selectors.minimum_on(o, D(2025, 12, 10))[0] for o in orgs] == [1, None, 2, None]
    # November 2025 began under QĐ 11.
    assert selectors.minimum_on(tree.dist, D(2025, 11, 30))[0] == 1


def test_the_new_communes_of_2025_and_the_former_ones_under_them(db):
    N = org_services.NewOrganization
    change = org_services.change_tree(organizations=[
        N(code="TP", name="Đảng bộ thành phố Thử", kind=Kind.ABOVE_GRASSROOTS, founded_on=D(2000, 1, 1)),
        N(code="XA_MOI", name="Đảng bộ xã Mới", kind=Kind.ABOVE_GRASSROOTS, parent="TP", group="Xã, phường",
          founded_on=D(2025, 7, 1)),
        N(code="XA_CU", name="Đảng bộ xã Cũ", kind=Kind.GRASSROOTS_COMMITTEE, parent="XA_MOI", group="Xã, thị trấn",
          founded_on=D(2025, 7, 1)),
        N(code="SO", name="Chi bộ Sở Tài chính", kind=Kind.GRASSROOTS_CELL, parent="TP", group="Cơ quan",
          founded_on=D(2000, 1, 1)),
    ])
    tp, new, old, agency = change.organizations
    levels = rules.levels_on([tp, new, old, agency], D(2025, 12, 1))
    assert [levels[o.pk] for o in (tp, new, old, agency)] == ["province", "commune", None, None]
    # Before it was founded, the new commune has no minimum.
    assert selectors.minimum_on(new, D(2025, 6, 10)) == (None, "QĐ 11-QĐi/TW")
    # The committee's own number wins, from the month it is set for.
    services.set_reception_minimum(organization=new, days_per_month=4, effective_from=D(2026, 1, 1))
    assert selectors.minimum_on(new, D(2025, 12, 10))[0] == 2
    assert selectors.minimum_on(new, D(2026, 1, 10))[0] == 4
