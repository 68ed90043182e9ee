"""Nothing a reader or an editor types can run script in a reader's browser."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from dangbo.news import services

from .conftest import comment

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">bấm vào đây</a>',
    '"><script>alert(1)</script>',
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<body onload=alert(1)>",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "'; alert(1); //",
]
DANGEROUS_TAGS = {"script", "iframe", "svg", "math", "style", "object", "embed", "details", "base", "form"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "content", "xlink:href"}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_safe(html: str, own_forms: int | None = None):
    """What a browser would parse out of the page: no script element other than our
    static files, no event-handler attribute, no javascript:/data: address; and the
    raw text of a payload never comes through unescaped."""
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        if tag == "script":
            assert set(attrs) <= {"src", "defer"} and attrs.get("src", "").startswith("/static/"), attrs
        elif tag == "form":
            assert attrs.get("method") in ("post", "get"), attrs
        else:
            assert tag not in DANGEROUS_TAGS, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in URL_ATTRIBUTES and value:
                assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), (tag, name, value)
    assert not re.search(r"<script>|<img src=x|<svg|<iframe|onerror=alert\(1\)>", html, re.I)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_comment_payload_is_shown_as_text(client, cast, demo, payload):
    c = services.submit_comment(
        article=demo, name=f"Người đọc {payload}"[:80], contact="", text=f"Ý kiến của tôi: {payload}", ip="10.1.1.1"
    )
    services.moderate(comment=c, status="APPROVED", by=cast.eddie)
    html = client.get(reverse("news:article", args=[demo.slug])).content.decode()
    assert "Ý kiến của tôi:" in html
    assert_safe(html)
    moderation = client
    moderation.force_login(cast.eddie)
    assert_safe(moderation.get(reverse("news:moderation") + "?q=approved").content.decode().split("<main", 1)[1])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_article_payload_is_removed_or_escaped(client, cast, payload):
    from .conftest import picture

    article = services.create_article(
        title=f"Tiêu đề {payload}",
        lead=f"Tóm tắt {payload}",
        body_html=f"<p>Thân bài {payload}</p>",
        byline=payload[:100],
    )
    services.add_photo(article=article, data=picture(), caption=f"Chú thích {payload}", alt_text=f"Ảnh {payload}")
    services.publish(article=article)
    for url in (reverse("news:article", args=[article.slug]), reverse("news:list")):
        html = client.get(url).content.decode()
        assert "Tiêu đề" in html
        assert_safe(html)
    client.force_login(cast.eddie)
    html = client.get(reverse("news:edit", args=[article.pk])).content.decode().split("<main", 1)[1]
    assert_safe(re.sub(r'<script src="/static/[^"]+"( defer)?></script>', "", html))


def test_a_payload_in_the_failed_form_is_escaped(client, demo):
    name = "<img src=x onerror=alert(1)>" * 4  # too long: the form comes back
    response = client.post(
        reverse("news:article", args=[demo.slug]),
        {"name": name, "text": "<script>alert(1)</script> Tôi đồng ý", "contact": "", "website": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="name-error"' in html and "Tôi đồng ý" in html
    assert_safe(html)


def test_comment_helper_accepts_the_payload_text(demo):
    assert comment(demo, text="Tôi thấy <script>alert(1)</script> hay").status == "PENDING"
