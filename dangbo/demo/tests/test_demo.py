import datetime as dt

import pytest

from dangbo.demo.workbook import build_workbook
from dangbo.interchange.importer import import_file
from dangbo.organizations import selectors
from dangbo.organizations.models import Organization

D = dt.date


@pytest.fixture
def demo(db):
    report = import_file(data=build_workbook(), name="demo.xlsx")
    assert report.ok, [str(e) for e in report.errors[:5]]
    return report


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
    again = import_file(data=build_workbook(), name="demo.xlsx")
    assert again.ok and again.total("created") == 0 and again.total("updated") == 0
