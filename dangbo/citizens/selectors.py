"""Questions asked of the citizens records: the report's figures, the worklists, the
month's reception days against the minimum.

"In X's subtree" is decided with the tree of each record's date (REPORT.md): a session
on its date, a petition on its day of receipt. Everything is counted by the database,
one or two queries a figure.
"""

import calendar as month_calendar
import datetime as dt

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from dangbo.core.prepared import Prepared
from dangbo.lib.periods import Calendar, working_days_after
from dangbo.lib.vntext import short_date
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import own_spans, under_spans_q

from . import rules
from .models import Petition, ReceptionMinimum, ReceptionSession

Form = ReceptionSession.Form
Kind = Petition.Kind
KIND_KEYS = {
    Kind.COMPLAINT: "complaint",
    Kind.DENUNCIATION: "denunciation",
    Kind.RECOMMENDATION: "recommendation",
    Kind.FEEDBACK: "feedback",
}
DUE_SOON_WORKING_DAYS = 5


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _sessions_under(spans) -> QuerySet[ReceptionSession]:
    """Live sessions held under these spans ((path, from, to)) within their dates."""
    return ReceptionSession.objects.filter(voided_at__isnull=True).filter(
        under_spans_q(spans, org_field="organization", date_field="date")
    )


def _petitions_under(spans) -> QuerySet[Petition]:
    """Live petitions received under these spans ((path, from, to)) within their dates."""
    return Petition.objects.filter(voided_at__isnull=True).filter(
        under_spans_q(spans, org_field="organization", date_field="received_on")
    )


def sessions_in_scope(org: Organization, start: dt.date, end: dt.date) -> QuerySet[ReceptionSession]:
    """Sessions dated from `start` to `end` by organizations in `org`'s subtree that day."""
    return _sessions_under(own_spans(org, start, end))


def petitions_in_scope(org: Organization, start: dt.date, end: dt.date) -> QuerySet[Petition]:
    """Petitions received from `start` to `end` by organizations in `org`'s subtree that day."""
    return _petitions_under(own_spans(org, start, end))


def on_time_q() -> Q:
    """Closed on or before the due date in force when it was closed: the closing's once
    accepted (none: on time), else the acceptance's (RULES.md)."""
    accepted = Q(accepted_on__isnull=False)
    return (accepted & (Q(close_due__isnull=True) | Q(closed_on__lte=F("close_due")))) | (
        ~accepted & (Q(accept_due__isnull=True) | Q(closed_on__lte=F("accept_due")))
    )


def open_at(day: dt.date) -> Q:
    return Q(closed_on__isnull=True) | Q(closed_on__gt=day)


def overdue_at(day: dt.date) -> Q:
    """Open at the end of `day` and past the due date in force then (before `day`)."""
    accepted = Q(accepted_on__isnull=False, accepted_on__lte=day)
    return open_at(day) & ((accepted & Q(close_due__lt=day)) | (~accepted & Q(accept_due__lt=day)))


def petition_filters(end: dt.date) -> dict[str, Q]:
    """The filter of each petition figure (REPORT.md `citizens.petitions`) on the
    petitions received in the year ending on `end` in scope: the same filters count
    and list them."""
    closed = Q(closed_on__isnull=False, closed_on__lte=end)
    return {
        "received": Q(),
        **{key: Q(kind=kind) for kind, key in KIND_KEYS.items()},
        "resolved": closed,
        "on_time": closed & on_time_q(),
        "open": open_at(end),
        "overdue": overdue_at(end),
    }


@Prepared
def _session_totals(spans) -> dict:
    dialogues = Count("pk", filter=Q(form=Form.DIALOGUE))
    return _sessions_under(spans).aggregate(dialogues=dialogues, citizens=Sum("citizens"))


@Prepared
def _reception_days(spans) -> int:
    sessions = _sessions_under(spans).filter(form__in=ReceptionSession.RECEPTION_FORMS)
    return sessions.values("organization_id", "date").distinct().count()


@Prepared
def _petition_counts(spans, end: dt.date) -> dict:
    return _petitions_under(spans).aggregate(
        **{key: Count("pk", filter=q) if q else Count("pk") for key, q in petition_filters(end).items()}
    )


def citizens_figures(org: Organization, year: int) -> dict:
    """The `citizens` block of the annual report (REPORT.md). Three queries."""
    start, end = _year(year)
    spans = own_spans(org, start, end)
    totals = _session_totals(spans=spans)
    counts = _petition_counts(spans=spans, end=end)
    return {
        "reception_days": _reception_days(spans=spans),
        "dialogues": totals["dialogues"] or 0,
        "citizens_received": totals["citizens"] or 0,
        "petitions": {
            "received": counts["received"],
            "by_kind": {key: counts[key] for key in KIND_KEYS.values()},
            "resolved": counts["resolved"],
            "on_time": counts["on_time"],
            "overdue": counts["overdue"],
            "open": counts["open"],
        },
    }


def petitions_by_month(org: Organization, year: int) -> dict[str, list[int]]:
    """For the report's chart, month by month of `year`, of the petitions received in the
    year in scope: received that month, closed that month, overdue at the month's end.
    One query."""
    start, end = _year(year)
    aggregates = {}
    for month in range(1, 13):
        first = dt.date(year, month, 1)
        last = dt.date(year, month, month_calendar.monthrange(year, month)[1])
        aggregates[f"r{month}"] = Count("pk", filter=Q(received_on__gte=first, received_on__lte=last))
        aggregates[f"c{month}"] = Count("pk", filter=Q(closed_on__gte=first, closed_on__lte=last))
        aggregates[f"o{month}"] = Count("pk", filter=Q(received_on__lte=last) & overdue_at(last))
    counts = petitions_in_scope(org, start, end).aggregate(**aggregates)
    return {
        "received": [counts[f"r{m}"] for m in range(1, 13)],
        "closed": [counts[f"c{m}"] for m in range(1, 13)],
        "overdue": [counts[f"o{m}"] for m in range(1, 13)],
    }


# -- Worklists ---------------------------------------------------------------------------


def _live_subtree_petitions(org: Organization, today: dt.date) -> QuerySet[Petition]:
    """Open petitions received by organizations that stood in `org`'s subtree when they
    received them (any year)."""
    return _petitions_under(own_spans(org, dt.date(1900, 1, 1), today)).filter(closed_on__isnull=True)


def due_soon(org: Organization, today: dt.date, calendar: Calendar | None = None) -> QuerySet[Petition]:
    """Open petitions due today or within the next 5 working days, soonest first."""
    until = working_days_after(today, DUE_SOON_WORKING_DAYS, calendar)
    return (
        _live_subtree_petitions(org, today).filter(due_on__gte=today, due_on__lte=until)
        .select_related("organization").order_by("due_on", "code")
    )


def overdue(org: Organization, today: dt.date) -> QuerySet[Petition]:
    """Open petitions past their due date, the oldest due first."""
    return (
        _live_subtree_petitions(org, today).filter(due_on__lt=today)
        .select_related("organization").order_by("due_on", "code")
    )


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    return day.replace(day=1), day.replace(day=month_calendar.monthrange(day.year, day.month)[1])


def minimums_on(orgs: list[Organization], day: dt.date) -> dict[int, tuple[int | None, str]]:
    """For each organization, (reception days a month its head must hold in `day`'s
    month, what says so); None when no rule asks it of that committee. The committee's
    own setting in force on the month's first day wins over the rule of its level. Three
    queries."""
    first, _last = month_bounds(day)
    own: dict[int, ReceptionMinimum] = {}
    for m in ReceptionMinimum.objects.filter(organization__in=orgs, effective_from__lte=first).order_by(
        "effective_from"
    ):
        own[m.organization_id] = m
    rule = rules.minimum_rule_on(first)
    levels = rules.levels_on([o for o in orgs if o.pk not in own], first)
    out: dict[int, tuple[int | None, str]] = {}
    for org in orgs:
        if org.pk in own:
            m = own[org.pk]
            out[org.pk] = (m.days_per_month,
                           _("set by the committee from %(date)s") % {"date": short_date(m.effective_from)})
            continue
        level = levels.get(org.pk)
        if rule is None or level is None or level not in rule.days:
            out[org.pk] = (None, rule.source if rule else "")
        else:
            out[org.pk] = (rule.days[level], f"{rule.source} ({rules.LEVELS[level]})")
    return out


def minimum_on(org: Organization, day: dt.date) -> tuple[int | None, str]:
    return minimums_on([org], day)[org.pk]


def reception_days(org: Organization, first: dt.date, last: dt.date) -> int:
    """Distinct days `org` itself held a reception (regular or ad hoc) between two dates."""
    return (
        ReceptionSession.objects.filter(organization=org, voided_at__isnull=True, date__gte=first, date__lte=last,
                                        form__in=ReceptionSession.RECEPTION_FORMS)
        .values("date").distinct().count()
    )


def month_receptions(orgs: list[Organization], day: dt.date) -> list[dict]:
    """Each committee of `orgs` that must receive citizens this month: its days so far
    against its minimum."""
    first, last = month_bounds(day)
    held = dict(
        ReceptionSession.objects.filter(organization__in=orgs, voided_at__isnull=True, date__gte=first, date__lte=last,
                                        form__in=ReceptionSession.RECEPTION_FORMS)
        .values("organization_id").annotate(days=Count("date", distinct=True)).values_list("organization_id", "days")
    )
    minimums = minimums_on(orgs, day)
    rows = []
    for org in orgs:
        minimum, source = minimums[org.pk]
        if not minimum:
            continue
        days = held.get(org.pk, 0)
        rows.append({"organization": org, "days": days, "minimum": minimum, "source": source,
                     "short": days < minimum})
    return rows


def committees_under(org: Organization, day: dt.date) -> list[Organization]:
    """`org` and the committees that stand under it on `day` (not the cells)."""
    from dangbo.organizations.selectors import subtree_spans

    kinds = (Organization.Kind.ABOVE_GRASSROOTS, Organization.Kind.GRASSROOTS_COMMITTEE)
    spans = subtree_spans(org, day).filter(organization__kind__in=kinds).select_related("organization")
    return [s.organization for s in spans]
