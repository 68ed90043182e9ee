"""Normalizing, folding and matching keys for Vietnamese text."""

import functools
import re
import unicodedata

from ._letters import COMPOSE, DECOMPOSE, MODIFIED_VOWELS, NGANG, VOWELS

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

# Look-alikes of Đ/đ that old keyboards and OCR produce: Icelandic eth (U+00D0/U+00F0)
# and African D (U+0189/U+0256). They look the same and break matching.
_NORMALIZE_TABLE: dict[int, str | None] = {
    0x00D0: "Đ",
    0x0189: "Đ",
    0x00F0: "đ",
    0x0256: "đ",
    **{ord(c): None for c in _ZERO_WIDTH},
}


def normalize(text: str) -> str:
    """Text for storing and display: NFC, Đ look-alikes fixed, zero-width removed.

    Keeps the text otherwise as typed (tone placement, case, spaces).
    """
    if text.isascii():
        return text
    if len(text) <= 64:  # names, places, titles: the same few thousand again and again
        return _normalize_short(text)
    return unicodedata.normalize("NFC", text.translate(_NORMALIZE_TABLE))


@functools.lru_cache(maxsize=1 << 16)
def _normalize_short(text: str) -> str:
    return unicodedata.normalize("NFC", text.translate(_NORMALIZE_TABLE))


def _build_fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional hold every
    # Vietnamese letter and the accented letters of other Latin-script languages.
    for cp in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if base != ch and base:
            table[cp] = base.lower()
    # NFD leaves đ alone (the stroke is not a combining mark): map it explicitly.
    for ch in "đĐÐðƉɖ":
        table[ord(ch)] = "d"
    for cp in range(0x0300, 0x0370):  # combining marks, for NFD input
        table[cp] = None
    for ch in _ZERO_WIDTH:
        table[ord(ch)] = None
    return table


_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """The accent-insensitive search key: no marks, đ → d, case folded, spaces collapsed."""
    if text.isascii():
        return " ".join(text.lower().split())
    # NFC first so that NFD input folds the same way through the one table.
    folded = unicodedata.normalize("NFC", text).casefold().translate(_FOLD_TABLE)
    return " ".join(folded.split())


_WORD = re.compile(r"\w+")
_VOWEL_SET = frozenset(VOWELS)


def _tone_position(base: str) -> int | None:
    """Index of the vowel that carries the tone in a toneless lowercase syllable.

    The "new style" (kiểu mới) placement of the Ministry of Education's 1984 rules:
    on the vowel with a vowel mark (the last one in ươ), else on the only vowel, else on
    the last vowel before a final consonant, else the middle of three vowels, else the
    second of oa/oe/uy (hoà, khoẻ, thuỷ) and the first of the other pairs (mía, múa).
    The u of qu and the i of gi before another vowel belong to the onset.
    """
    n = len(base)
    i = 0
    while i < n and base[i] not in _VOWEL_SET:
        i += 1
    if i == n:
        return None
    if i + 1 < n and base[i + 1] in _VOWEL_SET:
        if (base[i] == "u" and i > 0 and base[i - 1] == "q") or (
            base[i] == "i" and i == 1 and base[0] == "g"
        ):
            i += 1
    j = i
    while j < n and base[j] in _VOWEL_SET:
        j += 1
    modified = [k for k in range(i, j) if base[k] in MODIFIED_VOWELS]
    if modified:
        return modified[-1]
    length = j - i
    if length == 1:
        return i
    if j < n:  # a final consonant follows
        return j - 1
    if length == 3:
        return i + 1
    if base[i:j] in ("oa", "oe", "uy"):
        return i + 1
    return i


def tone_well_placed(word: str) -> bool:
    """Does the tone of a lowercase NFC syllable sit where either style puts it?

    The new style (hoà, thuỷ) or the old one (hòa, thủy); "beó" for "béo" is neither.
    """
    unified = unify_tone(word)
    if unified == word:
        return True
    for k, ch in enumerate(unified):
        if ch != word[k]:
            # The old style puts the tone one vowel earlier, in open oa, oe and uy only.
            pair = "".join(DECOMPOSE.get(c, (c, 0))[0] for c in word[k : k + 2])
            return k + 2 == len(word) and pair in ("oa", "oe", "uy")
    return True


@functools.lru_cache(maxsize=65_536)  # texts reuse a few thousand syllables
def unify_tone(word: str) -> str:
    """Move the tone mark of one lowercase NFC syllable to its new-style place.

    Words with no tone, with more than one tone mark or with no vowel are returned as is.
    """
    tone = NGANG
    at = -1
    for k, ch in enumerate(word):
        info = DECOMPOSE.get(ch)
        if info is not None and info[1] != NGANG:
            if tone != NGANG:
                return word  # two tone marks: not one syllable
            tone, at = info[1], k
    if tone == NGANG:
        return word
    base = word[:at] + DECOMPOSE[word[at]][0] + word[at + 1 :]
    place = _tone_position(base)
    if place is None or place == at:
        return word
    return base[:place] + COMPOSE[(base[place], tone)] + base[place + 1 :]


def unify_tones(text: str) -> str:
    """unify_tone applied to every word of lowercase NFC text."""
    if text.isascii():
        return text
    return _WORD.sub(lambda m: unify_tone(m.group()), text)


def match_key(text: str) -> str:
    """The key for matching and finding duplicates.

    Normalized, tone placement unified (hòa = hoà, thủy = thuỷ, khỏe = khoẻ, all stored
    the new-style way), case folded, spaces collapsed and stripped.
    """
    key = " ".join(normalize(text).casefold().split())
    if key.isascii():
        return key
    # Moving a tone can put a letter next to a stray combining mark: compose again.
    return unicodedata.normalize("NFC", unify_tones(key))
