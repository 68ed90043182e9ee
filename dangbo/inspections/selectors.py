"""Questions asked of inspection, supervision and discipline records.

"Carried out (decided) by an organization in X's subtree" is decided on each record's
date with the tree of that date (REPORT.md): one filter the database evaluates (an
EXISTS on the dated tree), the same for a figure and for the records behind it.
"""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dangbo.core.prepared import Prepared
from dangbo.lib.vntext import short_date
from dangbo.members.models import Member
from dangbo.organizations.models import Organization, OrgSpan
from dangbo.organizations.selectors import ever_under_q, stood_under_q

from . import rules
from .models import Body, Discipline, Item, Program, Remedy

Kind, Conclusion, Form = Item.Kind, Item.Conclusion, Discipline.Form
WORKLIST_DAYS = 30


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def in_subtree(org: Organization, year: int, organization: str, date: str) -> Q:
    """Records of `year` whose `organization` stood in `org`'s subtree on their `date`
    (field names, possibly across a relation: "item__organization", "item__start")."""
    start, end = _year(year)
    return stood_under_q(org, start, end, org_field=organization, date_field=date)


# -- The report's figures (REPORT.md `inspection`, `discipline`) -------------------------


def items_in_scope(org: Organization, year: int) -> QuerySet[Item]:
    """Items whose `Từ ngày` is in `year`, carried out by an organization in `org`'s subtree."""
    start, end = _year(year)
    return Item.objects.filter(voided_at__isnull=True, start__gte=start, start__lte=end).filter(
        in_subtree(org, year, "organization", "start")
    )


def item_filters(year: int) -> dict[str, Q]:
    """The filter of each `inspection` figure on the items in scope."""
    end = dt.date(year, 12, 31)
    concluded = Q(end__isnull=False, end__lte=end)
    return {
        "inspections": Q(kind__in=Item.INSPECTION_KINDS),
        "supervisions": Q(kind__in=Item.SUPERVISION_KINDS),
        "signs_of_violation": Q(kind=Kind.SUSPECTED_VIOLATION),
        "concluded": concluded,
        "with_violations": concluded & Q(conclusion__in=Item.VIOLATIONS),
    }


def remedy_filters(year: int) -> dict[str, Q]:
    end = dt.date(year, 12, 31)
    done = Q(done_on__isnull=False, done_on__lte=end)
    return {"total": Q(), "done": done, "overdue": ~done & Q(due__lt=end)}


def remedies_in_scope(org: Organization, year: int) -> QuerySet[Remedy]:
    """The remedies of the items counted in `year`'s figures."""
    start, end = _year(year)
    return Remedy.objects.filter(
        voided_at__isnull=True, item__voided_at__isnull=True, item__start__gte=start, item__start__lte=end
    ).filter(in_subtree(org, year, "item__organization", "item__start"))


def inspection_figures(org: Organization, year: int) -> dict:
    """The `inspection` block of the annual report: from the tallies where they are kept
    (inspections.tally), else two aggregate queries over the records."""
    from . import tally

    kept = tally.figures(org, year)
    if kept is not None:
        return kept["inspection"]
    return count_inspection_figures(org, year)


def count_inspection_figures(org: Organization, year: int) -> dict:
    """The `inspection` block counted from the records."""
    counts = items_in_scope(org, year).aggregate(
        **{key: Count("pk", filter=q) for key, q in item_filters(year).items()}
    )
    remedies = remedies_in_scope(org, year).aggregate(
        **{key: Count("pk", filter=q) for key, q in remedy_filters(year).items()}
    )
    return {**counts, "remedies": remedies}


def disciplines_in_scope(org: Organization, year: int) -> QuerySet[Discipline]:
    start, end = _year(year)
    return Discipline.objects.filter(voided_at__isnull=True, date__gte=start, date__lte=end).filter(
        in_subtree(org, year, "organization", "date")
    )


def discipline_filters() -> dict[str, Q]:
    return {
        "organizations": Q(subject_organization__isnull=False),
        "members": Q(subject_member__isnull=False),
        **{key: Q(form=form) for form, key in Discipline.REPORT_KEYS.items()},
    }


def discipline_figures(org: Organization, year: int) -> dict:
    """The `discipline` block of the annual report: from the tallies where they are kept,
    else one aggregate query over the records."""
    from . import tally

    kept = tally.figures(org, year)
    if kept is not None:
        return kept["discipline"]
    return count_discipline_figures(org, year)


def count_discipline_figures(org: Organization, year: int) -> dict:
    """The `discipline` block counted from the records."""
    counts = disciplines_in_scope(org, year).aggregate(
        **{key: Count("pk", filter=q) for key, q in discipline_filters().items()}
    )
    return {
        "organizations": counts["organizations"],
        "members": counts["members"],
        "by_form": {key: counts[key] for key in Discipline.REPORT_KEYS.values()},
    }


# -- Pages -------------------------------------------------------------------------------


def years_with_items(org: Organization) -> list[int]:
    return sorted(set(Program.objects.filter(organization=org).values_list("year", flat=True).distinct()), reverse=True)


def _with_remedy_counts(items: QuerySet[Item]) -> QuerySet[Item]:
    live = Q(remedies__voided_at__isnull=True)
    return items.annotate(
        remedy_count=Count("remedies", filter=live),
        remedies_done=Count("remedies", filter=live & Q(remedies__done_on__isnull=False)),
    )


def program_tables(org: Organization, year: int) -> list[dict]:
    """The year's program of `org` as a table per body carrying it out, in the order of
    the `Cơ quan thực hiện` list, each with its progress: items concluded, remedies done.
    Two queries."""
    items = list(
        _with_remedy_counts(Item.objects.filter(organization=org, year=year))
        .select_related("subject_member", "subject_organization")
        .order_by("start", "code")
    )
    programs = {p.owner: p for p in Program.objects.filter(organization=org, year=year)}
    tables = []
    for body in Body:
        rows = [i for i in items if i.body == body]
        if not rows:
            continue
        live = [i for i in rows if i.voided_at is None]
        tables.append(
            {
                "body": body,
                "program": programs.get(Program.owner_of(body)),
                "items": rows,
                "total": len(live),
                "concluded": sum(1 for i in live if i.end is not None),
                "remedies": sum(i.remedy_count for i in live),
                "remedies_done": sum(i.remedies_done for i in live),
                "percent": round(100 * sum(1 for i in live if i.end is not None) / len(live)) if live else 0,
            }
        )
    return tables


def lower_levels(org: Organization, year: int) -> list[dict]:
    """The progress of the programs of the organizations under `org` (items of `year`
    carried out in its subtree, `org` itself apart), one row per organization. One query."""
    rows = (
        items_in_scope(org, year)
        .exclude(organization=org)
        .order_by()
        .values("organization_id", "organization__code", "organization__name")
        .annotate(
            total=Count("pk", distinct=True),
            concluded=Count("pk", filter=Q(end__isnull=False), distinct=True),
        )
    )
    from dangbo.lib.vntext import sort_key

    return sorted(rows, key=lambda r: sort_key(r["organization__name"]))


def remedies_due(org: Organization, today: dt.date, days: int = WORKLIST_DAYS) -> QuerySet[Remedy]:
    """Open remedies due within `days` or overdue, of live items carried out by an
    organization that stood under `org` at some time (those its staff may see), the
    most overdue first. Served by the partial index on open remedies' due dates."""
    limit = today + dt.timedelta(days=days)
    # EXISTS, not IN: SQLite then reads the open remedies in due order from their index
    # and probes the tree for each, stopping after a page; with IN it starts from every
    # organization of the subtree (a province's 9,000) and sorts all their remedies.
    under = OrgSpan.objects.filter(ever_under_q(org), organization_id=OuterRef("item__organization_id"))
    return (
        Remedy.objects.filter(done_on__isnull=True, voided_at__isnull=True, due__lte=limit)
        .filter(item__voided_at__isnull=True)
        .filter(Exists(under))
        .select_related("item", "item__organization", "item__subject_member", "item__subject_organization")
        .order_by("due", "pk")
    )


def item_remedies(item: Item) -> list[Remedy]:
    """Live remedies by due date, then the voided ones."""
    remedies = Remedy.objects.filter(item=item).order_by("due", "pk")
    return sorted(remedies, key=lambda r: r.voided_at is not None)


def items_about_member(member: Member) -> QuerySet[Item]:
    return Item.objects.filter(subject_member=member).select_related("organization").order_by("-start", "-pk")


def items_about_organization(org: Organization) -> QuerySet[Item]:
    return Item.objects.filter(subject_organization=org).select_related("organization").order_by("-start", "-pk")


def disciplines_listed(disciplines: QuerySet[Discipline]) -> QuerySet[Discipline]:
    return disciplines.select_related("organization", "subject_member", "subject_organization", "item").order_by(
        "-date", "-pk"
    )


# -- The ratings' rules (ratings.rules.DISCIPLINE_SOURCES and friends) -------------------


def disciplined_members(member_ids: list[int], year: int) -> dict[int, str]:
    """Of `member_ids`, those disciplined in `year`, with the decisions in words."""
    start, end = _year(year)
    found: dict[int, list[str]] = {}
    ids = sorted(set(member_ids))
    for first in range(0, len(ids), 5000):
        decisions = (
            Discipline.objects.filter(
                subject_member_id__in=ids[first : first + 5000],
                voided_at__isnull=True,
                date__gte=start,
                date__lte=end,
            )
            .select_related("subject_member")
            .order_by("date", "pk")
        )
        for d in decisions:
            found.setdefault(d.subject_member_id, []).append(_decision_text(d))
    return {pk: "; ".join(texts) for pk, texts in found.items()}


def _decision_text(d: Discipline) -> str:
    subject = d.subject_member.full_name if d.subject_member_id else d.subject_organization.name
    return _("%(form)s of %(subject)s on %(date)s") % {
        "form": d.get_form_display(),
        "subject": subject,
        "date": short_date(d.date),
    }


def collective_discipline(org: Organization, year: int) -> str:
    """Why `org` cannot be rated excellent for `year`: it or an organization under it
    (on the decision date) was disciplined that year, or (from QĐ 366) a member holding a
    post in it that year; "" when none."""
    from dangbo.cadres.models import Position

    start, end = _year(year)
    decisions = Discipline.objects.filter(voided_at__isnull=True, date__gte=start, date__lte=end)
    found = list(
        decisions.filter(subject_organization__isnull=False)
        .filter(in_subtree(org, year, "subject_organization", "date"))
        .select_related("subject_organization")[:3]
    )
    if year >= rules.LEADERSHIP_FROM_YEAR:
        posts = (
            Position.objects.live()
            .filter(organization=org, start__lte=end)
            .filter(Q(end__isnull=True) | Q(end__gte=start))
        )
        found += list(
            decisions.filter(subject_member__in=posts.values("member_id")).select_related("subject_member")[:3]
        )
    return "; ".join(_decision_text(d) for d in found)


def rating_conflicts(disciplines: list[Discipline]) -> dict[int, list[str]]:
    """Decided ratings of the decisions' years that the discipline contradicts, by
    decision: the member rated above `Hoàn thành nhiệm vụ`; the organization, or one above
    it that day, rated excellent; where the year's rules say so (ratings.rules). One query
    per year for the members; the organizations disciplined are few."""
    from dangbo.ratings import rules as rating_rules
    from dangbo.ratings.models import Rating

    out: dict[int, list[str]] = {}
    by_year: dict[int, list[Discipline]] = {}
    for d in disciplines:
        by_year.setdefault(d.date.year, []).append(d)
    for year, decisions in by_year.items():
        ruleset = rating_rules.rule_set_for(year)
        decided = Rating.objects.filter(year=year, step=Rating.Step.DECIDED)
        members = [d for d in decisions if d.subject_member_id]
        if members and ruleset.member_discipline_check:
            rated = {}
            ids = sorted({d.subject_member_id for d in members})
            for first in range(0, len(ids), 5000):
                rated.update(
                    {
                        r.member_id: r
                        for r in decided.filter(
                            member_id__in=ids[first : first + 5000], level__in=["EXCELLENT", "GOOD"]
                        )
                    }
                )
            for d in members:
                rating = rated.get(d.subject_member_id)
                if rating is not None:
                    out.setdefault(d.pk, []).append(
                        _("%(name)s is rated “%(level)s” for %(year)d although disciplined that year (%(source)s).")
                        % {
                            "name": d.subject_member.full_name,
                            "level": rating.get_level_display(),
                            "year": year,
                            "source": ruleset.member_discipline_check,
                        }
                    )
        if not ruleset.discipline_check:
            continue
        for d in decisions:
            if not d.subject_organization_id:
                continue
            span = OrgSpan.objects.filter(
                organization_id=d.subject_organization_id, valid_from__lte=d.date, valid_to__gte=d.date
            ).first()
            above = [int(pk) for pk in span.path.split("/") if pk] if span else [d.subject_organization_id]
            for rating in decided.filter(organization_id__in=above, level="EXCELLENT").select_related("organization"):
                out.setdefault(d.pk, []).append(
                    _(
                        "%(name)s is rated “%(level)s” for %(year)d although it or a unit under it was disciplined "
                        "that year (%(source)s)."
                    )
                    % {
                        "name": rating.organization.name,
                        "level": rating.get_level_display(),
                        "year": year,
                        "source": ruleset.discipline_check,
                    }
                )
    return out


@Prepared
def _disciplined_rated_well(year: int, start: dt.date, end: dt.date) -> QuerySet:
    """(member, override reason) of the decided ratings above "completed" in `year` of
    the members disciplined from `start` to `end`, anywhere."""
    from dangbo.ratings.models import Rating

    disciplined = Discipline.objects.filter(
        voided_at__isnull=True, date__gte=start, date__lte=end, subject_member__isnull=False
    ).values("subject_member_id")
    return Rating.objects.filter(
        year=year, step=Rating.Step.DECIDED, level__in=[Rating.Level.EXCELLENT, Rating.Level.GOOD],
        member_id__in=disciplined,
    ).values_list("member_id", "override_reason")


def year_warnings(org: Organization, year: int) -> list[dict]:
    """The report's rule warnings: members disciplined in `year` by an organization in
    `org`'s subtree and rated above `Hoàn thành nhiệm vụ` that year (with the override
    reasons recorded on the ratings). One query."""
    from dangbo.ratings import rules as rating_rules

    ruleset = rating_rules.rule_set_for(year)
    if not ruleset.member_discipline_check:
        return []
    # The ratings of the year's disciplined members first (few), then which of their
    # decisions were taken in `org`'s subtree: the scope's test runs on those rows only.
    start, end = _year(year)
    rated = _disciplined_rated_well(year=year, start=start, end=end)
    if not rated:
        return []
    members = sorted({member for member, _reason in rated})
    in_scope = {
        member
        for first in range(0, len(members), 5000)
        for member in disciplines_in_scope(org, year)
        .filter(subject_member_id__in=members[first : first + 5000])
        .values_list("subject_member_id", flat=True)
    }
    ratings = [reason for member, reason in rated if member in in_scope]
    if not ratings:
        return []
    message = ngettext(
        "%(count)d member disciplined in %(year)d is rated above “completed” that year (%(source)s).",
        "%(count)d members disciplined in %(year)d are rated above “completed” that year (%(source)s).",
        len(ratings),
    ) % {"count": len(ratings), "year": year, "source": ruleset.member_discipline_check}
    reasons = sorted({r for r in ratings if r})
    if reasons:
        message = _("%(warning)s Override recorded: %(reasons)s") % {"warning": message, "reasons": "; ".join(reasons)}
    return [{"code": rating_rules.DISCIPLINED_MEMBER, "message": message}]
