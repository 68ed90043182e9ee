"""Questions asked for the reports: the document header, the records behind a figure,
the issued reports and how the live figures differ from them."""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.organizations.models import Organization, OrgSpan
from dangbo.organizations.selectors import last_day, last_year_end, name_on, stood_at_year_end

from . import wording
from .models import DISTRICT_ABBREVIATIONS, DISTRICT_LEVEL_LAST_DAY, IssuedReport, ReportSettings


def default_settings(org: Organization, day: dt.date) -> ReportSettings:
    """Unsaved settings derived from the names on `day`: "Đảng bộ huyện Thanh Hà" under
    "Đảng bộ tỉnh Hải Dương" gives HU, HUYỆN ỦY THANH HÀ, TỈNH ỦY HẢI DƯƠNG, Thanh Hà."""
    names = wording.names_of(name_on(org, day))
    span = OrgSpan.objects.filter(organization=org, valid_from__lte=day, valid_to__gte=day).first()
    parent = name_on(span.parent, day) if span and span.parent_id else None
    return ReportSettings(
        organization=org,
        abbreviation=names.abbreviation,
        issuing_body=names.issuing_body,
        superior_body=wording.superior_body(parent),
        place=names.place,
        short_name=names.committee,
    )


def settings_for(org: Organization, day: dt.date) -> ReportSettings:
    saved = ReportSettings.objects.filter(organization=org).first()
    return saved or default_settings(org, day)


def term_start(settings: ReportSettings, day: dt.date) -> dt.date:
    """The first day of the committee term `day` falls in. Without a recorded date:
    1 July of the last congress year (a multiple of five) on or before `day`."""
    if settings.term_started_on and settings.term_started_on <= day:
        return settings.term_started_on
    year = day.year - day.year % 5
    start = dt.date(year, 7, 1)
    return start if start <= day else dt.date(year - 5, 7, 1)


def default_issue_date(org: Organization, year: int) -> dt.date:
    """Today, or the organization's last day when it no longer exists: a body issues
    nothing after it is gone."""
    today = timezone.localdate()
    end = last_day(org)
    day = min(today, end) if end else today
    return max(day, dt.date(year, 1, 1))


def report_year(org: Organization, today: dt.date) -> int | None:
    """The year a report opens on when none is asked for: last year (this one is not
    over), or, for an organization that has ended, the last year at whose end it stood."""
    last = last_year_end(org, today)
    return min(today.year - 1, last) if last is not None else None


def year_of_day(org: Organization, day: dt.date, today: dt.date) -> int:
    """The report of a page shown as of `day`: that day's year once it is over and the
    organization stood at its end ("a 2022 view" opens the 2022 report), else the year
    `report_year` gives."""
    if day.year < today.year and stood_at_year_end(org, day.year):
        return day.year
    last = report_year(org, min(day, today))
    return last if last is not None else day.year


def abbreviation_warning(abbreviation: str, day: dt.date) -> str | None:
    if abbreviation.upper() in DISTRICT_ABBREVIATIONS and day > DISTRICT_LEVEL_LAST_DAY:
        return _(
            "The abbreviation %(abbr)s names a district committee, which no longer exists after 30/06/2025; "
            "check the issuing body."
        ) % {"abbr": abbreviation}
    return None


def issued_of(org: Organization, year: int) -> QuerySet[IssuedReport]:
    return (
        IssuedReport.objects.filter(organization=org, year=year)
        .select_related("issued_by")
        .defer("docx")
        .order_by("-issued_on", "-number")
    )


def _flatten(data, prefix: str = "") -> dict:
    out = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(data, list):
        out[prefix] = sorted(w.get("code", "") if isinstance(w, dict) else str(w) for w in data)
    else:
        out[prefix] = data
    return out


def differences(issued: dict, live: dict) -> list[tuple[str, object, object]]:
    """[(figure, issued value, live value)] for every figure that changed since issue."""
    a, b = _flatten(issued), _flatten(live)
    return [(key, a.get(key), b.get(key)) for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)]


def secretary_on(org: Organization, day: dt.date):
    """The member holding a "Bí thư …" post of `org` on `day`, or None."""
    from django.db.models import Q

    from dangbo.cadres.models import Position

    position = (
        Position.objects.live()
        .filter(organization=org, title__startswith="Bí thư", start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related("member")
        .order_by("start", "pk")
        .first()
    )
    return position.member if position else None


def secretary_caption(org: Organization, year: int) -> str | None:
    """The photo caption of the article: the secretary of `org` at the end of `year` and
    the posts they held ("Đồng chí …, Bí thư Huyện ủy, Chủ tịch HĐND huyện")."""
    from dangbo.cadres.selectors import positions_caption

    day = dt.date(year, 12, 31)
    member = secretary_on(org, day)
    return positions_caption(member, day) if member else None
