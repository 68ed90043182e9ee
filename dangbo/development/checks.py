"""The rule checks of taking a candidate into the plan and of admitting one (rules.py),
as plain functions of the facts: the screens ask the database for them, an import asks
the records as the file would leave them (`interchange.world`)."""

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from django.utils.translation import gettext as _

from dangbo.lib.vntext import short_date

from . import rules

# (member, day) -> the member's status that day ("OFFICIAL", "PROBATIONARY") or None
StatusOn = Callable[[object, dt.date], str | None]


@dataclasses.dataclass(frozen=True)
class RuleWarning:
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def _age(name: str, birth_date, birth_year: int, day: dt.date) -> RuleWarning | None:
    rule = rules.rule_on(day)
    youngest, oldest = rules.age_bounds(birth_date, birth_year, day)
    if youngest >= rule.min_age and oldest <= rule.max_age:
        return None
    age = youngest if youngest < rule.min_age else oldest
    return RuleWarning(rules.AGE, _(
        "%(name)s is %(age)d years old on %(date)s: admission needs an age of %(min)d to %(max)d on the day "
        "the cell considers it, over %(max)d only with a decision of the higher level (%(source)s)."
    ) % {"name": name, "age": age, "date": short_date(day), "min": rule.min_age, "max": rule.max_age,
         "source": rule.source})


def _helpers(helpers: Sequence, day: dt.date, status_on: StatusOn) -> RuleWarning | None:
    rule = rules.rule_on(day)
    not_official = [h for h in helpers if status_on(h, day) != "OFFICIAL"]
    if not not_official:
        return None
    names = ", ".join(f"{h.full_name} ({h.code})" for h in not_official)
    return RuleWarning(rules.HELPERS_NOT_OFFICIAL, _(
        "Not an official member on %(date)s: %(names)s. The helpers are official members (%(source)s)."
    ) % {"date": short_date(day), "names": names, "source": rule.source})


def intake_warnings(
    *, name: str, birth_date, birth_year: int, planned_on: dt.date, helpers: Sequence, status_on: StatusOn,
    age: bool = True,
) -> list[RuleWarning]:
    """Taking a candidate into the plan: age on that day (screens only: an import states
    what was decided), helpers who are not official members that day."""
    found = [_age(name, birth_date, birth_year, planned_on) if age else None, _helpers(helpers, planned_on, status_on)]
    return [w for w in found if w]


def certificate_warning(name: str, certificate_on: dt.date | None, day: dt.date) -> RuleWarning | None:
    """An admission on `day` needs a certificate dated in the 5 years before it."""
    rule = rules.rule_on(day)
    if certificate_on is None or certificate_on > day:
        return RuleWarning(rules.CERTIFICATE_MISSING, _(
            "%(name)s has no certificate of the course on awareness of the Party dated before the admission "
            "on %(date)s (%(source)s)."
        ) % {"name": name, "date": short_date(day), "source": rule.certificate_source})
    until = rules.certificate_valid_until(certificate_on)
    if until < day:
        return RuleWarning(rules.CERTIFICATE_EXPIRED, _(
            "The awareness certificate of %(name)s dates from %(certificate)s: it was valid until %(until)s, "
            "before the admission on %(date)s (valid %(years)d years, %(source)s)."
        ) % {"name": name, "certificate": short_date(certificate_on), "until": short_date(until),
             "date": short_date(day), "years": rule.certificate_months // 12, "source": rule.certificate_source})
    return None


def admission_warnings(
    *, name: str, certificate_on: dt.date | None, day: dt.date, helpers: Sequence, status_on: StatusOn,
    helper_count: bool = True,
) -> list[RuleWarning]:
    """Admitting on `day`: the certificate, the helpers (official members that day; and,
    on the screens, as many as the statute asks)."""
    rule = rules.rule_on(day)
    found = [certificate_warning(name, certificate_on, day), _helpers(helpers, day, status_on)]
    if helper_count and len(helpers) < rule.helpers:
        found.append(RuleWarning(rules.HELPERS_TOO_FEW, _(
            "%(name)s has %(n)d helpers recorded; %(needed)d official members help and introduce a candidate "
            "(%(source)s)."
        ) % {"name": name, "n": len(helpers), "needed": rule.helpers, "source": rule.source}))
    return [w for w in found if w]
