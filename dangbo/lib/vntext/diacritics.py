"""Is a comment Vietnamese typed without diacritics? ("Vui lòng nhập tiếng Việt có dấu")

A working heuristic (RULES.md), not a law:
1. Any letter outside ASCII (a Vietnamese letter, a tone mark, another language's
   accented letter, another script) means the writer can type marks: not flagged.
2. Links, e-mail addresses, @names and words with digits are set aside. Fewer than
   MIN_WORDS words left: too short to judge (codes, "ok", a name), not flagged.
3. Flagged when at least VIET_SHARE of the words are valid Vietnamese syllables once
   folded, at most ENGLISH_SHARE are common English words, and the English words that
   are not also common Vietnamese syllables are at most ENGLISH_ONLY_SHARE.
"""

import re

from .syllable import FOLDED

MIN_WORDS = 3
VIET_SHARE = 0.85
ENGLISH_SHARE = 0.5
ENGLISH_ONLY_SHARE = 0.2

# Chat spellings Vietnamese write without diacritics that are not syllables: "ko" for
# không, "dc" for được, "j" for gì...
_CHAT_WORDS = frozenset(
    "ko k kg khg dc duoc đc j vs mn mng ae ntn bn cx ng nc ng' thjk thik nhj ok oki "
    "z v ak uh um uk hok hong hem ah e a r bt bit lm ms tl tks tnx ad".split()
)

# Common English words. Many are also Vietnamese syllables once folded ("can", "the",
# "to", "an"), so an English word alone proves nothing; a text full of them is English.
_ENGLISH = frozenset(
    """
    a about after again all also am an and any are as at be been before being but by
    can could did do does done down each even every few for from get go going good got
    had has have he her here him his how i if in into is it its just know let like look
    made make many may me more most much must my new no not now of on one only or other
    our out over people please really right said same say see she should so some still
    such take than thank thanks that the their them then there these they thing think
    this those through time to too two up us very want was way we well were what when
    where which while who why will with would year yes yet you your great nice news
    love best team city town government party local community thanks article hope
    support congratulations congrats wow amazing beautiful welcome happy day today tonight
    tomorrow sure okay hi hello dear friend friends family work job help need info
    information update report read share post page link here there world national
    vietnam vietnamese english country province district village meeting program
    live lives living life home house school street road water power call back morning
    night week month last next first big small old young man men woman women child
    children student students teacher doctor police money price free open close
    """.split()
)
# English words that are not also Vietnamese syllables: a strong sign of English.
_ENGLISH_ONLY = _ENGLISH - FOLDED - _CHAT_WORDS

_SET_ASIDE = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+|@\w+|#\w+|\b\w*\d\w*\b|\b[\w-]+\.(?:vn|com|net|org|gov)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+")
# A letter outside ASCII, or a tone typed as a combining mark (not a letter itself).
_MARKED = re.compile(r"(?![\x00-\x7f])[^\W\d_]|[\u0300-\u036f]")


def lacks_diacritics(text: str) -> bool:
    """True when the text is Vietnamese written without diacritics."""
    if not text.isascii() and _MARKED.search(text):
        return False
    words = _WORD.findall(_SET_ASIDE.sub(" ", text).lower())
    n = len(words)
    if n < MIN_WORDS:
        return False
    viet = english = english_only = 0
    for word in words:
        if word in FOLDED or word in _CHAT_WORDS:
            viet += 1
        if word in _ENGLISH:
            english += 1
            if word in _ENGLISH_ONLY:
                english_only += 1
    return (
        viet >= VIET_SHARE * n
        and english <= ENGLISH_SHARE * n
        and english_only <= ENGLISH_ONLY_SHARE * n
    )
