"""Personal names: splitting a full name, and sort keys in Vietnamese order."""

import functools
import re
import unicodedata

from ._letters import ALPHABET, DECOMPOSE
from .text import match_key, normalize, unify_tone

# Family names of more than one word. A full name cannot be split reliably (RULES.md):
# split_name only proposes a split for a form, and the person's record keeps family,
# middle and given names as separate fields. Longest first, so that "Công Tằng Tôn Nữ"
# wins over "Tôn Nữ".
COMPOUND_FAMILY_NAMES = (
    "Công Tằng Tôn Nữ",  # descendants of the Nguyễn emperors (women)
    "Âu Dương",
    "Đặng Trần",  # Đặng Trần Côn
    "Đoàn Nguyễn",  # Đoàn Nguyễn Tuấn
    "Gia Cát",
    "Hoàng Phủ",  # Hoàng Phủ Ngọc Tường
    "Ngô Thì",  # the Ngô Thì family of Tả Thanh Oai (Ngô Thì Nhậm)
    "Nguyễn Phúc",  # the royal Nguyễn family
    "Nguyễn Phước",
    "Tôn Nữ",  # Tôn Nữ Thị Ninh
    "Tôn Thất",  # Tôn Thất Tùng
    "Tư Mã",
)
_COMPOUNDS = sorted(
    (tuple(match_key(name).split()) for name in COMPOUND_FAMILY_NAMES),
    key=len,
    reverse=True,
)


_word_key = functools.lru_cache(maxsize=65_536)(match_key)  # names reuse few words


def split_name(full: str) -> tuple[str, str, str]:
    """(family, middle, given) from a full name, spaces normalized.

    "Hoàng Phủ Ngọc Tường" → ("Hoàng Phủ", "Ngọc", "Tường"); "Minh" → ("", "", "Minh");
    "Lê Minh" → ("Lê", "", "Minh"). A compound family name is taken only when a given
    name is left after it.
    """
    words = normalize(full).split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    keys = [_word_key(w) for w in words]
    family_len = 1
    for compound in _COMPOUNDS:
        if len(words) > len(compound) and tuple(keys[: len(compound)]) == compound:
            family_len = len(compound)
            break
    family = " ".join(words[:family_len])
    middle = " ".join(words[family_len:-1])
    return family, middle, words[-1]


# --- Sort keys ------------------------------------------------------------------------
# A key is plain printable ASCII (plus any non-Latin letters as themselves), so that a
# stored key column sorts the same under binary collation in SQLite and "C" in
# PostgreSQL as it does in Python. Layout of the key of one text:
#     primary + " " + secondary + " " + tertiary
# primary: one code per base letter, in Vietnamese alphabetical order, case-free;
# secondary: one tone code per primary code (ngang < huyền < hỏi < ngã < sắc < nặng);
# tertiary: one case code per primary code (lower before upper).
# " " is the lowest character used, so a shorter primary sorts first ("An" < "Anh"),
# and primaries are compared in full before any tone is looked at (ICU/CLDR "vi").
_LEVEL = " "
_SPACE = "!"  # a run of spaces inside the text
_ASCII_PUNCT = "".join(c for c in map(chr, range(0x21, 0x7F)) if not c.isalnum())
_PUNCT_CODES = {p: chr(0x22 + k) for k, p in enumerate(_ASCII_PUNCT)}  # '"' .. 'A'
_OTHER_SYMBOL = chr(0x22 + len(_ASCII_PUNCT))  # 'B': non-ASCII punctuation, symbols
_NUMBER_LENGTH_BASE = ord(_OTHER_SYMBOL) + 1  # 'C'..: numbers, by digit count
_MAX_DIGITS = 19
_LETTER_BASE = _NUMBER_LENGTH_BASE + _MAX_DIGITS  # 'V'..'v': the 33 letters
_LETTER_CODES = {letter: chr(_LETTER_BASE + k) for k, letter in enumerate(ALPHABET)}
_FOREIGN = "~"  # a letter outside the Latin alphabet: "~" then the letter itself
_OTHER_MARK = "6"  # a Latin letter with a non-Vietnamese mark (ü, ñ)
assert _LETTER_BASE + len(ALPHABET) <= ord(_FOREIGN)


@functools.cache
def _letter_weights(ch: str) -> tuple[str, str]:
    """(primary codes, secondary code) of one lowercase letter."""
    if ch in _LETTER_CODES:
        return _LETTER_CODES[ch], "0"
    info = DECOMPOSE.get(ch)
    if info is not None:
        return _LETTER_CODES[info[0]], str(info[1])
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    if base != ch and base in _LETTER_CODES:
        return _LETTER_CODES[base], _OTHER_MARK
    return _FOREIGN + ch, "00"


_UNIT = re.compile(r"\s+|\d+|.", re.DOTALL)


@functools.lru_cache(maxsize=65_536)  # a register's names reuse a few thousand parts
def _levels(text: str) -> tuple[str, str, str]:
    text = " ".join(normalize(text).split())
    lowered = "".join(unify_tone(w) for w in re.split(r"(\W+)", text.lower()))
    primary: list[str] = []
    secondary: list[str] = []
    tertiary: list[str] = []
    for m in _UNIT.finditer(lowered):
        unit = m.group()
        if unit[0].isspace():
            primary.append(_SPACE)
            secondary.append("0")
            tertiary.append("0")
        elif unit[0].isdigit() and unit.isascii():
            # Numbers sort by value: "Tổ 2" before "Tổ 10" (CLDR numeric ordering).
            digits = unit.lstrip("0") or "0"
            digits = digits[-_MAX_DIGITS:]
            primary.append(chr(_NUMBER_LENGTH_BASE + len(digits) - 1) + digits)
            secondary.append("0" * (len(digits) + 1))
            tertiary.append("0" * (len(digits) + 1))
        elif unit.isalpha():
            codes, tone = _letter_weights(unit)
            primary.append(codes)
            secondary.append(tone)
            # Case from the text as typed; unify_tone never changes a word's length.
            upper = text[m.start()].isupper() and len(text) == len(lowered)
            tertiary.append("1" * len(tone) if upper else "0" * len(tone))
        else:
            primary.append(_PUNCT_CODES.get(unit, _OTHER_SYMBOL))
            secondary.append("0")
            tertiary.append("0")
    return "".join(primary), "".join(secondary), "".join(tertiary)


def sort_key(text: str) -> str:
    """A key that sorts texts (organization names, titles) in Vietnamese order.

    Compares base letters over the whole text first (a < ă < â, d < đ, e < ê,
    o < ô < ơ, u < ư, case ignored), then tones (ngang < huyền < hỏi < ngã < sắc < nặng),
    then case; numbers by value. Tone placement does not matter (hòa = hoà).
    """
    primary, secondary, tertiary = _levels(text)
    return primary + _LEVEL + secondary + _LEVEL + tertiary


def name_sort_key(family: str, middle: str, given: str) -> str:
    """A key for the Vietnamese order of names: given name, then middle, then family.

    Each part is compared in full (letters, then tones) before the next one:
    "Nguyễn Văn An" < "Trần Thị Ân" < "Lê Văn Bình".
    """
    parts = [_levels(part) for part in (given, middle, family)]
    head = "".join(p + _LEVEL + s + _LEVEL for p, s, _ in parts)
    return head + "".join(t for _, _, t in parts)
