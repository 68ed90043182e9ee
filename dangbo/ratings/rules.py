"""The rules of the yearly quality rating, as data: one `RuleSet` per period, with the
sources and the years it applies to (RULES.md, "Which rule applies when").

A new rule set is one more entry in `RULE_SETS`; the screens, the checks and the import
read everything they need from it (levels, score bands, excellence caps).
"""

import dataclasses
from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

EXCELLENT, GOOD, COMPLETED, NOT_COMPLETED, NOT_RATED = (
    "EXCELLENT",
    "GOOD",
    "COMPLETED",
    "NOT_COMPLETED",
    "NOT_RATED",
)
ALL_LEVELS = (EXCELLENT, GOOD, COMPLETED, NOT_COMPLETED, NOT_RATED)

# Subjects and scopes of an excellence cap.
ORGANIZATION, MEMBER = "ORGANIZATION", "MEMBER"
PER_GRASSROOTS = "GRASSROOTS"  # members of one grassroots organization
PER_GROUP = "GROUP"  # organizations of one comparable group under one deciding level

# Stable codes of the rule checks (warnings), used in reports and tests.
EXCELLENCE_CAP = "excellence_cap"
MEMBERS_BEFORE_ORGANIZATION = "members_before_organization"
NOT_COMPLETED_TWICE = "not_completed_twice"
DISCIPLINED_COLLECTIVE = "disciplined_collective"
DISCIPLINED_MEMBER = "disciplined_member"


@dataclasses.dataclass(frozen=True)
class Band:
    """Scores from `low` (included) to `high` (excluded; None for no upper end but 100)."""

    level: str
    low: Decimal
    high: Decimal | None

    def contains(self, score: Decimal) -> bool:
        return score >= self.low and (self.high is None or score < self.high)


@dataclasses.dataclass(frozen=True)
class Cap:
    """At most `ratio` × (those rated good) may be rated excellent, counted per `scope`."""

    subject: str
    scope: str
    ratio: Decimal
    source: str


@dataclasses.dataclass(frozen=True)
class RuleSet:
    code: str
    name: str
    sources: str
    first_year: int | None
    last_year: int | None
    levels: tuple[str, ...] = ALL_LEVELS
    bands: tuple[Band, ...] = ()
    caps: tuple[Cap, ...] = ()
    # A collective cannot be excellent when it or a unit under it (QĐ 366: or a member of
    # its leadership) was disciplined that year; a member disciplined in a year is rated
    # no higher than "completed" (RULES.md, likely: warnings). Each is the source, or ""
    # when the rule set has no such rule; active only when an app keeps discipline
    # records (`DISCIPLINE_SOURCES`, `MEMBER_DISCIPLINE_SOURCES`).
    discipline_check: str = ""
    member_discipline_check: str = ""
    before_members_source: str = "HD 43-HD/BTCTW"

    @property
    def uses_scores(self) -> bool:
        return bool(self.bands)

    def applies_to(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )

    def band(self, level: str) -> Band | None:
        return next((b for b in self.bands if b.level == level), None)

    def cap(self, subject: str) -> Cap | None:
        return next((c for c in self.caps if c.subject == subject), None)


TWENTY_PERCENT = Decimal("0.2")

RULE_SETS: list[RuleSet] = [
    RuleSet(
        code="QD132",
        name="QĐ 132-QĐ/TW",
        sources="QĐ 132-QĐ/TW (08/3/2018), HD 21-HD/BTCTW (18/10/2019)",
        first_year=None,
        last_year=2022,
        caps=(
            Cap(MEMBER, PER_GRASSROOTS, TWENTY_PERCENT, "HD 21-HD/BTCTW"),
            # RULES.md is silent on organizations before 2023: configurable data, the
            # same 20% per comparable group as later (the district's practice).
            Cap(ORGANIZATION, PER_GROUP, TWENTY_PERCENT, "HD 21-HD/BTCTW"),
        ),
        discipline_check="HD 21-HD/BTCTW",
        member_discipline_check="HD 21-HD/BTCTW",
    ),
    RuleSet(
        code="QD124",
        name="QĐ 124-QĐ/TW",
        sources="QĐ 124-QĐ/TW (04/10/2023)",
        first_year=2023,
        last_year=2024,
        caps=(
            Cap(MEMBER, PER_GRASSROOTS, TWENTY_PERCENT, "QĐ 124-QĐ/TW"),
            Cap(ORGANIZATION, PER_GROUP, TWENTY_PERCENT, "QĐ 124-QĐ/TW"),
        ),
    ),
    RuleSet(
        code="QD366",
        name="QĐ 366-QĐ/TW",
        sources="QĐ 366-QĐ/TW (30/8/2025), HD 43-HD/BTCTW (31/10/2025)",
        first_year=2025,
        last_year=None,
        bands=(
            Band(EXCELLENT, Decimal(90), None),
            Band(GOOD, Decimal(70), Decimal(90)),
            Band(COMPLETED, Decimal(50), Decimal(70)),
            Band(NOT_COMPLETED, Decimal(0), Decimal(50)),
        ),
        caps=(
            Cap(MEMBER, PER_GRASSROOTS, TWENTY_PERCENT, "QĐ 366-QĐ/TW"),
            Cap(ORGANIZATION, PER_GROUP, TWENTY_PERCENT, "QĐ 366-QĐ/TW"),
        ),
        discipline_check="QĐ 366-QĐ/TW",
        member_discipline_check="QĐ 366-QĐ/TW",
    ),
]


def rule_set_for(year: int) -> RuleSet:
    return next(r for r in RULE_SETS if r.applies_to(year))


def rule_set(code: str) -> RuleSet:
    """The rule set of a round, by the code recorded on it."""
    return next(r for r in RULE_SETS if r.code == code)


# What each check says; the messages name the rule and the reason.
CHECK_TITLES = {
    EXCELLENCE_CAP: _("Excellence cap"),
    MEMBERS_BEFORE_ORGANIZATION: _("Members are rated before their organization"),
    NOT_COMPLETED_TWICE: _("Not completed two years running"),
    DISCIPLINED_COLLECTIVE: _("Excellent collective with discipline"),
    DISCIPLINED_MEMBER: _("Disciplined member rated above completed"),
}
NOT_COMPLETED_TWICE_SOURCE = "QĐ 24-QĐ/TW §8.1"

# The app that keeps discipline records (dangbo.inspections) appends here:
# (organization, year) -> why it was disciplined that year (itself, a unit, its
# leadership), or "";
DISCIPLINE_SOURCES: list[Callable] = []
# (member ids, year) -> {member id: why} for the members disciplined that year;
MEMBER_DISCIPLINE_SOURCES: list[Callable] = []
# (organization, year) -> the report's warnings [{code, message}] of that year's ratings
# in the organization's scope that contradict its discipline decisions.
DISCIPLINE_YEAR_WARNINGS: list[Callable] = []
