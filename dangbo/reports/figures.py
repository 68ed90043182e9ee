"""The membership figures of the yearly report (REPORT.md, "Scope rules").

"In X's subtree" is decided at each event's date with the tree of that date: an event
counts when the organization that matters for it (the origin for exits, the record's
organization for entries) had a span on that date whose path lies under X's path of
that date. Merged organizations keep an alias span under their target, so members
recorded in them count there. Everything is counted by the database.
"""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.members.models import MembershipEvent
from dangbo.members.selectors import headcount
from dangbo.organizations.models import Organization, OrgSpan
from dangbo.organizations.selectors import own_spans, under_spans_q

Kind = MembershipEvent.Kind


def event_filters(org: Organization, year: int) -> dict[str, Q]:
    """The filter of each membership figure on the events of `year` (REPORT.md keys): the
    same filters count the figure and list the records behind it."""
    # X's own spans in the year (more than one when it moved or was renamed).
    own = own_spans(org, dt.date(year, 1, 1), dt.date(year, 12, 31))
    dest = under_spans_q(own, org_field="organization", date_field="date")
    origin = under_spans_q(own, org_field="origin", date_field="date")
    return {
        "admissions": Q(kind=Kind.ADMITTED) & dest,
        "recognized_official": Q(kind=Kind.RECOGNIZED_OFFICIAL) & origin,
        "removed_from_party": Q(kind__in=[Kind.EXPELLED, Kind.LEFT]) & origin,
        "name_deletions": Q(kind=Kind.NAME_DELETED) & origin,
        "deaths": Q(kind=Kind.DIED) & origin,
        "transfers_in": (Q(kind=Kind.TRANSFERRED_IN) & dest) | (Q(kind=Kind.TRANSFERRED_INTERNAL) & dest & ~origin),
        "transfers_out": (Q(kind=Kind.TRANSFERRED_OUT) & origin) | (Q(kind=Kind.TRANSFERRED_INTERNAL) & origin & ~dest),
    }


def events_behind(org: Organization, year: int, figure: str):
    """The events counted in a membership figure, oldest first."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        MembershipEvent.objects.filter(voided_at__isnull=True, date__gte=start, date__lte=end)
        .filter(event_filters(org, year)[figure])
        .select_related("member", "organization", "origin")
        .order_by("date", "pk")
    )


def membership_figures(org: Organization, year: int) -> dict:
    """`members` and the event figures: summed from the report tallies when they hold
    the year (docs/architecture.md, "Report tallies"), otherwise counted from the records."""
    from dangbo.tallies.selectors import YearFigures

    tallied = YearFigures.for_year(org, year)
    if tallied is not None:
        return tallied.membership()
    return membership_figures_from_records(org, year)


def membership_figures_from_records(org: Organization, year: int) -> dict:
    """The membership figures counted from every event and span (the definition the
    tallies are tested against)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    year_end = headcount(org, end)
    members = {
        "at_year_end": year_end["total"],
        "official": year_end["official"],
        "probationary": year_end["probationary"],
    }
    counts = MembershipEvent.objects.filter(voided_at__isnull=True, date__gte=start, date__lte=end).aggregate(
        **{key: Count("pk", filter=q) for key, q in event_filters(org, year).items()}
    )
    return {"members": members, **counts}


def annual_figures(org: Organization, year: int) -> dict:
    """The figures of `dangbo report annual` in REPORT.md's order and keys."""
    from dangbo.cadres.selectors import cadre_figures
    from dangbo.core.memo import one_report
    from dangbo.organizations.selectors import name_on
    from dangbo.ratings.selectors import rating_figures
    from dangbo.targets.selectors import targets_figures
    from dangbo.training.selectors import training_figures

    from .parts import PARTS

    with one_report():
        ratings = rating_figures(org, year)
        return {
            "organization": {"code": org.code, "name": name_on(org, dt.date(year, 12, 31))},
            "year": year,
            **membership_figures(org, year),
            "cadre_decisions": cadre_figures(org, year),
            "training": training_figures(org, year),
            "grassroots_ratings": ratings["grassroots_ratings"],
            "member_ratings": ratings["member_ratings"],
            "targets": targets_figures(org, year),
            # inspection, discipline, citizens, … (reports.parts)
            **{part.key: part.figures(org, year) for part in PARTS},
            "warnings": ratings["warnings"],
        }


class ReportError(DomainError):
    """A report that cannot be made; the message says why, for a person to read."""


def has_records_until(year: int) -> bool:
    """Is there any record the report counts, anywhere, in `year` or before? Each query
    stops at its first match (the minimum over a province's events is a full scan)."""
    from dangbo.cadres.models import PersonnelDecision
    from dangbo.ratings.models import Rating
    from dangbo.targets.models import Target
    from dangbo.training.models import TrainingClass

    from .parts import PARTS

    end = dt.date(year, 12, 31)
    return (
        MembershipEvent.objects.filter(voided_at__isnull=True, date__lte=end).exists()
        or PersonnelDecision.objects.filter(voided_at__isnull=True, date__lte=end).exists()
        or TrainingClass.objects.filter(start__lte=end).exists()
        or Rating.objects.filter(year__lte=year).exists()
        or Target.objects.filter(year__lte=year).exists()
        or any(part.has_records(year) for part in PARTS if part.has_records is not None)
    )


def validate(org: Organization | str | None, year: int) -> Organization:
    """The organization a report of `year` can be made for, or a ReportError saying why
    not: unknown organization, a year in the future or before any data, an organization
    that did not exist in that year. `org` may be given by its code."""
    if not isinstance(org, Organization):
        code = (org or "").strip()
        found = Organization.objects.filter(code=code).first()
        if found is None:
            raise ReportError(_("Unknown organization code: %(code)s.") % {"code": code}, code="unknown_org")
        org = found
    this_year = timezone.localdate().year
    if year > this_year:
        raise ReportError(_("The year %(year)d has not come yet.") % {"year": year}, code="future")
    if not has_records_until(year):
        raise ReportError(
            _("There are no records for %(year)d or any year before it.") % {"year": year}, code="no_data"
        )
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    existed = OrgSpan.objects.filter(
        organization=org, merged_into__isnull=True, valid_from__lte=end, valid_to__gte=start
    ).exists()
    if not existed:
        raise ReportError(
            _("The organization %(code)s did not exist in %(year)d.") % {"code": org.code, "year": year},
            code="not_existing",
        )
    return org
