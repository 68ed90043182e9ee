import random
import sqlite3

import pytest

from dangbo.lib.vntext import name_sort_key, sort_key, split_name


class TestSplitName:
    @pytest.mark.parametrize(
        ("full", "parts"),
        [
            ("Nguyễn Văn An", ("Nguyễn", "Văn", "An")),
            ("  Trần   Thị Hồng  Nhung ", ("Trần", "Thị Hồng", "Nhung")),
            ("Hoàng Phủ Ngọc Tường", ("Hoàng Phủ", "Ngọc", "Tường")),
            ("Tôn Nữ Thị Ninh", ("Tôn Nữ", "Thị", "Ninh")),
            ("Công Tằng Tôn Nữ Thị Bá", ("Công Tằng Tôn Nữ", "Thị", "Bá")),
            ("Tôn Thất Tùng", ("Tôn Thất", "", "Tùng")),
            ("Âu Dương Lân", ("Âu Dương", "", "Lân")),
            ("hoàng phủ ngọc phan", ("hoàng phủ", "ngọc", "phan")),
            ("Hoàng Văn Thụ", ("Hoàng", "Văn", "Thụ")),
            ("Lê Minh", ("Lê", "", "Minh")),
            ("Minh", ("", "", "Minh")),
            ("", ("", "", "")),
        ],
    )
    def test_split(self, full, parts):
        assert split_name(full) == parts

    def test_a_compound_family_name_needs_a_given_name_after_it(self):
        assert split_name("Tôn Nữ") == ("Tôn", "", "Nữ")

    def test_old_tone_placement_matches_a_compound(self):
        assert split_name("Hoàng Phủ Thùy") == ("Hoàng Phủ", "", "Thùy")


# A roll of names in the order a committee office lists them: by given name, then
# middle name, then family name; a < ă < â, d < đ, o < ô < ơ, u < ư; tones
# ngang < huyền < hỏi < ngã < sắc < nặng after the letters.
ROLL = [
    "Nguyễn Văn An",
    "Phạm Thị Anh",  # a < â decides before the length: anh < ân
    "Đỗ Văn Ánh",
    "Trần Thị Ân",
    "Lê Văn Ấn",
    "Hoàng Thị Bích",
    "Vũ Văn Bình",
    "Ngô Thị Cúc",
    "Lê Văn Dũng",
    "Trần Văn Đức",
    "Nguyễn Thị Giang",
    "Bùi Thị Hà",
    "Lý Thị Hà",
    "Nguyễn Thị Hạ",
    "Trương Văn Hải",
    "Phan Thị Hằng",
    "Lê Văn Hùng",
    "Đinh Văn Hưng",
    "Mai Văn On",
    "Lê Thị Ôn",
    "Đặng Văn Ơn",
    "Nguyễn Thị Thủy",  # thủy = thuỷ, so the middle name decides
    "Nguyễn Văn Thuỷ",
    "Võ Văn Uyên",
    "Hồ Thị Ưng",
    "Nguyễn Thị Yến",
]


def roll_key(full: str) -> str:
    return name_sort_key(*split_name(full))


class TestNameSortKey:
    def test_a_roll_sorts_in_the_vietnamese_order(self):
        shuffled = ROLL[:]
        random.Random(7).shuffle(shuffled)
        assert sorted(shuffled, key=roll_key) == ROLL

    def test_a_database_with_binary_collation_gives_the_same_order(self):
        db = sqlite3.connect(":memory:")
        db.execute("create table member (name text, sort_key text)")
        db.executemany("insert into member values (?, ?)", [(n, roll_key(n)) for n in ROLL[::-1]])
        rows = db.execute("select name from member order by sort_key").fetchall()
        assert [name for (name,) in rows] == ROLL

    def test_keys_are_printable_ascii_for_vietnamese_names(self):
        for name in ROLL:
            key = roll_key(name)
            assert key.isascii() and key.isprintable(), key

    def test_the_given_name_comes_first_tones_included(self):
        # An < Àn decides before the middle names (Văn > Thị) are looked at.
        assert name_sort_key("Nguyễn", "Văn", "An") < name_sort_key("Trần", "Thị", "Àn")

    def test_case_is_ignored_before_tones(self):
        assert name_sort_key("", "", "AN") < name_sort_key("", "", "àn")
        assert name_sort_key("", "", "an") < name_sort_key("", "", "AN")

    def test_an_empty_middle_name_sorts_first(self):
        assert name_sort_key("Lê", "", "Minh") < name_sort_key("Lê", "Văn", "Minh")


class TestSortKey:
    def test_letters_before_tones(self):
        words = ["ca", "cà", "cả", "cã", "cá", "cạ", "cab", "căm", "câm", "cơ", "da", "đa"]
        assert sorted(words[::-1], key=sort_key) == words

    def test_the_whole_text_is_compared_by_letters_first(self):
        assert sort_key("Hà Nam") < sort_key("Ha Noi")
        assert sort_key("An Bình") < sort_key("Anh")

    def test_organizations_sort_by_name_and_number_value(self):
        names = [
            "Chi bộ 1",
            "Chi bộ 2",
            "Chi bộ 10",
            "Chi bộ Ấp Bắc",
            "Chi bộ Dân cư số 3",
            "Chi bộ Đông Hà",
            "Chi bộ Ủy ban",
            "Đảng bộ Khối cơ quan",
        ]
        assert sorted(names[::-1], key=sort_key) == names

    def test_tone_placement_does_not_matter(self):
        assert sort_key("Hòa Bình") == sort_key("Hoà Bình")

    def test_other_scripts_sort_after_latin_letters(self):
        assert sort_key("Zeta") < sort_key("Ωmega")
