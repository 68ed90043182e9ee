import datetime as dt
import io

import pytest
from docx import Document

from dangbo.core.errors import DomainError
from dangbo.core.models import HardDeleteError
from dangbo.members.tests.helpers import admitted_member
from dangbo.reports import selectors
from dangbo.reports.figures import annual_figures
from dangbo.reports.services import issue_report, save_settings

D = dt.date


@pytest.fixture
def data(tree, cast):
    admitted_member(tree.cell1a, D(2022, 3, 5))
    return tree


def test_numbers_run_per_committee_term(data, cast):
    first = issue_report(organization=data.dist, year=2022, by=cast.alice, issued_on=D(2023, 1, 25))
    second = issue_report(organization=data.dist, year=2022, by=cast.alice, issued_on=D(2024, 1, 10))
    new_term = issue_report(organization=data.dist, year=2022, by=cast.alice, issued_on=D(2025, 7, 20))
    assert (first.symbol, second.symbol, new_term.symbol) == ("01-BC/HU", "02-BC/HU", "01-BC/HU")
    assert first.term_started_on == D(2020, 7, 1) and new_term.term_started_on == D(2025, 7, 1)
    other = issue_report(organization=data.comm1, year=2022, by=cast.alice, issued_on=D(2023, 1, 25))
    assert other.symbol == "01-BC/ĐU"
    header = Document(io.BytesIO(bytes(first.docx))).tables[0]
    assert header.cell(1, 0).text == "Số 01-BC/HU"
    assert header.cell(1, 1).text == "Đông Hưng, ngày 25 tháng 01 năm 2023"


def test_a_recorded_term_start_restarts_the_numbers(data, cast):
    issue_report(organization=data.dist, year=2022, by=cast.alice, issued_on=D(2023, 1, 25))
    save_settings(
        organization=data.dist,
        by=cast.alice,
        abbreviation="HU",
        issuing_body="HUYỆN ỦY ĐÔNG HƯNG",
        superior_body="",
        place="Đông Hưng",
        short_name="Huyện ủy",
        term_started_on=D(2023, 2, 1),
    )
    assert issue_report(organization=data.dist, year=2022, by=cast.alice, issued_on=D(2023, 3, 1)).number == 1


def test_later_data_changes_never_alter_an_issued_report(data, cast):
    report = issue_report(organization=data.dist, year=2022, by=cast.alice, issued_on=D(2023, 1, 25))
    figures, docx = report.figures, bytes(report.docx)
    admitted_member(data.cell1b, D(2022, 6, 1))  # a late entry for 2022
    report.refresh_from_db()
    assert report.figures == figures and bytes(report.docx) == docx
    assert report.figures["admissions"] == 1 and annual_figures(data.dist, 2022)["admissions"] == 2
    changes = selectors.differences(report.figures, annual_figures(data.dist, 2022))
    assert ("admissions", 1, 2) in changes
    with pytest.raises(HardDeleteError):
        report.save()
    with pytest.raises(HardDeleteError):
        report.delete()


def test_it_refuses_future_and_too_early_dates(data, cast):
    with pytest.raises(DomainError):
        issue_report(organization=data.dist, year=2022, by=cast.alice, issued_on=dt.date.today() + dt.timedelta(days=1))
    with pytest.raises(DomainError):
        issue_report(organization=data.dist, year=2022, by=cast.alice, issued_on=D(2021, 12, 31))


def test_hu_after_june_2025_is_warned_about():
    assert selectors.abbreviation_warning("HU", D(2025, 6, 30)) is None
    assert selectors.abbreviation_warning("HU", D(2025, 7, 1))
    assert selectors.abbreviation_warning("ĐU", D(2026, 1, 1)) is None
