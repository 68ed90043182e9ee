"""Put the diacritics back into Vietnamese typed without them ("Did you mean …?").

The model is a language model over syllables, read from counts (restore_data.py builds
them from text that packages ship) and decoded with Viterbi: every plain ASCII word that
could be a syllable gets the marked forms seen in the counts as candidates, and the
sequence of candidates with the highest probability wins.

The score of syllable b after syllable a mixes two estimates of P(b | a) log-linearly,
then the unigram distribution U of the text of this domain (the project's own Vietnamese
and the site's articles) linearly:

    score(a, b) = log((1 - EPSILON) * K(b | a) ** LAMBDA * W(b | a) ** (1 - LAMBDA)
                      + EPSILON * U(b))

- K, running text: bigram counts of about 58 million syllables of forum posts and other
  running text, with interpolated Kneser–Ney smoothing (one discount D):
      K(b | a) = max(r(a, b) - D, 0) / r(a) + D * t(a) / r(a) * N(b)
  with r(a, b) the bigram count, r(a) its sum over b, t(a) the number of different b and
  N(b) the share of bigram types that end in b (how many syllables b follows);
- W, words: the word counts of a large corpus (news and novels), which know which
  syllable follows which inside a word and how often a syllable ends one:
      W(b | a) = in(a, b) / n(a) + end(a) / n(a) * S(b)
  with n(a) the count of a, in(a, b) the count of "a b" inside words, end(a) how often a
  ends a word and S the distribution of word-initial syllables.

The bigram table (about a million pairs) is kept in flat arrays (one row of sorted
successors per syllable, found by bisection), so that loading takes about 0.2 s and the
model about 25 MB of memory. Cost: a few look-ups per pair of candidates, cached per
model; about 3 ms per ten words when nothing is cached.

Nothing here raises on any text: restore_diacritics returns the text unchanged when no
model is there or something unexpected happens.
"""

import logging
import math
import os
import pickle
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .diacritics import _ENGLISH
from .syllable import FOLDED, is_valid_syllable
from .text import unify_tone

log = logging.getLogger(__name__)

FORMAT = "dangbo-diacritics-2"
BOS, EOS = "<s>", "</s>"  # the first two of the model's syllables

# Tuned on bench/data/diacritics_dev.txt (never on the held-out set).
LAMBDA = 0.8  # weight of the running-text bigrams against the word counts
EPSILON = 0.03  # weight of the unigrams of the project's and the site's own text
DISCOUNT = 0.9  # Kneser–Ney discount of the running-text bigrams
FLOOR = 1e-7  # added to every lower-order probability: nothing is impossible
MAX_CANDIDATES = 12  # marked forms tried per typed syllable, the most frequent first
MIN_SHARE = 1e-4  # a form 10,000 times rarer than the most frequent one is not tried
BEAM = 10.0  # a path e^10 times less probable than the best one at its syllable is dropped
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


def _array(typecode: str, raw: Any) -> array:
    if not isinstance(raw, bytes):
        raise ValueError("a diacritics model's tables are bytes")
    table = array(typecode)
    table.frombytes(raw)
    return table


class DiacriticsModel:
    """Counts and the tables derived from them; immutable once built.

    `data` (restore_data.build) holds the word counts: "start", "count", "end"
    (syllable -> count) and "inside" ((a, b) -> count of a b inside words); and the
    running-text bigrams as flat tables: "syllables" (id -> syllable, 0 and 1 being
    <s> and </s>), "rows" (for each id, where its successors start in "next"), "next"
    (successor ids, sorted within a row), "counts" (their counts), "context" (r(a) per
    id), "continuation" (N(b) per id, unnormalized) and "end_share" (the share of
    bigrams that end a segment); "domain" (syllable -> count in the project's own
    text). `site` holds running-text counts added to those (the site's own articles:
    with_text_counts), and to the domain's.
    """

    def __init__(self, data: Mapping[str, Any], site: Mapping[tuple[str, str], float] | None = None) -> None:
        if data.get("format") != FORMAT:
            raise ValueError("not a diacritics model of this version")
        self.data = data
        self.count: dict[str, float] = data["count"]
        self.end: dict[str, float] = data["end"]
        self.inside: dict[tuple[str, str], float] = data["inside"]
        start: dict[str, float] = data["start"]
        total = sum(start.values()) or 1.0
        self.start_p = {s: c / total for s, c in start.items()}
        self.end_p = float(data["end_share"]) or 0.1

        self.syllables: list[str] = list(data["syllables"])
        self.ids = {s: i for i, s in enumerate(self.syllables)}
        self.rows = _array("I", data["rows"])
        self.next = _array("I", data["next"])
        self.counts = _array("f", data["counts"])
        self.context = _array("f", data["context"])
        continuation = _array("f", data["continuation"])
        size = len(self.syllables)
        if (
            self.syllables[:2] != [BOS, EOS]
            or len(self.rows) != size + 1
            or len(self.context) != size
            or len(continuation) != size
            or len(self.next) != len(self.counts)
            or self.rows[-1] != len(self.next)
        ):
            raise ValueError("a diacritics model's tables do not fit together")
        types = sum(continuation) or 1.0
        self.continuation = [c / types for c in continuation]

        # The site's counts: r(a, b), r(a) and the new types t(a) they add.
        self.site = dict(site or {})
        self.site_context: dict[str, float] = {}
        self.site_types: dict[str, int] = {}
        site_seen: dict[str, float] = {}
        for (a, b), c in self.site.items():
            self.site_context[a] = self.site_context.get(a, 0.0) + c
            if self._base_pair(a, b) == 0.0:
                self.site_types[a] = self.site_types.get(a, 0) + 1
            if b != EOS:
                site_seen[b] = site_seen.get(b, 0.0) + c

        domain = dict(data["domain"])
        for b, c in site_seen.items():
            domain[b] = domain.get(b, 0.0) + c
        total = sum(domain.values()) or 1.0
        self.domain = {b: c / total for b, c in domain.items()}

        ranked: dict[str, list[tuple[float, str]]] = {}
        for s in set(start) | set(self.count) | set(self.syllables[2:]) | set(site_seen):
            folded = strip_marks(s)
            if folded.isascii() and folded.isalpha():
                i = self.ids.get(s)
                weight = start.get(s, 0.0) + self.count.get(s, 0.0) + site_seen.get(s, 0.0)
                weight += self.context[i] if i is not None else 0.0
                ranked.setdefault(folded, []).append((weight, s))
        self.candidates: dict[str, tuple[str, ...]] = {}
        for f, forms in ranked.items():
            forms.sort(key=lambda x: (-x[0], x[1]))
            least = forms[0][0] * MIN_SHARE
            self.candidates[f] = tuple(s for weight, s in forms[:MAX_CANDIDATES] if weight >= least)
        self._cache: dict[tuple[str, str], float] = {}
        self._lefts: dict[str, tuple[int, int, float, float, float, float]] = {}
        self._rights: dict[str, tuple[int, float, float]] = {}

    def with_text_counts(self, pairs: Mapping[tuple[str, str], float], weight: float = 1.0) -> "DiacriticsModel":
        """A new model with running-text counts added (the site's own articles); the
        syllables they hold that the model lacks become candidates."""
        site = dict(self.site)
        for pair, c in pairs.items():
            site[pair] = site.get(pair, 0.0) + weight * c
        return DiacriticsModel(self.data, site)

    def _base_pair(self, a: str, b: str) -> float:
        i, j = self.ids.get(a), self.ids.get(b)
        if i is None or j is None:
            return 0.0
        lo, hi = self.rows[i], self.rows[i + 1]
        k = bisect_left(self.next, j, lo, hi)
        return self.counts[k] if k < hi and self.next[k] == j else 0.0

    def pair_count(self, a: str, b: str) -> float:
        """r(a, b): how often b follows a in the running text (the site's included)."""
        return self._base_pair(a, b) + self.site.get((a, b), 0.0)

    def _left(self, a: str) -> tuple[int, int, float, float, float, float]:
        """What the score needs of a syllable before: its row of successors, r(a),
        D * t(a), n(a) and end(a) / n(a)."""
        info = self._lefts.get(a)
        if info is None:
            i = self.ids.get(a)
            lo, hi = (self.rows[i], self.rows[i + 1]) if i is not None else (0, 0)
            context = (self.context[i] if i is not None else 0.0) + self.site_context.get(a, 0.0)
            types = hi - lo + self.site_types.get(a, 0)
            n = self.count.get(a, 0.0) if a != BOS else 0.0
            ends = (self.end.get(a, 0.0) + 0.5) / (n + 0.5)
            info = self._lefts[a] = (lo, hi, context, DISCOUNT * types, n, ends)
        return info

    def _right(self, b: str) -> tuple[int, float, float]:
        """What the score needs of a syllable after: its id (-1: none), N(b) and S(b)."""
        info = self._rights.get(b)
        if info is None:
            j = self.ids.get(b)
            lower = (self.continuation[j] if j is not None else 0.0) + FLOOR
            start = (self.end_p if b == EOS else self.start_p.get(b, 0.0)) + FLOOR
            info = self._rights[b] = (-1 if j is None else j, lower, start)
        return info

    def score(self, a: str, b: str) -> float:
        """log P(b | a) for two syllable keys (or <s>, </s>), up to normalization."""
        pair = (a, b)
        cached = self._cache.get(pair)
        if cached is not None:
            return cached
        lo, hi, context, discounted_types, n, ends = self._left(a)
        j, lower, start = self._right(b)
        # K(b | a), the running text with Kneser–Ney smoothing.
        if context:
            seen = 0.0
            if hi > lo and j >= 0:
                k = bisect_left(self.next, j, lo, hi)
                if k < hi and self.next[k] == j:
                    seen = self.counts[k]
            if self.site:
                seen += self.site.get(pair, 0.0)
            running = (max(seen - DISCOUNT, 0.0) + discounted_types * lower) / context
        else:
            running = lower
        # W(b | a), the word counts: inside a word, or a word ends and another starts.
        if n:
            words = ends * start + (0.0 if b == EOS else self.inside.get(pair, 0.0) / n)
        else:
            words = start
        p = running**LAMBDA * words ** (1 - LAMBDA)
        if b != EOS:
            p = (1 - EPSILON) * p + EPSILON * self.domain.get(b, 0.0)
        value = math.log(p)
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        self._cache[pair] = value
        return value

    def decode(self, folded: list[str]) -> list[str]:
        """The most probable marked syllables for lowercase ASCII syllables (Viterbi,
        with a beam: about 1,500 pairs scored for a 30-word comment)."""
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
            least = max(score for score, _ in nxt.values()) - BEAM
            beams = {w: beam for w, beam in nxt.items() if beam[0] >= least}
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
