"""The register of documents: numbers per type through a committee's term (HD 36), terms
as records, the next number proposed, the symbol from the type and the body's
abbreviation (configurable; HU only before 1/7/2025), the Word report registered when
issued."""

import datetime as dt

import pytest

from dangbo.core.errors import DomainError
from dangbo.leadership import selectors, services
from dangbo.leadership.models import Document
from dangbo.members.tests.helpers import admitted_member
from dangbo.reports.services import issue_report, save_settings

D = dt.date
Kind = Document.Kind


def register(org, kind, day, number=None, symbol="", subject="Về nhiệm vụ"):
    [(doc, warnings)] = services.register_documents(items=[services.NewDocument(
        organization=org, kind=kind, date=day, subject=subject, number=number, symbol=symbol)])
    return doc, warnings


def term(org, start, end=None, name=""):
    return services.record_terms(items=[services.NewTerm(organization=org, start=start, end=end, name=name)])[0]


def test_numbers_run_per_type_through_the_term(tree):
    term(tree.dist, D(2020, 10, 1), D(2025, 6, 30), "Nhiệm kỳ 2020 - 2025")
    first, _w = register(tree.dist, Kind.RESOLUTION, D(2022, 12, 20))
    second, _w = register(tree.dist, Kind.RESOLUTION, D(2023, 1, 5))  # a new year, the same term
    decision, _w = register(tree.dist, Kind.DECISION, D(2023, 1, 5))
    assert (first.reference, second.reference, decision.reference) == ("01-NQ/HU", "02-NQ/HU", "01-QĐ/HU")
    assert second.term.name == "Nhiệm kỳ 2020 - 2025"
    assert selectors.next_number(tree.dist, Kind.RESOLUTION, D(2023, 3, 1)) == 3
    with pytest.raises(DomainError, match="02-NQ/HU") as caught:
        register(tree.dist, Kind.RESOLUTION, D(2023, 3, 1), number=2)
    assert "3" in caught.value.message  # the next free number


def test_without_a_term_numbers_run_through_the_calendar_year(tree):
    a, _w = register(tree.comm1, Kind.RESOLUTION, D(2022, 12, 20))
    b, _w = register(tree.comm1, Kind.RESOLUTION, D(2023, 1, 5))
    assert (a.number, b.number) == (1, 1) and a.symbol == "NQ/ĐU"
    with pytest.raises(DomainError):
        register(tree.comm1, Kind.RESOLUTION, D(2023, 6, 1), number=1)


def test_a_term_recorded_later_refiles_the_documents_or_is_refused(tree):
    register(tree.comm1, Kind.RESOLUTION, D(2022, 12, 20))
    b, _w = register(tree.comm1, Kind.RESOLUTION, D(2023, 1, 5))
    with pytest.raises(DomainError, match="01-NQ/ĐU"):
        term(tree.comm1, D(2020, 10, 1), D(2025, 9, 30))  # both number 01 in one term
    new = term(tree.comm1, D(2023, 1, 1))
    b.refresh_from_db()
    assert b.term == new and b.history.count() == 2
    with pytest.raises(DomainError):
        term(tree.comm1, D(2024, 1, 1))  # overlaps the open term
    services.change_term(term=new, end=D(2023, 12, 31), name="Nhiệm kỳ ngắn")
    term(tree.comm1, D(2024, 1, 1))
    services.void_term(term=new, reason="Nhập nhầm")
    b.refresh_from_db()
    assert b.term is None


def test_the_symbol_follows_the_report_settings_and_warns_after_the_districts_ended(tree, cast):
    doc, warnings = register(tree.dist, Kind.PLAN, D(2025, 6, 30))
    assert (doc.symbol, warnings) == ("KH/HU", [])
    doc, warnings = register(tree.dist, Kind.PLAN, D(2025, 7, 1))
    assert doc.symbol == "KH/HU" and "30/06/2025" in warnings[0]
    save_settings(organization=tree.dist, by=cast.alice, abbreviation="ĐU", issuing_body="ĐẢNG ỦY XÃ ĐÔNG HƯNG",
                  superior_body="", place="Đông Hưng", short_name="Đảng ủy", term_started_on=None)
    doc, warnings = register(tree.dist, Kind.PLAN, D(2025, 7, 2))
    assert (doc.symbol, warnings) == ("KH/ĐU", [])
    doc, warnings = register(tree.dist, Kind.NOTICE, D(2025, 7, 2), symbol="TB/HU")  # as typed, with the warning
    assert doc.symbol == "TB/HU" and warnings


def test_an_issued_report_is_registered_and_numbered_after_the_registers_reports(tree, cast):
    admitted_member(tree.cell1a, D(2022, 3, 5))
    register(tree.dist, Kind.REPORT, D(2023, 1, 10))  # BC 01, registered by hand
    register(tree.dist, Kind.REPORT, D(2023, 1, 12))  # BC 02
    report = issue_report(organization=tree.dist, year=2022, by=cast.alice, issued_on=D(2023, 1, 25))
    assert report.symbol == "03-BC/HU"
    doc = Document.objects.get(report=report)
    assert (doc.kind, doc.number, doc.symbol, doc.date) == (Kind.REPORT, 3, "BC/HU", D(2023, 1, 25))
    assert doc.subject == "Báo cáo kết quả công tác xây dựng Đảng năm 2022"
    assert selectors.next_number(tree.dist, Kind.REPORT, D(2023, 2, 1)) == 4
    with pytest.raises(DomainError):
        services.void_document(document=doc, reason="x")
    assert selectors.document_figures(tree.dist, 2023)["by_kind"]["report"] == 3


def test_documents_of_a_year_are_counted_by_type(tree):
    register(tree.dist, Kind.RESOLUTION, D(2022, 2, 1))
    register(tree.dist, Kind.RESOLUTION, D(2022, 3, 1))
    register(tree.dist, Kind.LETTER, D(2022, 3, 1))
    voided, _w = register(tree.dist, Kind.NOTICE, D(2022, 3, 2))
    services.void_document(document=voided, reason="Ban hành nhầm")
    register(tree.comm1, Kind.RESOLUTION, D(2022, 3, 1))  # another organization: not DIST's
    register(tree.dist, Kind.RESOLUTION, D(2021, 3, 1))  # another year
    f = selectors.document_figures(tree.dist, 2022)
    assert f["issued"] == 3 and f["by_kind"]["resolution"] == 2 and f["by_kind"]["letter"] == 1
    assert f["by_kind"]["notice"] == 0 and len(f["by_kind"]) == 13


def test_corrections_keep_the_number_and_check_the_new_date(tree):
    term(tree.dist, D(2020, 10, 1), D(2022, 12, 31))
    term(tree.dist, D(2023, 1, 1))
    register(tree.dist, Kind.RESOLUTION, D(2023, 1, 5))  # 01 of the new term
    old, _w = register(tree.dist, Kind.RESOLUTION, D(2022, 5, 5), number=1)  # 01 of the old term
    with pytest.raises(DomainError):
        services.correct_documents(changes=[(old, {"date": D(2023, 2, 1)})])  # into the new term: taken
    [changed] = services.correct_documents(changes=[(old, {"subject": "Về nhiệm vụ (sửa)"})])
    assert changed.subject == "Về nhiệm vụ (sửa)" and changed.number == 1
