"""Questions asked of the targets."""

import datetime as dt

from django.db.models import Count, QuerySet

from dangbo.core.prepared import Prepared
from dangbo.organizations.models import Organization, OrgSpan
from dangbo.organizations.selectors import children_on

from .models import Target, status_expression, status_q

S = Target.Status


def existed_in_year(org: Organization, year: int) -> bool:
    """Did `org` exist as itself on at least one day of `year`?"""
    return OrgSpan.objects.filter(
        organization=org,
        merged_into__isnull=True,
        valid_from__lte=dt.date(year, 12, 31),
        valid_to__gte=dt.date(year, 1, 1),
    ).exists()


def targets_of(org: Organization, year: int) -> QuerySet[Target]:
    """The targets `org` itself set for `year`, in code order, with `status_code`."""
    return Target.objects.filter(organization=org, year=year).annotate(status_code=status_expression()).order_by("code")


@Prepared
def _target_counts(org_id: int, year: int) -> dict:
    return Target.objects.filter(organization_id=org_id, year=year).aggregate(
        total=Count("pk"),
        exceeded=Count("pk", filter=status_q(S.EXCEEDED)),
        met=Count("pk", filter=status_q(S.MET)),
        not_met=Count("pk", filter=status_q(S.NOT_MET)),
        no_data=Count("pk", filter=status_q(S.NO_DATA)),
    )


def targets_figures(org: Organization, year: int) -> dict[str, int]:
    """The `targets` block of the annual report (REPORT.md): one aggregate query."""
    counts = _target_counts(org_id=org.pk, year=year)
    counts["met_or_exceeded"] = counts["exceeded"] + counts["met"]
    return counts


def lower_committees_targets(org: Organization, year: int) -> tuple[list[OrgSpan], dict[str, dict[int, Target]]]:
    """The committees directly under `org` on 31/12 of `year`, and their targets for
    `year` by code, then by organization id: {code: {org id: target}}. Two queries."""
    children = children_on(org, dt.date(year, 12, 31))
    by_code: dict[str, dict[int, Target]] = {}
    targets = Target.objects.filter(organization_id__in=[c.organization_id for c in children], year=year).order_by(
        "code"
    )
    for target in targets:
        by_code.setdefault(target.code, {})[target.organization_id] = target
    return children, by_code


def years_with_targets(org: Organization) -> list[int]:
    return list(Target.objects.filter(organization=org).order_by("-year").values_list("year", flat=True).distinct())
