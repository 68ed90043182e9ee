"""The yearly report's figures summed from the tallies: a range scan per table.

Each function returns None when the tallies cannot answer (they are not kept, or the
year's year-end is not among the kept years); the caller then counts from the records.
"""

import datetime as dt
import functools
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum

from dangbo.core.memo import remembered
from dangbo.core.prepared import Prepared
from dangbo.core.replica import read_connection
from dangbo.members.models import MembershipSpan
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import own_spans
from dangbo.ratings.models import Rating, RatingRound

from . import services
from .models import HEAD_DEPTH, EventTally, GrassrootsYear, MemberRatingTally, YearEndTally, depth
from .scopes import Scopes

LEVEL_KEYS = {
    Rating.Level.EXCELLENT: "excellent",
    Rating.Level.GOOD: "good",
    Rating.Level.COMPLETED: "completed",
    Rating.Level.NOT_COMPLETED: "not_completed",
}


def kept_years() -> range | None:
    """`services.kept_years`, read once per report."""
    return remembered("tallies_kept", services.kept_years)


def _under(paths) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(path__gte=path, path__lt=path + "~")  # a range, so the (year, path) index serves it
    return q


def _sums_query(model, heads: bool, paths, year: int) -> dict:
    return model.objects.filter(_under(paths), year=year, head=heads).aggregate(**{c: Sum(c) for c in model.COUNTS})


def _grassroots_levels_query(path: str, year: int) -> QuerySet:
    rows = GrassrootsYear.objects.filter(_under([path]), year=year)  # one row per organization: no head rows
    return rows.order_by().values("level").annotate(n=Count("pk")).values_list("level", "n")


def _rating_rounds_query(heads: bool, path: str, year: int) -> QuerySet:
    return (
        MemberRatingTally.objects.filter(_under([path]), year=year, head=heads)
        .order_by()
        .values("round_id")
        .annotate(excellent=Sum("excellent"), good=Sum("good"))
        .filter(excellent__gt=0)
    )


_SUMS = Prepared(_sums_query)
_GRASSROOTS_LEVELS = Prepared(_grassroots_levels_query)
_RATING_ROUNDS = Prepared(_rating_rounds_query)


def _heads(paths) -> bool:
    """Whether the head rows answer for these paths: when every path is within the head
    depth, they hold the same sums in fewer rows."""
    return all(depth(path) <= HEAD_DEPTH for path in paths)


def _sums(model, paths, year: int) -> dict[str, int]:
    """The sums of `model`'s counts over the rows of `year` under these paths."""
    if not paths:
        return dict.fromkeys(model.COUNTS, 0)
    totals = _SUMS(model=model, heads=_heads(paths), paths=sorted(paths), year=year)
    return {c: totals[c] or 0 for c in model.COUNTS}


class YearFigures:
    """What the tallies say of X in one year; None from `for_year` when they cannot."""

    def __init__(self, org: Organization, year: int):
        self.org, self.year = org, year
        day = dt.date(year, 12, 31)
        own = own_spans(org, dt.date(year, 1, 1), day)
        self.paths = {path for path, _start, _end in own}
        self.year_end_path = next((path for path, start, end in own if start <= day <= end), None)

    @classmethod
    def for_year(cls, org: Organization, year: int) -> "YearFigures | None":
        def read():
            kept = kept_years()
            return cls(org, year) if kept is not None and year in kept else None

        return remembered(("year_figures", org.pk, year), read)

    @property
    def _year_end_paths(self) -> list[str]:
        return [self.year_end_path] if self.year_end_path else []

    @functools.cached_property
    def _heads(self) -> dict[str, int]:
        return _sums(YearEndTally, self._year_end_paths, self.year)

    def headcount(self) -> dict[str, int]:
        """Đảng số at the year's end, as `members.selectors.headcount` gives it: total,
        official, probationary (0 when the organization did not stand then)."""
        heads = self._heads
        return {"total": heads["members"], "official": heads["official"], "probationary": heads["probationary"]}

    @functools.cached_property
    def _ratings(self) -> dict[str, int]:
        return _sums(MemberRatingTally, self._year_end_paths, self.year)

    def membership(self) -> dict:
        """`members` and the event figures of REPORT.md."""
        figures = self._membership
        return {**figures, "members": dict(figures["members"])}

    @functools.cached_property
    def _membership(self) -> dict:
        e = _sums(EventTally, self.paths, self.year)
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

    @functools.cached_property
    def _grassroots_levels(self) -> dict[str, int]:
        if self.year_end_path is None:
            return {}
        return dict(_GRASSROOTS_LEVELS(path=self.year_end_path, year=self.year))

    def grassroots_ratings(self) -> dict[str, int]:
        rows = self._grassroots_levels
        counts = {key: rows.get(level, 0) for level, key in LEVEL_KEYS.items()}
        counts["not_rated"] = sum(rows.values()) - sum(counts.values())
        return counts

    def grassroots_total(self) -> int:
        """The grassroots organizations in scope at the end of the year."""
        return sum(self._grassroots_levels.values())

    def not_completed_twice(self) -> int:
        return self._ratings["not_completed_twice"]

    def member_cap_groups(self, ratio: Decimal) -> list[dict]:
        """Rating rounds whose members in scope have more rated excellent than `ratio` of
        those rated good: [{round_id, excellent, good}], by round."""
        if self.year_end_path is None:
            return []
        rows = _RATING_ROUNDS(heads=_heads([self.year_end_path]), path=self.year_end_path, year=self.year)
        return [r for r in rows if r["excellent"] > ratio * r["good"]]

    def _grassroots_rated(self, select: str, *, where: str, per_group: bool, tail: str = "",
                          params: tuple = ()) -> list[tuple]:
        """SELECT `select` over the grassroots organizations in scope at year end `gy`,
        joined to their rating round's organization `ro` and, when `per_group`, to
        themselves `g` (for their comparable group): one statement, counted in the
        database (the national root has 52,000 of them)."""
        if self.year_end_path is None:
            return []
        quote = connection.ops.quote_name
        organizations = quote(Organization._meta.db_table)
        sql = (
            f"SELECT {select} FROM {quote(GrassrootsYear._meta.db_table)} gy"
            f" JOIN {quote(RatingRound._meta.db_table)} rr ON rr.id = gy.round_id"
            f" JOIN {organizations} ro ON ro.id = rr.organization_id"
            + (f" JOIN {organizations} g ON g.id = gy.organization_id" if per_group else "")
            + f" WHERE gy.year = %s AND gy.path >= %s AND gy.path < %s AND {where} {tail}"
        )
        with read_connection().cursor() as cursor:
            cursor.execute(sql, [self.year, self.year_end_path, self.year_end_path + "~", *params])
            return cursor.fetchall()

    def grassroots_cap_groups(self, *, per_group: bool) -> list[dict]:
        """For the excellence cap of organizations: how many grassroots organizations in
        scope are rated excellent and good, per organization holding the rating round
        (and comparable group when `per_group`; else the group is ""), where any is
        excellent: [{"code", "group", "excellent", "good"}]."""
        keys = 'ro.code, g."group"' if per_group else "ro.code"
        excellent = f"SUM(CASE WHEN gy.level = '{Rating.Level.EXCELLENT}' THEN 1 ELSE 0 END)"
        good = f"SUM(CASE WHEN gy.level = '{Rating.Level.GOOD}' THEN 1 ELSE 0 END)"
        rows = self._grassroots_rated(
            f"{keys}, {excellent}, {good}",
            where=f"gy.level IN ('{Rating.Level.EXCELLENT}', '{Rating.Level.GOOD}')",
            per_group=per_group,
            tail=f"GROUP BY {keys} HAVING {excellent} > 0",
        )
        if not per_group:
            rows = [(code, "", *counts) for code, *counts in rows]
        return [{"code": code, "group": group, "excellent": e, "good": g} for code, group, e, g in rows]

    def excellent_grassroots(self, codes: set[str], *, per_group: bool) -> list[tuple[int, str, str]]:
        """(organization, round's organization code, group) of the grassroots
        organizations in scope rated excellent in the rounds of these organizations."""
        if not codes:
            return []
        rows = self._grassroots_rated(
            'gy.organization_id, ro.code' + (', g."group"' if per_group else ""),
            where=f"gy.level = '{Rating.Level.EXCELLENT}' AND ro.code IN ({', '.join(['%s'] * len(codes))})",
            per_group=per_group,
            params=tuple(sorted(codes)),
        )
        return [(org_id, code, rest[0] if rest else "") for org_id, code, *rest in rows]

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
