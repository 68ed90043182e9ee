"""Questions asked of cadre records."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from dangbo.core.db import by_key
from dangbo.core.prepared import Prepared
from dangbo.lib.vntext import add_working_days, fold
from dangbo.members.models import Member
from dangbo.organizations.models import Organization

from .models import DecisionAttachment, ManagedTitle, PersonnelDecision, Position, SuccessionPlan

Kind = PersonnelDecision.Kind
WORKLIST_WORKING_DAYS = 90


def live_decisions() -> QuerySet[PersonnelDecision]:
    return PersonnelDecision.objects.filter(voided_at__isnull=True)


@Prepared
def _cadre_counts(org_id: int, start: dt.date, end: dt.date) -> dict:
    return (
        live_decisions()
        .filter(managed_by_id=org_id, date__gte=start, date__lte=end)
        .aggregate(
            people=Count("member", distinct=True),
            decisions=Count("pk"),
            **{key: Count("pk", filter=Q(kind=kind)) for kind, key in PersonnelDecision.REPORT_KEYS.items()},
        )
    )


def cadre_figures(org: Organization, year: int) -> dict:
    """The `cadre_decisions` block of the annual report (REPORT.md): the decisions dated
    in `year` on `org`'s own list (not its subtree). One aggregate query."""
    keys = PersonnelDecision.REPORT_KEYS
    counts = _cadre_counts(org_id=org.pk, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
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


def decisions_listed(org: Organization, year: int) -> QuerySet[PersonnelDecision]:
    """The year page's list: the live decisions and, marked, the voided ones with their
    reason; each with its count of attachments."""
    live_files = Count("attachments", filter=Q(attachments__voided_at__isnull=True))
    return (
        PersonnelDecision.objects.filter(managed_by=org, date__year=year)
        .select_related("member", "organization")
        .annotate(attachment_count=live_files)
        .order_by("date", "pk")
    )


def decision_attachments(decision: PersonnelDecision) -> list[DecisionAttachment]:
    """Live attachments first, then the voided ones."""
    files = decision.attachments.select_related("created_by").order_by("created_at", "pk")
    return sorted(files, key=lambda a: a.voided_at is not None)


def member_decisions(member: Member, committees) -> QuerySet[PersonnelDecision]:
    """The member's decisions on the lists of `committees` (those the viewer may see)."""
    return (
        PersonnelDecision.objects.filter(member=member, managed_by__in=committees)
        .select_related("managed_by", "organization")
        .order_by("-date", "-pk")
    )


def managed_titles(org: Organization) -> tuple[list[ManagedTitle], list[ManagedTitle]]:
    """The titles on `org`'s list now, and those taken off it (latest first)."""
    rows = list(ManagedTitle.objects.filter(committee=org).order_by("title", "pk"))
    current = [t for t in rows if t.ended_on is None]
    ended = sorted((t for t in rows if t.ended_on is not None), key=lambda t: (t.ended_on, t.pk), reverse=True)
    return current, ended


def succession_plans(org: Organization) -> tuple[list[tuple[str, list[SuccessionPlan]]], list[SuccessionPlan]]:
    """`org`'s succession plans by post (in title order), the people of each post in
    Vietnamese name order; and the voided records apart. Two queries."""
    plans = (
        SuccessionPlan.objects.filter(organization=org)
        .select_related("member")
        .order_by("title", by_key("member__sort_key"), "member__code", "from_year", "pk")
    )
    posts: dict[str, list[SuccessionPlan]] = {}
    voided = []
    for plan in plans:
        if plan.voided_at is not None:
            voided.append(plan)
        else:
            posts.setdefault(plan.title.casefold(), []).append(plan)
    return [(rows[0].title, rows) for rows in posts.values()], voided


def plan_titles(org: Organization) -> list[str]:
    """Titles to suggest for a plan: the committee's list and the posts already planned."""
    listed = ManagedTitle.objects.filter(committee=org, ended_on__isnull=True).values_list("title", flat=True)
    planned = SuccessionPlan.objects.filter(organization=org, voided_at__isnull=True).values_list("title", flat=True)
    return sorted(set(listed) | set(planned))


def member_choices(members: QuerySet[Member], query: str, limit: int = 20) -> list[Member]:
    """Members matching a code or part of a name, for the member picker, in name order.
    `members` is already scoped to what the user may see."""
    query = " ".join((query or "").split())
    if len(query) < 2:
        return []
    return list(
        members.filter(Q(code__istartswith=query) | Q(name_fold__contains=fold(query)))
        .order_by(by_key("sort_key"), "code")[:limit]
    )


def years_with_decisions(org: Organization) -> list[int]:
    return sorted({d.year for d in live_decisions().filter(managed_by=org).dates("date", "year")}, reverse=True)


def positions_on(member: Member, day: dt.date) -> list[Position]:
    """The positions held on `day`: Party posts first, then external units, by start."""
    positions = (
        Position.objects.live()
        .filter(member=member, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related("organization")
    )
    return sorted(positions, key=lambda p: (p.organization_id is None, p.start, p.pk))


def positions_caption(member: Member, day: dt.date) -> str:
    """The photo caption of an article: "Đồng chí Nguyễn Văn A, Bí thư Huyện ủy, Chủ tịch
    HĐND huyện". Article text is Vietnamese whatever the interface language."""
    return ", ".join([f"Đồng chí {member.full_name}"] + [p.title for p in positions_on(member, day)])


def member_panel(request, member: Member) -> dict:
    """The member page's block: positions, and the decisions on the lists the viewer may see."""
    from django.utils import timezone

    from dangbo.accounts.access import visible_organizations

    context = member_positions(member, timezone.localdate())
    context["decisions"] = member_decisions(member, visible_organizations(request.user))
    return context


def member_positions(member: Member, day: dt.date) -> dict:
    """Context of `cadres/_member_positions.html`: every position, current first, and the caption."""
    positions = list(
        Position.objects.live().filter(member=member).select_related("organization").order_by("-start", "-pk")
    )
    for p in positions:
        p.is_current = p.start <= day and (p.end is None or p.end >= day)
    positions.sort(key=lambda p: not p.is_current)
    return {"positions": positions, "caption": positions_caption(member, day)}


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
