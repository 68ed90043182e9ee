"""The rules of inspection, supervision and discipline, each with its source and the
date it takes effect (RULES.md, "Which rule applies when": QĐ 22-QĐ/TW until 30/5/2025,
then QĐ 296-QĐ/TW; QĐ 69-QĐ/TW for violations and the statute of limitations).

- Which discipline forms a subject can receive (RULES.md, "Membership lifecycle", sure):
  an error, never overridden.
- The statute of limitations (QĐ 69, Art. 4, sure): a warning with a recorded reason,
  since the conduct's date and its gravity are for the deciding body to weigh.
- The ratings of a year with discipline (HD 21-HD/BTCTW 2019 and QĐ 366-QĐ/TW, likely):
  warnings in the ratings' checks (`ratings.checks`), which ask the discipline records
  through `selectors.collective_discipline` and `selectors.disciplined_members`.
No Django in here: data and small functions of dates.
"""

import dataclasses
import datetime as dt

D = dt.date

# Subjects and their status on the decision day.
ORGANIZATION, OFFICIAL, PROBATIONARY = "ORGANIZATION", "OFFICIAL", "PROBATIONARY"
REPRIMAND, WARNING, REMOVAL, EXPULSION, DISSOLUTION = "REPRIMAND", "WARNING", "REMOVAL", "EXPULSION", "DISSOLUTION"
FORMS_BY_SUBJECT = {
    ORGANIZATION: (REPRIMAND, WARNING, DISSOLUTION),
    OFFICIAL: (REPRIMAND, WARNING, REMOVAL, EXPULSION),
    PROBATIONARY: (REPRIMAND, WARNING),
}


@dataclasses.dataclass(frozen=True)
class DisciplineRule:
    source: str
    effective_from: dt.date
    forms: dict[str, tuple[str, ...]]


RULES = (
    # RULES.md names QĐ 22 for everything before QĐ 296 (as the cadre rules do for QĐ 80);
    # the forms are the Party Statute's and did not change.
    DisciplineRule("QĐ 22-QĐ/TW (28/7/2021)", D(1900, 1, 1), FORMS_BY_SUBJECT),
    DisciplineRule("QĐ 296-QĐ/TW (30/5/2025)", D(2025, 5, 30), FORMS_BY_SUBJECT),
)


@dataclasses.dataclass(frozen=True)
class Limitation:
    """QĐ 69-QĐ/TW, Art. 4: the years after the conduct within which a form may be
    decided; a form not listed has no limit (expulsion, dissolution)."""

    source: str
    effective_from: dt.date
    years: dict[str, int]


LIMITATIONS = (
    # RULES.md names only QĐ 69 (6/7/2022); earlier decisions are checked by its periods,
    # the same five and ten years as before it (a warning, never a block).
    Limitation("QĐ 69-QĐ/TW (06/7/2022), Điều 4", D(1900, 1, 1), {REPRIMAND: 5, WARNING: 10, REMOVAL: 10}),
)


def rule_on(day: dt.date) -> DisciplineRule:
    return [r for r in RULES if r.effective_from <= day][-1]


def limitation_on(day: dt.date) -> Limitation:
    return [r for r in LIMITATIONS if r.effective_from <= day][-1]


def forms_allowed(status: str, day: dt.date) -> tuple[str, ...]:
    """The forms a subject of `status` (ORGANIZATION, OFFICIAL, PROBATIONARY) can receive on `day`."""
    return rule_on(day).forms.get(status, ())


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February falls on 1 March."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def beyond_limitation(form: str, violation_on: dt.date | None, decided_on: dt.date) -> int | None:
    """The limit in years when the conduct of `violation_on` is more than that many years
    before `decided_on` for `form`; None when within it (or no limit, or no date)."""
    if violation_on is None:
        return None
    years = limitation_on(decided_on).years.get(form)
    if years is None or add_years(violation_on, years) >= decided_on:
        return None
    return years


# Ratings of a year with discipline (the years and sources are the rating rule sets',
# `ratings.rules.RuleSet.discipline_check`): from QĐ 366-QĐ/TW (sure, RULES.md "Yearly
# quality rating") a collective is not rated excellent when a member of its leadership
# was disciplined that year either; its leadership are the members holding a post in it.
LEADERSHIP_FROM_YEAR = 2025
LEADERSHIP_SOURCE = "QĐ 366-QĐ/TW (30/8/2025)"
