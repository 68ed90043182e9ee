"""The records behind each figure of the report ("which 10?"), with the same filters
that count the figure."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from dangbo.cadres.selectors import decisions_of
from dangbo.lib.vntext import short_date
from dangbo.organizations.models import Organization
from dangbo.ratings.models import Rating
from dangbo.ratings.selectors import FIGURE_KEYS, grassroots_spans
from dangbo.targets.models import Target
from dangbo.targets.selectors import targets_of
from dangbo.training.models import TrainingClass
from dangbo.training.selectors import classes_in_scope

from .figures import events_behind
from .parts import part_for

EVENT_TITLES = {
    "admissions": gettext_lazy("Admitted"),
    "recognized_official": gettext_lazy("Recognized as official members"),
    "removed_from_party": gettext_lazy("Removed from the Party (expelled or left)"),
    "name_deletions": gettext_lazy("Names deleted from the register"),
    "deaths": gettext_lazy("Deaths"),
    "transfers_in": gettext_lazy("Transferred in"),
    "transfers_out": gettext_lazy("Transferred out"),
}
EXITS = ("removed_from_party", "name_deletions", "deaths", "transfers_out", "recognized_official")


def _link(text: str, url: str) -> dict:
    return {"text": text, "url": url}


def _events(org, year, figure) -> dict:
    rows = []
    for e in events_behind(org, year, figure):
        where = e.origin if figure in EXITS and e.origin_id else e.organization
        rows.append(
            [
                _link(e.member.full_name, reverse("members:detail", args=[e.member.code])),
                short_date(e.date),
                where.name if where else "—",
                e.get_kind_display(),
                e.reason or e.decision_number or "",
            ]
        )
    headers = [_("Member"), _("Date"), _("Organization"), _("Event"), _("Reason or decision")]
    return {"title": EVENT_TITLES[figure], "headers": headers, "rows": rows}


def _cadres(org, year) -> dict:
    rows = [
        [
            short_date(d.date),
            d.get_kind_display(),
            _link(d.member.full_name, reverse("members:detail", args=[d.member.code])),
            d.title,
            d.organization.name if d.organization_id else d.unit_name,
            d.number,
        ]
        for d in decisions_of(org, year)
    ]
    headers = [_("Date"), pgettext("personnel decision", "Kind"), _("Member"), _("Title"),
               pgettext("organizational unit", "Unit"), _("Decision number")]
    return {"title": _("Cadre decisions"), "headers": headers, "rows": rows}


def _training(org, year, params) -> dict:
    classes = classes_in_scope(org, year)
    programs = {key: program for program, key in TrainingClass.REPORT_KEYS.items()}
    if params.get("program") in programs:
        classes = classes.filter(program=programs[params["program"]])
    rows = [
        [c.code, c.name, c.get_program_display(), c.organizer.name, short_date(c.start), c.learners] for c in classes
    ]
    headers = [_("Code"), _("Class"), _("Program"), _("Organizer"), _("From"), _("Learners")]
    return {"title": _("Training classes"), "headers": headers, "rows": rows}


def _grassroots(org, year, params) -> dict:
    spans = list(grassroots_spans(org, year).select_related("organization"))
    ratings = {
        r.organization_id: r
        for r in Rating.objects.filter(
            year=year, step=Rating.Step.DECIDED, organization_id__in=[s.organization_id for s in spans]
        )
    }
    keys = {level: key for level, key in FIGURE_KEYS.items()}
    wanted = params.get("level")
    rows = []
    for span in spans:
        rating = ratings.get(span.organization_id)
        key = keys.get(rating.level, "not_rated") if rating else "not_rated"
        if wanted and wanted != key:
            continue
        rows.append(
            [span.name, span.organization.group, rating.get_level_display() if rating else _("No decided rating")]
        )
    return {
        "title": _("Ratings of grassroots organizations"),
        "headers": [_("Organization"), _("Group"), _("Level")],
        "rows": rows,
    }


def _targets(org, year, only_not_met: bool) -> dict:
    targets = [t for t in targets_of(org, year) if not only_not_met or t.status_code == Target.Status.NOT_MET]
    rows = [
        [
            t.code,
            _link(t.name, reverse("targets:detail", args=[t.pk])),
            t.unit,
            t.planned,
            t.actual,
            t.get_status_display(),
        ]
        for t in targets
    ]
    from dangbo.lib.vntext import format_number

    for row in rows:
        row[3] = format_number(row[3])
        row[4] = format_number(row[4]) if row[4] is not None else "—"
    headers = [_("Code"), _("Target"), _("Unit"), _("Plan"), _("Actual"), _("Status")]
    return {"title": _("Targets not met") if only_not_met else _("Targets"), "headers": headers, "rows": rows}


def behind(org: Organization, year: int, figure: str, params) -> dict | None:
    """{title, headers, rows} of the records behind `figure`; None for an unknown figure."""
    if figure in EVENT_TITLES:
        return _events(org, year, figure)
    if figure == "cadre_decisions":
        return _cadres(org, year)
    if figure == "training":
        return _training(org, year, params)
    if figure == "grassroots_ratings":
        return _grassroots(org, year, params)
    if figure in ("targets", "targets_not_met"):
        return _targets(org, year, figure == "targets_not_met")
    part = part_for(figure)
    if part is not None and part.records is not None:
        return part.records(org, year, figure, params)
    return None
