"""The pipeline of a cell and of a committee: who is in the plan on a day, at which step,
who is stuck, whose certificate runs out; a fixed number of queries; the figures."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangbo.development import selectors, services
from dangbo.development.models import Checkpoint
from dangbo.members.tests.helpers import opening, person
from dangbo.organizations import services as org_services

from .helpers import candidate

D = dt.date
DAY = D(2023, 6, 30)


@pytest.fixture
def helpers(tree):
    a, b = person(code="H1"), person(code="H2", sex="F", name="Trần Thị Đỡ")
    opening(a, tree.cell1a)
    opening(b, tree.cell1a)
    return a, b


def test_the_stages_the_stuck_and_the_certificates(tree, helpers):
    fresh = candidate(tree.cell1a, name="Lê Văn Mới", planned_on=D(2023, 5, 1), helpers=helpers)
    stuck = candidate(tree.cell1a, name="Phạm Văn Chậm", planned_on=D(2022, 3, 1), helpers=helpers,
                      certificate_on=D(2022, 5, 13))
    expiring = candidate(tree.cell1b, name="Vũ Thị Cũ", planned_on=D(2022, 1, 10), helpers=helpers,
                         certificate_on=D(2018, 8, 1))
    services.record_checkpoints(items=[(expiring, Checkpoint.Step.CELL_RESOLUTION, D(2023, 5, 2), "")])
    missing = candidate(tree.cell2a, name="Đỗ Văn Thiếu", planned_on=D(2023, 1, 10), helpers=helpers)
    services.record_checkpoints(items=[(missing, Checkpoint.Step.APPLICATION, D(2023, 2, 1), "")])
    gone = candidate(tree.cell1a, name="Hà Văn Đi", planned_on=D(2023, 1, 1), helpers=helpers)
    services.stop_candidates(items=[(gone, D(2023, 3, 1), "Chuyển đi")])
    admitted = candidate(tree.cell1a, name="Hồ Thị Vào", planned_on=D(2022, 1, 1), helpers=helpers,
                         certificate_on=D(2022, 3, 1))
    services.admit_candidates(items=[services.Admission(candidate=admitted, date=D(2023, 1, 5), member_code="V1")])

    p = selectors.pipeline(tree.dist, DAY)
    names = [r.candidate.full_name for r in p["rows"]]
    assert names == ["Phạm Văn Chậm", "Vũ Thị Cũ", "Lê Văn Mới", "Đỗ Văn Thiếu"]  # by given name
    stages = {key: n for key, _label, n in p["stages"]}
    assert (stages["PLANNED"], stages["CERTIFIED"], stages["APPLICATION"], stages["CELL_RESOLUTION"]) == (1, 1, 1, 1)
    assert [r.candidate for r in p["stuck"]] == [stuck]  # nothing since 13/05/2022
    assert [r.candidate for r in p["expiring"]] == [expiring]  # valid until 01/08/2023, within 3 months
    assert [r.candidate for r in p["missing"]] == [missing]
    assert [r.candidate for r in selectors.pipeline(tree.cell1b, DAY)["rows"]] == [expiring]
    assert fresh in [r.candidate for r in selectors.pipeline(tree.cell1a, DAY)["rows"]]
    # Before the admission day the admitted candidate was still in the plan.
    assert admitted in selectors.candidates_in_plan(tree.dist, D(2023, 1, 4))


def test_the_pipeline_reads_a_fixed_number_of_queries(tree, helpers):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            selectors.pipeline(tree.dist, DAY)
        return len(queries)

    candidate(tree.cell1a, helpers=helpers)
    few = count()
    for i in range(6):
        c = candidate(tree.cell1b, name=f"Người Thứ {i}", helpers=helpers)
        services.record_checkpoints(items=[(c, Checkpoint.Step.APPLICATION, D(2022, 4, 1), "")])
    assert count() == few


def test_a_voided_admission_puts_the_candidate_back_in_the_plan(tree, helpers):
    from dangbo.members.services import void_event

    c = candidate(tree.cell1a, helpers=helpers, certificate_on=D(2022, 5, 1))
    services.admit_candidates(items=[services.Admission(candidate=c, date=D(2023, 1, 5), member_code="V1")])
    assert not selectors.candidates_in_plan(tree.dist, DAY).exists()
    c.refresh_from_db()
    void_event(event=c.admission, reason="Nhập nhầm ngày")
    assert list(selectors.candidates_in_plan(tree.dist, DAY)) == [c]


def test_candidates_count_where_their_cell_stands_on_the_day(tree, helpers):
    """A cell moved to another committee mid-year: its candidates count there at year end,
    a certificate counts where the cell stood on the certificate's date."""
    c = candidate(tree.cell1a, helpers=helpers, planned_on=D(2023, 2, 1), certificate_on=D(2023, 3, 1))
    later = candidate(tree.cell1a, name="Bùi Văn Sau", helpers=helpers, planned_on=D(2023, 2, 1),
                      certificate_on=D(2023, 9, 1))
    org_services.change_tree(reorganizations=[org_services.NewReorganization(
        organization=tree.cell1a, kind="MOVE", effective_on=D(2023, 7, 1), target=tree.comm2)])
    f1 = selectors.development_figures(tree.comm1, 2023)
    f2 = selectors.development_figures(tree.comm2, 2023)
    assert (f1["candidates_at_year_end"], f1["certificates"]) == (0, 1)
    assert (f2["candidates_at_year_end"], f2["certificates"]) == (2, 1)
    assert list(selectors.certificates_in(tree.comm1, 2023)) == [c]
    assert list(selectors.certificates_in(tree.comm2, 2023)) == [later]
    assert selectors.development_figures(tree.dist, 2023) == {
        "target": 0, "admissions": 0, "candidates_at_year_end": 2, "certificates": 2,
    }
