"""Property tests of the reader boundary (hypothesis).

- The scan never underestimates what calamine builds: for any sheet XML, the rows,
  columns, cells and text calamine returns are within what `scan` measured, so the
  limits checked on the scan hold for the reading.
- Whatever the bytes, reading a file gives sheets or a WorkbookError, nothing else.
- Whatever the workbook, importing it gives a report, never an exception, and a refused
  import writes nothing.
"""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from dangbo.interchange import scan, workbook
from dangbo.interchange.exporter import write_workbook
from dangbo.interchange.importer import import_file
from dangbo.organizations.models import Organization

from . import hostile

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
TEXT = st.text(alphabet=st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠệ &<>\"'"), max_size=12)


def column(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = LETTERS[rest] + letters
    return letters


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@st.composite
def cell(draw, shared: int, canonical: bool):
    """One <c> element: as Excel writes it (`canonical`), or in any way XML allows."""
    quote = '"' if canonical else draw(st.sampled_from(['"', "'"]))
    space = " " if canonical else draw(st.sampled_from([" ", "  ", "\t", "\n"]))
    prefix = "" if canonical else draw(st.sampled_from(["", "", "", "x:"]))
    attrs = []
    if canonical or draw(st.booleans()) or draw(st.booleans()):
        ref = f"{column(draw(st.integers(1, 40)))}{draw(st.integers(1, 60))}"
        attrs.append(f"r={quote}{ref}{quote}")
    kind = draw(st.sampled_from(["n", "s", "inlineStr", "str", "b", "empty", "none"]))
    if kind == "s" and not shared:
        kind = "n"
    if kind not in ("n", "empty", "none") or draw(st.booleans()):
        attrs.append(f"t={quote}{kind if kind not in ('empty', 'none') else 'n'}{quote}")
    if draw(st.booleans()):
        attrs.append(f"s={quote}{draw(st.integers(0, 3))}{quote}")
    if not canonical:
        attrs = draw(st.permutations(attrs))
    head = f"<{prefix}c" + "".join(space + a for a in attrs)
    if kind == "empty":
        return head + "/>"
    if kind == "none":
        return head + f"></{prefix}c>"
    if kind == "inlineStr":
        body = f"<{prefix}is><{prefix}t>{escape(draw(TEXT))}</{prefix}t></{prefix}is>"
    elif kind == "s":
        body = f"<{prefix}v>{draw(st.integers(0, shared - 1))}</{prefix}v>"
    elif kind == "str":
        body = f"<{prefix}v>{escape(draw(TEXT))}</{prefix}v>"
    elif kind == "b":
        body = f"<{prefix}v>{draw(st.sampled_from('01'))}</{prefix}v>"
    else:
        body = f"<{prefix}v>{draw(st.integers(-10**6, 10**6))}</{prefix}v>"
    return f"{head}>{body}</{prefix}c>"


@st.composite
def sheet(draw):
    shared = draw(st.lists(TEXT, max_size=6))
    canonical = draw(st.booleans())
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        r = f' r="{draw(st.integers(1, 60))}"' if draw(st.booleans()) else ""
        cells = draw(st.lists(cell(len(shared), canonical), max_size=8))
        rows.append(f"<row{r}>{''.join(cells)}</row>")
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{hostile.MAIN}" xmlns:x="{hostile.MAIN}">'
           f"<sheetData>{''.join(rows)}</sheetData></worksheet>")
    sst = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{hostile.MAIN}">'
           + "".join(f"<si><t>{escape(s)}</t></si>" for s in shared) + "</sst>")
    return xml, sst if shared else None


def book(xml: str, sst: str | None) -> bytes:
    return hostile.xlsx({"Tổ chức": xml}, {"xl/sharedStrings.xml": sst} if sst else None)


@settings(max_examples=150, deadline=None)
@given(sheet())
def test_the_scan_never_underestimates_what_calamine_reads(generated):
    xml, sst = generated
    data = book(xml, sst)
    measured = scan.scan_archive(zipfile.ZipFile(io.BytesIO(data)), data)
    part = next(p for p in measured.parts if p.name == "xl/worksheets/sheet1.xml")
    try:
        grid = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Tổ chức")
        values = grid.to_python(skip_empty_area=False)
    except Exception:  # calamine refuses some of these: nothing to compare
        return
    filled = [v for row in values for v in row if v not in ("", None)]
    assert len(values) <= part.rows
    assert max((len(row) for row in values), default=0) <= max(part.columns, 0 if not filled else 1)
    assert len(filled) <= part.cells
    text = sum(len(v) for v in filled if isinstance(v, str))
    # Short text results of formulas (t="str") are not counted: under 64 bytes each.
    formulas = xml.count('t="str"') + xml.count("t='str'")
    assert text <= part.text_bytes + 64 * formulas


def valid_workbook() -> bytes:
    rows = [["T", "Đảng bộ tỉnh A", "Đảng bộ cấp trên cơ sở", None, None, "01/01/2000", None],
            ["C1", "Chi bộ thôn 1", "Chi bộ trực thuộc", "T", None, "01/01/2001", None]]
    buffer = io.BytesIO()
    write_workbook({"organizations": rows}, buffer)
    return buffer.getvalue()


VALID = valid_workbook()


@st.composite
def damaged(draw):
    """The valid workbook with bytes changed, cut, or repeated."""
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["flip", "cut", "repeat", "insert"]))
        at = draw(st.integers(0, len(data) - 1))
        if how == "flip":
            data[at] = draw(st.integers(0, 255))
        elif how == "cut":
            del data[at:at + draw(st.integers(1, 200))]
        elif how == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 200))] * draw(st.integers(1, 50))
        else:
            data[at:at] = draw(st.binary(max_size=40))
        if not data:
            data = bytearray(b"PK")
    return bytes(data)


@st.composite
def damaged_xml(draw):
    """The valid workbook with its sheet's XML changed, then zipped properly: this is
    what reaches calamine."""
    archive = zipfile.ZipFile(io.BytesIO(VALID))
    parts = {info.filename: archive.read(info) for info in archive.infolist()}
    name = next(n for n in parts if n.startswith("xl/worksheets/"))
    xml = bytearray(parts[name])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(xml)))
        how = draw(st.sampled_from(["cut", "insert", "repeat"]))
        if how == "cut":
            del xml[at:at + draw(st.integers(1, 60))]
        elif how == "insert":
            fragment = draw(st.sampled_from([
                '<c r="XFD1048576"><v>1</v></c>', "<c/>", "<row>", "</row>", '<c t="s"><v>5</v></c>',
                "<!DOCTYPE x>", "&amp;", "&#0;", "\x00", '<c r="A0">', '<c r="ZZZ9999999"><v>1</v></c>',
                "<x:c><x:v>2</x:v></x:c>", '<is><t>' + "a" * 100 + "</t></is>",
            ]))
            xml[at:at] = fragment.encode()
        else:
            xml[at:at] = xml[at:at + draw(st.integers(1, 80))] * draw(st.integers(1, 20))
    parts[name] = bytes(xml)
    return hostile.rawzip(parts)


@settings(max_examples=150, deadline=None)
@given(st.one_of(damaged(), damaged_xml()))
def test_reading_damaged_workbooks_gives_sheets_or_a_workbook_error(data):
    try:
        sheets = workbook.read_workbook(data, "x.xlsx")
    except workbook.WorkbookError as exc:
        assert str(exc)
    else:
        assert all(isinstance(s, workbook.RawSheet) for s in sheets)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-8")))
def test_reading_any_bytes_as_csv_or_zip_gives_sheets_or_a_workbook_error(data):
    for name in ("x.csv", "x.zip", "x.xlsx"):
        try:
            workbook.read_workbook(data, name)
        except workbook.WorkbookError as exc:
            assert str(exc)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(damaged(), damaged_xml()))
def test_importing_damaged_workbooks_never_raises_and_a_refusal_writes_nothing(data):
    before = Organization.objects.count()
    report = import_file(data=data, name="x.xlsx")
    if not report.ok:
        assert Organization.objects.count() == before
        assert all(str(problem) for problem in report.errors)
