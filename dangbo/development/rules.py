"""The rules of admitting new members, as data: each with its source and the day it takes
effect (RULES.md, "Membership lifecycle"; "Which rule applies when").

The checks here are warnings a person may override with a recorded reason, never
blocks: the register itself refuses what cannot be (an admission before 18, or over 60
without the higher decision: `members.lifecycle`).
"""

import dataclasses
import datetime as dt

from django.utils.translation import gettext_lazy as _

from dangbo.members.lifecycle import add_months

D = dt.date

# Stable codes of the warnings (tests, the pipeline screen).
AGE = "age"
HELPERS_NOT_OFFICIAL = "helpers_not_official"
HELPERS_TOO_FEW = "helpers_too_few"
CERTIFICATE_MISSING = "certificate_missing"
CERTIFICATE_EXPIRED = "certificate_expired"


@dataclasses.dataclass(frozen=True)
class AdmissionRule:
    source: str
    effective_from: dt.date
    # Age in full years on the day the cell considers the admission (sure).
    min_age: int = 18
    max_age: int = 60
    # Official members who help and introduce the candidate (Điều lệ Đảng, Điều 4, sure).
    helpers: int = 2
    # The "nhận thức về Đảng" certificate is valid this long (likely).
    certificate_months: int = 60
    certificate_source: str = "HD 01-HD/TW (2021)"


RULES = (
    AdmissionRule(source="Điều lệ Đảng; QĐ 24-QĐ/TW (2021)", effective_from=D(1900, 1, 1)),
    AdmissionRule(source="Điều lệ Đảng; QĐ 294-QĐ/TW (26/5/2025)", effective_from=D(2025, 7, 1)),
)

# The pipeline screen (configurable, not a rule of the Party): a candidate with no step
# recorded for this long is "stuck"; a certificate expiring this soon is flagged.
STUCK_MONTHS = 6
EXPIRY_NOTICE_MONTHS = 3

WARNING_TITLES = {
    AGE: _("Age"),
    HELPERS_NOT_OFFICIAL: _("Helpers not official members"),
    HELPERS_TOO_FEW: _("Too few helpers"),
    CERTIFICATE_MISSING: _("No awareness certificate"),
    CERTIFICATE_EXPIRED: _("Awareness certificate expired"),
}


def rule_on(day: dt.date) -> AdmissionRule:
    return [r for r in RULES if r.effective_from <= day][-1]


def certificate_valid_until(certificate_on: dt.date) -> dt.date:
    """The last day the certificate counts (a certificate of 06/05/2016 counts on 06/05/2021)."""
    return add_months(certificate_on, rule_on(certificate_on).certificate_months)


def full_years(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_bounds(birth_date: dt.date | None, birth_year: int, on: dt.date) -> tuple[int, int]:
    """(youngest, oldest) possible age on `on`: with only the year known, the worst case
    of each bound (as `members.lifecycle` counts it)."""
    if birth_date is not None:
        age = full_years(birth_date, on)
        return age, age
    return full_years(D(birth_year, 12, 31), on), full_years(D(birth_year, 1, 1), on)
