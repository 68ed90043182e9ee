"""The membership figures of the yearly report (REPORT.md, "Scope rules").

"In X's subtree" is decided at each event's date with the tree of that date: an event
counts when the organization that matters for it (the origin for exits, the record's
organization for entries) had a span on that date whose path lies under X's path of
that date. Merged organizations keep an alias span under their target, so members
recorded in them count there. Everything is counted by the database.
"""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q

from dangbo.members.models import MembershipEvent
from dangbo.members.selectors import headcount
from dangbo.organizations.models import Organization, OrgSpan

Kind = MembershipEvent.Kind


def _in_scope(field: str, own_spans: list[OrgSpan]) -> Q:
    """Events whose organization `field` stood under X on the event's date."""
    q = Q(pk__in=[])
    for own in own_spans:
        inside = OrgSpan.objects.filter(
            organization=OuterRef(field),
            valid_from__lte=OuterRef("date"),
            valid_to__gte=OuterRef("date"),
            path__gte=own.path,
            path__lt=own.path + "~",  # a range, not LIKE, so the path index serves it
        )
        q |= Q(date__gte=own.valid_from, date__lte=own.valid_to) & Exists(inside)
    return q


def membership_figures(org: Organization, year: int) -> dict:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    year_end = headcount(org, end)
    members = {
        "at_year_end": year_end["total"],
        "official": year_end["official"],
        "probationary": year_end["probationary"],
    }
    # X's own spans in the year (more than one when it moved or was renamed).
    own = list(
        OrgSpan.objects.filter(
            organization=org, merged_into__isnull=True, valid_from__lte=end, valid_to__gte=start
        )
    )
    dest = _in_scope("organization", own)
    origin = _in_scope("origin", own)
    counts = MembershipEvent.objects.filter(
        voided_at__isnull=True, date__gte=start, date__lte=end
    ).aggregate(
        admissions=Count("pk", filter=Q(kind=Kind.ADMITTED) & dest),
        recognized_official=Count("pk", filter=Q(kind=Kind.RECOGNIZED_OFFICIAL) & origin),
        removed_from_party=Count("pk", filter=Q(kind__in=[Kind.EXPELLED, Kind.LEFT]) & origin),
        name_deletions=Count("pk", filter=Q(kind=Kind.NAME_DELETED) & origin),
        deaths=Count("pk", filter=Q(kind=Kind.DIED) & origin),
        transfers_in=Count(
            "pk",
            filter=(Q(kind=Kind.TRANSFERRED_IN) & dest)
            | (Q(kind=Kind.TRANSFERRED_INTERNAL) & dest & ~origin),
        ),
        transfers_out=Count(
            "pk",
            filter=(Q(kind=Kind.TRANSFERRED_OUT) & origin)
            | (Q(kind=Kind.TRANSFERRED_INTERNAL) & origin & ~dest),
        ),
    )
    return {"members": members, **counts}


def annual_figures(org: Organization, year: int) -> dict:
    """The figures of `dangbo report annual` in REPORT.md's order and keys."""
    from dangbo.cadres.selectors import cadre_figures
    from dangbo.organizations.selectors import name_on
    from dangbo.ratings.selectors import rating_figures
    from dangbo.targets.selectors import targets_figures
    from dangbo.training.selectors import training_figures

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
        "warnings": ratings["warnings"],
    }
