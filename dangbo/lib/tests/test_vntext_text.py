import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from dangbo.lib.vntext import fold, is_valid_syllable, match_key, normalize
from dangbo.lib.vntext._letters import LOWER_MARKED, MARKED_LETTERS, UPPER_MARKED
from dangbo.lib.vntext.text import unify_tone

# Vietnamese letters, ASCII, other Latin letters, combining marks, Đ look-alikes,
# zero-width characters and spaces of several kinds.
_ALPHABET = (
    list(MARKED_LETTERS)
    + list("aeiouyAEIOUYbcdghklmnpqrstvxBCDGHKLMNPQRSTVX0123456789.,-'")
    + list("üÜñßçøÐðƉɖ\u00ad")
    + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"]
    + ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
    + [" ", "  ", "\t", "\n", "\u00a0"]
)


def vietnamese_ish_text() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_ALPHABET), max_size=30).map("".join)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_there_are_67_lowercase_and_67_capital_letters_with_diacritics():
    assert len(LOWER_MARKED) == 67
    assert len(UPPER_MARKED) == 67
    assert len(set(MARKED_LETTERS)) == 134
    assert "đ" in LOWER_MARKED and "Đ" in UPPER_MARKED
    assert not any(c.isascii() for c in MARKED_LETTERS)


class TestNormalize:
    def test_it_composes_nfd_input(self):
        assert normalize(nfd("Nguyễn Thị Ánh")) == "Nguyễn Thị Ánh"

    def test_it_maps_d_look_alikes_to_d_with_stroke(self):
        assert normalize("\u00d0ặng \u0189ức \u00f0ào \u0256ào") == "Đặng Đức đào đào"

    def test_it_removes_zero_width_characters(self):
        assert normalize("Lê\u200b Văn\u200c\u200d\u2060 Tám\ufeff") == "Lê Văn Tám"

    def test_it_keeps_tone_placement_case_and_spaces_as_typed(self):
        assert normalize("  Hòa  THUỶ ") == "  Hòa  THUỶ "

    def test_it_keeps_the_soft_hyphen_which_is_tcvn3_u_horn(self):
        assert normalize("L\xad\xacng") == "L\xad\xacng"

    def test_empty_text(self):
        assert normalize("") == ""


class TestFold:
    def test_it_removes_tones_and_vowel_marks_and_maps_d_with_stroke(self):
        assert fold("Trịnh Văn Thiện") == fold("trinh van thien") == "trinh van thien"
        assert fold("ĐẢNG ỦY Ðông") == "dang uy dong"

    def test_it_collapses_and_strips_spaces(self):
        assert fold("  Hà\tNội \n ") == "ha noi"

    def test_it_folds_other_latin_accents_too(self):
        assert fold("Crème Müller") == "creme muller"

    def test_it_ignores_zero_width_characters(self):
        assert fold("Hà\u200bNội") == "hanoi"


class TestMatchKey:
    def test_old_and_new_tone_placement_give_one_key(self):
        for old, new in [
            ("hòa", "hoà"),
            ("thủy", "thuỷ"),
            ("khỏe", "khoẻ"),
            ("Hòa Bình", "Hoà Bình"),
            ("Thanh Hóa", "Thanh Hoá"),
            ("Khánh Hòa", "Khánh Hoà"),
            ("Ủy ban", "Uỷ ban"),
        ]:
            assert match_key(old) == match_key(new), (old, new)

    def test_it_uses_the_new_style(self):
        assert match_key("Thủy Hòa khỏe") == "thuỷ hoà khoẻ"

    def test_it_keeps_tones_that_have_one_place(self):
        words = "quý già giữa người được chuyện khuỷu ngoài xoáy hoàng tuyết thuở mía múa"
        assert match_key(words) == words

    def test_it_folds_case_and_spaces(self):
        assert match_key("  NGUYỄN   văn  A ") == "nguyễn văn a"

    def test_tones_still_matter(self):
        assert match_key("Hà") != match_key("Hạ")

    def test_two_tone_marks_are_left_alone(self):
        assert unify_tone("hòá") == "hòá"


class TestIsValidSyllable:
    def test_real_syllables(self):
        words = (
            "nguyễn văn thiện hoà hòa thuỷ thủy khoẻ người được việt quốc quý giếng gì gìn"
            " giữa khuya khuỷu huỳnh xoong soóc kỹ kỳ yêu tuyết thuở ước ông ừm nghiêng"
            " ghế kiếm quyết gia giường Đảng ỦY"
        ).split()
        assert [w for w in words if not is_valid_syllable(w)] == []

    def test_spelling_rules(self):
        for word in ["ka", "ci", "ghá", "nghá", "nge", "ge", "qa", "kă", "cy", "quu"]:
            assert not is_valid_syllable(word), word
        for word in ["kẻ", "ca", "ghế", "nga", "nghe", "ghe", "qua", "cá", "kỳ", "gì"]:
            assert is_valid_syllable(word), word

    def test_stop_finals_take_only_sac_or_nang(self):
        assert is_valid_syllable("việt") and is_valid_syllable("viết")
        assert not is_valid_syllable("viêt")
        assert not is_valid_syllable("viềt")
        assert not is_valid_syllable("sách̀")

    def test_words_without_any_diacritic_are_read_as_folded(self):
        for word in ["viet", "duoc", "nguoi", "Quoc", "giua", "DANG"]:
            assert is_valid_syllable(word), word

    def test_foreign_words(self):
        for word in ["think", "crème", "Müller", "strong", "ksor", "fan", "zoo", "c3"]:
            assert not is_valid_syllable(word), word

    def test_two_tone_marks(self):
        assert not is_valid_syllable("hòá")


@settings(max_examples=200, deadline=None)
@given(vietnamese_ish_text())
def test_normalize_and_fold_are_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)
    assert fold(fold(text)) == fold(text)
    assert match_key(match_key(text)) == match_key(text)


@settings(max_examples=200, deadline=None)
@given(vietnamese_ish_text())
def test_nfc_and_nfd_input_give_the_same_results(text):
    composed = unicodedata.normalize("NFC", text)
    decomposed = nfd(text)
    assert normalize(composed) == normalize(decomposed)
    assert fold(composed) == fold(decomposed)
    assert match_key(composed) == match_key(decomposed)


@settings(max_examples=200, deadline=None)
@given(vietnamese_ish_text())
def test_fold_of_normalized_is_fold(text):
    assert fold(normalize(text)) == fold(text)
    assert fold(match_key(text)) == fold(text)


@settings(max_examples=200, deadline=None)
@given(vietnamese_ish_text())
def test_fold_leaves_no_vietnamese_marks(text):
    assert not set(fold(text)) & set(MARKED_LETTERS)
