import datetime as dt

import pytest

from dangbo.lib.vntext import (
    add_days,
    add_working_days,
    date_line,
    is_working_day,
    official_date,
    parse_date,
    parse_year_or_date,
)

D = dt.date


class TestOfficialDate:
    @pytest.mark.parametrize(
        ("day", "text"),
        [
            (D(2023, 3, 5), "ngày 05 tháng 3 năm 2023"),
            (D(2023, 1, 25), "ngày 25 tháng 01 năm 2023"),
            (D(2024, 2, 9), "ngày 09 tháng 02 năm 2024"),
            (D(2023, 12, 31), "ngày 31 tháng 12 năm 2023"),
            (D(2023, 10, 10), "ngày 10 tháng 10 năm 2023"),
        ],
    )
    def test_leading_zero_for_days_below_10_and_months_1_and_2(self, day, text):
        assert official_date(day) == text


class TestDateLine:
    def test_news_dateline(self):
        assert date_line(dt.datetime(2023, 1, 25, 11, 40, 14)) == "THỨ TƯ, 25/01/2023 11:40:14"

    def test_every_weekday_name(self):
        monday = D(2024, 1, 1)
        names = [date_line(monday + dt.timedelta(days=k)).split(",")[0] for k in range(7)]
        assert names == [
            "THỨ HAI", "THỨ BA", "THỨ TƯ", "THỨ NĂM", "THỨ SÁU", "THỨ BẢY", "CHỦ NHẬT",
        ]  # fmt: skip

    def test_a_date_without_time(self):
        assert date_line(D(2023, 9, 2)) == "THỨ BẢY, 02/09/2023"


class TestParseDate:
    @pytest.mark.parametrize(
        "text", ["05/03/2023", "5/3/2023", "05-03-2023", "05.03.2023", "2023-03-05", " 5/03/2023 "]
    )
    def test_accepted_forms_are_day_first(self, text):
        assert parse_date(text) == D(2023, 3, 5)

    def test_leap_day(self):
        assert parse_date("29/02/2024") == D(2024, 2, 29)

    def test_a_day_that_does_not_exist(self):
        with pytest.raises(ValueError, match=r"^Ngày 31/02/2023 không tồn tại"):
            parse_date("31/02/2023")
        with pytest.raises(ValueError, match=r"^Ngày 29/02/2023 không tồn tại"):
            parse_date("29/02/2023")

    def test_a_month_that_does_not_exist(self):
        with pytest.raises(ValueError, match=r"^Ngày 2023-13-01 không tồn tại: không có tháng 13"):
            parse_date("2023-13-01")
        with pytest.raises(ValueError, match="không có tháng 13"):
            parse_date("01/13/2023")  # month first is not accepted

    @pytest.mark.parametrize(
        "text", ["", "abc", "05/03/23", "05/03-2023", "2023/03/05", "5 tháng 3 2023", "05032023"]
    )
    def test_garbage_says_what_form_is_expected(self, text):
        with pytest.raises(ValueError, match=r"ngày/tháng/năm, ví dụ 05/03/2023"):
            parse_date(text)

    def test_a_bare_year_or_a_date(self):
        assert parse_year_or_date("1975") == 1975
        assert parse_year_or_date("30/04/1975") == D(1975, 4, 30)
        with pytest.raises(ValueError, match="hoặc chỉ năm"):
            parse_year_or_date("75")
        with pytest.raises(ValueError, match="không tồn tại"):
            parse_year_or_date("31/04/1975")


class TestDeadlines:
    def test_the_start_day_is_not_counted(self):
        assert add_working_days(D(2024, 3, 4), 1) == D(2024, 3, 5)  # Monday -> Tuesday
        assert add_working_days(D(2024, 3, 4), 0) == D(2024, 3, 4)

    def test_weekends_are_skipped(self):
        assert add_working_days(D(2024, 3, 8), 1) == D(2024, 3, 11)  # Friday -> Monday
        assert add_working_days(D(2024, 3, 4), 10) == D(2024, 3, 18)

    def test_tet_2023_is_skipped(self):
        # Tết Quý Mão: days off Friday 20/01 to Thursday 26/01/2023.
        assert add_working_days(D(2023, 1, 19), 1) == D(2023, 1, 27)
        assert not is_working_day(D(2023, 1, 20))
        assert not is_working_day(D(2023, 1, 26))

    def test_tet_2026_is_skipped(self):
        # Tết Bính Ngọ: Monday 16/02 to Friday 20/02/2026 off, with the weekends around
        # them 9 days from 14/02 to 22/02.
        assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
        assert [d for d in range(14, 23) if is_working_day(D(2026, 2, d))] == []

    def test_national_day_and_swapped_saturdays(self):
        assert not is_working_day(D(2025, 9, 2))
        assert not is_working_day(D(2025, 5, 2))  # Friday off, worked on Saturday 26/04
        assert is_working_day(D(2025, 4, 26))
        assert add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)

    def test_ten_working_days_across_the_new_year(self):
        # 01/01/2025 is a holiday: 10 working days from Monday 30/12/2024.
        assert add_working_days(D(2024, 12, 30), 10) == D(2025, 1, 14)

    def test_calendar_days(self):
        assert add_days(D(2023, 1, 10), 10) == D(2023, 1, 20)
        assert add_days(D(2023, 1, 31), 30) == D(2023, 3, 2)

    def test_calendar_days_rolled_to_a_working_day(self):
        assert add_days(D(2023, 1, 10), 10, roll_to_working_day=True) == D(2023, 1, 27)
        assert add_days(D(2023, 1, 5), 10, roll_to_working_day=True) == D(2023, 1, 16)

    def test_negative_working_days_are_refused(self):
        with pytest.raises(ValueError):
            add_working_days(D(2024, 1, 1), -1)
