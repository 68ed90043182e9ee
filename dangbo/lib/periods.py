"""Legal periods counted the way Vietnamese law counts them, on Vietnam's calendar.

Bộ luật Dân sự 2015, Điều 147–148 (RULES.md, "Citizens"):
- a period of N days from day D does not count D: it ends at the end of D + N; when
  that day is a weekend day or a public holiday, the period ends on the next working
  day;
- a period of N working days from D ends on the Nth working day after D.

Working days skip Saturdays, Sundays and public holidays, Tết included, and count the
weekend days the Government swapped into working days. The calendar comes from the
`holidays` package, year by year. For a year the package does not know, only weekends
are days off and the period says so (`Period.unknown_years`): a due date to check by
hand, never a silent wrong date.

No Django in here: a period carries the days it skipped and why, and the caller words
them (dangbo.citizens.deadlines).
"""

import dataclasses
import datetime as dt
import functools

import holidays

CALENDAR_DAYS = "calendar"
WORKING_DAYS = "working"
ONE_DAY = dt.timedelta(days=1)
SATURDAY, SUNDAY = "saturday", "sunday"


@dataclasses.dataclass(frozen=True)
class DayOff:
    day: dt.date
    weekend: str  # "", SATURDAY or SUNDAY
    holidays: tuple[str, ...]  # names of the public holidays that day, in the calendar's language


@dataclasses.dataclass(frozen=True)
class Period:
    start: dt.date  # the day the period runs from (not counted)
    days: int
    unit: str  # CALENDAR_DAYS or WORKING_DAYS
    nominal_end: dt.date  # calendar days: start + days; working days: the end itself
    end: dt.date  # the last day of the period
    # Calendar days: the days off from the nominal end up to the end (the period moved
    # past them). Working days: the days off inside the count (they were not counted).
    days_off: tuple[DayOff, ...]
    unknown_years: tuple[int, ...]  # years of the count whose holidays the calendar does not know

    @property
    def moved(self) -> bool:
        return self.end != self.nominal_end


def _package_language(language: str) -> str:
    """The `holidays` package speaks vi, en_US and th."""
    return "vi" if language.lower().startswith("vi") else "en_US"


@functools.lru_cache(maxsize=256)
def _year(year: int, language: str) -> tuple[dict[dt.date, tuple[str, ...]], frozenset[dt.date]]:
    """(public holidays with their names, weekend days swapped into working days) of one
    year, as the `holidays` package has them."""
    calendar = holidays.country_holidays("VN", years=year, language=language)
    names = {day: tuple(calendar.get_list(day)) for day in calendar if day.year == year}
    swapped = frozenset(d for d in getattr(calendar, "weekend_workdays", ()) if d.year == year)
    return names, swapped


@functools.cache
def _package_years() -> tuple[int, int]:
    calendar = holidays.country_holidays("VN")
    return calendar.start_year, calendar.end_year


class Calendar:
    """Vietnam's working days. `known` limits the years taken as known (tests use it to
    stand for a package that does not know a year yet); by default, the years the
    package covers and for which it has holidays."""

    def __init__(self, language: str = "vi", known: tuple[int, int] | None = None):
        self.language = _package_language(language)
        self._known = known

    def knows(self, year: int) -> bool:
        first, last = self._known or _package_years()
        return first <= year <= last and bool(_year(year, self.language)[0])

    def day_off(self, day: dt.date) -> DayOff | None:
        """Why `day` is not a working day, or None when it is one."""
        if self.knows(day.year):
            names, swapped = _year(day.year, self.language)
        else:
            names, swapped = {}, frozenset()
        holiday = names.get(day, ())
        weekend = {5: SATURDAY, 6: SUNDAY}.get(day.weekday(), "")
        if weekend and day in swapped and not holiday:
            weekend = ""  # a weekend day worked in exchange for a day off
        if not weekend and not holiday:
            return None
        return DayOff(day, weekend, holiday)

    def is_working_day(self, day: dt.date) -> bool:
        return self.day_off(day) is None


def count_period(start: dt.date, days: int, unit: str, calendar: Calendar | None = None) -> Period:
    """The period of `days` days (or working days) that runs from `start`."""
    if days < 0:
        raise ValueError("a period cannot be negative")
    calendar = calendar or Calendar()
    skipped: list[DayOff] = []
    unknown: set[int] = set()
    if unit == WORKING_DAYS:
        day, left = start, days
        while left:
            day += ONE_DAY
            if not calendar.knows(day.year):
                unknown.add(day.year)
            off = calendar.day_off(day)
            if off is None:
                left -= 1
            else:
                skipped.append(off)
        nominal = day
    elif unit == CALENDAR_DAYS:
        nominal = day = start + dt.timedelta(days=days)
        while True:
            if not calendar.knows(day.year):
                unknown.add(day.year)
            off = calendar.day_off(day)
            if off is None:
                break
            skipped.append(off)
            day += ONE_DAY
    else:
        raise ValueError(f"unknown unit {unit!r}")
    end = day
    return Period(start, days, unit, nominal if unit == CALENDAR_DAYS else end, end, tuple(skipped),
                  tuple(sorted(unknown)))


def working_days_after(start: dt.date, days: int, calendar: Calendar | None = None) -> dt.date:
    """The last day of `days` working days from `start` (worklists: "due in the next 5")."""
    return count_period(start, days, WORKING_DAYS, calendar).end
