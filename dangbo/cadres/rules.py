"""The cadre-management rules, each with its source and the date it takes effect
(RULES.md, "Which rule applies when": QĐ 80-QĐ/TW until 8/10/2025, then QĐ 377-QĐ/TW).

Both checks are warnings a user may override with a recorded reason, never blocks.
"""

import dataclasses
import datetime as dt

from dangbo.members.lifecycle import add_months

D = dt.date


@dataclasses.dataclass(frozen=True)
class CadreRule:
    source: str
    effective_from: dt.date
    # Heading one unit this long without a break is "more than two consecutive terms".
    head_years: int = 8
    # The term of an appointment, counted from the decision's date.
    term_years: int = 5


RULES = (
    # RULES.md gives QĐ 80 for everything before QĐ 377.
    CadreRule(source="QĐ 80-QĐ/TW (18/8/2022)", effective_from=D(1900, 1, 1)),
    CadreRule(source="QĐ 377-QĐ/TW (8/10/2025)", effective_from=D(2025, 10, 8)),
)

# Titles that head a unit (the two-terms check): secretary, chair, director, head.
HEAD_PREFIXES = ("bí thư", "chủ tịch", "giám đốc", "trưởng")


def rule_on(day: dt.date) -> CadreRule:
    return [r for r in RULES if r.effective_from <= day][-1]


def is_head_title(title: str) -> bool:
    return title.strip().lower().startswith(HEAD_PREFIXES)


def term_end(day: dt.date) -> dt.date:
    return add_months(day, 12 * rule_on(day).term_years)
