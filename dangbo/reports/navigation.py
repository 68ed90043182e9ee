"""What the reports app adds to the menu, the help and the landing page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.home import home_of
from dangbo.core import navigation
from dangbo.organizations import selectors as org_selectors

from .models import IssuedReport
from .selectors import report_year

LANDING_YEARS = 3


def _url(request) -> str | None:
    home = home_of(request)
    if not home.reads_tree or home.organization is None:
        return None
    return reverse("reports:organization", args=[home.code])


def reports_panel(request) -> dict | None:
    """The last years' reports, each with whether it has been issued."""
    home = home_of(request)
    if _url(request) is None:
        return None
    last = report_year(home.organization, home.today)
    if last is None:
        return None
    years = [y for y in range(last, last - LANDING_YEARS, -1) if org_selectors.stood_at_year_end(home.organization, y)]
    issued: dict[int, IssuedReport] = {}
    for report in IssuedReport.objects.filter(organization=home.organization, year__in=years).defer("docx").order_by(
        "issued_on", "number"
    ):
        issued[report.year] = report  # the latest issued of each year
    return {"org": home.organization, "years": [(y, issued.get(y)) for y in years]}


def register() -> None:
    navigation.add_menu_entry(
        navigation.MenuEntry("reports", _("Yearly report"), _url, order=80, pages=("reports",), help="reports")
    )
    navigation.add_help_page(navigation.HelpPage("reports", _("Yearly report"), "reports/help.html", order=80))
    navigation.add_landing_panel(navigation.Panel("reports", "reports/_landing.html", reports_panel, order=55))
