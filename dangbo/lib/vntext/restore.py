"""Put the diacritics back into Vietnamese typed without them ("Did you mean …?").

The model is a language model over syllables, read from counts (restore_data.py builds
them from text that packages ship) and decoded with Viterbi: every plain ASCII word that
could be a syllable gets the marked forms seen in the counts as candidates, and the
sequence of candidates with the highest probability wins.

The probability of syllable b after syllable a mixes two kinds of evidence:
- inside a word: the word counts (which syllable follows a inside words, and how often
  a ends a word), from a large corpus;
- across words: bigram counts of running text (smaller), with absolute discounting,
  interpolated with the distribution of word-initial syllables.

    P(b | a) = in(a, b) / n(a) + end(a) / n(a) * C(b | a)
    C(b | a) = (1 - MU) * S(b) + MU * (max(r(a, b) - D, 0) / r(a) + D * t(a) / r(a) * S(b))

with n(a) the count of a, in(a, b) the count of "a b" inside words, end(a) how often a
ends a word, S the word-initial distribution, r(a, b) the running-text bigram count, r(a)
its sum over b and t(a) the number of different b. Cost: a few dictionary look-ups per
pair of candidates, cached per model; about a millisecond per ten words.

Nothing here raises on any text: restore_diacritics returns the text unchanged when no
model is there or something unexpected happens.
"""

import logging
import math
import os
import pickle
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .diacritics import _ENGLISH
from .syllable import FOLDED, is_valid_syllable
from .text import unify_tone

log = logging.getLogger(__name__)

FORMAT = "dangbo-diacritics-1"
BOS, EOS = "<s>", "</s>"

# Tuned on bench/data/diacritics_dev.txt (never on the held-out set).
MU = 0.6  # weight of the running-text bigrams across word boundaries
DISCOUNT = 0.6  # absolute discount of those bigrams
FLOOR = 1e-9  # probability of a word-initial syllable never seen
MAX_CANDIDATES = 12  # marked forms tried per typed syllable, the most frequent first
CACHE_SIZE = 200_000  # cached pair scores per model (about 30 MB at the most)

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "var" / "vntext" / "diacritics.pickle"

# A chunk of text between spaces: leading punctuation, a core, trailing punctuation.
_CHUNK = re.compile(r"(\s+)")
_EDGE = re.compile(r"^(\W*)(.*?)(\W*)$", re.DOTALL)
_ASCII_WORD = re.compile(r"[A-Za-z]+")
_BREAK_AFTER = re.compile(r"[.,;:!?…()\[\]{}\"“”/|]")
_MARKS = re.compile(r"[\u0300-\u036f]")
# A letter outside ASCII (a Vietnamese letter, another language's accented letter,
# another script) or a combining mark: the writer can type marks. Emoji are neither.
_NON_ASCII_LETTER = re.compile(r"(?![\x00-\x7f])[^\W\d_]|[\u0300-\u036f]")


def _has_diacritics(text: str) -> bool:
    return not text.isascii() and _NON_ASCII_LETTER.search(text) is not None


def _key(word: str) -> str:
    """The model's key for a syllable: NFC, lowercase, new-style tone placement."""
    return unify_tone(unicodedata.normalize("NFC", word).lower())


def strip_marks(text: str) -> str:
    """The text as typed without diacritics, keeping case: "Đảng ủy" -> "Dang uy"."""
    out = []
    for ch in unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")):
        if not _MARKS.match(ch):
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


class _SafeUnpickler(pickle.Unpickler):
    """Plain containers only: a model file can name no class or function."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"a diacritics model holds no objects ({module}.{name})")


class DiacriticsModel:
    """Counts and the tables derived from them; immutable once built.

    `data` holds: "start", "count", "end" (syllable -> count in the word corpus),
    "inside" ((a, b) -> count of a b inside words) and "running" ((a, b) -> weighted
    count in running text, with "<s>" and "</s>" at segment edges).
    """

    def __init__(self, data: Mapping[str, Any]) -> None:
        if data.get("format") != FORMAT:
            raise ValueError("not a diacritics model of this version")
        self.data = data
        self.count: dict[str, float] = data["count"]
        self.end: dict[str, float] = data["end"]
        self.inside: dict[tuple[str, str], float] = data["inside"]
        self.running: dict[tuple[str, str], float] = data["running"]
        start: dict[str, float] = data["start"]
        total = sum(start.values()) or 1.0
        self.start_p = {s: c / total for s, c in start.items()}
        self.context: dict[str, float] = {}
        self.types: dict[str, int] = {}
        ends = 0.0
        for (a, b), c in self.running.items():
            self.context[a] = self.context.get(a, 0.0) + c
            self.types[a] = self.types.get(a, 0) + 1
            if b == EOS:
                ends += c
        self.end_p = ends / (sum(self.context.values()) or 1.0) or 0.1
        ranked: dict[str, list[tuple[float, str]]] = {}
        for s in set(start) | set(self.count) | {b for (_, b) in self.running if b != EOS}:
            folded = strip_marks(s)
            if folded.isascii() and folded.isalpha():
                weight = start.get(s, 0.0) + self.count.get(s, 0.0) + self.context.get(s, 0.0)
                ranked.setdefault(folded, []).append((weight, s))
        self.candidates = {
            f: tuple(s for _, s in sorted(forms, key=lambda x: (-x[0], x[1]))[:MAX_CANDIDATES])
            for f, forms in ranked.items()
        }
        self._cache: dict[tuple[str, str], float] = {}

    def with_text_counts(self, pairs: Mapping[tuple[str, str], float], weight: float = 1.0) -> "DiacriticsModel":
        """A new model with running-text counts added (the site's own articles)."""
        running = dict(self.running)
        start = dict(self.data["start"])
        for pair, c in pairs.items():
            running[pair] = running.get(pair, 0.0) + weight * c
            if pair[1] != EOS and pair[1] not in start:
                start[pair[1]] = 1.0  # a syllable the corpus lacks becomes a candidate
        return DiacriticsModel({**self.data, "running": running, "start": start})

    def _cross(self, a: str, b: str) -> float:
        s = (self.end_p if b == EOS else self.start_p.get(b, 0.0)) + FLOOR
        r = self.context.get(a)
        if not r:
            return s
        seen = max(self.running.get((a, b), 0.0) - DISCOUNT, 0.0) / r
        return (1 - MU) * s + MU * (seen + DISCOUNT * self.types[a] / r * s)

    def score(self, a: str, b: str) -> float:
        """log P(b | a) for two syllable keys (or <s>, </s>)."""
        pair = (a, b)
        cached = self._cache.get(pair)
        if cached is not None:
            return cached
        n = self.count.get(a, 0.0) if a != BOS else 0.0
        if n:
            ends = (self.end.get(a, 0.0) + 0.5) / (n + 0.5)
            inside = 0.0 if b == EOS else self.inside.get(pair, 0.0) / n
            p = inside + ends * self._cross(a, b)
        else:
            p = self._cross(a, b)
        value = math.log(p)
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        self._cache[pair] = value
        return value

    def decode(self, folded: list[str]) -> list[str]:
        """The most probable marked syllables for lowercase ASCII syllables (Viterbi)."""
        beams: dict[str, tuple[float, tuple[str, ...]]] = {BOS: (0.0, ())}
        for f in folded:
            nxt: dict[str, tuple[float, tuple[str, ...]]] = {}
            for w in self.candidates.get(f) or (f,):
                best_score = -math.inf
                best_path: tuple[str, ...] = ()
                for prev, (s, path) in beams.items():
                    total = s + self.score(prev, w)
                    if total > best_score:
                        best_score, best_path = total, path
                nxt[w] = (best_score, best_path + (w,))
            beams = nxt
        best = max(beams.items(), key=lambda kv: kv[1][0] + self.score(kv[0], EOS))
        return list(best[1][1])


def load_model(path: str | os.PathLike[str]) -> DiacriticsModel:
    """Read a model file written by restore_data.write_model (about 0.2 s)."""
    with open(path, "rb") as f:
        data = _SafeUnpickler(f).load()
    if not isinstance(data, dict):
        raise ValueError("not a diacritics model")
    return DiacriticsModel(data)


_default: DiacriticsModel | None = None
_default_failed = False


def default_model() -> DiacriticsModel | None:
    """The model at $DANGBO_DIACRITICS_MODEL or var/vntext/diacritics.pickle, loaded
    once; None (with one warning in the log) when there is none."""
    global _default, _default_failed
    if _default is None and not _default_failed:
        path = os.environ.get("DANGBO_DIACRITICS_MODEL") or DEFAULT_PATH
        try:
            _default = load_model(path)
        except (OSError, ValueError, pickle.UnpicklingError, EOFError, KeyError) as exc:
            _default_failed = True
            log.warning("No diacritics model at %s (%s): run `make setup` to build it", path, exc)
    return _default


def _match_case(typed: str, word: str) -> str:
    """The marked word with the case of each typed letter ("Ha" -> "Hà", "HA" -> "HÀ")."""
    if len(typed) != len(word):
        return word.upper() if typed.isupper() else word
    return "".join(w.upper() if t.isupper() else w for t, w in zip(typed, word, strict=True))


def _english_flags(words: list[str]) -> list[bool]:
    """Words to leave as typed because they read as English: common English words that
    are not syllables ("thanks"), and those that are ("so", "me") next to them."""
    lower = [w.lower() for w in words]
    flags = [w in _ENGLISH and w not in FOLDED for w in lower]
    changed = True
    while changed:
        changed = False
        for i, w in enumerate(lower):
            if flags[i] or w not in _ENGLISH:
                continue
            if (i > 0 and flags[i - 1]) or (i + 1 < len(flags) and flags[i + 1]):
                flags[i] = changed = True
    return flags


def restore_diacritics(text: str, model: DiacriticsModel | None = None) -> str:
    """The text with the diacritics of its Vietnamese words restored.

    Case, punctuation, numbers, spacing, and words that cannot be Vietnamese syllables
    (English words, codes, links, names in other languages) are kept as typed. Text that
    has any diacritic is returned unchanged, and so is text that reads as English. Never
    raises: without a model, or on any surprise, the text comes back as it was.
    """
    try:
        if not text or _has_diacritics(text):
            return text
        model = model or default_model()
        if model is None:
            return text
        return _restore(text, model)
    except Exception:  # a suggestion is a convenience: never break the page for it
        log.exception("restore_diacritics failed on a text of %d characters", len(text))
        return text


def _restore(text: str, model: DiacriticsModel) -> str:
    pieces = _CHUNK.split(text)
    # Each chunk: (index in pieces, leading, core, trailing).
    chunks = []
    for i in range(0, len(pieces), 2):
        if pieces[i]:
            m = _EDGE.match(pieces[i])
            assert m is not None  # the pattern matches any string
            chunks.append((i, m.group(1), m.group(2), m.group(3)))
    plain = [(i, core) for i, _, core, _ in chunks if _ASCII_WORD.fullmatch(core)]
    words = [core for _, core in plain]
    if words and sum(w.lower() in _ENGLISH for w in words) * 2 >= len(words):
        return text  # mostly English: nothing to restore
    english = {i: flag for (i, _), flag in zip(plain, _english_flags(words), strict=True)}

    run: list[tuple[int, str, str, str]] = []

    def flush() -> None:
        if not run:
            return
        marked = model.decode([core.lower() for _, _, core, _ in run])
        for (i, lead, core, trail), word in zip(run, marked, strict=True):
            pieces[i] = lead + _match_case(core, word) + trail
        run.clear()

    for i, lead, core, trail in chunks:
        candidate = (
            _ASCII_WORD.fullmatch(core) is not None
            and core.lower() in FOLDED
            and not english.get(i, False)
        )
        if not candidate or lead:
            flush()
        if candidate:
            run.append((i, lead, core, trail))
            if trail and (_BREAK_AFTER.search(trail) or not trail.isascii()):
                flush()
        else:
            flush()
    flush()
    return "".join(pieces)


_TRAIN_TOKEN = re.compile(r"[^\W\d_]+|\S")


def count_running_text(texts: Iterable[str], weight: float = 1.0) -> dict[tuple[str, str], float]:
    """Bigram counts of marked Vietnamese text: each run of syllables between
    punctuation (or anything that is not a syllable), with <s> and </s> at its edges.

    How the word and running-text counts of the model are made, and how the site's
    articles are added to it."""
    pairs: dict[tuple[str, str], float] = {}
    for text in texts:
        prev = None
        for token in _TRAIN_TOKEN.findall(text):
            if token.isalpha() and is_valid_syllable(token):
                key = _key(token)
                pair = (prev or BOS, key)
                pairs[pair] = pairs.get(pair, 0.0) + weight
                prev = key
            elif prev is not None:
                pairs[prev, EOS] = pairs.get((prev, EOS), 0.0) + weight
                prev = None
        if prev is not None:
            pairs[prev, EOS] = pairs.get((prev, EOS), 0.0) + weight
    return pairs
