"""Legal periods on Vietnam's calendar, each checked by hand against the calendar
(the computation is written beside each case)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.lib.periods import CALENDAR_DAYS, WORKING_DAYS, Calendar, count_period, working_days_after

D = dt.date
VI = Calendar("vi")


def test_a_period_ending_on_the_sunday_of_tet_moves_past_tet():
    # 12/01/2023 + 10 days = 22/01/2023, a Sunday and the first day of Tết Quý Mão;
    # 23–26/01 are Tết days off (mùng 2 to mùng 5), so the period ends on Friday 27/01/2023.
    period = count_period(D(2023, 1, 12), 10, CALENDAR_DAYS, VI)
    assert period.nominal_end == D(2023, 1, 22)
    assert period.end == D(2023, 1, 27)
    first = period.days_off[0]
    assert first.weekend == "sunday" and first.holidays == ("Tết Nguyên Đán",)
    assert [o.day for o in period.days_off] == [D(2023, 1, d) for d in range(22, 27)]
    assert period.moved and not period.unknown_years


def test_working_days_skip_the_whole_of_tet_and_the_weekends():
    # From Thursday 19/01/2023: Fri 20/01 (29 Tết, day off in lieu of Saturday's eve),
    # Sat 21–Sun 22, Mon 23–Thu 26 are off; Fri 27 = 1, Mon 30 = 2, Tue 31 = 3,
    # Wed 01/02 = 4, Thu 02/02 = 5, Fri 03/02 = 6, Mon 06/02 = 7.
    period = count_period(D(2023, 1, 19), 7, WORKING_DAYS, VI)
    assert period.end == period.nominal_end == D(2023, 2, 6)
    assert D(2023, 1, 20) in [o.day for o in period.days_off]
    assert len(period.days_off) == 11  # 20–26/01 (7), 28–29/01, 04–05/02


def test_new_year_on_a_sunday_and_its_day_in_lieu():
    # 02/12/2022 + 30 days = 01/01/2023, a Sunday and New Year's Day; Monday 02/01/2023
    # is its day in lieu; the period ends on Tuesday 03/01/2023.
    period = count_period(D(2022, 12, 2), 30, CALENDAR_DAYS, VI)
    assert period.nominal_end == D(2023, 1, 1)
    assert period.end == D(2023, 1, 3)
    assert [o.holidays for o in period.days_off] == [("Tết Dương lịch",), ("Tết Dương lịch (nghỉ bù)",)]


def test_a_period_ending_on_a_saturday_ends_on_monday():
    # 01/06/2022 + 10 days = Saturday 11/06/2022 → Monday 13/06/2022.
    period = count_period(D(2022, 6, 1), 10, CALENDAR_DAYS, VI)
    assert (period.nominal_end, period.end) == (D(2022, 6, 11), D(2022, 6, 13))
    assert [o.weekend for o in period.days_off] == ["saturday", "sunday"]


def test_a_period_ending_on_a_working_day_stays():
    # 03/06/2022 + 10 days = Monday 13/06/2022.
    period = count_period(D(2022, 6, 3), 10, CALENDAR_DAYS, VI)
    assert period.end == period.nominal_end == D(2022, 6, 13) and not period.moved


def test_a_saturday_swapped_into_a_working_day_counts():
    # 2025: Saturday 26/04 was worked in exchange for Friday 02/05. From Friday 25/04:
    # Sat 26/04 = 1, Sun 27 off, Mon 28 = 2, Tue 29 = 3 (30/04 and 01/05 are holidays).
    assert working_days_after(D(2025, 4, 25), 3, VI) == D(2025, 4, 29)
    assert VI.is_working_day(D(2025, 4, 26)) and not VI.is_working_day(D(2025, 5, 2))


def test_national_day_2022_takes_the_day_before():
    # 02/09/2022 is a Friday; from 2021 the National Day has a second day, here Thursday 01/09.
    assert not VI.is_working_day(D(2022, 9, 1)) and not VI.is_working_day(D(2022, 9, 2))
    assert count_period(D(2022, 8, 22), 10, CALENDAR_DAYS, VI).end == D(2022, 9, 5)


def test_a_year_the_calendar_does_not_know_is_named():
    # A calendar that knows 1901–2026: 28/12/2026 + 10 = Thursday 07/01/2027, whose
    # holidays it cannot tell: the period names 2027 instead of pretending.
    calendar = Calendar("vi", known=(1901, 2026))
    period = count_period(D(2026, 12, 28), 10, CALENDAR_DAYS, calendar)
    assert period.end == D(2027, 1, 7)
    assert period.unknown_years == (2027,)
    # The package itself stops at 2100: 01/01/2101 is not known to be New Year's Day.
    beyond = count_period(D(2100, 12, 30), 2, CALENDAR_DAYS, VI)
    assert beyond.unknown_years == (2101,) and beyond.end == D(2101, 1, 3)  # Sat 01 → Mon 03


def test_english_names_of_holidays():
    assert Calendar("en").day_off(D(2023, 1, 22)).holidays == ("Lunar New Year",)


def test_a_negative_period_or_an_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        count_period(D(2023, 1, 1), -1, CALENDAR_DAYS)
    with pytest.raises(ValueError):
        count_period(D(2023, 1, 1), 1, "weeks")


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)), st.integers(min_value=0, max_value=120))
def test_a_period_always_ends_on_a_working_day_no_earlier_than_its_nominal_end(start, days):
    for unit in (CALENDAR_DAYS, WORKING_DAYS):
        period = count_period(start, days, unit, VI)
        assert period.end >= start + dt.timedelta(days=days)
        if days:
            assert VI.is_working_day(period.end)
        if unit == WORKING_DAYS:
            span = (period.end - start).days
            assert span - len(period.days_off) == days
