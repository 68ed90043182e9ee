"""Dates the Vietnamese way: official wording, parsing day-first, legal deadlines."""

import datetime as dt
import functools
import re

# --- Writing dates ----------------------------------------------------------------------
_WEEKDAYS = ("THỨ HAI", "THỨ BA", "THỨ TƯ", "THỨ NĂM", "THỨ SÁU", "THỨ BẢY", "CHỦ NHẬT")


def short_date(d: dt.date) -> str:
    """"05/03/2023": day first, as everywhere in the interface and in messages."""
    return d.strftime("%d/%m/%Y")


def official_date(d: dt.date) -> str:
    """The date line of an official document: "ngày 05 tháng 3 năm 2023".

    Nghị định 30/2020/NĐ-CP (Phụ lục I): a leading zero for days below 10 and for the
    months 1 and 2, so that nothing can be written in front of them later.
    """
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def date_line(moment: dt.date) -> str:
    """The news-page dateline: "THỨ TƯ, 25/01/2023 11:40:14" (no time for a bare date).

    The caller converts an aware datetime to local time first.
    """
    day = f"{_WEEKDAYS[moment.weekday()]}, {moment:%d/%m/%Y}"
    if isinstance(moment, dt.datetime):
        return f"{day} {moment:%H:%M:%S}"
    return day


# --- Reading dates ----------------------------------------------------------------------
_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR = re.compile(r"\d{4}")
FORM_MESSAGE = "Ngày phải có dạng ngày/tháng/năm, ví dụ 05/03/2023."


def _make_date(text: str, year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise ValueError(f"Ngày {text} không tồn tại: không có tháng {month}.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(
            f"Ngày {text} không tồn tại: tháng {month} năm {year} không có ngày {day}."
        ) from None


def parse_date(text: str) -> dt.date:
    """A date written day first: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, or ISO
    yyyy-mm-dd. Never month first: "05/03/2023" is 5 March 2023.

    Raises ValueError with a message in Vietnamese.
    """
    value = text.strip()
    m = _DAY_FIRST.fullmatch(value)
    if m:
        return _make_date(value, int(m.group(4)), int(m.group(3)), int(m.group(1)))
    m = _ISO.fullmatch(value)
    if m:
        return _make_date(value, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise ValueError(FORM_MESSAGE)


def parse_year_or_date(text: str) -> dt.date | int:
    """A date, or a bare year "1975" when only the year is known (Ngày sinh)."""
    value = text.strip()
    if _YEAR.fullmatch(value):
        return int(value)
    try:
        return parse_date(value)
    except ValueError as error:
        if str(error) == FORM_MESSAGE:
            raise ValueError(
                "Ngày phải có dạng ngày/tháng/năm, ví dụ 05/03/2023, hoặc chỉ năm, ví dụ 1975."
            ) from None
        raise


# --- Deadlines ----------------------------------------------------------------------------
@functools.cache
def _days_off(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(public holidays, Saturdays/Sundays made working days) of one year.

    From the `holidays` package, which follows each year's Government decision on Tết
    and the swapped days (e.g. Saturday 26/04/2025 worked for Friday 02/05/2025).
    """
    import holidays  # here: most commands never ask for a deadline, and it is slow to import

    calendar = holidays.country_holidays("VN", years=year)
    swapped = frozenset(d for d in calendar.weekend_workdays if d.year == year)
    return frozenset(calendar), swapped


def is_working_day(d: dt.date) -> bool:
    """Not a Saturday, Sunday or public holiday (Tết included), unless swapped to work."""
    off, swapped = _days_off(d.year)
    if d in off:
        return False
    return d.weekday() < 5 or d in swapped


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The day that ends a period of n working days counted from the day after start."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    while n:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def add_days(start: dt.date, n: int, *, roll_to_working_day: bool = False) -> dt.date:
    """The day that ends a period of n calendar days counted from the day after start.

    roll_to_working_day: when the last day is a day off, the period ends on the next
    working day (Bộ luật Dân sự 2015, Điều 148, khoản 5). Off by default: the rules that
    call this say in their own text whether they want it.
    """
    day = start + dt.timedelta(days=n)
    if roll_to_working_day:
        while not is_working_day(day):
            day += dt.timedelta(days=1)
    return day
