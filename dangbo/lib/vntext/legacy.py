"""Text typed in legacy Vietnamese encodings, as it arrives from old Excel files.

Excel stores a cell typed with a TCVN3 or VNI font as the Windows-1252 characters of
its bytes: the byte 0xAD (TCVN3 "ư") arrives as U+00AD SOFT HYPHEN, the byte 0x80 (TCVN3
"À") as "€". The tables below therefore map *characters as Windows-1252 shows them*
back to Vietnamese letters. The five bytes Windows-1252 leaves undefined (0x81, 0x8D,
0x8F, 0x90, 0x9D) arrive as the C1 controls U+0081 etc., and text that went through
Latin-1 instead has C1 controls for all of 0x80–0x9F: both are accepted.

No library auto-detection is used (viparse's was seen mangling French and dropping soft
hyphens); the decision is made here, from the font and from the share of valid
Vietnamese syllables.
"""

import re

from ._letters import COMPOSE, HUYEN, NANG, NGANG
from .syllable import is_valid_syllable

# --- TCVN 5712:1993 -------------------------------------------------------------------
# Codes for the five marked tones (huyền, hỏi, ngã, sắc, nặng) of each vowel.
# Lowercase and the seven capitals Ă Â Ê Ô Ơ Ư Đ are the VN3 set that .VnTime fonts
# carry. The capitals with tones are not in VN3 (".VnTimeH" fonts show the lowercase
# codes as capitals); the codes below for them are those of the full VN1 set, which
# some converters wrote and which decoding accepts as well.
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
    # VN1 capitals with tones.
    "A": (0x80, 0x81, 0x82, 0x83, 0x84),
    "Ă": (0xAF, 0xBA, 0xBF, 0xC0, 0x85),
    "Â": (0xC1, 0xC2, 0xC3, 0xC4, 0x86),
    "E": (0x87, 0x88, 0x89, 0x8A, 0x8B),
    "Ê": (0xC5, 0xCD, 0xD9, 0xDA, 0x8C),
    "I": (0x8D, 0x8E, 0x8F, 0x90, 0x91),
    "O": (0x92, 0x93, 0x94, 0x95, 0x96),
    "Ô": (0xDB, 0xE0, 0xF0, 0xFF, 0x97),
    "Ơ": (0x98, 0x99, 0x9A, 0x9B, 0x9C),
    "U": (0x9D, 0x9E, 0x9F, 0x01, 0x02),
    "Ư": (0x04, 0x05, 0x06, 0x11, 0x12),
    "Y": (0x13, 0x14, 0x15, 0x16, 0x17),
}
_TCVN3_PLAIN = dict(zip("ĂÂÊÔƠƯĐăâêôơưđ", range(0xA1, 0xAF), strict=True))


def _tcvn3_byte_table() -> dict[str, int]:
    table = dict(_TCVN3_PLAIN)
    for vowel, codes in _TCVN3_TONED.items():
        for tone, code in enumerate(codes, start=HUYEN):
            table[COMPOSE[(vowel, tone)]] = code
    return table


# Vietnamese letter -> TCVN3 byte (all 134 letters with diacritics).
TCVN3_BYTES = _tcvn3_byte_table()


def _byte_chars(code: int) -> list[str]:
    """The characters a byte can arrive as: its Windows-1252 reading and its Latin-1 one."""
    chars = [chr(code)]
    try:
        cp1252 = bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return chars
    if cp1252 != chars[0]:
        chars.append(cp1252)
    return chars


def _char_of_byte(code: int) -> str:
    """How Excel shows the byte: Windows-1252, or the C1 control where that is undefined."""
    return _byte_chars(code)[-1]


_TCVN3_DECODE = {ord(c): letter for letter, b in TCVN3_BYTES.items() for c in _byte_chars(b)}

# --- VNI Windows ----------------------------------------------------------------------
# A letter is a base letter followed by one mark character. Indexed by tone
# (ngang, huyền, hỏi, ngã, sắc, nặng).
_VNI_TONE = ("", "ø", "û", "õ", "ù", "ï")
_VNI_CIRCUMFLEX = ("â", "à", "å", "ã", "á", "ä")  # â, ê, ô with each tone
_VNI_BREVE = ("ê", "è", "ú", "ü", "é", "ë")  # ă with each tone
_VNI_I = ("i", "ì", "æ", "ó", "í", "ò")  # i with a tone is one character
_VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ"}


def _vni_lower(vowel: str, tone: int) -> str:
    if vowel == "i":
        return _VNI_I[tone]
    if vowel == "y" and tone == NANG:
        return "î"
    if vowel in "âêô":
        return "aeo"["âêô".index(vowel)] + _VNI_CIRCUMFLEX[tone]
    if vowel == "ă":
        return "a" + _VNI_BREVE[tone]
    return _VNI_SINGLE.get(vowel, vowel) + _VNI_TONE[tone]


def _vni_table() -> dict[str, str]:
    table = {"đ": "ñ", "Đ": "Ñ"}
    for (vowel, tone), letter in COMPOSE.items():
        if vowel.islower() and not (tone == NGANG and vowel.isascii()):
            code = _vni_lower(vowel, tone)
            table[letter] = code
            table[letter.upper()] = code.upper()
    return table


# Vietnamese letter -> its VNI characters (all 134 letters with diacritics).
VNI_CODES = _vni_table()
_VNI_DECODE = {code: letter for letter, code in VNI_CODES.items()}
# Title-casing VNI text in Word leaves "Aù" for "Á": accept a mark of either case and
# take the case from the base letter.
for _code, _letter in list(_VNI_DECODE.items()):
    if len(_code) == 2:
        _VNI_DECODE.setdefault(_code[0] + _code[1].swapcase(), _letter)
_VNI_BASES = "".join(sorted({c[0] for c in _VNI_DECODE if len(c) == 2}))
_VNI_MARKS = "".join(sorted({c[1] for c in _VNI_DECODE if len(c) == 2}))
_VNI_ONE = "".join(sorted(c for c in _VNI_DECODE if len(c) == 1))
_VNI_RE = re.compile(f"[{_VNI_BASES}][{_VNI_MARKS}]|[{_VNI_ONE}]")


def _vni_sub(match: re.Match[str]) -> str:
    code = match.group()
    letter = _VNI_DECODE.get(code)
    if letter is not None:
        return letter
    # A base with a mark that does not go with it ("uâ"): decode the base alone.
    return _VNI_DECODE.get(code[0], code[0]) + code[1]


# --- Windows-1252 round trip (for mojibake) ------------------------------------------
_TO_LATIN1 = {ord(_char_of_byte(b)): chr(b) for b in range(0x80, 0xA0)}
_CP1252_SPECIALS = "".join(c for c in map(chr, _TO_LATIN1) if ord(c) > 0xFF)
# Any character outside this class cannot come from a legacy byte string.
_NOT_LEGACY = re.compile(f"[^\\x00-\\xff{_CP1252_SPECIALS}]")


def decode_tcvn3(text: str, *, capitals: bool = False) -> str:
    """TCVN3 text (as Windows-1252 characters) to Unicode.

    capitals: the cell's font is a capitals font (.VnTimeH): it shows every code as a
    capital, so the result is uppercased.
    """
    decoded = text.translate(_TCVN3_DECODE)
    if capitals:
        return decoded.upper()
    return _restore_capitals(decoded)


def _restore_capitals(text: str) -> str:
    # Converters that had no VN3 code for "Ễ" wrote the lowercase one, so "NGUYỄN" comes
    # back as "NGUYễN". A word whose other letters are all capitals is made all capitals.
    def fix(match: re.Match[str]) -> str:
        word = match.group()
        ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters):
            return word.upper()
        return word

    return re.sub(r"\w+", fix, text) if not text.isascii() else text


def decode_vni(text: str) -> str:
    """VNI Windows text (as Windows-1252 characters) to Unicode."""
    return _VNI_RE.sub(_vni_sub, text)


def decode_mojibake(text: str) -> str | None:
    """UTF-8 text that was read as Windows-1252, decoded back; None if it is not that."""
    try:
        raw = text.translate(_TO_LATIN1).encode("latin-1")
        decoded = raw.decode("utf-8")
    except UnicodeError:
        return None
    return decoded if decoded != text else None


def encode_legacy(text: str, encoding: str) -> str:
    """Vietnamese Unicode text as a legacy-encoded cell would show it in Excel.

    encoding: "tcvn3", "vni" or "mojibake". For building fixtures and round-trip tests.
    Raises ValueError for a character the encoding cannot represent.
    """
    if encoding == "mojibake":
        return "".join(_char_of_byte(b) for b in text.encode("utf-8"))
    if encoding == "tcvn3":
        table: dict[str, str] = {k: _char_of_byte(v) for k, v in TCVN3_BYTES.items()}
    elif encoding == "vni":
        table = VNI_CODES
    else:
        raise ValueError(f"unknown legacy encoding: {encoding!r}")
    out = []
    for ch in text:
        if ch in table:
            out.append(table[ch])
        elif ch.isascii():
            out.append(ch)
        else:
            raise ValueError(f"{ch!r} has no {encoding} code")
    return "".join(out)


def _font_encoding(font: str | None) -> tuple[str, bool] | None:
    """(encoding, capitals font) from a cell's font name, or None for other fonts."""
    if not font:
        return None
    name = font.strip()
    lowered = name.lower()
    if lowered.startswith(".vn"):
        # .VnTimeH, .VnArialH, ".VnArial NarrowH": a final capital H marks a capitals font.
        return "tcvn3", name.endswith("H")
    if lowered.startswith(("vni-", "vni ")):
        return "vni", False
    return None


# TCVN3 capitals Ú Ụ Ừ Ử Ữ Ứ Ự Ỳ Ỷ Ỹ Ý Ỵ have VN1 codes among the ASCII controls.
_VN1_CONTROLS = re.compile("[\x01\x02\x04-\x06\x11-\x17]")
_TOKEN_SPLIT = re.compile(r"[\s!-/:-@\[-`{-~]+")
_HAS_ASCII_LETTER = re.compile(r"[A-Za-z]")
# A decoding must make at least this share of the words valid syllables.
MIN_VALID_SHARE = 0.6


def _valid_words(text: str, decode=None) -> tuple[int, int]:
    """(valid syllables, words) with words split on spaces and ASCII punctuation, each
    read through `decode` when given.

    Legacy letters are non-ASCII characters (¬ ­ µ Ù…), so they stay inside words. Only
    tokens with an ASCII letter and no digit *as written* count as words: a lone "€" or
    "½" would otherwise decode to a one-letter "word" and tip the balance; and a word
    whose letters all decode to marked ones (VNI "ñoû" → "đỏ") still counts.
    """
    valid = total = 0
    for token in _TOKEN_SPLIT.split(text):
        if not _HAS_ASCII_LETTER.search(token) or any(c.isdigit() for c in token):
            continue
        total += 1
        valid += is_valid_syllable(decode(token) if decode else token)
    return valid, total


def repair_legacy(text: str, font: str | None = None) -> tuple[str, str | None]:
    """Unicode text and the legacy encoding found ("tcvn3", "vni", "mojibake"), or
    (text, None) when the text is fine as it is.

    The font of the cell decides when it is a TCVN3 (.Vn…) or VNI (VNI-…) font. Without
    one, mojibake is recognized by decoding as UTF-8, and TCVN3/VNI by decoding and
    counting valid Vietnamese syllables: the decoding must make more words valid than
    the text as it is, and at least 60 % of them. Text with any character that no
    legacy byte produces (ơ, ư, ạ, emoji…) is Unicode already and is returned at once.
    """
    by_font = _font_encoding(font)
    if by_font is None and text.isascii() and not _VN1_CONTROLS.search(text):
        return text, None
    if _NOT_LEGACY.search(text):
        return text, None
    if by_font is not None:
        encoding, capitals = by_font
        if encoding == "tcvn3":
            decoded = decode_tcvn3(text, capitals=capitals)
        else:
            decoded = decode_vni(text)
        return (decoded, encoding) if decoded != text else (text, None)
    mojibake = decode_mojibake(text)
    if mojibake is not None:
        return mojibake, "mojibake"

    valid, _ = _valid_words(text)
    best: tuple[int, str, str] | None = None
    for encoding, decode in (("tcvn3", decode_tcvn3), ("vni", decode_vni)):
        decoded = decode(text)
        if decoded == text:
            continue
        decoded_valid, total = _valid_words(text, decode)
        if decoded_valid <= valid or decoded_valid < MIN_VALID_SHARE * total:
            continue
        if best is None or decoded_valid > best[0]:
            best = (decoded_valid, encoding, decoded)
    if best is None:
        return text, None
    return best[2], best[1]
