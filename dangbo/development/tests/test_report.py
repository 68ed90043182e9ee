"""The report parts of member development and leadership work on the held-out-style
workbook: records behind each figure, sentences only where there are records, the
Word report's sections and tables, the Excel sheets, the report page's links."""

import io

import pytest
from django.urls import reverse
from docx import Document as Word
from openpyxl import load_workbook

from dangbo.accounts.models import User
from dangbo.accounts.services import create_user
from dangbo.interchange.importer import import_file
from dangbo.organizations.models import Organization
from dangbo.reports.article import compose_article
from dangbo.reports.excel import build_xlsx
from dangbo.reports.figures import annual_figures
from dangbo.reports.records import behind
from dangbo.reports.services import draft_docx

from .test_workbook import GOOD, YEAR, workbook


@pytest.fixture
def huyena(db):
    assert import_file(data=workbook(GOOD), name="heldout.xlsx").ok
    return Organization.objects.get(code="HUYENA")


def rows(org, figure, **params):
    return behind(org, YEAR, figure, params)["rows"]


def test_the_records_behind_each_figure_are_as_many_as_it_counts(huyena):
    f = annual_figures(huyena, YEAR)
    md = f["member_development"]
    assert len(rows(huyena, "member_development.candidates_at_year_end")) == md["candidates_at_year_end"] == 2
    assert len(rows(huyena, "member_development.certificates")) == md["certificates"] == 3
    assert len(rows(huyena, "member_development.admissions")) == md["admissions"] == 2
    assert rows(huyena, "member_development.target")[0][2] == md["target"] == 3
    admissions = rows(huyena, "member_development.admissions")
    assert {r[3]["text"] for r in admissions} == {"QC01", "QC02"}  # each with its candidacy
    assert len(rows(huyena, "political_education.sessions")) == f["political_education"]["sessions"] == 2
    assert sum(r[5] for r in rows(huyena, "political_education.attendance")) == 160
    assignments = rows(huyena, "assignments.cadres")
    assert len({r[0]["text"] for r in assignments}) == f["assignments"]["cadres"] == 2
    assert len({r[1] for r in assignments}) == f["assignments"]["organizations"] == 3
    assert len(rows(huyena, "assignments.grassroots_total")) == f["assignments"]["grassroots_total"] == 2
    assert len(rows(huyena, "documents.issued")) == f["documents"]["issued"] == 5
    assert [r[0] for r in rows(huyena, "documents", kind="resolution")] == ["12-NQ/HU", "13-NQ/HU"]
    assert behind(huyena, YEAR, "documents.nothing", {}) is None


def test_sentences_only_where_there_are_records(huyena):
    text = " ".join(compose_article(huyena, YEAR)["paragraphs"])
    assert "tổ chức 2 hội nghị, buổi học tập" in text and "với 160 lượt cán bộ, đảng viên tham dự" in text
    assert "Số đảng viên kết nạp trong năm mới đạt 66,7% chỉ tiêu đề ra (2/3 đảng viên)." in text
    assert "phân công cán bộ chủ chốt cấp huyện tăng cường kiểm tra" in text
    # XA2 moved away mid-year: 3 organizations followed, 2 at the year's end; no "3/2".
    assert "năm 2023 có 2 đồng chí được phân công phụ trách 3 tổ chức đảng." in text
    assert "Huyện ủy ban hành 5 văn bản, gồm 2 nghị quyết, 2 quyết định và 1 báo cáo." in text
    # TINH has no document, no assignment, no target of its own: those sentences are left out.
    tinh = " ".join(compose_article(Organization.objects.get(code="TINH"), YEAR)["paragraphs"])
    assert "ban hành" not in tinh and "phân công" not in tinh and "chỉ tiêu đề ra (" not in tinh
    assert "quần chúng ưu tú trong diện bồi dưỡng" in tinh
    # A year with nothing: no sentence at all, never "0".
    empty = " ".join(compose_article(huyena, 2021)["paragraphs"])
    assert "học tập" not in empty and "quần chúng ưu tú" not in empty and "văn bản" not in empty


def test_the_word_report_and_the_excel_have_the_sections(huyena):
    f = annual_figures(huyena, YEAR)
    document = Word(io.BytesIO(draft_docx(huyena, YEAR, f)))
    texts = [p.text for p in document.paragraphs]
    for heading in ("CÔNG TÁC GIÁO DỤC CHÍNH TRỊ, TƯ TƯỞNG", "CÔNG TÁC PHÁT TRIỂN ĐẢNG VIÊN",
                    "ĐỔI MỚI PHƯƠNG THỨC LÃNH ĐẠO, PHÂN CÔNG CÁN BỘ PHỤ TRÁCH CƠ SỞ",
                    "BAN HÀNH VĂN BẢN LÃNH ĐẠO, CHỈ ĐẠO"):
        assert any(t.endswith(heading) for t in texts), heading
    tables = {t.rows[0].cells[0].text: [[c.text for c in r.cells] for r in t.rows] for t in document.tables[1:-1]}
    assert ["Tổng số văn bản", "5"] in tables["Loại văn bản"]
    assert ["Chỉ tiêu kết nạp đảng viên mới", "3"] in tables["Phát triển đảng viên"]
    book = load_workbook(io.BytesIO(build_xlsx(f)))
    sheet = [r for r in book["Học tập"].iter_rows(min_row=5, values_only=True)]
    assert sheet == [("Hội nghị, buổi học tập, quán triệt", 2), ("Lượt cán bộ, đảng viên tham dự", 160)]
    # With no records, the Word report says so in words.
    empty = Word(io.BytesIO(draft_docx(Organization.objects.get(code="TINH"), YEAR)))
    assert "Chưa có số liệu về văn bản ban hành trong năm." in [p.text for p in empty.paragraphs]


def test_the_report_page_links_each_figure_to_its_records(huyena, client):
    root = create_user(username="root-report", password="x-pw-123", role=User.Role.ADMINISTRATOR)
    client.force_login(root)
    page = client.get(reverse("reports:year", args=["HUYENA", YEAR])).content.decode()
    for figure in ("member_development.certificates", "member_development.candidates_at_year_end",
                   "political_education.sessions", "assignments.cadres", "documents.issued"):
        url = reverse("reports:records", args=["HUYENA", YEAR, figure])
        assert url in page, figure
        assert client.get(url).status_code == 200, figure
