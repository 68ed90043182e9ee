"""The yearly report's figures summed from the tallies: a range scan per table.

Each function returns None when the tallies cannot answer (they are not kept, or the
year's year-end is not among the kept years); the caller then counts from the records.
"""

import datetime as dt
import functools
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from dangbo.members.models import MembershipSpan
from dangbo.organizations.models import Organization, OrgSpan
from dangbo.ratings.models import Rating

from .models import EventTally, GrassrootsYear, MemberRatingTally, TallyState, YearEndTally
from .scopes import Scopes

LEVEL_KEYS = {
    Rating.Level.EXCELLENT: "excellent",
    Rating.Level.GOOD: "good",
    Rating.Level.COMPLETED: "completed",
    Rating.Level.NOT_COMPLETED: "not_completed",
}


def _kept() -> range | None:
    row = TallyState.objects.values_list("first_year", "last_year").first()
    return range(row[0], row[1] + 1) if row else None


def _under(paths) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(path__gte=path, path__lt=path + "~")  # a range, so the (year, path) index serves it
    return q


def _own_spans(org: Organization, year: int) -> list[tuple]:
    """X's (path, valid_from, valid_to) as itself in `year`: more than one when it moved."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return list(
        OrgSpan.objects.filter(
            organization=org, merged_into__isnull=True, valid_from__lte=end, valid_to__gte=start
        ).values_list("path", "valid_from", "valid_to")
    )


def _sums(rows: QuerySet, columns) -> dict[str, int]:
    totals = rows.aggregate(**{c: Sum(c) for c in columns})
    return {c: totals[c] or 0 for c in columns}


class YearFigures:
    """What the tallies say of X in one year; None from `for_year` when they cannot."""

    def __init__(self, org: Organization, year: int):
        self.org, self.year = org, year
        own = _own_spans(org, year)
        self.paths = {path for path, _start, _end in own}
        day = dt.date(year, 12, 31)
        self.year_end_path = next((path for path, start, end in own if start <= day <= end), None)

    @classmethod
    def for_year(cls, org: Organization, year: int) -> "YearFigures | None":
        kept = _kept()
        if kept is None or year not in kept:
            return None
        return cls(org, year)

    def _year_end(self, model) -> QuerySet:
        if self.year_end_path is None:
            return model.objects.none()
        return model.objects.filter(_under([self.year_end_path]), year=self.year)

    @functools.cached_property
    def _heads(self) -> dict[str, int]:
        return _sums(self._year_end(YearEndTally), YearEndTally.COUNTS)

    @functools.cached_property
    def _ratings(self) -> dict[str, int]:
        return _sums(self._year_end(MemberRatingTally), MemberRatingTally.COUNTS)

    def membership(self) -> dict:
        """`members` and the event figures of REPORT.md."""
        events = EventTally.objects.filter(_under(self.paths), year=self.year)
        e = _sums(events, EventTally.COUNTS) if self.paths else dict.fromkeys(EventTally.COUNTS, 0)
        heads = self._heads
        return {
            "members": {
                "at_year_end": heads["members"],
                "official": heads["official"],
                "probationary": heads["probationary"],
            },
            "admissions": e["admitted"],
            "recognized_official": e["recognized"],
            "removed_from_party": e["removed"],
            "name_deletions": e["name_deleted"],
            "deaths": e["died"],
            "transfers_in": e["transferred_in"] + e["internal_in"] - e["internal_within"],
            "transfers_out": e["transferred_out"] + e["internal_out"] - e["internal_within"],
        }

    def member_ratings(self) -> dict[str, int]:
        counts = {key: self._ratings[key] for key in LEVEL_KEYS.values()}
        counts["not_rated"] = self._heads["members"] - sum(counts.values())
        return counts

    def grassroots_ratings(self) -> dict[str, int]:
        rows = dict(self._year_end(GrassrootsYear).order_by().values("level").annotate(n=Count("pk")).values_list(
            "level", "n"))
        counts = {key: rows.get(level, 0) for level, key in LEVEL_KEYS.items()}
        counts["not_rated"] = sum(rows.values()) - sum(counts.values())
        return counts

    def not_completed_twice(self) -> int:
        return self._ratings["not_completed_twice"]

    def member_cap_groups(self, ratio: Decimal) -> list[dict]:
        """Rating rounds whose members in scope have more rated excellent than `ratio` of
        those rated good: [{round_id, excellent, good}], by round."""
        rows = (
            self._year_end(MemberRatingTally)
            .order_by()
            .values("round_id")
            .annotate(excellent=Sum("excellent"), good=Sum("good"))
            .filter(excellent__gt=0)
        )
        return [r for r in rows if r["excellent"] > ratio * r["good"]]

    def grassroots_cap_rows(self) -> list[tuple[int, int, str]]:
        """(organization, round, level) of the grassroots organizations in scope rated
        excellent or good, for the excellence cap of organizations."""
        return list(
            self._year_end(GrassrootsYear)
            .filter(level__in=[Rating.Level.EXCELLENT, Rating.Level.GOOD])
            .values_list("organization_id", "round_id", "level")
        )

    def members_in_scope(self, member_ids) -> set[int]:
        """Which of these members count in X at year end (a few: the raters of a round)."""
        if self.year_end_path is None:
            return set()
        day = dt.date(self.year, 12, 31)
        spans = MembershipSpan.objects.filter(member_id__in=member_ids, valid_from__lte=day, valid_to__gte=day)
        pairs = list(spans.values_list("member_id", "organization_id"))
        scopes = Scopes()
        scopes.load(org for _m, org in pairs)
        return {m for m, org in pairs if (scopes.path(org, day) or "").startswith(self.year_end_path)}
