"""The `citizens` and `mass_mobilization` parts of the yearly report, on the hand-built
workbook: the article's and the Word report's sentences (left out when there are no
records), the Excel sheets, the page's section with its chart of petitions by month,
and the records behind each figure."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from dangbo.citizens import selectors
from dangbo.interchange.importer import import_file
from dangbo.organizations.models import Organization
from dangbo.reports.article import compose_article
from dangbo.reports.excel import build_xlsx
from dangbo.reports.figures import annual_figures
from dangbo.reports.page import standalone_html
from dangbo.reports.services import draft_docx

from . import workbook as wb


@pytest.fixture
def loaded(db):
    report = import_file(data=wb.workbook(), name="citizens.xlsx")
    assert report.ok, [str(p) for p in report.errors]
    return {code: Organization.objects.get(code=code) for code in ("TINH", "HUYEN_A", "HUYEN_B", "XA_1")}


def text(org, year) -> str:
    article = compose_article(org, year)
    return " ".join(article["paragraphs"])


def test_the_article_states_the_citizens_and_mobilization_figures(loaded):
    body = text(loaded["TINH"], 2022)
    assert ("Tổ chức tốt việc tiếp xúc, đối thoại trực tiếp với nhân dân: người đứng đầu cấp ủy các cấp tiếp công "
            "dân 8 ngày, tổ chức 2 cuộc đối thoại và tiếp 118 lượt công dân.") in body
    assert ("Tiếp nhận 11 đơn thư (4 đơn khiếu nại, 3 đơn tố cáo, 2 đơn kiến nghị, 2 đơn phản ánh); đã giải quyết 6 "
            "đơn, trong đó 5 đơn đúng thời hạn; còn 5 đơn đang giải quyết, trong đó 2 đơn quá hạn.") in body
    assert ("“Dân vận khéo” trên các lĩnh vực kinh tế, văn hóa - xã hội, quốc phòng - an ninh và xây dựng hệ thống "
            "chính trị: năm 2022 có 3 mô hình và 1 điển hình được đăng ký, trong đó 2 mô hình, điển hình được công "
            "nhận.") in body
    # 2023, HUYEN_A: its one petition was settled on time: the seed's words.
    assert ("Giải quyết kịp thời các đơn thư, khiếu nại, tố cáo của cán bộ, đảng viên và nhân dân: tiếp nhận 1 đơn "
            "thư (1 đơn khiếu nại), đã giải quyết đúng thời hạn 1 đơn.") in text(loaded["HUYEN_A"], 2023)


def test_a_year_without_records_leaves_the_sections_out(loaded):
    body = text(loaded["HUYEN_A"], 2021)
    assert "tiếp công dân" not in body and "đơn thư" not in body and "Dân vận khéo" not in body
    document = Document(io.BytesIO(draft_docx(loaded["HUYEN_A"], 2021)))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Trong năm không có số liệu tiếp công dân, đối thoại, đơn thư." in paragraphs
    assert "Trong năm không có mô hình, điển hình “Dân vận khéo” được đăng ký." in paragraphs


def test_the_word_and_excel_reports_have_the_sections(loaded):
    org = loaded["HUYEN_B"]
    document = Document(io.BytesIO(draft_docx(org, 2022)))
    paragraphs = [p.text for p in document.paragraphs]
    assert any(p.endswith("Công tác tiếp dân, đối thoại và giải quyết đơn thư, khiếu nại, tố cáo") for p in paragraphs)
    assert any(p.endswith("Phong trào thi đua “Dân vận khéo”") for p in paragraphs)
    book = load_workbook(io.BytesIO(build_xlsx(annual_figures(org, 2022))))
    citizens = {row[0]: row[1] for row in book["Tiếp dân, đơn thư"].iter_rows(min_row=5, values_only=True)}
    assert citizens["Đơn thư tiếp nhận trong năm"] == 4 and citizens["  - Trong đó quá hạn"] == 2
    mobilization = {row[0]: row[1] for row in book["Dân vận khéo"].iter_rows(min_row=5, values_only=True)}
    assert mobilization["Lĩnh vực kinh tế"] == 1 and mobilization["Tổng số mô hình, điển hình"] == 2


def test_the_petitions_by_month(loaded):
    months = selectors.petitions_by_month(loaded["TINH"], 2022)
    # Received: A1, A2 (Jan), A3 (Apr), A4 (Jun), A5 (Aug), A6 (Sep), A9 (Oct), A10 (Nov), A7, A8, A11 (Dec).
    assert months["received"] == [2, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 3]
    # Closed: A1 (09/03), A2 (12/04), A3 (17/05), A10, A9 (15 and 20/11), A6 (07/12).
    assert months["closed"] == [0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 2, 1]
    # Overdue at each month's end: A5 from 21/10; A8 from 23/12.
    assert months["overdue"] == [0] * 9 + [1, 1, 2]


def test_the_report_page_shows_the_section_chart_and_records(cast, login, loaded, settings):
    from dangbo.accounts.services import create_user

    root = create_user(username="tinh", password="pw", role="COMMITTEE_STAFF", organization=loaded["TINH"])
    client = login(root)
    page = client.get(reverse("reports:year", args=["TINH", 2022])).content.decode()
    assert 'id="citizens-section"' in page and 'id="mobilization-section"' in page
    assert 'id="citizens-chart-data"' in page and "citizens/report_chart" in page
    assert "<script>" not in page  # no inline script
    figures = annual_figures(loaded["TINH"], 2022)
    c, p, m = figures["citizens"], figures["citizens"]["petitions"], figures["mass_mobilization"]
    expected = {
        "citizens.reception_days": None, "citizens.dialogues": c["dialogues"], "citizens.received": p["received"],
        "citizens.complaint": p["by_kind"]["complaint"], "citizens.denunciation": p["by_kind"]["denunciation"],
        "citizens.resolved": p["resolved"], "citizens.on_time": p["on_time"], "citizens.open": p["open"],
        "citizens.overdue": p["overdue"], "mass_mobilization.models": m["models"],
        "mass_mobilization.recognized": m["recognized"], "mass_mobilization.economy": m["by_field"]["economy"],
    }
    for figure, count in expected.items():
        response = client.get(reverse("reports:records", args=["TINH", 2022, figure]))
        assert response.status_code == 200, figure
        rows = response.context["rows"]
        if count is not None:
            assert len(rows) == count, figure
    # A reception day is a (committee, day): the sessions behind 8 days are 9 (two on 14/01).
    assert len(client.get(reverse("reports:records", args=["TINH", 2022, "citizens.reception_days"]))
               .context["rows"]) == 9
    assert client.get(reverse("reports:records", args=["TINH", 2022, "citizens.nothing"])).status_code == 404


def test_the_standalone_report_carries_the_chart_script(loaded):
    html = standalone_html(loaded["TINH"], 2022, annual_figures(loaded["TINH"], 2022))
    assert "petitions-chart" in html and "citizens-chart-data" in html
    assert 'getElementById("citizens-chart-data")' in html
