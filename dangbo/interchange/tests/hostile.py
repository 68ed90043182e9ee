"""Hostile files, made in memory: each is what a probe sends to break the reader.

`CASES` maps a name to a function giving (file name, bytes). The tests read each one
(test_hostile.py); bench/bench_hostile.py measures the time and peak memory of
`dangbo import` on each in a process of its own (docs/security.md).
"""

import io
import struct
import zipfile
import zlib

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
ORG_HEADER = ("Mã", "Tên", "Loại", "Mã cấp trên", "Ngày thành lập")


def content_types(sheets: int) -> str:
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, sheets + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}</Types>"
    )


def workbook_parts(names: list[str], workbook_prefix: str = "") -> dict[str, str]:
    """Everything but the sheets' own XML, for sheets named `names`."""
    sheets = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{WORKSHEET}" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(names) + 1)
    )
    return {
        "[Content_Types].xml": content_types(len(names)),
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?>{workbook_prefix}'
        f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>{sheets}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
        f"{rels}</Relationships>",
    }


def sheet_xml(rows: str, before: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{before}'
            f"<sheetData>{rows}</sheetData></worksheet>")


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row(header=ORG_HEADER) -> str:
    columns = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return '<row r="1">' + "".join(inline(f"{columns[i]}1", h) for i, h in enumerate(header)) + "</row>"


class Deflated:
    """A part given as raw deflate data: `segment` (flushed so that copies of it can
    follow each other) `times` over, then the end of the stream. Makes parts of hundreds
    of megabytes in milliseconds. `declared` is the size the archive will claim."""

    def __init__(self, segment: bytes, times: int = 1, declared: int | None = None):
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        block = compressor.compress(segment) + compressor.flush(zlib.Z_FULL_FLUSH)
        self.raw = block * times + compressor.flush(zlib.Z_FINISH)
        crc = 0
        for _ in range(times):
            crc = zlib.crc32(segment, crc)
        self.crc = crc
        self.size = len(segment) * times if declared is None else declared


def rawzip(parts: dict) -> bytes:
    """A zip archive written by hand, so that a part can be anything, sizes included."""
    out = bytearray()
    central = bytearray()
    for name, content in parts.items():
        if not isinstance(content, Deflated):
            content = Deflated(content.encode() if isinstance(content, str) else content)
        encoded = name.encode()
        offset = len(out)
        fields = struct.pack("<HHHHHIII", 20, 0x800, 8, 0, 0x21, content.crc, len(content.raw), content.size)
        out += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + content.raw
        central += (b"PK\x01\x02" + struct.pack("<H", 20) + fields
                    + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    end = struct.pack("<HHHHIIH", 0, 0, len(parts), len(parts), len(central), len(out), 0)
    return bytes(out + central + b"PK\x05\x06" + end)


def xlsx(sheets: dict[str, "str | Deflated"], extra: dict | None = None, workbook_prefix: str = "") -> bytes:
    """A workbook of `sheets` (name: sheet XML) and `extra` parts."""
    parts: dict = dict(workbook_parts(list(sheets), workbook_prefix))
    for i, content in enumerate(sheets.values(), 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = content
    parts.update(extra or {})
    return rawzip(parts)


def far_cell() -> tuple[str, bytes]:
    """One cell at XFD1048576: calamine allocates the rectangle from A1 (512 GiB)."""
    rows = header_row() + '<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>'
    return "far-cell.xlsx", xlsx({"Tổ chức": sheet_xml(rows)})


def far_cell_without_references() -> tuple[str, bytes]:
    """The far cell again, placed by counting: a numbered row, then 16,383 cells without
    a reference before one that holds a value."""
    rows = header_row() + '<row r="1048576">' + "<c/>" * 16_383 + "<c><v>1</v></c></row>"
    return "far-cell-counted.xlsx", xlsx({"Tổ chức": sheet_xml(rows)})


def _sheet_around(segment: str, times: int, header: str | None = None) -> "Deflated":
    """A sheet whose rows are `segment` repeated `times` times, deflated as it goes."""
    head, tail = sheet_xml("<!--rows-->").split("<!--rows-->")
    body = head + (header if header is not None else header_row())
    return _stream([body.encode(), segment.encode(), tail.encode()], times)


def _stream(pieces: list[bytes], times: int) -> "Deflated":
    """Deflated data of pieces[0] + pieces[1] * times + pieces[2]."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    first = compressor.compress(pieces[0]) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(pieces[1]) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = compressor.compress(pieces[2]) + compressor.flush(zlib.Z_FINISH)
    part = Deflated(b"")
    part.raw = first + block * times + last
    crc = zlib.crc32(pieces[0])
    for _ in range(times):
        crc = zlib.crc32(pieces[1], crc)
    part.crc = zlib.crc32(pieces[2], crc)
    part.size = len(pieces[0]) + len(pieces[1]) * times + len(pieces[2])
    return part


def many_parts() -> tuple[str, bytes]:
    """The probe's file: 2.6 MB expanding to 594 MB across 110 sheets of 5.4 MB, each
    under the old check (which looked at single parts over 10 MB)."""
    sheet = _sheet_around('<row r="2"><c r="A2" t="n"><v>1</v></c></row>' * 1000, 120)
    return "many-parts.xlsx", xlsx({f"S{i}": sheet for i in range(110)})


def many_small_parts() -> tuple[str, bytes]:
    """The same under the total limit and the parts' limit: 500 parts of 0.9 MB (each
    too small for its own ratio to count), 450 MB from 2 MB."""
    sheet = _sheet_around('<row r="2"><c r="A2" t="n"><v>1</v></c></row>' * 1000, 20)
    return "many-small-parts.xlsx", xlsx({f"S{i}": sheet for i in range(500)})


def one_part_bomb() -> tuple[str, bytes]:
    """One 300 MB part of zeros in 300 KB."""
    return "bomb.xlsx", xlsx({"Tổ chức": Deflated(bytes(2**20), 300)})


def dense_sheet() -> tuple[str, bytes]:
    """20 million small cells, every part within the ratio: memory, not compression.
    (1,000 rows of 20 cells, 1,000 times over: calamine keeps every cell it reads.)"""
    cells = "".join(f'<c r="{c}{{n}}"><v>1</v></c>' for c in "ABCDEFGHIJKLMNOPQRST")
    rows = "".join(f'<row r="{n}">{cells.format(n=n)}</row>' for n in range(2, 1002))
    return "dense.xlsx", xlsx({"Tổ chức": _sheet_around(rows, 1000)})


def shared_string_copies() -> tuple[str, bytes]:
    """One 30,000-character shared string in 200,000 cells: 6 GB of text once copied
    into each cell, from a file of about 1 MB."""
    sst = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="1" uniqueCount="1">'
           f"<si><t>{'a' * 30_000}</t></si></sst>")
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(2, 1002))
    return "shared-strings.xlsx", xlsx({"Tổ chức": _sheet_around(rows, 200)}, {"xl/sharedStrings.xml": sst})


def entity_expansion() -> tuple[str, bytes]:
    """A "billion laughs" document type in the workbook part."""
    dtd = ('<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
           '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>')
    return "laughs.xlsx", xlsx({"Tổ chức": sheet_xml(header_row())}, workbook_prefix=dtd)


def lying_size() -> tuple[str, bytes]:
    """A sheet that declares 2 KB and inflates to far more, with the far cell after the
    declared end: a reader that trusts the declared size never sees it."""
    honest = sheet_xml(header_row() + '<row r="2">' + inline("A2", "X") + "</row>")
    secret = honest.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    part = Deflated(secret.encode(), declared=len(honest.encode()))
    part.crc = zlib.crc32(honest.encode())
    return "lying-size.xlsx", xlsx({"Tổ chức": part})


def many_entries() -> tuple[str, bytes]:
    """65,000 empty parts: the archive's directory alone would make 65,000 objects."""
    parts: dict = dict(workbook_parts(["Tổ chức"]))
    parts["xl/worksheets/sheet1.xml"] = sheet_xml(header_row())
    empty = Deflated(b"")
    parts.update({f"x/{i}": empty for i in range(65_000)})
    return "many-entries.xlsx", rawzip(parts)


def other_compression() -> tuple[str, bytes]:
    """A sheet compressed with bzip2, which Excel never writes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in workbook_parts(["Tổ chức"]).items():
            z.writestr(name, text)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml(header_row()), compress_type=zipfile.ZIP_BZIP2)
    return "bzip2.xlsx", buffer.getvalue()


def legacy_dimension() -> tuple[str, bytes]:
    """Text in a legacy encoding (so that openpyxl reads the fonts) under a <dimension>
    that claims A1:XFD1048576: openpyxl would pad every row to 16,384 cells and add
    empty rows up to 1,048,576. Readable: read quickly."""
    rows = header_row() + '<row r="2">' + inline("A2", "T1") + inline("B2", "§¶ng bé x· Ch©u") + "</row>"
    return "dimension.xlsx", xlsx({"Tổ chức": sheet_xml(rows, before='<dimension ref="A1:XFD1048576"/>')})


def unclosed_tags() -> tuple[str, bytes]:
    """Cell tags that never close, to make a pattern scan to the end of the text each
    time (quadratic time with an unbounded pattern)."""
    rows = header_row() + '<row r="2">' + "".join(f'<c r="A{n}" t="n"' for n in range(400_000))
    return "unclosed.xlsx", xlsx({"Tổ chức": sheet_xml(rows)})


def no_references() -> tuple[str, bytes]:
    """Cells without references, a million of them in one row: read tag by tag."""
    rows = header_row() + "<row>" + "".join(f"<c><v>{n}</v></c>" for n in range(1_000_000)) + "</row>"
    return "no-references.xlsx", xlsx({"Tổ chức": sheet_xml(rows)})


def encrypted() -> tuple[str, bytes]:
    return "encrypted.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)


def not_a_zip() -> tuple[str, bytes]:
    return "fake.xlsx", b"PK\x03\x04" + b"garbage" * 100


def truncated() -> tuple[str, bytes]:
    name, data = legacy_dimension()
    return "truncated.xlsx", data[: len(data) // 2]


def csv_nul() -> tuple[str, bytes]:
    return "nul.csv", ",".join(ORG_HEADER).encode() + b"\r\nT1,Chi b\x00 A,Chi b\xe1\xbb\x99,,01/01/2000\r\n"


def csv_control() -> tuple[str, bytes]:
    return "control.csv", ",".join(ORG_HEADER).encode() + b"\nT1,Chi b\x1b[31m A,Chi b\xe1\xbb\x99,,01/01/2000\n"


def csv_long_field() -> tuple[str, bytes]:
    return "long-field.csv", ",".join(ORG_HEADER).encode() + b'\n"' + b"a" * 200_000 + b'",x,y,,01/01/2000\n'


def csv_unclosed_quote() -> tuple[str, bytes]:
    return "quote.csv", ",".join(ORG_HEADER).encode() + b'\nT1,"Chi bo,Chi bo,,01/01/2000\n'


def csv_line_breaks() -> tuple[str, bytes]:
    """45 MB of line breaks: 47 million empty rows once parsed."""
    return "lines.csv", ",".join(ORG_HEADER).encode() + b"\n" * 45_000_000


def csv_commas() -> tuple[str, bytes]:
    """45 MB of commas: 45 million empty cells in one row."""
    return "commas.csv", ",".join(ORG_HEADER).encode() + b"\n" + b"," * 45_000_000


def csv_not_utf8() -> tuple[str, bytes]:
    return "latin.csv", ",".join(ORG_HEADER).encode() + "\nT1,Chi bộ,x,,01/01/2000\n".encode("utf-16")


def zip_of_csv_bomb() -> tuple[str, bytes]:
    """A zip of CSV files, one of them 400 MB of commas in 400 KB."""
    return "csv-bomb.zip", rawzip({"to-chuc.csv": Deflated(b"," * 2**20, 400)})


def zip_of_csv_dense() -> tuple[str, bytes]:
    """A zip of CSV files of 8 MB each, within every ratio, 30 of them: memory in all."""
    part = Deflated(b"".join(b"%d,b,c,d,e,f,g,h,i,j\n" % n for n in range(400_000)))
    return "csv-dense.zip", rawzip({f"{i}.csv": part for i in range(30)})


CASES = {
    "far-cell": far_cell,
    "far-cell-counted": far_cell_without_references,
    "many-parts": many_parts,
    "many-small-parts": many_small_parts,
    "one-part-bomb": one_part_bomb,
    "dense": dense_sheet,
    "no-references": no_references,
    "shared-strings": shared_string_copies,
    "entities": entity_expansion,
    "lying-size": lying_size,
    "many-entries": many_entries,
    "bzip2": other_compression,
    "dimension": legacy_dimension,
    "unclosed-tags": unclosed_tags,
    "encrypted": encrypted,
    "not-a-zip": not_a_zip,
    "truncated": truncated,
    "csv-nul": csv_nul,
    "csv-control": csv_control,
    "csv-long-field": csv_long_field,
    "csv-unclosed-quote": csv_unclosed_quote,
    "csv-line-breaks": csv_line_breaks,
    "csv-commas": csv_commas,
    "csv-not-utf8": csv_not_utf8,
    "zip-of-csv-bomb": zip_of_csv_bomb,
    "zip-of-csv-dense": zip_of_csv_dense,
}
