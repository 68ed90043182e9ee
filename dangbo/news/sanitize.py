"""The one place article HTML is cleaned: nh3 (ammonia), with a short allow-list.

Whatever the editor's toolbar (or a pasted document, or a crafted request) sends, only
these tags and attributes are stored; links keep http, https and mailto only and get
rel="noopener noreferrer". Photos are not part of the body: they are `Photo` records.
"""

from html.parser import HTMLParser

import nh3

TAGS = {"p", "h2", "h3", "strong", "em", "ul", "ol", "li", "a", "blockquote", "figure", "figcaption", "br"}
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Blocks the article page may place a photo between.
BLOCKS = {"p", "h2", "h3", "ul", "ol", "blockquote", "figure"}


def clean_html(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


class _Splitter(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.depth = 0
        self.cuts: list[int] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag != "br":
            self.depth += 1

    def handle_endtag(self, tag):
        self.depth -= 1
        if self.depth == 0 and tag in BLOCKS:
            end = self.text.index(">", self._offset()) + 1
            self.cuts.append(end)


def split_blocks(clean: str) -> list[str]:
    """The top-level blocks of cleaned HTML (paragraphs, headings, lists...), in order,
    so that the article page can place photos between them. Their concatenation is the
    input."""
    splitter = _Splitter(clean)
    splitter.feed(clean)
    splitter.close()
    blocks, start = [], 0
    for cut in splitter.cuts:
        blocks.append(clean[start:cut])
        start = cut
    if clean[start:].strip():
        blocks.append(clean[start:])
    return [b for b in blocks if b.strip()]
