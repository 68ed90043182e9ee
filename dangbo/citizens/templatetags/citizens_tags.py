from django import template
from django.utils.translation import gettext as _

from dangbo.citizens import selectors

register = template.Library()


@register.simple_tag
def petitions_chart(org, year) -> dict:
    """The data of the report's chart of petitions by month (one query)."""
    months = selectors.petitions_by_month(org, year)
    return {
        "labels": [_("M%(month)d") % {"month": m} for m in range(1, 13)],
        "received": months["received"],
        "closed": months["closed"],
        "overdue": months["overdue"],
        "received_label": _("Received"),
        "closed_label": _("Closed"),
        "overdue_label": _("Overdue at the end of the month"),
    }


@register.filter
def get_item(mapping, key):
    """`mapping[key]`, for dictionaries keyed by a variable."""
    return mapping.get(key) if mapping else None
