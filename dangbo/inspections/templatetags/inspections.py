"""Template helpers of the report page's discipline section (reports.parts)."""

from django import template
from django.utils.translation import gettext as _

from dangbo.inspections.models import Discipline

register = template.Library()


@register.simple_tag(takes_context=True)
def may_see_discipline(context, org) -> bool:
    """Whether the page's reader may open the decisions behind the figures (the report
    as a standalone file has no reader: the links stay, the app checks when followed)."""
    from dangbo.accounts.access import can_see_discipline_of

    request = context.get("request")
    if request is None:
        return True
    return can_see_discipline_of(request.user, org)


@register.filter
def discipline_rows(figures: dict) -> list[tuple[str, str, int]]:
    """(figure, label, value) of the discipline block, for the report page."""
    rows = [
        ("discipline.members", _("Members disciplined"), figures["members"]),
        ("discipline.organizations", _("Organizations disciplined"), figures["organizations"]),
    ]
    rows += [
        (f"discipline.by_form.{key}", str(Discipline.Form(form).label), figures["by_form"][key])
        for form, key in Discipline.REPORT_KEYS.items()
    ]
    return rows
