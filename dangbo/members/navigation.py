"""What the members app adds to the menu, the help and the landing page: the register's
figures, what is due, a cell secretary's cell, membership over the years."""

import datetime as dt

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.home import home_of
from dangbo.core import charts, navigation
from dangbo.core.db import by_key
from dangbo.organizations import selectors as org_selectors
from dangbo.tallies.selectors import YearFigures

from . import selectors

CHART_YEARS = 8
WORKLIST_COUNTS_SECONDS = 300


def _reads_tree(request) -> bool:
    home = home_of(request)
    return home.reads_tree and home.organization is not None


def _list_url(request) -> str | None:
    return reverse("members:list") if _reads_tree(request) else None


def _due_url(request) -> str | None:
    return reverse("members:worklists") if _reads_tree(request) else None


def _staff(request) -> bool:
    home = home_of(request)
    return _reads_tree(request) and not home.is_cell_secretary


def _staff_today(request) -> bool:
    return _staff(request) and not home_of(request).ended


def figures_panel(request) -> dict | None:
    """Đảng số and the organizations of the user's tree on the day the pages show."""
    home = home_of(request)
    if not _reads_tree(request) or home.is_cell_secretary:
        return None
    return {
        "home": home,
        "members": selectors.headcount(home.organization, home.day),
        **org_selectors.forest_counts(home.day, [home.organization]),
    }


def due_panel(request) -> dict | None:
    """Counts of what is due in the user's organization today. Nothing for an organization
    that has ended: nothing is due in it any more."""
    home = home_of(request)
    if not _staff_today(request):
        return None
    org, today = home.organization, home.today
    # The worklists read every member of the subtree (seconds for a province): their
    # counts are kept in the shared cache for a few minutes, per organization and day.
    key = f"dashboard-worklists:{org.pk}:{today.isoformat()}"
    counts = cache.get(key)
    if counts is None:
        counts = {
            "recognition": len(selectors.due_for_recognition(org, today)),
            "badges": len(selectors.badges_due(org, today.year)),
            "duplicates": len(selectors.suspected_duplicates(org, today)),
            "citizen_ids": selectors.citizen_id_problems(org, today, limit=0).count,
            "transfers_out": len(selectors.recent_transfers_out(org, today)),
        }
        cache.set(key, counts, WORKLIST_COUNTS_SECONDS)
    return {"org": org, **counts}


def cell_panel(request) -> dict | None:
    """A cell secretary's page: the cell's members, and who is due for what, by name."""
    home = home_of(request)
    if not home.is_cell_secretary or home.organization is None:
        return None
    org, day = home.organization, home.day
    spans = list(
        selectors.members_on(org, day).select_related("member").order_by(by_key("member__sort_key"), "member__code")
    )
    return {
        "home": home,
        "name": org_selectors.name_on(org, day),
        "spans": spans,
        "count": selectors.headcount(org, day),
        "recognition": selectors.due_for_recognition(org, day) if not home.ended else [],
        "badges": selectors.badges_due(org, day.year) if not home.ended else [],
    }


def _year_end_headcount(org, year: int) -> dict:
    """Đảng số at the end of `year`: from the report tallies when they keep the year (a
    province's count without reading its 40,000 members), else from the spans."""
    tallied = YearFigures.for_year(org, year)
    return tallied.headcount() if tallied is not None else selectors.headcount(org, dt.date(year, 12, 31))


def membership_chart_panel(request) -> dict | None:
    """Đảng số at the end of each of the last years the organization stood (the report
    tallies'), and on the day the pages show (counted from the spans)."""
    home = home_of(request)
    if not _reads_tree(request):
        return None
    org = home.organization
    last = org_selectors.last_year_end(org, home.today)
    if last is None:
        return None
    last = min(last, home.day.year - 1)
    # A year-end when the organization did not exist counts 0 (no subtree) and is dropped.
    points = [(str(year), _year_end_headcount(org, year)) for year in range(last - CHART_YEARS + 2, last + 1)]
    points.append((home.day.strftime("%d/%m/%Y"), selectors.headcount(org, home.day)))
    while points and not points[0][1]["total"]:  # years before the register was loaded
        points.pop(0)
    if len(points) < 2:
        return None
    labels = [label for label, _count in points]
    return {
        "chart": charts.chart(
            "bar",
            labels,
            [
                charts.series(_("Official"), [c["official"] for _l, c in points], "#b71c1c"),
                charts.series(_("Probationary"), [c["probationary"] for _l, c in points], "#ef9a9a"),
            ],
            stacked=True,
        ),
        "rows": points,
    }


def access_log_panel(request) -> dict | None:
    """For administrators: how many dossiers were opened and files of personal data
    downloaded today, with the way to the access log."""
    if not request.user.is_admin:
        return None
    today = home_of(request).today
    views, exports = selectors.access_log(since=today, until=today)
    return {"views": views.count(), "exports": exports.count()}


def register() -> None:
    add = navigation.add_menu_entry
    add(navigation.MenuEntry("members", _("Party members"), _list_url, order=20,
                             pages=("members",), help="members"))
    add(navigation.MenuEntry("due", _("What is due"), _due_url, order=30,
                             pages=("members:worklists", "members:quality"), help="due"))
    navigation.add_help_page(navigation.HelpPage("members", _("Party members"), "members/help.html", order=20))
    navigation.add_help_page(navigation.HelpPage("due", _("What is due"), "members/help_due.html", order=30))
    panel = navigation.add_landing_panel
    panel(navigation.Panel("cell", "members/_landing_cell.html", cell_panel, order=10, wide=True))
    panel(navigation.Panel("figures", "members/_landing_figures.html", figures_panel, order=10, wide=True))
    panel(navigation.Panel("due", "members/_landing_due.html", due_panel, order=20, later=True,
                           applies=_staff_today))
    panel(navigation.Panel("access-log", "members/_landing_access_log.html", access_log_panel, order=90))
    panel(navigation.Panel("membership", "members/_landing_chart.html", membership_chart_panel, order=40,
                           later=True, applies=_reads_tree))
