"""Every hostile file of `hostile.CASES` is refused before a parser reads it, with a
message in Vietnamese, and nothing is written. Time and peak memory of each, in a
process of its own: bench/bench_hostile.py (docs/security.md)."""

import io
import time

import pytest
from django.utils import translation

from dangbo.interchange import scan, workbook
from dangbo.interchange.importer import import_file
from dangbo.interchange.models import ImportRun
from dangbo.organizations.models import Organization

from . import hostile

# Files that are odd but harmless: read (quickly), then judged by the importer.
READABLE = {"dimension", "csv-unclosed-quote"}
# Vietnamese words one of which every refusal has.
VIETNAMESE = ("Tệp", "tệp", "Sổ tính", "sổ tính", "Trang tính", "ô", "Dòng")


@pytest.fixture
def parsers_untouched(monkeypatch):
    """Fail if calamine or openpyxl is asked to open the file."""
    import openpyxl
    import python_calamine

    def refuse(*args, **kwargs):
        raise AssertionError("a parser was given a file the boundary should have refused")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", refuse)
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


@pytest.fixture
def small_limits(monkeypatch):
    """The dense cases refused after a million cells instead of twelve: the same code
    path in a tenth of the time."""
    monkeypatch.setattr(scan, "MAX_VALUES", 1_000_000)


REFUSED_BEFORE_PARSING = sorted(set(hostile.CASES) - READABLE - {"unclosed-tags", "csv-unclosed-quote"})


@pytest.mark.parametrize("case", REFUSED_BEFORE_PARSING)
def test_a_hostile_file_is_refused_before_any_parser_sees_it(db, case, parsers_untouched, small_limits):
    name, data = hostile.CASES[case]()
    start = time.monotonic()
    with translation.override("vi"):
        report = import_file(data=data, name=name)
    assert time.monotonic() - start < 10
    assert not report.ok and not report.written
    assert len(report.errors) == 1
    message = str(report.errors[0])
    assert any(word in message for word in VIETNAMESE), message
    assert "Traceback" not in message and "Error" not in message, message
    assert not Organization.objects.exists()
    run = ImportRun.objects.get()
    assert not run.succeeded and run.errors == 1


def test_cells_that_never_close_are_refused_by_the_parser_quickly(db):
    name, data = hostile.unclosed_tags()
    start = time.monotonic()
    report = import_file(data=data, name=name)
    assert time.monotonic() - start < 5
    assert not report.ok and not Organization.objects.exists()


def test_a_dimension_claiming_the_whole_sheet_does_not_make_openpyxl_pad_it(db):
    """Legacy text makes the reader ask openpyxl for the fonts; openpyxl is bounded by
    the cells calamine found, not by the <dimension> the file claims."""
    name, data = hostile.legacy_dimension()
    start = time.monotonic()
    sheets = workbook.read_workbook(data, name)
    assert time.monotonic() - start < 2
    (sheet,) = sheets
    assert [len(values) for _n, values, _f in sheet.rows] == [5]
    number, values, fonts = sheet.rows[0]
    assert number == 2 and values[1] == "§¶ng bé x· Ch©u"


def test_the_far_cell_message_names_the_sheet_and_the_cell():
    name, data = hostile.far_cell()
    with translation.override("vi"), pytest.raises(workbook.WorkbookError) as refused:
        workbook.read_workbook(data, name)
    assert "Tổ chức" in str(refused.value) and "XFD1048576" in str(refused.value)


def test_the_nul_message_names_the_line(db):
    name, data = hostile.csv_nul()
    with translation.override("vi"):
        report = import_file(data=data, name=name)
    assert "Dòng 2" in str(report.errors[0]) and "U+0000" in str(report.errors[0])


def test_a_control_character_in_a_zipped_csv_is_refused():
    _name, data = hostile.csv_control()
    archive = hostile.rawzip({"to-chuc.csv": data})
    with pytest.raises(workbook.WorkbookError, match="U\\+001B"):
        workbook.read_workbook(archive, "x.zip")


def test_a_shared_string_copied_into_many_cells_is_counted_once_per_cell():
    _name, data = hostile.shared_string_copies()
    import zipfile

    measured = scan.scan_archive(zipfile.ZipFile(io.BytesIO(data)), data)
    sheet = next(p for p in measured.parts if p.cells)
    assert sheet.cells == 200_000 + 5
    assert sheet.text_bytes >= 200_000 * 30_000


def test_a_real_workbook_is_measured_close_to_what_it_holds(db):
    """The estimate is an upper bound of what the lists hold, and not a wild one."""
    import zipfile

    from dangbo.interchange.exporter import write_workbook

    rows = [[f"C{n}", f"Chi bộ thôn {n}", "Chi bộ trực thuộc", "X", None, "01/01/2000", None] for n in range(3000)]
    buffer = io.BytesIO()
    write_workbook({"organizations": rows}, buffer)
    data = buffer.getvalue()
    measured = scan.scan_archive(zipfile.ZipFile(io.BytesIO(data)), data)
    part = next(p for p in measured.parts if p.cells)
    assert (part.rows, part.columns) == (3001, 7)
    assert part.cells == 3001 * 7 - 3000 * 2  # the empty cells are not written
    sheets = workbook.read_workbook(data, "t.xlsx")
    assert len(sheets[0].rows) + 1 == part.rows and len(sheets[0].header) == part.columns
