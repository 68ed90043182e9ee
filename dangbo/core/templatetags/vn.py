"""Template filters for Vietnamese dates and numbers, available in every template."""

import datetime as dt
from decimal import Decimal

from django import template

from dangbo.lib import vntext

register = template.Library()


@register.filter
def official_date(value: dt.date | None) -> str:
    """"ngày 05 tháng 3 năm 2023", the date line of official documents."""
    if not value:
        return ""
    return vntext.official_date(value)


@register.filter
def date_line(value: dt.datetime | None) -> str:
    """"THỨ TƯ, 25/01/2023 11:40:14", the date line of the news page."""
    if not value:
        return ""
    return vntext.date_line(value)


@register.filter
def vn_number(value: int | float | Decimal | None, decimals: int | None = None) -> str:
    """1.234,5 — dots for thousands, a comma for decimals."""
    if value is None or value == "":
        return ""
    return vntext.format_number(value, decimals)
