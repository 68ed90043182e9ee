"""Questions asked of training records."""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from dangbo.core.prepared import Prepared
from dangbo.lib.vntext import match_key, short_date
from dangbo.members.lifecycle import add_months
from dangbo.members.models import Member
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import own_spans, under_spans_q

from .models import Enrollment, TrainingClass

Program = TrainingClass.Program
# RULES.md (likely): the "nhận thức về Đảng" certificate is valid 5 years.
AWARENESS_VALID_MONTHS = 60


def _classes_under(spans) -> QuerySet[TrainingClass]:
    """Classes whose organizer stood under one of these spans ((path, from, to)) on the
    class's start date, within the span's dates (REPORT.md: the tree of that date)."""
    return TrainingClass.objects.filter(under_spans_q(spans, org_field="organizer", date_field="start"))


def classes_in_scope(org: Organization, year: int) -> QuerySet[TrainingClass]:
    """The classes starting in `year` organized in `org`'s subtree, with `learners`."""
    return (
        _classes_under(own_spans(org, dt.date(year, 1, 1), dt.date(year, 12, 31)))
        .select_related("organizer")
        .annotate(learners=Count("enrollments"))
        .order_by("start", "code")
    )


@Prepared
def _program_counts(spans) -> QuerySet:
    """Classes and learners per program of the classes organized under these spans
    ((path, from, to) within one year)."""
    return (
        _classes_under(spans)
        .order_by()
        .values("program")
        .annotate(classes=Count("pk", distinct=True), learners=Count("enrollments"))
    )


def training_figures(org: Organization, year: int) -> dict[str, dict[str, int]]:
    """The `training` block of the annual report: per program with at least one class,
    its classes and all their learners, whatever the result. One query."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    counts = {r["program"]: r for r in _program_counts(spans=own_spans(org, start, end))}
    return {
        key: {"classes": counts[program]["classes"], "learners": counts[program]["learners"]}
        for program, key in TrainingClass.REPORT_KEYS.items()
        if program in counts
    }


def years_with_classes(org: Organization) -> list[int]:
    return sorted({d.year for d in TrainingClass.objects.filter(organizer=org).dates("start", "year")}, reverse=True)


def learners(klass: TrainingClass) -> list[Enrollment]:
    """The learners in Vietnamese name order (given, middle, family name)."""
    enrollments = Enrollment.objects.filter(klass=klass).select_related("member")
    return sorted(enrollments, key=lambda e: (e.member.sort_key if e.member_id else e.sort_key, e.pk))


def party_awareness_warning(member_or_name: Member | str, admission_date: dt.date, birth=None) -> str | None:
    """A warning when the latest completed "nhận thức về Đảng" course of the person ended
    more than 5 years before `admission_date` (the certificate is valid 5 years).

    `member_or_name` is a member (their enrollments as a member, and as an applicant
    under the same name and birth year), or an applicant's full name (optionally with
    `birth`, a date or a year). No course on record is not a warning here: it may
    predate the register.
    """
    completed = Enrollment.objects.filter(
        result=Enrollment.Result.COMPLETED, klass__program=Program.PARTY_AWARENESS, klass__start__lte=admission_date
    )
    if isinstance(member_or_name, Member):
        member = member_or_name
        name = member.full_name
        as_applicant = Q(member__isnull=True, name_key=member.name_key, birth_year=member.birth_year)
        completed = completed.filter(Q(member=member) | as_applicant)
    else:
        name = member_or_name
        completed = completed.filter(name_key=match_key(member_or_name))
        if isinstance(birth, dt.date):
            completed = completed.filter(Q(birth_date=birth) | Q(birth_date__isnull=True, birth_year=birth.year))
        elif isinstance(birth, int):
            completed = completed.filter(birth_year=birth)
    ends = [e.klass.end or e.klass.start for e in completed.select_related("klass")]
    if not ends:
        return None
    latest = max(ends)
    if add_months(latest, AWARENESS_VALID_MONTHS) >= admission_date:
        return None
    return _(
        "The certificate of the course on awareness of the Party of %(name)s dates from %(date)s: it is valid 5 years."
    ) % {"name": name, "date": short_date(latest)}


def member_classes(request, member: Member) -> dict:
    """The classes a member attended, newest first, for the member page."""
    enrollments = (
        Enrollment.objects.filter(member=member)
        .select_related("klass", "klass__organizer")
        .order_by("-klass__start")
    )
    return {"enrollments": list(enrollments)}
