"""The report page: its context, shared by the web view and `--format html`."""

import datetime as dt
from pathlib import Path

from django.apps import apps
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangbo.organizations.models import Organization
from dangbo.ratings.models import Rating
from dangbo.training.models import TrainingClass

from . import selectors
from .article import compose_article
from .parts import PARTS

MEMBERSHIP_ROWS = [
    ("admissions", gettext_lazy("Admitted")),
    ("recognized_official", gettext_lazy("Recognized as official members")),
    ("transfers_in", gettext_lazy("Transferred in")),
    ("removed_from_party", gettext_lazy("Removed from the Party (expelled or left)")),
    ("name_deletions", gettext_lazy("Names deleted from the register")),
    ("deaths", gettext_lazy("Deaths")),
    ("transfers_out", gettext_lazy("Transferred out")),
]
CADRE_KINDS = [
    ("transfer", gettext_lazy("Transfer")),
    ("rotation", gettext_lazy("Rotation")),
    ("appointment", gettext_lazy("Appointment")),
    ("reappointment", gettext_lazy("Reappointment")),
    ("designation", gettext_lazy("Designation")),
    ("nomination", gettext_lazy("Nomination for election")),
]
RATING_LEVELS = [
    ("excellent", Rating.Level.EXCELLENT.label),
    ("good", Rating.Level.GOOD.label),
    ("completed", Rating.Level.COMPLETED.label),
    ("not_completed", Rating.Level.NOT_COMPLETED.label),
    ("not_rated", gettext_lazy("Not rated")),
]
TARGET_STATUSES = [
    ("exceeded", gettext_lazy("Exceeded")),
    ("met", gettext_lazy("Met")),
    ("not_met", gettext_lazy("Not met")),
    ("no_data", gettext_lazy("No data yet")),
]


def news_enabled() -> bool:
    """The "make a news draft" button exists only when the news app is installed."""
    return apps.is_installed("dangbo.news")


def report_context(org: Organization, year: int, figures: dict, *, user=None) -> dict:
    from dangbo.accounts.access import can_change_tree
    from dangbo.targets.selectors import targets_of

    f = figures
    programs = {key: program for program, key in TrainingClass.REPORT_KEYS.items()}
    training = [
        {"key": key, "label": TrainingClass.Program(programs[key]).label, **value}
        for key, value in f["training"].items()
    ]
    issued = []
    for report in selectors.issued_of(org, year):
        issued.append({"report": report, "differences": selectors.differences(report.figures, f)})
    day = selectors.default_issue_date(org, year)
    settings = selectors.settings_for(org, day)
    chart = {
        "ratings": {
            "labels": [str(label) for _key, label in RATING_LEVELS],
            "grassroots": [f["grassroots_ratings"][key] for key, _label in RATING_LEVELS],
            "members": [f["member_ratings"][key] for key, _label in RATING_LEVELS],
            "grassroots_label": _("Grassroots organizations"),
            "members_label": _("Party members"),
        },
        "membership": {
            "labels": [str(label) for _key, label in MEMBERSHIP_ROWS],
            "values": [f[key] for key, _label in MEMBERSHIP_ROWS],
            "label": _("Members"),
        },
        "targets": {
            "labels": [str(label) for _key, label in TARGET_STATUSES],
            "values": [f["targets"][key] for key, _label in TARGET_STATUSES],
        },
    }
    return {
        "org": org,
        "org_name": f["organization"]["name"],
        "year": year,
        "figures": f,
        "membership_rows": [(key, label, f[key]) for key, label in MEMBERSHIP_ROWS],
        "cadre_rows": [(key, label, f["cadre_decisions"]["by_kind"][key]) for key, label in CADRE_KINDS],
        "training": training,
        "training_total": {
            "classes": sum(t["classes"] for t in training),
            "learners": sum(t["learners"] for t in training),
        },
        "rating_rows": [
            (key, label, f["grassroots_ratings"][key], f["member_ratings"][key]) for key, label in RATING_LEVELS
        ],
        "rating_totals": (sum(f["grassroots_ratings"].values()), sum(f["member_ratings"].values())),
        "target_rows": [(key, label, f["targets"][key]) for key, label in TARGET_STATUSES],
        "targets": list(targets_of(org, year)),
        "chart": chart,
        "issued": issued,
        "settings": settings,
        "issue_day": day,
        "abbreviation_warning": selectors.abbreviation_warning(settings.abbreviation, day),
        "article": compose_article(org, year, f),
        "can_change": bool(user) and can_change_tree(user, org),
        "news_enabled": news_enabled(),
        "parts": [part for part in PARTS if part.template],
    }


def _static_text(path: str) -> str:
    found = finders.find(path)
    return Path(found).read_text(encoding="utf-8") if found else ""


def standalone_html(org: Organization, year: int, figures: dict) -> str:
    """The report page as one file: the same tables and charts, the stylesheets and
    Chart.js inlined so that it opens without the server; no buttons. Links to the
    records stay relative to the app (/reports/…), for use beside a running server."""
    context = report_context(org, year, figures)
    context.update(
        standalone=True,
        inline_css=_static_text("dangbo/app.css") + "\n" + _static_text("reports/reports.css"),
        inline_print_css=_static_text("dangbo/print.css") + "\n" + _static_text("reports/print.css"),
        inline_js=_static_text("vendor/chart.umd.min.js") + "\n" + _static_text("reports/charts.js"),
        generated=dt.datetime.now(),
    )
    return render_to_string("reports/standalone.html", context)
