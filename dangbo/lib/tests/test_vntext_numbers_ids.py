import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangbo.lib.vntext import check_citizen_id, format_number, parse_number, province_codes


class TestParseNumber:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("1.234,5", "1234.5"),
            ("1,5", "1.5"),
            ("1.200", "1200"),
            ("7.5", "7.5"),
            ("1.234.567", "1234567"),
            ("1234,56", "1234.56"),
            ("-2.500", "-2500"),
            (" 42 ", "42"),
            ("0,25", "0.25"),
            ("12.34", "12.34"),
            ("1234.567", "1234567"),
        ],
    )
    def test_forms(self, text, value):
        assert parse_number(text) == Decimal(value)

    @pytest.mark.parametrize(
        "text", ["", "abc", "1,2,3", "1.2.3", "1.23,4", ",5", "5,", "1 234", "0.500", "1e3", "--1"]
    )
    def test_errors_are_in_vietnamese(self, text):
        with pytest.raises(ValueError, match=r"dấu phẩy trước phần thập phân.*1\.234,5"):
            parse_number(text)


class TestFormatNumber:
    @pytest.mark.parametrize(
        ("value", "decimals", "text"),
        [
            (Decimal("1234.5"), None, "1.234,5"),
            (1234567, None, "1.234.567"),
            (-1234.5, None, "-1.234,5"),
            (Decimal("1200.00"), None, "1.200"),
            (0.5, None, "0,5"),
            (Decimal("2.345"), 2, "2,35"),
            (2, 2, "2,00"),
            (Decimal("-0.001"), 2, "0,00"),
            (999, None, "999"),
        ],
    )
    def test_forms(self, value, decimals, text):
        assert format_number(value, decimals) == text


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-(10**15), max_value=10**15, places=6, allow_nan=False))
def test_format_and_parse_round_trip(value):
    assert parse_number(format_number(value)) == value


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_integers_round_trip(value):
    assert parse_number(format_number(value)) == value


class TestCitizenId:
    def test_the_63_province_codes(self):
        codes = province_codes()
        assert len(codes) == 63
        assert codes["001"] == "Hà Nội" and codes["079"] == "Hồ Chí Minh"

    def test_a_plausible_number(self):
        assert check_citizen_id("001090123456") == []
        assert check_citizen_id("001090123456", "Nam", dt.date(1990, 5, 1)) == []
        assert check_citizen_id("079185000123", "Nữ", 1985) == []
        assert check_citizen_id("036305000123", "F", dt.date(2005, 1, 1)) == []
        assert check_citizen_id(" 036204000123 ", "m", 2004) == []

    def test_length_and_digits(self):
        assert check_citizen_id("00109012345") == ["Số CCCD phải có đúng 12 chữ số (số này có 11)."]
        assert check_citizen_id("00109012345A") == ["Số CCCD chỉ được gồm chữ số."]
        assert check_citizen_id("001 090 123 456") == ["Số CCCD chỉ được gồm chữ số."]

    def test_a_number_that_lost_its_leading_zeros_in_excel(self):
        [message] = check_citizen_id(1090123456)
        assert "12 chữ số" in message and "số 0 ở đầu" in message

    def test_unknown_province(self):
        [message] = check_citizen_id("003090123456")
        assert "Mã tỉnh 003" in message

    def test_sex_digit(self):
        [message] = check_citizen_id("001190123456", "Nam")
        assert message == (
            "Chữ số thứ 4 của số CCCD (1) ứng với giới tính nữ, nhưng giới tính là Nam."
        )
        assert check_citizen_id("001090123456", "NỮ")
        assert check_citizen_id("001090123456", "nu")
        assert check_citizen_id("001290123456", "F")

    def test_birth_year(self):
        [message] = check_citizen_id("001090123456", birth_date=dt.date(1991, 1, 1))
        assert message == "Số CCCD ứng với năm sinh 1990, nhưng năm sinh là 1991."
        # G = 2 means the 2000s: 05 is 2005, not 1905.
        assert check_citizen_id("001205123456", birth_date=1905)
        assert check_citizen_id("001205123456", birth_date=2005) == []

    def test_a_birth_year_in_the_future(self):
        [message] = check_citizen_id("001499123456")
        assert "2199" in message

    def test_an_unknown_sex_value_is_a_programming_error(self):
        with pytest.raises(ValueError):
            check_citizen_id("001090123456", "male")
