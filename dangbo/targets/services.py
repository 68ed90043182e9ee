"""Every change to socio-economic targets goes through one of these functions.

The history of plans and actual values comes from simple-history: each save records one
entry naming the user (`stamp_history`).
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.core.versions import check_unchanged
from dangbo.lib.vntext import normalize
from dangbo.organizations.models import Organization
from dangbo.organizations.services import validate_code

from . import selectors
from .models import DECIMAL_PLACES, MAX_DIGITS, Target

TERM_MAX = 20


def _number(value, field: str, *, required: bool) -> Decimal | None:
    """An exact decimal that fits the column; floats are refused (they are not exact)."""
    if value is None or value == "":
        if required:
            raise DomainError(_("Enter a number."), field=field)
        return None
    if isinstance(value, float) or isinstance(value, bool):
        raise DomainError(_("Enter a number."), field=field)
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Enter a number."), field=field) from None
    if not number.is_finite():
        raise DomainError(_("Enter a number."), field=field)
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -DECIMAL_PLACES:
        raise DomainError(_("At most %(places)d decimal places.") % {"places": DECIMAL_PLACES}, field=field)
    if abs(number) >= Decimal(10) ** (MAX_DIGITS - DECIMAL_PLACES):
        raise DomainError(_("The number is too large."), field=field)
    return number


def _text(value: str | None, field: str, *, required: bool = False, max_length: int | None = None) -> str:
    text = normalize(value or "").strip()
    if required and not text:
        raise DomainError(_("This field is required."), field=field)
    if max_length and len(text) > max_length:
        raise DomainError(_("At most %(n)d characters.") % {"n": max_length}, field=field)
    return text


def _direction(direction: str) -> str:
    if direction not in Target.Direction.values:
        raise DomainError(_("Unknown direction: choose higher or lower is better."), field="direction")
    return direction


def create_target(
    *,
    organization: Organization,
    year: int,
    code: str,
    name: str,
    planned,
    direction: str = Target.Direction.UP,
    unit: str = "",
    note: str = "",
    term: str = "",
    actual=None,
    actual_on: dt.date | None = None,
    actual_source: str = "",
    by=None,
) -> Target:
    """A committee's target for a year; the committee must exist during that year."""
    if not isinstance(year, int) or not 1900 <= year <= 2100:
        raise DomainError(_("The year is not plausible."), field="year")
    code = validate_code(code)
    target = Target(
        organization=organization,
        year=year,
        code=code,
        name=_text(name, "name", required=True, max_length=500),
        unit=_text(unit, "unit", max_length=100),
        planned=_number(planned, "planned", required=True),
        direction=_direction(direction),
        note=_text(note, "note"),
        term=_text(term, "term", max_length=TERM_MAX),
        actual=_number(actual, "actual", required=False),
        actual_on=actual_on,
        actual_source=_text(actual_source, "actual_source", max_length=255),
    )
    with transaction.atomic():
        if not selectors.existed_in_year(organization, year):
            raise DomainError(
                _("The organization %(code)s did not exist in %(year)d.") % {"code": organization.code, "year": year},
                field="organization",
            )
        if Target.objects.filter(organization=organization, year=year, code=code).exists():
            raise DomainError(
                _("The target code %(code)s is already used by this committee for %(year)d.")
                % {"code": code, "year": year},
                field="code",
            )
        stamp_history(target, by)
        target.save()
    return target


def update_target(
    *,
    target: Target,
    name: str | None = None,
    unit: str | None = None,
    planned=None,
    direction: str | None = None,
    note: str | None = None,
    term: str | None = None,
    version: str | None = None,
    by=None,
) -> bool:
    """Correct the plan side of a target (None leaves a value as it is). True if changed.
    `version` (core.versions): refused when someone saved the target after it."""
    changes: dict = {}
    if name is not None:
        changes["name"] = _text(name, "name", required=True, max_length=500)
    if unit is not None:
        changes["unit"] = _text(unit, "unit", max_length=100)
    if planned is not None:
        changes["planned"] = _number(planned, "planned", required=True)
    if direction is not None:
        changes["direction"] = _direction(direction)
    if note is not None:
        changes["note"] = _text(note, "note")
    if term is not None:
        changes["term"] = _text(term, "term", max_length=TERM_MAX)
    with transaction.atomic():
        check_unchanged(version, target)
        changed = {k: v for k, v in changes.items() if getattr(target, k) != v}
        if not changed:
            return False
        for key, value in changed.items():
            setattr(target, key, value)
        stamp_history(target, by)
        target.save()
    return True


def record_actual(*, target: Target, actual, actual_on: dt.date | None = None, source: str = "",
                  version: str | None = None, by=None) -> bool:
    """Record (or correct, or clear with None) the actual value. True if anything changed.

    Every change is one history entry, so the page can show how the figure evolved.
    """
    value = _number(actual, "actual", required=False)
    source = _text(source, "source", max_length=255)
    if actual_on is not None and actual_on.year < target.year:
        raise DomainError(_("The date is before the target's year."), field="actual_on")
    new = {"actual": value, "actual_on": actual_on, "actual_source": source}
    with transaction.atomic():
        check_unchanged(version, target)
        if all(getattr(target, k) == v for k, v in new.items()):
            return False
        for key, v in new.items():
            setattr(target, key, v)
        stamp_history(target, by)
        target.save()
    return True
