"""What the other apps add to the yearly report (REPORT.md, "Figures for inspection,
citizens, member development and leadership work").

An app registers a `ReportPart` per figure key in its AppConfig.ready(); the report
stays one engine: `figures.annual_figures` adds each part's figures, the article and the
Word report its sentences in the seed's order, the Excel workbook and the Word report its
tables, the report page its section, and the records page the records behind each of its
figures (`records(org, year, figure, params)` for figures named "key" or "key.sub").

The seed's order (REPORT.md): political education 10, cadres and committees 20,
training 25, member development and removals 30, leadership method (assignments,
documents) 40, inspection and supervision 50, citizens 60, Dân vận khéo 70, ratings 80,
targets 90. The report's own sections keep their places among them.
"""

import dataclasses
from collections.abc import Callable

from dangbo.organizations.models import Organization

from .tables import Section
from .wording import Names


@dataclasses.dataclass(frozen=True)
class ReportPart:
    key: str  # the figure's key in the JSON report (REPORT.md)
    order: int  # its place in the seed's order (above)
    figures: Callable[[Organization, int], dict]  # every key of REPORT.md, 0 when no records
    # Documents and articles are Vietnamese by design: the Word section's heading, and
    # the sentences of the article and the Word report from the whole figures dict (and
    # how the organization is named); [] when there are no records (left out, never "0").
    heading: str = ""
    sentences: Callable[[dict, Names], list[str]] = lambda f, names: []
    # What the Word report says when `sentences` gives nothing.
    none_text: str = ""
    tables: Callable[[dict], list[Section]] = lambda f: []  # Excel sheets, Word tables
    template: str = ""  # the report page's section, rendered with the report's context
    records: Callable | None = None  # (org, year, figure, params) -> {title, headers, rows} | None
    # Static JavaScript files the section needs (its charts), in the page's scripts and
    # inlined into the standalone HTML report; no inline scripts in the templates.
    scripts: tuple[str, ...] = ()
    # (year) -> is there any record of this part in that year or before? A report can be
    # made for a year when any part has records (figures.has_records_until).
    has_records: Callable[[int], bool] | None = None
    # Who may see those records, when fewer than the report's readers (discipline):
    # (user, org) -> bool; the records page answers 404 to the others.
    allowed: Callable | None = None


PARTS: list[ReportPart] = []


def register(part: ReportPart) -> None:
    """Add `part` (once: AppConfig.ready() may run again in tests)."""
    if all(p.key != part.key for p in PARTS):
        PARTS.append(part)
        PARTS.sort(key=lambda p: p.order)


def part_for(figure: str) -> ReportPart | None:
    key = figure.split(".", 1)[0]
    return next((p for p in PARTS if p.key == key), None)
