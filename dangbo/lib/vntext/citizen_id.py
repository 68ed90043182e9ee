"""Plausibility of a citizen ID number (CCCD), RULES.md "Vietnamese text and identity data".

12 digits PPP G YY RRRRRR (Thông tư 07/2016/TT-BCA): PPP the province where the birth
was registered (the 63 old codes stay valid for life, also after the 2025 merger of
provinces), G century and sex, YY the last two digits of the birth year, then a serial
number. There is no check digit, so a number can only be found implausible, not proven.
"""

import csv
import datetime as dt
import functools
from pathlib import Path

from .text import fold

_CODES_FILE = Path(__file__).resolve().parent.parent / "data" / "cccd_province_codes.csv"

# G: even for men, odd for women; 0/1 for births in the 1900s, 2/3 the 2000s, and so on
# up to 8/9 for the 2300s.
_MALE = {"m", "nam"}
_FEMALE = {"f", "nu"}


@functools.cache
def province_codes() -> dict[str, str]:
    """The 63 province codes (e.g. "001": "Hà Nội"), read once from the CSV file."""
    with _CODES_FILE.open(encoding="utf-8", newline="") as f:
        return {row["code"]: row["province"] for row in csv.DictReader(f)}


def _sex_is_female(sex: str) -> bool:
    key = fold(sex)
    if key in _MALE:
        return False
    if key in _FEMALE:
        return True
    raise ValueError(f'sex must be "M", "F", "Nam" or "Nữ", not {sex!r}')


def check_citizen_id(
    number: str | int,
    sex: str | None = None,
    birth_date: dt.date | int | None = None,
) -> list[str]:
    """What is wrong with a citizen ID number, in Vietnamese; empty when plausible.

    sex: "M"/"F" or "Nam"/"Nữ" (case and diacritics ignored), None to skip that check.
    birth_date: a date or a bare year, None to skip that check.
    An int number (as Excel stores a number typed without quotes) has lost its leading
    zeros; the message says so.
    """
    female = None if sex is None else _sex_is_female(sex)
    text = str(number).strip()
    if not text.isascii() or not text.isdigit():
        return ["Số CCCD chỉ được gồm chữ số."]
    if len(text) != 12:
        message = f"Số CCCD phải có đúng 12 chữ số (số này có {len(text)})."
        if isinstance(number, int) and len(text) < 12:
            message += " Có thể Excel đã bỏ các số 0 ở đầu: hãy nhập ô này dạng văn bản."
        return [message]

    problems = []
    province = text[:3]
    if province not in province_codes():
        problems.append(
            f"Mã tỉnh {province} (3 chữ số đầu của số CCCD) không có trong danh sách 63 mã tỉnh."
        )
    g = int(text[3])
    century = 1900 + 100 * (g // 2)
    year = century + int(text[4:6])
    if year > dt.date.today().year:
        problems.append(
            f"Các chữ số thứ 4 đến 6 của số CCCD ứng với năm sinh {year}, là năm chưa tới."
        )
    if female is not None and female != bool(g % 2):
        meant = "nữ" if g % 2 else "nam"
        given = "Nữ" if female else "Nam"
        problems.append(
            f"Chữ số thứ 4 của số CCCD ({g}) ứng với giới tính {meant}, nhưng giới tính là {given}."
        )
    if birth_date is not None:
        birth_year = birth_date if isinstance(birth_date, int) else birth_date.year
        if birth_year != year:
            problems.append(f"Số CCCD ứng với năm sinh {year}, nhưng năm sinh là {birth_year}.")
    return problems
