"""The Vietnamese alphabet as data: vowels, tones and the letters they make.

Everything else in the package is built from these tables once, at import.

Counting the letters with diacritics: 12 vowels (a ă â e ê i o ô ơ u ư y) times 6 tones
make 72 lowercase vowel forms; 6 of them are plain ASCII (a e i o u y), so 66 carry a
mark, and with đ that is 67 lowercase letters with diacritics, 67 capitals, 134 in all.
Every one of them has a precomposed code point in Unicode, so NFC text never needs
combining marks for Vietnamese.
"""

import unicodedata

# Tones in the order of the Vietnamese dictionary (and ICU/CLDR "vi"):
# ngang < huyền < hỏi < ngã < sắc < nặng. Index 0 is "no mark".
TONE_NAMES = ("ngang", "huyền", "hỏi", "ngã", "sắc", "nặng")
NGANG, HUYEN, HOI, NGA, SAC, NANG = range(6)
_TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")

# Vowels with their vowel marks (breve, circumflex, horn) but no tone.
VOWELS = "aăâeêioôơuưy"
MODIFIED_VOWELS = "ăâêôơư"


def _compose(vowel: str, tone: int) -> str:
    return unicodedata.normalize("NFC", vowel + _TONE_MARKS[tone])


# (toneless vowel, tone) -> letter, lowercase and uppercase.
COMPOSE: dict[tuple[str, int], str] = {}
# letter -> (toneless vowel, tone), both cases; the toneless vowel keeps the case.
DECOMPOSE: dict[str, tuple[str, int]] = {}
for _v in VOWELS + VOWELS.upper():
    for _t in range(6):
        _letter = _compose(_v, _t)
        assert len(_letter) == 1, (_v, _t)
        COMPOSE[(_v, _t)] = _letter
        DECOMPOSE[_letter] = (_v, _t)

LOWER_MARKED: tuple[str, ...] = tuple(
    [COMPOSE[(v, t)] for v in VOWELS for t in range(6) if not (t == 0 and v.isascii())] + ["đ"]
)
UPPER_MARKED: tuple[str, ...] = tuple(c.upper() for c in LOWER_MARKED)
# The 134 letters with diacritics (67 lowercase, 67 capitals).
MARKED_LETTERS: tuple[str, ...] = LOWER_MARKED + UPPER_MARKED
assert len(LOWER_MARKED) == 67 and len(set(MARKED_LETTERS)) == 134

# Letters that only Vietnamese uses among common Latin scripts' letters; any of
# these (or a tone mark) shows that the text was typed with diacritics.
VIETNAMESE_LETTERS = frozenset(MARKED_LETTERS)

# Base letters in Vietnamese alphabetical order (ICU/CLDR "vi": ă, â, đ, ê, ô, ơ, ư are
# letters of their own), with f, j, w, z slotted in where Latin puts them.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
