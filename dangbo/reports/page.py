"""The report page: its context, shared by the web view and `--format html`."""

import datetime as dt
from pathlib import Path

from django.apps import apps
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangbo.core.once import once_key
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import last_day, stood_at_year_end
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


def _figure_labels() -> dict[str, str]:
    """What each figure of the JSON (flattened: "members.at_year_end") is called on the
    page, so that a difference between an issued report and the live figures reads as
    words, not keys."""
    labels = {key: str(label) for key, label in MEMBERSHIP_ROWS}
    labels.update({
        "members.at_year_end": _("Party members on 31/12"),
        "members.official": _("Official members on 31/12"),
        "members.probationary": _("Probationary members on 31/12"),
        "cadre_decisions.people": _("People concerned by cadre decisions"),
        "cadre_decisions.decisions": _("Cadre decisions"),
        "targets.total": _("Targets"),
        "targets.met_or_exceeded": _("Targets met or exceeded"),
        "organization.name": _("Name of the organization"),
        "warnings": _("Rule warnings"),
    })
    for key, label in CADRE_KINDS:
        labels[f"cadre_decisions.by_kind.{key}"] = _("Cadre decisions: %(kind)s") % {"kind": label}
    for key, label in RATING_LEVELS:
        labels[f"grassroots_ratings.{key}"] = _("Grassroots organizations: %(level)s") % {"level": label}
        labels[f"member_ratings.{key}"] = _("Party members: %(level)s") % {"level": label}
    for key, label in TARGET_STATUSES:
        labels[f"targets.{key}"] = _("Targets: %(status)s") % {"status": label}
    for program, key in TrainingClass.REPORT_KEYS.items():
        name = TrainingClass.Program(program).label
        labels[f"training.{key}.classes"] = _("Classes: %(program)s") % {"program": name}
        labels[f"training.{key}.learners"] = _("Learners: %(program)s") % {"program": name}
    return labels


def _difference(key: str, old, new) -> tuple[str, object, object]:
    """(label, issued, live); the warnings compared by their number."""
    if key == "warnings":
        old, new = len(old or []), len(new or [])
    return _figure_labels().get(key, key), old, new


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
        changes = selectors.differences(report.figures, f)
        issued.append({"report": report, "differences": [_difference(*change) for change in changes]})
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
        # Dated the day the report would carry: a committee that has ended issues on its last day.
        "can_change": bool(user) and can_change_tree(user, org, on=day),
        # Only an organization that stood at the end of the year issues its report.
        "stood_at_year_end": stood_at_year_end(org, year),
        "last_day": last_day(org),
        "news_enabled": news_enabled(),
        "once_key": once_key(),
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
        inline_js="\n".join(
            _static_text(path)
            for path in ("vendor/chart.umd.min.js", "reports/charts.js", *(s for p in PARTS for s in p.scripts))
        ),
        generated=dt.datetime.now(),
    )
    return render_to_string("reports/standalone.html", context)
