"""The demo's news article: the 2022 report of Thanh Hà, written from the data, published
on 25/01/2023 11:40:14 as the seed article was."""

import datetime as dt
from zoneinfo import ZoneInfo

from dangbo.news.demo import ensure_demo_article
from dangbo.organizations.models import Organization
from dangbo.reports.article import article_html, compose_article

PUBLISHED_AT = dt.datetime(2023, 1, 25, 11, 40, 14, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def publish_demo_article():
    org = Organization.objects.get(code="THANHHA")
    article = compose_article(org, 2022)
    return ensure_demo_article(
        organization=org,
        title=article["title"],
        lead=article["lead"],
        body_html=article_html(article),
        published_at=PUBLISHED_AT,
    )
