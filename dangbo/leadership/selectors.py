"""Questions asked of documents, study sessions and assignments: the register and its
next number, the year's sessions in a subtree, who follows which grassroots organization,
and the report's figures."""

import datetime as dt

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from dangbo.core.prepared import Prepared
from dangbo.lib.vntext import sort_key
from dangbo.members.models import Member
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import own_spans, stood_under_q, subtree_spans, under_spans_q

from . import rules
from .models import Assignment, Attendance, Document, StudySession, Term

Kind = Document.Kind
# The report's `documents.by_kind` keys (REPORT.md), in the order of the sheet's list.
DOCUMENT_KEYS = {kind: kind.lower() for kind in Kind.values}


# -- documents ---------------------------------------------------------------------------


def term_on(org: Organization, day: dt.date) -> Term | None:
    """The organization's term `day` falls in (numbers run through it), or None."""
    return (
        Term.objects.filter(organization=org, voided_at__isnull=True, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("-start")
        .first()
    )


def series_q(org: Organization, day: dt.date) -> Q:
    """Documents whose numbers run in the same series as one `org` issues on `day`: its
    term, or, with no term recorded, its calendar year."""
    term = term_on(org, day)
    return Q(term=term) if term else Q(term__isnull=True, year=day.year)


def highest_number(org: Organization, kind: str, day: dt.date, *, issued: bool = True) -> int:
    """The highest number of `kind` in the series of `day` (`issued`: the reports the
    reports app issued included)."""
    documents = Document.objects.filter(series_q(org, day), organization=org, kind=kind, voided_at__isnull=True)
    if not issued:
        documents = documents.filter(report__isnull=True)
    return documents.aggregate(n=Max("number"))["n"] or 0


def next_number(org: Organization, kind: str, day: dt.date) -> int:
    """The number proposed for the next document of `kind` issued on `day`."""
    return highest_number(org, kind, day) + 1


def body_abbreviation(org: Organization, day: dt.date) -> tuple[str, str | None]:
    """(the issuing body's abbreviation, a warning when it names a level that no longer
    exists that day), from the organization's report settings."""
    from dangbo.reports.selectors import abbreviation_warning, settings_for

    abbreviation = settings_for(org, day).abbreviation
    return abbreviation, abbreviation_warning(abbreviation, day)


def symbol_for(org: Organization, kind: str, day: dt.date) -> tuple[str, str | None]:
    """ "NQ/HU" for a resolution of Thanh Hà district committee in 2022, and a warning
    when the body's abbreviation is no longer valid that day."""
    abbreviation, warning = body_abbreviation(org, day)
    return f"{rules.KIND_ABBREVIATIONS[kind]}/{abbreviation}", warning


def documents_of(org: Organization, year: int) -> QuerySet[Document]:
    """The live documents `org` itself issued in `year`, newest first."""
    return (
        Document.objects.filter(organization=org, voided_at__isnull=True, date__year=year)
        .select_related("term", "report")
        .order_by("-date", "kind", "-number")
    )


@Prepared
def _documents_by_kind(org_id: int, start: dt.date, end: dt.date) -> QuerySet:
    documents = Document.objects.filter(organization_id=org_id, voided_at__isnull=True, date__gte=start, date__lte=end)
    return documents.order_by().values("kind").annotate(n=Count("pk")).values_list("kind", "n")


def document_figures(org: Organization, year: int) -> dict:
    """The `documents` block of the report: documents dated in `year` issued by X itself."""
    counts = dict(_documents_by_kind(org_id=org.pk, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)))
    by_kind = {key: counts.get(kind, 0) for kind, key in DOCUMENT_KEYS.items()}
    return {"issued": sum(by_kind.values()), "by_kind": by_kind}


def years_with_documents(org: Organization) -> list[int]:
    return sorted(
        {d.year for d in Document.objects.filter(organization=org, voided_at__isnull=True).dates("date", "year")},
        reverse=True,
    )


# -- study sessions ----------------------------------------------------------------------


def sessions_in_scope(org: Organization, year: int) -> QuerySet[StudySession]:
    """Sessions dated in `year` organized by an organization in `org`'s subtree on the
    session's date."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        StudySession.objects.filter(stood_under_q(org, start, end, org_field="organization", date_field="date"))
        .select_related("organization")
        .annotate(recorded=Count("attendees", filter=Q(attendees__voided_at__isnull=True)))
        .order_by("date", "code")
    )


@Prepared
def _session_totals(spans) -> dict:
    sessions = StudySession.objects.filter(under_spans_q(spans, org_field="organization", date_field="date"))
    return sessions.aggregate(sessions=Count("pk"), attendance=Sum("attendance"))


def education_figures(org: Organization, year: int) -> dict:
    """The `political_education` block of the report."""
    totals = _session_totals(spans=own_spans(org, dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return {"sessions": totals["sessions"], "attendance": totals["attendance"] or 0}


def years_with_sessions(org: Organization) -> list[int]:
    return sorted({d.year for d in StudySession.objects.filter(organization=org).dates("date", "year")}, reverse=True)


def attendees(session: StudySession) -> list[Member]:
    members = [a.member for a in session.attendees.filter(voided_at__isnull=True).select_related("member")]
    return sorted(members, key=lambda m: (m.sort_key, m.pk))


# -- assignments -------------------------------------------------------------------------


def in_force_q(start: dt.date, end: dt.date) -> Q:
    """Live assignments in force on some day from `start` to `end`."""
    return Q(voided_at__isnull=True, start__lte=end) & (Q(end__isnull=True) | Q(end__gte=start))


def assignments_in(org: Organization, year: int) -> QuerySet[Assignment]:
    """The assignments `org` itself made that are in force on some day of `year`."""
    return (
        Assignment.objects.filter(in_force_q(dt.date(year, 1, 1), dt.date(year, 12, 31)), assigned_by=org)
        .select_related("member", "organization")
        .order_by("member__sort_key", "start")
    )


def grassroots_on(org: Organization, day: dt.date):
    """Spans of the grassroots organizations in `org`'s subtree on `day` (`org` included)."""
    return subtree_spans(org, day).filter(organization__kind__in=Organization.GRASSROOTS_KINDS)


@Prepared
def _assignment_counts(org_id: int, start: dt.date, end: dt.date) -> dict:
    return Assignment.objects.filter(in_force_q(start, end), assigned_by_id=org_id).aggregate(
        cadres=Count("member", distinct=True), organizations=Count("organization", distinct=True)
    )


def assignment_figures(org: Organization, year: int) -> dict:
    """The `assignments` block of the report (REPORT.md)."""
    from dangbo.tallies.selectors import YearFigures

    counts = _assignment_counts(org_id=org.pk, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
    tallied = YearFigures.for_year(org, year)  # the national root has 52,000 to count
    total = tallied.grassroots_total() if tallied else grassroots_on(org, dt.date(year, 12, 31)).count()
    return {**counts, "grassroots_total": total}


def coverage(org: Organization, day: dt.date) -> list[dict]:
    """Each grassroots organization in `org`'s subtree on `day`, in Vietnamese order, with
    the cadres `org` assigned to it who are in force that day (none: nobody follows it)."""
    spans = list(grassroots_on(org, day).select_related("organization"))
    assigned: dict[int, list[Assignment]] = {}
    for a in Assignment.objects.filter(in_force_q(day, day), assigned_by=org).select_related("member"):
        assigned.setdefault(a.organization_id, []).append(a)
    rows = [{"span": s, "assignments": assigned.get(s.organization_id, [])} for s in spans]
    return sorted(rows, key=lambda r: sort_key(r["span"].name))


# -- panels ------------------------------------------------------------------------------


def member_panel(request, member: Member) -> dict:
    """On a member's page: the study sessions the member is recorded as attending, and the
    organizations the member was assigned to follow."""
    attended = (
        Attendance.objects.filter(member=member, voided_at__isnull=True)
        .select_related("session", "session__organization")
        .order_by("-session__date")
    )
    assignments = (
        Assignment.objects.filter(member=member, voided_at__isnull=True)
        .select_related("organization", "assigned_by")
        .order_by("-start")
    )
    return {"attended": list(attended), "assignments": list(assignments), "today": timezone.localdate()}
