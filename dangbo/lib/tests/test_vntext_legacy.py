import gzip
import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dangbo.lib.vntext import decode_tcvn3, decode_vni, encode_legacy, repair_legacy
from dangbo.lib.vntext._letters import COMPOSE, MARKED_LETTERS, NANG, SAC
from dangbo.lib.vntext.legacy import TCVN3_BYTES, VNI_CODES, _valid_words
from dangbo.lib.vntext.syllable import TONELESS
from dangbo.lib.vntext.text import _tone_position

GLIBC_TCVN = Path("/usr/share/i18n/charmaps/TCVN5712-1.gz")


def cp1252(code: int) -> str:
    """A byte as Excel shows it (Windows-1252; C1 control where that is undefined)."""
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(code)


class TestTables:
    def test_tcvn3_has_a_distinct_code_for_each_of_the_134_letters(self):
        assert set(TCVN3_BYTES) == set(MARKED_LETTERS)
        assert len(set(TCVN3_BYTES.values())) == 134

    def test_vni_has_a_distinct_code_for_each_of_the_134_letters(self):
        assert set(VNI_CODES) == set(MARKED_LETTERS)
        assert len(set(VNI_CODES.values())) == 134

    @pytest.mark.parametrize("letter", MARKED_LETTERS)
    def test_each_letter_round_trips(self, letter):
        assert decode_tcvn3(encode_legacy(letter, "tcvn3")) == letter
        assert decode_vni(encode_legacy(letter, "vni")) == letter
        assert repair_legacy(encode_legacy(letter, "mojibake")) == (letter, "mojibake")

    def test_well_known_tcvn3_codes(self):
        # .VnTime: µ à, ¸ á, ¶ ả, · ã, ¹ ạ, ­ (soft hyphen) ư, ¬ ơ, ® đ, § Đ, Ö ệ, Þ ị.
        codes = {
            0xB5: "à", 0xB8: "á", 0xB6: "ả", 0xB7: "ã", 0xB9: "ạ", 0xAD: "ư",
            0xAC: "ơ", 0xAE: "đ", 0xA7: "Đ", 0xD6: "ệ", 0xDE: "ị", 0xA8: "ă",
        }  # fmt: skip
        assert {code: decode_tcvn3(chr(code)) for code in codes} == codes

    def test_well_known_vni_codes(self):
        assert decode_vni("Vieät Nam") == "Việt Nam"
        assert decode_vni("Tröôøng Ñaïi hoïc") == "Trường Đại học"
        assert decode_vni("Thaønh phoá Hoà Chí Minh") == "Thành phố Hồ Chí Minh"
        assert decode_vni("quyeàn lôïi") == "quyền lợi"
        assert decode_vni("ÑAÛNG UÛY") == "ĐẢNG ỦY"

    @pytest.mark.skipif(not GLIBC_TCVN.exists(), reason="glibc charmaps not installed")
    def test_tcvn3_agrees_with_the_glibc_tcvn5712_charmap(self):
        glibc = {}
        with gzip.open(GLIBC_TCVN, "rt", encoding="ascii") as f:
            for line in f:
                m = re.match(r"<U([0-9A-F]{4})>\s+/x([0-9a-f]{2})\s", line)
                if m:
                    glibc[chr(int(m.group(1), 16))] = int(m.group(2), 16)
        assert {letter: glibc[letter] for letter in TCVN3_BYTES} == TCVN3_BYTES

    def test_cp1252_characters_and_c1_controls_both_decode(self):
        # Byte 0x80 (VN1 "À") arrives as "€" from Windows-1252 and as U+0080 from Latin-1;
        # 0x81 ("Ả") is undefined in Windows-1252 and arrives as U+0081.
        assert decode_tcvn3("\u20ac") == decode_tcvn3("\x80") == "À"
        assert decode_tcvn3("\x81") == "Ả"


class TestRepairLegacy:
    def test_tcvn3_soft_hyphen_is_u_horn(self):
        assert repair_legacy("NguyÔn V¨n T\xad") == ("Nguyễn Văn Tư", "tcvn3")
        assert repair_legacy("L\xad\xacng") == ("Lương", "tcvn3")
        assert repair_legacy("T\xad") == ("Tư", "tcvn3")

    def test_tcvn3_sentence(self):
        text = "§¶ng bé x· Hoµ B×nh tæ chøc §¹i héi"
        assert repair_legacy(text) == ("Đảng bộ xã Hoà Bình tổ chức Đại hội", "tcvn3")

    def test_tcvn3_capitals_written_with_lowercase_codes(self):
        assert repair_legacy("NGUYÔN V¡N AN") == ("NGUYỄN VĂN AN", "tcvn3")

    def test_capitals_font_uppercases(self):
        assert repair_legacy("nguyÔn v¨n t\xad", font=".VnTimeH") == ("NGUYỄN VĂN TƯ", "tcvn3")
        assert repair_legacy("ban chÊp hµnh", font=".VnArialH") == ("BAN CHẤP HÀNH", "tcvn3")

    def test_font_decides_even_for_a_word_that_reads_as_unicode(self):
        # "Tô Lâm" is plain Unicode Vietnamese, but in a .VnTime cell Excel showed ô as ụ.
        assert repair_legacy("Tô Lâm") == ("Tô Lâm", None)
        assert repair_legacy("Tô Lâm", font=".VnTime") == ("Tụ Lõm", "tcvn3")

    def test_font_does_not_touch_unicode_text(self):
        assert repair_legacy("Nguyễn Văn Tư", font=".VnTime") == ("Nguyễn Văn Tư", None)
        assert repair_legacy("Ban chấp hành", font="VNI-Times") == ("Ban chấp hành", None)

    def test_vni_two_character_sequences(self):
        assert repair_legacy("Nguyeãn Vaên Tö") == ("Nguyễn Văn Tư", "vni")
        assert repair_legacy("Ban Thöôøng vuï Ñaûng uûy") == ("Ban Thường vụ Đảng ủy", "vni")
        assert repair_legacy("Hoaøng Phuû Ngoïc Töôøng", font="VNI-Helve") == (
            "Hoàng Phủ Ngọc Tường",
            "vni",
        )

    def test_a_tie_goes_to_tcvn3(self):
        # "chö" is VNI "chư" and TCVN3 "chử": state offices used TCVN3 far more.
        assert repair_legacy("chö") == ("chử", "tcvn3")

    def test_vni_title_cased_by_word(self):
        assert repair_legacy("Aùnh Hoàng") == ("Ánh Hồng", "vni")

    def test_mojibake(self):
        assert repair_legacy("Nguyá»…n") == ("Nguyễn", "mojibake")
        assert repair_legacy("Ä\x90áº£ng á»§y xÃ£") == ("Đảng ủy xã", "mojibake")
        assert repair_legacy(encode_legacy("Trường học", "mojibake")) == (
            "Trường học",
            "mojibake",
        )

    @pytest.mark.parametrize(
        "text",
        [
            "Crème brûlée",
            "Müller",
            "café",
            "Où est la gare",
            "naïve",
            "São Paulo",
            "Björn Borg",
            "Señor José",
            "hello world",
            "Tô Lâm",
            "Hà Nội",
            "Nguyễn Văn Tư",
            "Lương Thị Hằng",
            "25°C",
            "1.000 €",
            "",
        ],
    )
    def test_it_leaves_other_languages_and_unicode_vietnamese_alone(self, text):
        assert repair_legacy(text) == (text, None)

    def test_an_unknown_font_falls_back_to_detection(self):
        assert repair_legacy("§¶ng ñy", font="Times New Roman") == ("Đảng ủy", "tcvn3")
        assert repair_legacy("Crème brûlée", font="Arial") == ("Crème brûlée", None)


# --- Property tests ---------------------------------------------------------------------
def _toned(base: str, tone: int) -> str:
    place = _tone_position(base)
    if place is None:
        return base
    return base[:place] + COMPOSE[(base[place], tone)] + base[place + 1 :]


_SYLLABLES = sorted(
    {
        _toned(s, tone)
        for s in TONELESS
        for tone in range(6)
        if not s.endswith(("p", "t", "c", "ch")) or tone in (SAC, NANG)
    }
)


@st.composite
def vietnamese_sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=8))
    styles = [str.lower, str.title, str.upper]
    return " ".join(draw(st.sampled_from(styles))(w) for w in words)


def test_the_generated_syllables_are_valid():
    from dangbo.lib.vntext import is_valid_syllable

    assert len(_SYLLABLES) > 10_000
    assert all(is_valid_syllable(s) for s in _SYLLABLES[::50])


@settings(max_examples=200, deadline=None)
@given(vietnamese_sentences())
def test_tcvn3_and_vni_round_trip(text):
    assert decode_tcvn3(encode_legacy(text, "tcvn3")) == text
    assert decode_vni(encode_legacy(text, "vni")) == text
    assert repair_legacy(encode_legacy(text, "mojibake"))[0] == text


@settings(max_examples=200, deadline=None)
@given(vietnamese_sentences())
def test_clean_unicode_vietnamese_is_left_alone(text):
    assert repair_legacy(text) == (text, None)


@settings(max_examples=200, deadline=None)
@given(vietnamese_sentences(), st.sampled_from(["tcvn3", "vni"]))
def test_detection_finds_the_encoding(text, encoding):
    encoded = encode_legacy(text, encoding)
    valid, words = _valid_words(encoded)
    other = decode_vni(encoded) if encoding == "tcvn3" else decode_tcvn3(encoded)
    # Some short texts read as Vietnamese more than one way ("à" is also TCVN3 "Ổ", VNI
    # "chö" is TCVN3 "chử"): those are ambiguous, and ties go to TCVN3 by design.
    assume(valid < 0.5 * words)
    assume(other == encoded or _valid_words(other)[0] < words)
    assert repair_legacy(encoded) == (text, encoding)
