"""Questions asked of the ratings. "At year end" is 31/12 of the rating year."""

import datetime as dt

from django.db.models import Count, Q, QuerySet

from dangbo.members.models import MembershipSpan
from dangbo.members.selectors import members_on
from dangbo.organizations.models import Organization, OrgSpan
from dangbo.organizations.selectors import span_on, subtree_spans

from . import rules
from .models import Rating

Level, Step = Rating.Level, Rating.Step
FIGURE_KEYS = {
    Level.EXCELLENT: "excellent",
    Level.GOOD: "good",
    Level.COMPLETED: "completed",
    Level.NOT_COMPLETED: "not_completed",
}


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def member_span_at_year_end(member, year: int) -> MembershipSpan | None:
    day = year_end(year)
    return MembershipSpan.objects.filter(member=member, valid_from__lte=day, valid_to__gte=day).first()


def grassroots_of(org: Organization, day: dt.date) -> Organization:
    """The grassroots organization `org` belongs to on `day` (itself when it is one)."""
    span = OrgSpan.objects.filter(organization=org, valid_from__lte=day, valid_to__gte=day).first()
    if span is None:
        return org
    ids = [int(part) for part in span.path.split("/") if part]
    if span.merged_into_id:
        ids = ids[:-1]  # its members count in the organization it merged into
    found = {o.pk: o for o in Organization.objects.filter(pk__in=ids, kind__in=Organization.GRASSROOTS_KINDS)}
    for org_id in reversed(ids):
        if org_id in found:
            return found[org_id]
    return org


class YearEnd:
    """The tree and the register on 31/12 of a year, as the ratings need them. Asks the
    database each time, or, with `preload` (an import), loads the day once: three queries."""

    def __init__(self, year: int, *, preload: bool = False):
        self.year, self.day = year, year_end(year)
        self.preloaded = preload
        if preload:
            on_day = {"valid_from__lte": self.day, "valid_to__gte": self.day}
            self._members = dict(MembershipSpan.objects.filter(**on_day).values_list("member_id", "organization_id"))
            self._spans = {s.organization_id: s for s in OrgSpan.objects.filter(**on_day)}
            self._grassroots = set(
                Organization.objects.filter(kind__in=Organization.GRASSROOTS_KINDS).values_list("pk", flat=True)
            )

    def member_org_id(self, member) -> int | None:
        if not self.preloaded:
            span = member_span_at_year_end(member, self.year)
            return span.organization_id if span else None
        return self._members.get(member.pk)

    def exists(self, org: Organization) -> bool:
        if not self.preloaded:
            return OrgSpan.objects.filter(
                organization=org, merged_into__isnull=True, valid_from__lte=self.day, valid_to__gte=self.day
            ).exists()
        span = self._spans.get(org.pk)
        return span is not None and span.merged_into_id is None

    def parent_id(self, org: Organization) -> int | None:
        if not self.preloaded:
            parent = parent_on(org, self.day)
            return parent.pk if parent else None
        span = self._spans.get(org.pk)
        return span.parent_id if span else None

    def grassroots_id(self, org_id: int) -> int:
        if not self.preloaded:
            return grassroots_of(Organization.objects.get(pk=org_id), self.day).pk
        span = self._spans.get(org_id)
        if span is None:
            return org_id
        ids = [int(part) for part in span.path.split("/") if part]
        if span.merged_into_id:
            ids = ids[:-1]
        return next((i for i in reversed(ids) if i in self._grassroots), org_id)


def grassroots_spans(org: Organization, year: int) -> QuerySet[OrgSpan]:
    """Grassroots organizations in `org`'s subtree at year end (`org` included)."""
    return subtree_spans(org, year_end(year)).filter(organization__kind__in=Organization.GRASSROOTS_KINDS)


def _counts(ratings: QuerySet[Rating], total: int) -> dict[str, int]:
    """The five keys of REPORT.md: decided ratings per level, the rest `not_rated`."""
    counts = ratings.aggregate(**{key: Count("pk", filter=Q(level=level)) for level, key in FIGURE_KEYS.items()})
    counts["not_rated"] = total - sum(counts.values())
    return counts


def organization_counts(org: Organization, year: int) -> dict[str, int]:
    ids = grassroots_spans(org, year).values("organization_id")
    total = grassroots_spans(org, year).count()
    return _counts(Rating.objects.filter(year=year, step=Step.DECIDED, organization_id__in=ids), total)


def member_counts(org: Organization, year: int) -> dict[str, int]:
    spans = members_on(org, year_end(year))
    decided = Rating.objects.filter(year=year, step=Step.DECIDED, member_id__in=spans.values("member_id"))
    return _counts(decided, spans.count())


def _cap_groups(ratings: QuerySet[Rating], fields: list[str]) -> list[dict]:
    return list(
        ratings.values(*fields)
        .annotate(
            excellent=Count("pk", filter=Q(level=Level.EXCELLENT)),
            good=Count("pk", filter=Q(level=Level.GOOD)),
        )
        .filter(excellent__gt=0)
        .order_by(*fields)
    )


def cap_excess(org: Organization, year: int, tallied=None) -> list[dict]:
    """The groups in `org`'s scope over the year's excellence cap, from decided ratings:
    [{subject, round, group, excellent, good, source, overrides}], two queries per cap
    (from the report tallies when given: `tallies.selectors.YearFigures`)."""
    if tallied is not None:
        return _tallied_cap_excess(tallied, year)
    ruleset = rules.rule_set_for(year)
    decided = Rating.objects.filter(year=year, step=Step.DECIDED)
    out = []
    org_cap = ruleset.cap(rules.ORGANIZATION)
    if org_cap:
        ratings = decided.filter(organization_id__in=grassroots_spans(org, year).values("organization_id"))
        fields = ["round__organization__code"]
        if org_cap.scope == rules.PER_GROUP:
            fields.append("organization__group")
        for row in _cap_groups(ratings, fields):
            out.append({**row, "subject": rules.ORGANIZATION, "cap": org_cap, "ratings": ratings})
    member_cap = ruleset.cap(rules.MEMBER)
    if member_cap:
        ratings = decided.filter(member_id__in=members_on(org, year_end(year)).values("member_id"))
        fields = ["round__organization__code"]
        if member_cap.scope == rules.PER_GROUP:
            fields.append("round__organization__group")
        for row in _cap_groups(ratings, fields):
            out.append({**row, "subject": rules.MEMBER, "cap": member_cap, "ratings": ratings})
    over = [g for g in out if g["excellent"] > g["cap"].ratio * g["good"]]
    for group in over:
        keys = {k: v for k, v in group.items() if k.startswith(("round__", "organization__"))}
        group["overrides"] = sorted(
            set(
                group["ratings"]
                .filter(level=Level.EXCELLENT, **keys)
                .exclude(override_reason="")
                .values_list("override_reason", flat=True)
            )
        )
    return over


def _tallied_cap_excess(tallied, year: int) -> list[dict]:
    """`cap_excess` from the tallies: the same groups in the same order, a fixed number of
    queries however many groups are over the cap."""
    from dangbo.ratings.models import RatingRound

    ruleset = rules.rule_set_for(year)

    def decided():  # built only when a group is over the cap (most reports have none)
        return Rating.objects.filter(year=year, step=Step.DECIDED, level=Level.EXCELLENT).exclude(override_reason="")

    out = []
    org_cap = ruleset.cap(rules.ORGANIZATION)
    if org_cap:
        per_group = org_cap.scope == rules.PER_GROUP
        counted = sorted(tallied.grassroots_cap_groups(per_group=per_group), key=lambda g: (g["code"], g["group"]))
        over = [g for g in counted if g["excellent"] > org_cap.ratio * g["good"]]
        excellent: dict[tuple, list[int]] = {}
        for org_id, code, group in tallied.excellent_grassroots({g["code"] for g in over}, per_group=per_group):
            excellent.setdefault((code, group), []).append(org_id)
        excellent_ids = [o for orgs in excellent.values() for o in orgs]
        reasons = dict(decided().filter(organization_id__in=excellent_ids)
                       .values_list("organization_id", "override_reason")) if excellent_ids else {}
        for g in over:
            row = {"round__organization__code": g["code"], "excellent": g["excellent"], "good": g["good"]}
            if per_group:
                row["organization__group"] = g["group"]
            orgs = excellent.get((g["code"], g["group"]), [])
            overrides = sorted({reasons[o] for o in orgs if o in reasons})
            out.append({**row, "subject": rules.ORGANIZATION, "cap": org_cap, "overrides": overrides})
    member_cap = ruleset.cap(rules.MEMBER)
    over = tallied.member_cap_groups(member_cap.ratio) if member_cap else []
    if over:
        rounds = {r.pk: r for r in RatingRound.objects.filter(pk__in=[g["round_id"] for g in over]).select_related(
            "organization")}
        reasons = list(decided().filter(round_id__in=list(rounds)).values_list("round_id", "member_id",
                                                                            "override_reason"))
        inside = tallied.members_in_scope([member for _r, member, _t in reasons])
        found = []
        for g in over:
            organization = rounds[g["round_id"]].organization
            row = {"round__organization__code": organization.code, "excellent": g["excellent"], "good": g["good"]}
            if member_cap.scope == rules.PER_GROUP:
                row["round__organization__group"] = organization.group
            overrides = sorted({t for r, m, t in reasons if r == g["round_id"] and m in inside})
            found.append({**row, "subject": rules.MEMBER, "cap": member_cap, "overrides": overrides})
        keys = ["round__organization__code", "round__organization__group"]
        out.extend(sorted(found, key=lambda g: tuple(g.get(k, "") for k in keys)))
    return out


def not_completed_twice(org: Organization, year: int) -> QuerySet[Rating]:
    """Decided "not completed" ratings of members in scope who had one the year before."""
    members = members_on(org, year_end(year)).values("member_id")
    before = Rating.objects.filter(year=year - 1, step=Step.DECIDED, level=Level.NOT_COMPLETED).values("member_id")
    return Rating.objects.filter(year=year, step=Step.DECIDED, level=Level.NOT_COMPLETED, member_id__in=members).filter(
        member_id__in=before
    )


def rating_figures(org: Organization, year: int) -> dict:
    """`grassroots_ratings`, `member_ratings` and `warnings` of the annual report
    (REPORT.md scope rules): summed from the report tallies when they hold the year,
    otherwise counted from the records (`rating_figures_from_records`)."""
    from dangbo.tallies.selectors import YearFigures

    from .checks import figure_warnings

    tallied = YearFigures.for_year(org, year)
    if tallied is None:
        return rating_figures_from_records(org, year)
    return {
        "grassroots_ratings": tallied.grassroots_ratings(),
        "member_ratings": tallied.member_ratings(),
        "warnings": figure_warnings(org, year, tallied),
    }


def rating_figures_from_records(org: Organization, year: int) -> dict:
    """`rating_figures` counted in the database from the ratings and the registers."""
    from .checks import figure_warnings

    return {
        "grassroots_ratings": organization_counts(org, year),
        "member_ratings": member_counts(org, year),
        "warnings": figure_warnings(org, year),
    }


def counts_by_group(org: Organization, year: int) -> list[dict]:
    """Decided ratings of the grassroots organizations in scope, per comparable group."""
    spans = grassroots_spans(org, year)
    totals = dict(
        spans.values_list("organization__group")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("organization__group", "n")
    )
    rated = (
        Rating.objects.filter(year=year, step=Step.DECIDED, organization_id__in=spans.values("organization_id"))
        .values("organization__group")
        .annotate(**{key: Count("pk", filter=Q(level=level)) for level, key in FIGURE_KEYS.items()})
        .order_by()
    )
    by_group = {row.pop("organization__group"): row for row in rated}
    out = []
    for group in sorted(totals):
        counts = by_group.get(group, dict.fromkeys(FIGURE_KEYS.values(), 0))
        counts["not_rated"] = totals[group] - sum(counts.values())
        out.append({"group": group, **counts})
    return out


def parent_on(org: Organization, day: dt.date) -> Organization | None:
    span = span_on(org, day)
    return span.parent if span else None


def member_panel(request, member) -> dict:
    """A member's yearly ratings, newest first, for the member page."""
    return {"ratings": list(Rating.objects.filter(member=member).order_by("-year"))}
