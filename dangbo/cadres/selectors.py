"""Questions asked of cadre records."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from dangbo.lib.vntext import add_working_days
from dangbo.members.models import Member
from dangbo.organizations.models import Organization

from .models import PersonnelDecision, Position

Kind = PersonnelDecision.Kind
WORKLIST_WORKING_DAYS = 90


def live_decisions() -> QuerySet[PersonnelDecision]:
    return PersonnelDecision.objects.filter(voided_at__isnull=True)


def cadre_figures(org: Organization, year: int) -> dict:
    """The `cadre_decisions` block of the annual report (REPORT.md): the decisions dated
    in `year` on `org`'s own list (not its subtree). One aggregate query."""
    keys = PersonnelDecision.REPORT_KEYS
    counts = (
        live_decisions()
        .filter(managed_by=org, date__year=year)
        .aggregate(
            people=Count("member", distinct=True),
            decisions=Count("pk"),
            **{key: Count("pk", filter=Q(kind=kind)) for kind, key in keys.items()},
        )
    )
    return {
        "people": counts["people"],
        "decisions": counts["decisions"],
        "by_kind": {key: counts[key] for key in keys.values()},
    }


def decisions_of(org: Organization, year: int) -> QuerySet[PersonnelDecision]:
    return (
        live_decisions()
        .filter(managed_by=org, date__year=year)
        .select_related("member", "organization")
        .order_by("date", "pk")
    )


def years_with_decisions(org: Organization) -> list[int]:
    return sorted({d.year for d in live_decisions().filter(managed_by=org).dates("date", "year")}, reverse=True)


def positions_on(member: Member, day: dt.date) -> list[Position]:
    """The positions held on `day`: Party posts first, then external units, by start."""
    positions = (
        Position.objects.filter(member=member, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related("organization")
    )
    return sorted(positions, key=lambda p: (p.organization_id is None, p.start, p.pk))


def positions_caption(member: Member, day: dt.date) -> str:
    """The photo caption of an article: "Đồng chí Nguyễn Văn A, Bí thư Huyện ủy, Chủ tịch
    HĐND huyện". Article text is Vietnamese whatever the interface language."""
    return ", ".join([f"Đồng chí {member.full_name}"] + [p.title for p in positions_on(member, day)])


def member_panel(request, member: Member) -> dict:
    from django.utils import timezone

    return member_positions(member, timezone.localdate())


def member_positions(member: Member, day: dt.date) -> dict:
    """Context of `cadres/_member_positions.html`: every position, current first, and the caption."""
    positions = list(Position.objects.filter(member=member).select_related("organization").order_by("-start", "-pk"))
    for p in positions:
        p.is_current = p.start <= day and (p.end is None or p.end >= day)
    positions.sort(key=lambda p: not p.is_current)
    return {"positions": positions, "caption": positions_caption(member, day)}


def open_position_in_unit(
    member: Member, day: dt.date, *, organization: Organization | None, unit_name: str = ""
) -> Position | None:
    """The member's position in that unit held on `day` (the one a new decision ends)."""
    qs = Position.objects.filter(member=member, start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))
    qs = (
        qs.filter(organization=organization)
        if organization
        else qs.filter(organization__isnull=True, unit_name=unit_name)
    )
    return qs.order_by("-start", "-pk").first()


def terms_ending(org: Organization, today: dt.date) -> QuerySet[PersonnelDecision]:
    """Appointments on `org`'s list whose term ends within the next 90 working days and
    that no later appointment of the same person to the same title has renewed."""
    limit = add_working_days(today, WORKLIST_WORKING_DAYS)
    renewed = live_decisions().filter(
        managed_by=OuterRef("managed_by"),
        member=OuterRef("member"),
        title=OuterRef("title"),
        kind__in=PersonnelDecision.TERM_KINDS,
        date__gt=OuterRef("date"),
    )
    return (
        live_decisions()
        .filter(managed_by=org, kind__in=PersonnelDecision.TERM_KINDS, term_end__gte=today, term_end__lte=limit)
        .exclude(Exists(renewed))
        .select_related("member", "organization")
        .order_by("term_end", "pk")
    )


def dashboard_panel(request) -> dict | None:
    """The appointments reaching the end of their term, counted for the dashboard."""
    from django.utils import timezone

    from dangbo.accounts.access import root_organizations
    from dangbo.organizations.selectors import existed_on

    roots = root_organizations(request.user)
    today = timezone.localdate()
    if not roots or not existed_on(roots[0], today):
        return None
    return {"org": roots[0], "terms_ending": terms_ending(roots[0], today).count()}
