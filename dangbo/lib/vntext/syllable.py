"""Is a word a possible Vietnamese syllable?

A syllable is onset + rhyme + tone. The rhymes are listed (about 150), the onsets are
the 27 of the standard orthography plus none, and the spelling rules decide which
onsets go with which rhymes. All valid toneless syllables are enumerated once at import
(about 3,000), so a check is a dictionary lookup.
"""

import unicodedata

from ._letters import DECOMPOSE, NANG, NGANG, SAC
from .text import fold, tone_well_placed

ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
    "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip

# Rhymes without a medial glide, grouped by their main vowel.
_PLAIN_RHYMES = """
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu
iêc iêm iên iêng iêp iêt iêu
y
o oc oi om on ong op ot ooc oong
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u uc ui um un ung up ut ua uôc uôi uôm uôn uông uôt
ư ưc ưi ưm ưn ưng ưt ưu ưa ươc ươi ươm ươn ương ươp ươt ươu
""".split()

# iê is written yê when nothing precedes it (yên, yêu) and after the glide u (tuyên).
_BARE_RHYMES = "yêm yên yêng yêt yêu".split()

# Rhymes with the medial glide /w/, written o before a, ă, e and u elsewhere.
_GLIDE_RHYMES = """
oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăt
oe oen oeo oet
uân uâng uât uây
uê uêch uênh
uơ
uy uych uyn uynh uyp uyt uyu uya uyên uyêt
""".split()

# After qu the u is the glide itself: qua, quăng, quen, quê, quân, quy, quyết, quở.
# Plus the established spellings quốc, quít/qui (for quýt/quy), quạu, quào, quèo, quều.
_QU_RHYMES = {r[1:] for r in _GLIDE_RHYMES} | {"ôc", "i", "it", "in", "au", "ao", "eo", "êu"}

_FRONT = ("i", "e", "ê")
_STOP_FINALS = ("p", "t", "c", "ch")


def _onset_fits(onset: str, rhyme: str) -> bool:
    """The spelling rules: k/gh/ngh before i e ê, c/g/ng elsewhere, q only as qu."""
    front = rhyme.startswith(_FRONT)
    if onset in ("k",):
        return front or rhyme.startswith("y")
    if onset in ("gh", "ngh"):
        return front
    if onset in ("c", "g", "ng"):
        return not front and not rhyme.startswith("y")
    return True


def _enumerate() -> frozenset[str]:
    syllables: set[str] = set()
    for onset in ONSETS:
        if onset == "qu":
            syllables.update(onset + r for r in _QU_RHYMES)
            continue
        if onset == "gi":
            for rhyme in _PLAIN_RHYMES:
                if rhyme.startswith("i"):
                    # gi + a rhyme beginning with i writes that i once: gì, gìn, giếng.
                    syllables.add("g" + rhyme)
                else:
                    syllables.add("gi" + rhyme)
            continue
        if onset == "":
            rhymes = [r for r in _PLAIN_RHYMES if not r.startswith("iê")] + _BARE_RHYMES
        else:
            rhymes = list(_PLAIN_RHYMES)
        if onset not in ("c", "k", "gh", "ngh", "p"):
            rhymes += _GLIDE_RHYMES
        syllables.update(onset + r for r in rhymes if _onset_fits(onset, r))
    return frozenset(syllables)


# Every valid syllable without its tone, e.g. "nguyên", "đươc" (ngang form).
TONELESS = _enumerate()
# The same folded to ASCII: what a syllable looks like typed without diacritics.
FOLDED = frozenset(fold(s) for s in TONELESS)


def split_tone(word: str) -> tuple[str, int] | None:
    """A lowercase NFC word without its tone mark, and the tone; None if two marks."""
    tone = NGANG
    chars = list(word)
    for k, ch in enumerate(chars):
        info = DECOMPOSE.get(ch)
        if info is not None and info[1] != NGANG:
            if tone != NGANG:
                return None
            tone = info[1]
            chars[k] = info[0]
    return "".join(chars), tone


def is_valid_syllable(word: str) -> bool:
    """Could this word be a Vietnamese syllable as written?

    A word with no diacritics at all is read as folded text (typed without marks) and is
    valid when some marked form of it would be: "viet", "duoc", "nguoi" are valid. A word
    with any diacritic is taken as written, so its tone must fit: the stop finals p, t,
    c, ch take only sắc or nặng ("việt" yes, "viêt" no), and the tone must sit where the
    old or the new style puts it ("hòa" and "hoà" yes, "hoá" for "hóa" yes, "beó" no).
    """
    if word.isascii():
        return word.lower() in FOLDED
    word = unicodedata.normalize("NFC", word).lower()
    parts = split_tone(word)
    if parts is None:
        return False
    base, tone = parts
    if base not in TONELESS:
        return False
    if base.endswith(_STOP_FINALS) and tone not in (SAC, NANG):
        return False
    return tone_well_placed(word)
