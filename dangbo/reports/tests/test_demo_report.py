"""The report of the demo's THANHHA 2022 in every format gives the seed's figures."""

import io
import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from dangbo.accounts.models import User
from dangbo.accounts.services import create_user
from dangbo.demo.workbook import build_workbook
from dangbo.interchange.importer import import_file
from dangbo.lib.vntext import format_number, official_date
from dangbo.organizations.models import Organization
from dangbo.reports.article import compose_article
from dangbo.reports.excel import build_xlsx
from dangbo.reports.figures import annual_figures
from dangbo.reports.services import draft_docx

SMALL = 300


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, rolled back at its end (dangbo/demo/tests)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            report = import_file(data=build_workbook(SMALL), name="demo.xlsx")
            assert report.ok, [str(e) for e in report.errors[:5]]
            org = Organization.objects.get(code="THANHHA")
            yield org, annual_figures(org, 2022)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _db(db):
    return db


def test_the_article_states_every_figure_of_the_seed(demo):
    org, figures = demo
    article = compose_article(org, 2022, figures)
    text = " ".join([article["title"], article["lead"], *article["paragraphs"]])
    assert article["title"] == "Đảng bộ Thanh Hà đoàn kết, sáng tạo thực hiện nhiệm vụ then chốt"
    assert "các chức danh diện Ban Thường vụ Huyện ủy quản lý cho 87 đồng chí" in text
    assert "2 lớp bồi dưỡng cấp ủy cấp xã cho 288 đồng chí" in text
    assert "1 lớp trung cấp lý luận chính trị cho 59 học viên" in text
    assert "kết nạp 153 đảng viên mới; đồng thời đưa ra khỏi Đảng 10 đảng viên, " in text
    assert "xóa tên trong danh sách đảng viên 10 trường hợp" in text
    assert (
        "có 8 tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ, 33 tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ, "
        "4 tổ chức cơ sở đảng hoàn thành nhiệm vụ, không có tổ chức cơ sở đảng không hoàn thành nhiệm vụ"
    ) in text
    assert "với 21 trong tổng số 22 chỉ tiêu về kinh tế - xã hội đạt và vượt" in text
    assert article["byline"] == "PV"
    # Member development and leadership work (issue 18), in the seed's words and order.
    seed = [
        "Năm qua, Đảng bộ huyện Thanh Hà coi trọng công tác giáo dục chính trị, tư tưởng",
        "Lãnh đạo triển khai thực hiện đầy đủ, nghiêm túc việc học tập và làm theo tư tưởng, đạo đức, phong cách "
        "Hồ Chí Minh; phát huy tốt vai trò nêu gương của cán bộ, đảng viên, nhất là cán bộ chủ chốt, người đứng đầu.",
        "Đảng bộ huyện coi trọng công tác phát triển đảng viên",
        "Công tác đổi mới phương thức lãnh đạo của cấp ủy tiếp tục được quan tâm, có nhiều chuyển biến tích cực.",
        "phân công cán bộ chủ chốt cấp huyện tăng cường kiểm tra, giám sát, hướng dẫn, giúp cơ sở",
        "Chú trọng nâng cao chất lượng ban hành các văn bản lãnh đạo, chỉ đạo của cấp ủy",
    ]
    positions = [text.index(sentence) for sentence in seed]
    assert positions == sorted(positions)
    f = figures
    assert f"với {format_number(f['political_education']['attendance'])} lượt cán bộ, đảng viên tham dự" in text
    assert f"({f['admissions']}/{f['member_development']['target']} đảng viên)" in text
    assert f"Huyện ủy ban hành {f['documents']['issued']} văn bản" in text
    a = f["assignments"]
    assert f"{a['cadres']} đồng chí được phân công phụ trách {a['organizations']}/{a['grassroots_total']}" in text


def _cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_the_word_report_has_the_party_format_and_the_figures(demo):
    org, figures = demo
    document = Document(io.BytesIO(draft_docx(org, 2022, figures)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20 and 20 <= round(section.bottom_margin.mm) <= 25
    header = document.tables[0]
    left, right = header.cell(0, 0), header.cell(0, 1)
    assert [p.text for p in left.paragraphs] == ["TỈNH ỦY HẢI DƯƠNG", "HUYỆN ỦY THANH HÀ", "*"]
    assert left.paragraphs[1].runs[0].bold and left.paragraphs[1].runs[0].font.size.pt == 14
    party = right.paragraphs[0].runs[0]
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and party.bold and party.underline and party.font.size.pt == 15
    assert re.fullmatch(r"Số\s*\d*\s*-BC/HU", header.cell(1, 0).text)
    date_line = header.cell(1, 1).paragraphs[0].runs[0]
    assert re.fullmatch(r"Thanh Hà, ngày \d\d tháng \d{1,2} năm \d{4}", date_line.text) and date_line.italic
    # A draft is dated the day it is made, whatever the day the district ended (30/06/2025).
    assert date_line.text == f"Thanh Hà, {official_date(timezone.localdate())}"
    texts = [p.text for p in document.paragraphs]
    title = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold and 15 <= title.runs[0].font.size.pt <= 16
    assert "Kết quả công tác xây dựng Đảng năm 2022" in texts
    assert document.styles["Normal"].font.name == "Times New Roman"
    body = " ".join(texts)
    assert "kết nạp 153 đảng viên mới" in body and "cho 87 đồng chí" in body

    tables = {_cells(t)[0][0]: _cells(t) for t in document.tables[1:-1]}
    members = dict(tables["Nội dung"][1:])
    assert members["Kết nạp đảng viên mới"] == "153"
    assert members["Đảng viên đến 31/12 (đảng số)"] == format_number(figures["members"]["at_year_end"])
    assert members["Xóa tên trong danh sách đảng viên"] == "10"
    cadres = dict(tables["Loại quyết định"][1:])
    assert cadres["Số đồng chí được quyết định"] == "87" and cadres["Tổng số quyết định"] == "92"
    training = {row[0]: row[1:] for row in tables["Chương trình"][1:]}
    assert training["Bồi dưỡng cấp ủy cấp xã"] == ["2", "288"]
    assert training["Trung cấp lý luận chính trị"] == ["1", "59"]
    ratings = {row[0]: row[1] for row in tables["Mức xếp loại"][1:]}
    assert [ratings[k] for k in list(ratings)[:4]] == ["8", "33", "4", "0"]
    targets = dict(tables["Kết quả"][1:])
    assert (targets["Đạt và vượt"], targets["Tổng số chỉ tiêu"]) == ("21", "22")
    closing = document.tables[-1]
    assert closing.cell(0, 0).paragraphs[0].text == "Nơi nhận:"
    assert [p.text for p in closing.cell(0, 1).paragraphs][:2] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]


def test_the_word_report_reads_well_in_print(demo):
    """Page numbers from page 2, warnings in words with Vietnamese percentages, no column
    too narrow for its longest word, and a signature never alone on its page."""
    from docx.oxml.ns import qn

    org, figures = demo
    assert figures["warnings"], "the demo has excellence-cap warnings"
    document = Document(io.BytesIO(draft_docx(org, 2022, figures)))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    warnings = next(t for t in document.tables if t.cell(0, 0).text == "STT")
    rows = _cells(warnings)
    assert rows[0] == ["STT", "Nội dung"] and rows[-1][0] == "Cộng"
    text = " ".join(r[1] for r in rows[1:-1])
    assert "20%" in text and "20.0" not in text and "excellence_cap" not in text
    assert warnings.columns[0].width.mm >= 15  # "Cộng", bold, on one line
    closing = document.tables[-1]
    assert closing.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert document.paragraphs[-1].paragraph_format.keep_with_next
    for table in document.tables[1:-1]:
        for row in table.rows[:-1]:
            assert row.cells[0].paragraphs[0].paragraph_format.keep_with_next


def test_the_excel_report_has_one_sheet_per_section_with_totals(demo):
    org, figures = demo
    book = load_workbook(io.BytesIO(build_xlsx(figures)))
    own = ["Đảng viên", "Cán bộ", "Đào tạo", "Xếp loại", "Chỉ tiêu", "Cảnh báo"]
    # The report's own sheets in this order; the parts of other apps between (reports.parts).
    assert [name for name in book.sheetnames if name in own] == own

    def rows(name):
        return [r for r in book[name].iter_rows(min_row=4, values_only=True)]

    members = {r[0]: r[1] for r in rows("Đảng viên")[1:]}
    assert rows("Đảng viên")[0] == ("Nội dung", "Số lượng")
    assert (members["Kết nạp đảng viên mới"], members["Xóa tên trong danh sách đảng viên"]) == (153, 10)
    assert members["Đưa ra khỏi Đảng (khai trừ, xin ra khỏi Đảng)"] == 10
    training = rows("Đào tạo")
    assert training[-1] == (
        "Tổng cộng",
        sum(t["classes"] for t in figures["training"].values()),
        sum(t["learners"] for t in figures["training"].values()),
    )
    assert ("Bồi dưỡng cấp ủy cấp xã", 2, 288) in training
    ratings = rows("Xếp loại")
    assert ratings[1][:2] == ("Hoàn thành xuất sắc nhiệm vụ", 8) and ratings[-1][0] == "Tổng cộng"
    assert ratings[-1][1] == 45
    assert rows("Cán bộ")[-1] == ("Tổng số quyết định", 92)
    assert rows("Chỉ tiêu")[-1] == ("Tổng số chỉ tiêu", 22)
    assert len(rows("Cảnh báo")) == len(figures["warnings"]) + 2


def test_the_page_links_each_figure_to_its_records(demo, client):
    root = create_user(username="root-demo", password="x-pw-123", role=User.Role.ADMINISTRATOR)
    client.force_login(root)
    page = client.get(reverse("reports:year", args=["THANHHA", 2022]))
    assert page.status_code == 200
    url = reverse("reports:records", args=["THANHHA", 2022, "name_deletions"])
    assert url.encode() in page.content
    records = client.get(url)
    assert records.status_code == 200 and len(records.context["rows"]) == 10
    assert all(row[4] for row in records.context["rows"])  # the reason of each deletion
    for figure, count in (("admissions", 153), ("removed_from_party", 10), ("cadre_decisions", 92)):
        assert len(client.get(reverse("reports:records", args=["THANHHA", 2022, figure])).context["rows"]) == count
    excellent = client.get(
        reverse("reports:records", args=["THANHHA", 2022, "grassroots_ratings"]) + "?level=excellent"
    )
    assert len(excellent.context["rows"]) == 8
    not_met = client.get(reverse("reports:records", args=["THANHHA", 2022, "targets_not_met"]))
    assert len(not_met.context["rows"]) == 1
    classes = client.get(
        reverse("reports:records", args=["THANHHA", 2022, "training"]) + "?program=grassroots_committee"
    )
    assert sum(row[-1] for row in classes.context["rows"]) == 288
    assert client.get(reverse("reports:records", args=["THANHHA", 2022, "nothing"])).status_code == 404


def test_the_inspection_program_backs_the_seeds_sentence(demo):
    """The seed: "Các cấp ủy thực hiện cơ bản tốt chương trình kiểm tra, giám sát năm 2022.
    Qua kiểm tra, giám sát, cấp ủy, Ủy ban Kiểm tra các cấp đã chỉ rõ những ưu điểm, khuyết
    điểm và yêu cầu đề ra biện pháp khắc phục, …" — with the program's figures."""
    org, figures = demo
    i, d = figures["inspection"], figures["discipline"]
    assert i["inspections"] + i["supervisions"] >= 30 and i["remedies"]["total"] >= 15
    assert d["by_form"]["expulsion"] == 3 and figures["removed_from_party"] == 10
    text = " ".join(compose_article(org, 2022, figures)["paragraphs"])
    assert "Các cấp ủy thực hiện cơ bản tốt chương trình kiểm tra, giám sát năm 2022" in text
    assert "Qua kiểm tra, giám sát, cấp ủy, Ủy ban Kiểm tra các cấp đã chỉ rõ những ưu điểm, khuyết điểm" in text
    assert f"yêu cầu đề ra {i['remedies']['total']} biện pháp khắc phục" in text
    assert "góp phần phòng ngừa, ngăn chặn một số hiện tượng tiêu cực, vi phạm của tổ chức đảng và đảng viên" in text
    assert "3 khai trừ" in text
    document = Document(io.BytesIO(draft_docx(org, 2022, figures)))
    texts = [p.text for p in document.paragraphs]
    assert any(t.endswith("CÔNG TÁC KIỂM TRA, GIÁM SÁT VÀ THI HÀNH KỶ LUẬT ĐẢNG") for t in texts)
    tables = {_cells(t)[0][0]: _cells(t) for t in document.tables[1:-1]}
    assert dict(tables["Hình thức kỷ luật"][1:])["Khai trừ"] == "3"
    assert not [w for w in figures["warnings"] if w["code"] == "disciplined_member"]
