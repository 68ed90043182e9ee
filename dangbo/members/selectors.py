"""Questions asked of the register. "On day D" means at the end of D."""

import datetime as dt

from django.db.models import Count, Q, QuerySet

from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import subtree_ids

from .lifecycle import EXITS, full_years
from .models import Member, MembershipEvent, MembershipSpan


def members_on(org: Organization, day: dt.date) -> QuerySet[MembershipSpan]:
    """Spans of the members in `org`'s subtree on `day` (exempted members included)."""
    return MembershipSpan.objects.filter(
        valid_from__lte=day, valid_to__gte=day, organization_id__in=subtree_ids(org, day)
    )


def headcount(org: Organization, day: dt.date) -> dict:
    """Đảng số of `org`'s subtree at the end of `day`: total, official, probationary."""
    return members_on(org, day).aggregate(
        total=Count("pk"),
        official=Count("pk", filter=Q(status=MembershipSpan.Status.OFFICIAL)),
        probationary=Count("pk", filter=Q(status=MembershipSpan.Status.PROBATIONARY)),
    )


def headcount_panel(request, org: Organization, day: dt.date) -> dict:
    return {"day": day, **headcount(org, day)}


def span_on(member: Member, day: dt.date) -> MembershipSpan | None:
    return MembershipSpan.objects.filter(
        member=member, valid_from__lte=day, valid_to__gte=day
    ).first()


def status_on(member: Member, day: dt.date) -> str:
    """A `Member.Status` value: the member's status at the end of `day`."""
    span = span_on(member, day)
    if span is not None:
        return span.status
    last_exit = (
        MembershipEvent.objects.filter(
            member=member, voided_at__isnull=True, date__lte=day, kind__in=list(EXITS)
        )
        .order_by("-date")
        .first()
    )
    return EXITS[last_exit.kind] if last_exit else Member.Status.NOT_MEMBER


def party_age(member: Member, day: dt.date) -> int | None:
    """Full years from the admission date (RULES.md: Party age counts from admission)."""
    if member.admitted_on is None or member.admitted_on > day:
        return None
    return full_years(member.admitted_on, day)
