"""Text that a spreadsheet would take for a formula is written as text in every
workbook the app writes, and re-imports to the same value (OWASP "CSV injection")."""

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from dangbo.core import xlsx
from dangbo.interchange.exporter import export_workbook, write_workbook
from dangbo.interchange.importer import import_file
from dangbo.interchange.workbook import read_workbook
from dangbo.members.models import Member

D = dt.date
HYPERLINK = '=HYPERLINK("http://example.invalid/x","Lê Văn Bấm")'
RISKY = [HYPERLINK, "+84 912 345 678", "-1+2", "@SUM(A1)", "\tTab", "\rCR", "=1+1"]


def body(response) -> bytes:
    """A response's bytes, streamed (large downloads: core.xlsx.download) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def formulas(data: bytes) -> list[str]:
    """The formulas in every sheet of the workbook `data`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            f"{name}: {m}"
            for name in archive.namelist() if name.startswith("xl/worksheets/")
            for m in re.findall(rb"<f[ >][^<]*", archive.read(name))
        ]


@pytest.mark.parametrize("write_only", [True, False])
def test_risky_text_is_written_as_text_with_a_quote_prefix(write_only):
    book = Workbook(write_only=write_only)
    ws = book.create_sheet("x") if write_only else book.active
    xlsx.append(ws, [*RISKY, "plain", 3, D(2024, 1, 2), None, "bad\x00char"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert formulas(buffer.getvalue()) == []
    cells = next(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows(min_row=1, max_row=1))
    assert [c.value for c in cells[:7]] == RISKY
    assert all(c.data_type == "s" and c.quotePrefix for c in cells[:7])
    assert cells[7].value == "plain" and not cells[7].quotePrefix
    assert cells[11].value == "badchar"


def test_no_workbook_is_written_around_the_helper():
    """Every module that writes a workbook appends its rows through core.xlsx."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.rglob("*.py"):
        text = path.read_text()
        if "/tests/" in str(path) or path.name == "xlsx.py" or "openpyxl" not in text:
            continue
        if re.search(r"\b(ws|sheet|worksheet)\.append\(|\.cell\([^)]*value=", text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


MEMBER_ROW = [
    "M1", HYPERLINK, None, None, None, "01/05/1990", "Nam", "Kinh", None, "=cmd|' /C calc'!A0",
    None, None, None, None, None, None, None,
]


def test_a_formula_name_exports_as_text_and_reimports_to_the_same_name(cast, tree, tmp_path):
    buffer = io.BytesIO()
    events = [["M1", "Kết nạp", "05/03/2022", "CELL1A", None, None, None, None, None, None]]
    write_workbook({"members": [MEMBER_ROW], "events": events}, buffer)
    first = import_file(data=buffer.getvalue(), name="in.xlsx")
    assert first.ok, [str(e) for e in first.errors]
    member = Member.objects.get(code="M1")
    assert member.full_name == HYPERLINK
    path = tmp_path / "out.xlsx"
    export_workbook(tree.prov, path)
    exported = path.read_bytes()
    assert formulas(exported) == []
    sheets = {s.name: s for s in read_workbook(exported, "out.xlsx")}
    assert HYPERLINK in sheets["Đảng viên"].rows[0][1]
    again = import_file(data=exported, name="out.xlsx")
    assert again.ok, [str(e) for e in again.errors]
    assert again.total("created") == 0 and again.total("updated") == 0
    member.refresh_from_db()
    assert member.full_name == HYPERLINK and member.home_town == MEMBER_ROW[9]


@pytest.fixture
def risky_member(cast, tree):
    buffer = io.BytesIO()
    events = [["M1", "Kết nạp", "05/03/2022", "CELL1A", None, None, None, None, None, None]]
    write_workbook({"members": [MEMBER_ROW], "events": events}, buffer)
    assert import_file(data=buffer.getvalue(), name="in.xlsx").ok
    return Member.objects.get(code="M1")


def test_the_member_list_and_the_register_export_names_as_text(client, cast, tree, risky_member):
    client.force_login(cast.alice)
    for url in (reverse("members:list_xlsx") + "?org=CELL1A",
                reverse("members:register", args=["CELL1A"]) + "?format=xlsx"):
        response = client.get(url)
        assert response.status_code == 200
        data = body(response)
        assert formulas(data) == [], url
        texts = [c.value for row in load_workbook(io.BytesIO(data)).active.iter_rows() for c in row]
        assert HYPERLINK in texts, url


def test_the_interchange_export_download_writes_names_as_text(client, cast, tree, risky_member):
    client.force_login(cast.alice)
    response = client.get(reverse("interchange:export") + "?org=DIST")
    assert response.status_code == 200 and formulas(body(response)) == []


def test_the_training_attendance_list_writes_names_as_text(client, cast, tree, risky_member):
    from dangbo.training import services as training

    klass = training.create_class(organizer=tree.dist, code="L1", name="=2+3", program="NEW_MEMBER",
                                  start=D(2024, 3, 1), by=cast.alice)
    training.enroll(klass=klass, member=risky_member, by=cast.alice)
    client.force_login(cast.alice)
    response = client.get(reverse("training:attendance_xlsx", args=[klass.pk]))
    assert response.status_code == 200 and formulas(body(response)) == []
    texts = [c.value for row in load_workbook(io.BytesIO(body(response))).active.iter_rows() for c in row]
    assert "=2+3" in texts and HYPERLINK in texts


def test_the_report_and_ratings_workbooks_write_names_as_text(client, cast, tree, risky_member):
    from dangbo.organizations.models import Organization
    from dangbo.organizations.tests.helpers import found

    found(code="FX", name="=1+1 Chi bộ", kind=Organization.Kind.CELL, parent="COMM1", founded_on=D(2000, 1, 1))
    client.force_login(cast.alice)
    for url in (reverse("reports:xlsx", args=["DIST", 2023]), reverse("ratings:export", args=["DIST", 2023])):
        response = client.get(url)
        assert response.status_code == 200, url
        assert formulas(body(response)) == [], url
