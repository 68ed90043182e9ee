"""Every format of the yearly report, from the one set of figures (`annual_figures`)."""

import datetime as dt
import json

from dangbo.organizations.models import Organization

from .figures import annual_figures

FORMATS = ("json", "html", "docx", "xlsx", "article")


def render(org: Organization, year: int, fmt: str, *, day: dt.date | None = None) -> str | bytes:
    """The report of a validated (organization, year) in `fmt`: text for json, html and
    article, bytes for docx and xlsx."""
    figures = annual_figures(org, year)
    if fmt == "json":
        return json.dumps(figures, ensure_ascii=False, indent=2) + "\n"
    if fmt == "article":
        from .article import article_text, compose_article

        return article_text(compose_article(org, year, figures))
    if fmt == "xlsx":
        from .excel import build_xlsx

        return build_xlsx(figures)
    if fmt == "docx":
        from .services import draft_docx

        return draft_docx(org, year, figures, day)
    if fmt == "html":
        from .page import standalone_html

        return standalone_html(org, year, figures)
    raise ValueError(fmt)
