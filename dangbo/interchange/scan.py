"""Measure an uploaded workbook before anything parses it.

calamine and openpyxl trust what a file says: one cell at XFD1048576 makes calamine
allocate the whole rectangle from A1 (17 billion cells, 512 GiB), a 2 MB archive of many
small parts can expand to hundreds of megabytes, one long shared string referenced by a
million cells is copied a million times. So every part of an archive is inflated here
first, by zlib with a bound, and measured:

- the archive: at most `MAX_PARTS` parts, stored or deflated only, not encrypted, each
  part inflating to exactly the size it declares (a part that lies about its size would
  reach calamine unmeasured), `MAX_EXPANDED_BYTES` in all, no part over `RATIO_FLOOR`
  and not the whole archive expanding more than `MAX_RATIO` times, no DTD (entity
  expansion) anywhere;
- each sheet: the rectangle from A1 to its farthest cell (what calamine allocates), its
  cells, and the text they will hold once shared strings are copied into them;
- the whole file: at most `MAX_CELLS` cells of rectangles, and the memory reading it is
  estimated to take (`estimated_bytes`) under the ceiling `DANGBO_READ_MEMORY_MB`.

Cost: one pass of zlib and regular expressions over the inflated parts, about 0.4 µs a
cell (0.6 s for the 107 MB of a 100,000-member workbook, measured in docs/security.md).
Cells are found by a fast pattern that matches what Excel, LibreOffice and openpyxl
write (`<c r="B7" ...>`); a part where it does not account for every cell tag (no
`r`, a namespace prefix, quotes of the other kind) is read again tag by tag, following
calamine's rules for cells without a reference.
"""

import dataclasses
import re
import struct
import zipfile
import zlib
from itertools import compress

MAX_PARTS = 1_000  # an .xlsx has tens; a .zip of CSV files, one per sheet
MAX_EXPANDED_BYTES = 512 * 2**20  # a 300,000-member register is about 320 MB
RATIO_FLOOR = 2**20  # parts smaller than this may compress as well as they like
MAX_RATIO = 100  # inflated / compressed; real workbooks are 5–20
MAX_ROWS = 1_048_576  # Excel's own limits
MAX_COLUMNS = 16_384
MAX_CELLS = 40_000_000  # cells of the sheets' rectangles, all sheets together
MAX_VALUES = 12_000_000  # cells that hold something (a 300,000-member register: about 5 million)
MAX_SHARED_STRING = 32_767 * 4  # Excel's cell limit, in bytes of XML (entities, UTF-8)
SHARED_STRINGS = "xl/sharedstrings.xml"  # where calamine and Excel keep them (lower case)
CHUNK = 2**20

# Bytes of memory (python-calamine 0.9.1, CPython 3.11; checked against peaks measured in
# docs/security.md). While a sheet is read, calamine keeps each cell it reads with its
# position, then builds the rectangle from A1, then copies it into Python: freed after
# each sheet. The Python lists stay, for every sheet at once: a pointer a cell, a list a
# row, an object a value, its text in UCS-2 (at most twice its bytes of UTF-8 XML).
RUST_READ = 48
RUST_CELL = 32
PY_CELL = 8
PY_ROW = 64
PY_VALUE = 80
BASE = 64 * 2**20


class ScanError(Exception):
    """Why the file is refused: `code` names the case, `params` fill the message."""

    def __init__(self, code: str, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclasses.dataclass
class PartScan:
    name: str
    size: int
    compressed: int
    budget: int = MAX_VALUES  # cells with values this part may have before it is refused
    cells: int = 0  # cell tags that hold something
    rows: int = 0  # the farthest row and column of those cells (1-based)
    columns: int = 0
    text_bytes: int = 0  # text the cells will hold: inline text and shared strings copied in

    @property
    def rectangle(self) -> int:
        return self.rows * self.columns


@dataclasses.dataclass
class Scan:
    parts: list[PartScan]
    shared_strings_bytes: int = 0

    @property
    def expanded(self) -> int:
        return sum(p.size for p in self.parts)

    @property
    def values(self) -> int:
        """Cells that hold something."""
        return sum(p.cells for p in self.parts)

    @property
    def cells(self) -> int:
        """Cells calamine will hold: the sheets' rectangles from A1."""
        return sum(p.rectangle for p in self.parts)

    def estimated_bytes(self) -> int:
        """What reading the workbook into Python lists is expected to take at its peak."""
        sheets = [p for p in self.parts if p.cells]
        kept = sum(max(p.rectangle, p.cells) * PY_CELL + p.rows * PY_ROW + p.cells * PY_VALUE + 2 * p.text_bytes
                   for p in sheets)
        transient = max((p.rectangle * RUST_CELL + p.cells * RUST_READ + p.text_bytes for p in sheets), default=0)
        return BASE + kept + transient + 2 * self.shared_strings_bytes


def scan_archive(archive: zipfile.ZipFile, data: bytes) -> Scan:
    """Measure every part of `archive` (opened on `data`, after `check_directory`);
    ScanError when it is unsafe."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise ScanError("parts", count=len(infos), limit=MAX_PARTS)
    declared = sum(i.file_size for i in infos)
    if declared > MAX_EXPANDED_BYTES:
        raise ScanError("expanded", size=declared, limit=MAX_EXPANDED_BYTES)
    for info in infos:
        if info.flag_bits & 0x1:
            raise ScanError("encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ScanError("method", name=info.filename)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ScanError("ratio", name=info.filename, ratio=info.file_size // max(info.compress_size, 1),
                            limit=MAX_RATIO)
    compressed = sum(i.compress_size for i in infos)
    if declared > RATIO_FLOOR and declared > MAX_RATIO * max(compressed, 1):
        raise ScanError("file_ratio", ratio=declared // max(compressed, 1), limit=MAX_RATIO)
    scan = Scan(parts=[])
    # Shared strings first: the sheets' cells are measured with the lengths of theirs.
    ordered = sorted(infos, key=lambda i: i.filename.lower() != SHARED_STRINGS)
    lengths: list[int] | None = None
    for info in ordered:
        part = PartScan(info.filename, info.file_size, info.compress_size, budget=MAX_VALUES - scan.values)
        if info.filename.lower() == SHARED_STRINGS:
            if lengths is not None:
                raise ScanError("malformed", name=info.filename)
            lengths = _shared_string_lengths(_inflate(data, info))
            scan.shared_strings_bytes = info.file_size
        elif info.filename.lower().endswith(".csv") or info.filename.endswith("/"):
            for _chunk in _inflate(data, info):
                pass  # measured (its true size) but parsed by the CSV reader
        else:
            _scan_part(part, lengths or [], lambda info=info: _inflate(data, info))
        scan.parts.append(part)
    return scan


def check_limits(scan: Scan, memory_limit: int) -> None:
    """The file-wide limits, once every part is measured."""
    for part in scan.parts:
        if part.rows > MAX_ROWS or part.columns > MAX_COLUMNS:
            raise ScanError("extent", name=part.name, rows=part.rows, columns=part.columns)
    if scan.cells > MAX_CELLS:
        widest = max(scan.parts, key=lambda p: p.rectangle)
        raise ScanError("cells", cells=scan.cells, limit=MAX_CELLS, name=widest.name, rows=widest.rows,
                        columns=widest.columns)
    if scan.values > MAX_VALUES:
        raise ScanError("values", cells=scan.values, limit=MAX_VALUES)
    estimate = scan.estimated_bytes()
    if estimate > memory_limit:
        raise ScanError("memory", needed=estimate, limit=memory_limit)


def check_directory(data: bytes) -> None:
    """The central directory, read before zipfile builds an object per entry: a 50 MB
    archive can name a million empty parts."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        return  # zipfile will say it is not an archive
    entries, size = struct.unpack("<HI", data[end + 10:end + 16])
    if entries > MAX_PARTS or size > MAX_PARTS * 1024:
        raise ScanError("parts", count=entries, limit=MAX_PARTS)


def _inflate(data: bytes, info: zipfile.ZipInfo):
    """The part's bytes, a chunk at a time, from the archive's own bytes. Refused when
    it inflates to more or less than it declares, or when its checksum is wrong."""
    header = data[info.header_offset:info.header_offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise ScanError("malformed", name=info.filename)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = info.header_offset + 30 + name_length + extra_length
    raw = memoryview(data)[start:start + info.compress_size]
    if len(raw) < info.compress_size:
        raise ScanError("malformed", name=info.filename)
    crc, produced = 0, 0
    if info.compress_type == zipfile.ZIP_STORED:
        source = (bytes(raw[i:i + CHUNK]) for i in range(0, len(raw), CHUNK))
        for chunk in source:
            produced += len(chunk)
            crc = zlib.crc32(chunk, crc)
            yield chunk
    else:
        inflater = zlib.decompressobj(-15)
        pending = b""
        pos = 0
        while True:
            if not pending:
                if pos >= len(raw):
                    break
                pending = bytes(raw[pos:pos + CHUNK])
                pos += CHUNK
            try:
                chunk = inflater.decompress(pending, CHUNK)
            except zlib.error:
                raise ScanError("malformed", name=info.filename) from None
            pending = inflater.unconsumed_tail
            if chunk:
                produced += len(chunk)
                if produced > info.file_size:
                    raise ScanError("size", name=info.filename)
                crc = zlib.crc32(chunk, crc)
                yield chunk
            if inflater.eof:
                break
        if not inflater.eof:
            raise ScanError("malformed", name=info.filename)
    if produced != info.file_size or crc != info.CRC:
        raise ScanError("size", name=info.filename)


_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")


def _shared_string_lengths(chunks) -> list[int]:
    """The length in bytes of XML of each shared string, in order (an upper bound of its
    text: entities and UTF-8 take at least as many bytes as the characters they give)."""
    lengths: list[int] = []
    carry = b""
    last = None  # offset of the current string's start in the stream
    offset = 0  # stream offset of carry's first byte
    for chunk in chunks:
        buffer = carry + chunk
        if _DTD.search(buffer):
            raise ScanError("dtd")
        for match in _SI.finditer(buffer):
            here = offset + match.start()
            if last is not None:
                lengths.append(here - last)
            last = here
        keep = max(0, len(buffer) - 16)  # a tag cut between chunks is found next time
        carry = buffer[keep:]
        offset += keep
    if last is not None:
        lengths.append(offset + len(carry) - last)
    if lengths and max(lengths) > MAX_SHARED_STRING:
        raise ScanError("text", limit=32_767)
    return lengths


_CELL_START = re.compile(rb"<c[\s/>]")
_PREFIXED_CELL = re.compile(rb":c[\s/>]")  # <x:c …>: read carefully
# What Excel, LibreOffice and openpyxl write: the reference first, in double quotes, and
# the value right after the tag. Bounded repeats: a tag that never closes costs a
# bounded look each time, never a scan to the end of the chunk.
_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"([^<>]{0,1000})>(?:<v>([0-9]{0,10})</v>)?')
_INLINE_TEXT = re.compile(rb"<t>([^<]*)")
_INLINE_TEXT_ATTRS = re.compile(rb"<t\s[^<>]{0,1000}>([^<]*)")
_PREFIXED_TEXT = re.compile(rb"<[A-Za-z_][\w.-]*:[tv](?:\s[^<>]{0,1000})?>([^<]*)")
_LONG_VALUE = re.compile(rb"<v>([^<]{64,})")  # text results of formulas, long numbers
# Any tag, for the careful reading.
_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c|v|is)((?:\s[^<>]*?)?)(/?)>")
_ATTR_R = re.compile(rb"""(?:^|\s)r\s*=\s*["']([^"']*)["']""")
_ATTR_T = re.compile(rb"""(?:^|\s)t\s*=\s*["']([^"']*)["']""")
_REF = re.compile(rb"([A-Za-z]{1,3})([0-9]{1,7})")
_NUMBER = re.compile(rb"\s*([0-9]{1,10})\s*<")
MAX_CARRY = 512 * 1024  # the longest a cell's text can be in XML (32,767 characters as entities)
MAX_CAREFUL_TAGS = 10_000_000  # about 10 s of Python: a file must not keep a worker busy longer


def _column_number(letters: bytes) -> int:
    n = 0
    for c in letters.upper():
        n = n * 26 + c - 64
    return n


def _scan_part(part: PartScan, shared: list[int], chunks) -> None:
    """Measure one part as calamine will read it: the cells that hold something, the
    farthest of them, their text. Parts that are not sheets simply have no cells."""
    if not _fast_scan(part, shared, chunks()):
        part.cells = part.rows = part.columns = part.text_bytes = 0
        _Careful(part, shared).run(chunks())


def _split(buffer: bytes, *, before_cell: bool) -> tuple[bytes, bytes]:
    """`buffer` as (what can be read now, what to read with the next chunk): cut before
    the last tag (before the last cell, so that a cell and its value are read together),
    or, inside a long text, before its last bytes, which may start a tag."""
    cut = max(buffer.rfind(b"<c "), buffer.rfind(b"<row")) if before_cell else -1
    if cut < 0 or len(buffer) - cut > MAX_CARRY:
        cut = buffer.rfind(b"<")
    if cut < 0 or len(buffer) - cut > MAX_CARRY:
        cut = max(0, len(buffer) - 16)
    return buffer[:cut], buffer[cut:]


def _fast_scan(part: PartScan, shared: list[int], chunks) -> bool:
    """The fast patterns, chunk by chunk; False as soon as they miss a cell tag."""
    carry = b""
    for chunk in chunks:
        body, carry = _split(carry + chunk, before_cell=True)
        if not _fast_body(part, shared, body):
            return False
    return _fast_body(part, shared, carry)


def _fast_body(part: PartScan, shared: list[int], body: bytes) -> bool:
    """One chunk: every cell tag must be one the fast pattern reads. The work per cell
    is done by C loops (regular expressions, map, compress): the attributes of a sheet's
    cells take a handful of distinct values, which are read once each."""
    if _DTD.search(body):
        raise ScanError("dtd")
    part.text_bytes += _inline_text(body)
    starts = len(_CELL_START.findall(body))
    if not starts:
        return not _PREFIXED_CELL.search(body)
    cells = _CELL.findall(body)
    if len(cells) != starts or _PREFIXED_CELL.search(body):
        return False
    letters, rows, attributes, values = zip(*cells, strict=True)
    kinds = {a: _attributes(a) for a in set(attributes)}
    if any(kind is None for kind in kinds.values()):
        return False
    empty = {a for a, kind in kinds.items() if kind == "empty"}
    strings = {a for a, kind in kinds.items() if kind == "shared"}
    part.cells += len(cells) - sum(map(empty.__contains__, attributes))
    part.columns = max(part.columns, max(map(_column_number, set(letters))))
    part.rows = max(part.rows, max(map(int, set(rows))))
    _check_budget(part)
    if strings:
        indexes = list(compress(values, map(strings.__contains__, attributes)))
        if b"" in indexes:
            return False  # a shared string cell whose value is not right after its tag
        try:
            part.text_bytes += sum(map(shared.__getitem__, map(int, indexes)))
        except IndexError:
            raise ScanError("malformed", name=part.name) from None
    return True


def _check_budget(part: PartScan) -> None:
    """Refuse as soon as a part goes beyond what a file may hold: a dense sheet after its
    first 12 million cells, not all of them; a cell beyond XFD1048576 when it is read."""
    if part.rows > MAX_ROWS or part.columns > MAX_COLUMNS:
        raise ScanError("extent", name=part.name, rows=part.rows, columns=part.columns)
    if part.rectangle > MAX_CELLS:
        raise ScanError("cells", cells=part.rectangle, limit=MAX_CELLS, name=part.name, rows=part.rows,
                        columns=part.columns)
    if part.cells > part.budget:
        raise ScanError("values", cells=part.cells + MAX_VALUES - part.budget, limit=MAX_VALUES)


def _inline_text(body: bytes) -> int:
    """Bytes of text written in the cells themselves (not shared strings)."""
    return sum(sum(map(len, pattern.findall(body))) for pattern in (_INLINE_TEXT, _INLINE_TEXT_ATTRS, _LONG_VALUE))


def _attributes(text: bytes) -> str | None:
    """What a cell's attributes after its reference say: "empty" (a self-closed tag),
    "shared" (a shared string), "value"; None when the fast reading cannot tell."""
    if text.rstrip().endswith(b"/"):
        return "empty"
    if _ATTR_R.search(text):
        return None  # a second reference
    t = _ATTR_T.search(text)
    if t is None:
        return "value" if b"t=" not in text else None
    return "shared" if t.group(1).strip() == b"s" else "value"


class _Careful:
    """Every row, cell and value tag in turn, as calamine reads them: a row without `r`
    follows the previous row, a cell without `r` the previous cell of its row."""

    def __init__(self, part: PartScan, shared: list[int]):
        self.part = part
        self.shared = shared
        self.row = self.column = self.tags = 0
        self.shared_cell = False

    def run(self, chunks) -> None:
        carry = b""
        for chunk in chunks:
            body, carry = _split(carry + chunk, before_cell=False)
            self.read(body)
        self.read(carry)

    def read(self, body: bytes) -> None:
        part = self.part
        if _DTD.search(body):
            raise ScanError("dtd")
        part.text_bytes += _inline_text(body) + sum(map(len, _PREFIXED_TEXT.findall(body)))
        for match in _TAG.finditer(body):
            self.tags += 1
            if self.tags > MAX_CAREFUL_TAGS:
                raise ScanError("cells", cells=self.tags, limit=MAX_CAREFUL_TAGS, name=part.name)
            closing, name, attrs, empty = match.groups()
            if closing:
                continue
            if name == b"row":
                r = _ATTR_R.search(attrs)
                self.row = int(r.group(1)) if r and r.group(1).strip().isdigit() else self.row + 1
                self.column = 0
            elif name == b"c":
                self.cell(attrs, bool(empty))
            elif name == b"v" and self.shared_cell:
                number = _NUMBER.match(body, match.end())
                if number:
                    index = int(number.group(1))
                    if index >= len(self.shared):
                        raise ScanError("malformed", name=part.name)
                    part.text_bytes += self.shared[index]
                self.shared_cell = False

    def cell(self, attrs: bytes, empty: bool) -> None:
        part = self.part
        r = _ATTR_R.search(attrs)
        if r:
            ref = _REF.fullmatch(r.group(1).strip())
            if not ref:
                raise ScanError("malformed", name=part.name)
            self.column, row = _column_number(ref.group(1)), int(ref.group(2))
        else:
            self.column, row = self.column + 1, self.row
        self.shared_cell = False
        if empty:
            return  # <c/>: calamine keeps nothing, but counts it
        part.cells += 1
        if row > part.rows or self.column > part.columns:
            part.rows = max(part.rows, row)
            part.columns = max(part.columns, self.column)
            _check_budget(part)
        elif part.cells > part.budget:
            _check_budget(part)
        t = _ATTR_T.search(attrs)
        self.shared_cell = bool(t and t.group(1).strip() == b"s")


def scan_csv(data: bytes, name: str) -> Scan:
    """A CSV file measured as the csv module will hold it: a list a line, a string a
    field (an upper bound: every comma and line break may end a field)."""
    lines = data.count(b"\n") + 1
    cells = data.count(b",") + lines
    part = PartScan(name, len(data), len(data), cells=cells, text_bytes=len(data))
    return Scan(parts=[part])
