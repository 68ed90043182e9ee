"""Build the diacritics model (restore.py) from text that pinned packages ship.

    python -m dangbo.lib.vntext.restore_data DATA_DIR OUT [EXTRA_TEXT_FILE ...]

DATA_DIR holds the archives `pip download --no-deps --require-hashes -r
requirements-vntext-data.txt` brings (`make setup` does both steps); they are read as
archives, never installed or imported:
- genz-tokenize 1.2.7 (MIT): `genz_tokenize/data/vocab.txt`, a word-segmented vocabulary
  with counts from about 59 million tokens of Vietnamese novels and news
  ("chúng_tôi 34921"). It gives the word counts: which syllable follows which inside
  words, how often a syllable ends a word, and the word-initial distribution.
- iftc 1.0.5 (MIT): `iftc/data/language_model/voz_2gram_model.pkl`, an NLTK bigram model
  of posts of the VOZ forum (70 million tokens of everyday written Vietnamese, with its
  diacritics). Only its counts are read, by an unpickler that builds plain containers
  and refuses any class or function it does not list (read_voz_bigrams); bigrams seen
  once are dropped. They are most of the running text.
- visonorm 0.1.4 (MIT): `visonorm/dictionary/dictionary.json`, a social-media
  normalization dictionary whose entries carry a definition and an example sentence in
  everyday Vietnamese (about 100,000 words). Its examples and definitions are running
  text, with the non-standard spelling of each example replaced by its standard form.
- EXTRA_TEXT_FILE: Vietnamese text the project ships, added to the running text with
  weight EXTRA_WEIGHT, and the text of the domain (its syllables' frequencies): its .po
  catalog (the msgstr texts) and the comments written with diacritics in
  dangbo/lib/tests/data/diacritics_labelled.tsv (rows labelled 0). The held-out set of
  bench/bench_diacritics.py is never among them.

The output is deterministic for the same inputs. About a minute and 1.5 GB of memory on
the 2-core machine (reading the forum model's pickle is most of both); the model file is
about 10 MB.
"""

import collections
import io
import json
import pickle
import re
import sys
import tarfile
import zipfile
from array import array
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from .restore import BOS, EOS, FORMAT, _key, count_running_text
from .syllable import is_valid_syllable

GENZ_MEMBER = "genz_tokenize/data/vocab.txt"
VISONORM_MEMBER = "visonorm/dictionary/dictionary.json"
VOZ_MEMBER = "iftc/data/language_model/voz_2gram_model.pkl"

# Weights of the running-text sources (tuned on bench/data/diacritics_dev.txt): the
# project's own comment-like text counts ten times, being what citizens write here.
VOZ_WEIGHT = 1.0
VOZ_MIN_COUNT = 2  # forum bigrams seen fewer times are dropped (half of them; no loss)
VISONORM_WEIGHT = 1.0
EXTRA_WEIGHT = 10.0

_WORD = re.compile(r"[^\W\d_]+|\S")


def _find(data_dir: Path, pattern: str) -> Path:
    found = sorted(data_dir.glob(pattern))
    if not found:
        raise FileNotFoundError(f"{pattern} is not in {data_dir}: run `make setup`")
    return found[-1]


def read_genz_vocab(lines: Iterable[str]) -> Iterator[tuple[list[str], int]]:
    """(syllable keys, count) of each word of a "word_word count" vocabulary whose
    syllables are all Vietnamese; BPE pieces ("@@") are skipped."""
    for line in lines:
        token, _, count = line.rstrip("\n").rpartition(" ")
        if not token or "@@" in token or not count.isdigit():
            continue
        parts = token.split("_")
        if all(p.isalpha() and is_valid_syllable(p) for p in parts):
            yield [_key(p) for p in parts], int(count)


def read_visonorm(entries: dict) -> Iterator[str]:
    """Each definition and example of the dictionary once, the example with its
    non-standard word ("k", "ko") replaced by the first standard form ("không")."""
    seen: set[str] = set()
    for key, entry in entries.items():
        standard = None
        if isinstance(entry, dict):
            forms = entry.get("normalized")
            if isinstance(forms, list) and forms and isinstance(forms[0], str):
                standard = forms[0]
        stack: list = [entry]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                for field in ("definition", "example"):
                    value = node.get(field)
                    if isinstance(value, str) and value not in seen:
                        seen.add(value)
                        if field == "example" and standard:
                            value = " ".join(
                                standard if t.lower() == key.lower() else t for t in _WORD.findall(value)
                            )
                        yield value
                stack.extend(reversed(list(node.values())))
            elif isinstance(node, list):
                stack.extend(reversed(node))


class _NltkObject:
    """What an NLTK object of the forum model becomes: its pickled state, nothing else."""

    state: Any = None

    def __setstate__(self, state: Any) -> None:
        self.state = state


class _FreqDist(collections.Counter):
    pass


class _ConditionalFreqDist(collections.defaultdict):
    pass


class _NltkUnpickler(pickle.Unpickler):
    """Reads an NLTK language model's pickle without NLTK and without running any of
    its code: the few classes such a pickle names become plain containers."""

    ALLOWED = {
        ("collections", "Counter"): collections.Counter,
        ("collections", "defaultdict"): collections.defaultdict,
        ("collections", "OrderedDict"): collections.OrderedDict,
        ("nltk.probability", "FreqDist"): _FreqDist,
        ("nltk.probability", "ConditionalFreqDist"): _ConditionalFreqDist,
        ("nltk.lm.models", "KneserNeyInterpolated"): _NltkObject,
        ("nltk.lm.vocabulary", "Vocabulary"): _NltkObject,
        ("nltk.lm.counter", "NgramCounter"): _NltkObject,
        ("nltk.lm.smoothing", "KneserNey"): _NltkObject,
    }

    def find_class(self, module: str, name: str) -> Any:
        found = self.ALLOWED.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"not read from a language model: {module}.{name}")
        return found


def read_voz_bigrams(stream: BinaryIO, min_count: int = VOZ_MIN_COUNT) -> dict[tuple[str, str], float]:
    """The bigram counts of iftc's forum model as running-text pairs: syllables keyed
    like count_running_text, anything else (punctuation, numbers, chat spellings, the
    model's own <s> and </s>) a segment boundary; pairs seen fewer than min_count times
    are dropped."""
    model = _NltkUnpickler(stream).load()
    try:
        bigrams = model.state["counts"].state["_counts"][2]
    except (AttributeError, KeyError, TypeError) as exc:
        raise ValueError("not an NLTK bigram model") from exc
    keys: dict[str, str | None] = {}

    def key(token: str) -> str | None:
        if token not in keys:
            keys[token] = _key(token) if token.isalpha() and is_valid_syllable(token) else None
        return keys[token]

    pairs: dict[tuple[str, str], float] = {}
    for context in bigrams:  # the pickle's order: deterministic, and the tables are sorted
        a = key(context[0]) if isinstance(context, tuple) and len(context) == 1 else None
        for b_token, n in bigrams[context].items():
            b = key(b_token)
            if a is None and b is None:
                continue
            pair = (a or BOS, b or EOS)
            pairs[pair] = pairs.get(pair, 0.0) + n
    return {pair: n for pair, n in pairs.items() if n >= min_count}


def read_po_messages(text: str) -> Iterator[str]:
    """The msgstr texts of a gettext catalog."""
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("msgstr"):
            current = [line.split(" ", 1)[1].strip()[1:-1]]
        elif line.startswith('"') and current is not None:
            current.append(line.strip()[1:-1])
        else:
            if current:
                yield "".join(current).replace("\\n", "\n").replace('\\"', '"')
            current = None
    if current:
        yield "".join(current)


def read_labelled_tsv(text: str) -> Iterator[str]:
    """The texts of a "label<TAB>text" file whose label is 0 (written with diacritics)."""
    for line in text.splitlines()[1:]:
        label, _, body = line.partition("\t")
        if label == "0" and body:
            yield body


def read_extra(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".po":
        return list(read_po_messages(text))
    if path.suffix == ".tsv":
        return list(read_labelled_tsv(text))
    return text.splitlines()


def build(
    genz_words: Iterable[tuple[list[str], int]],
    running_texts: Iterable[tuple[Iterable[str], float]],
    running_pairs: Iterable[tuple[Mapping[tuple[str, str], float], float]] = (),
    domain_texts: Iterable[str] = (),
) -> dict:
    """The model's data from word counts, weighted running texts, weighted
    running-text bigram counts and the text of the domain (the project's own);
    restore.DiacriticsModel says what each entry is."""
    start: dict[str, float] = {}
    count: dict[str, float] = {}
    end: dict[str, float] = {}
    inside: dict[tuple[str, str], float] = {}
    for parts, c in genz_words:
        for s in parts:
            count[s] = count.get(s, 0) + c
        start[parts[0]] = start.get(parts[0], 0) + c
        end[parts[-1]] = end.get(parts[-1], 0) + c
        for pair in zip(parts, parts[1:], strict=False):
            inside[pair] = inside.get(pair, 0) + c
    running: dict[tuple[str, str], float] = {}
    for texts, weight in running_texts:
        for pair, n in count_running_text(texts, weight).items():
            running[pair] = running.get(pair, 0.0) + n
    for pairs, weight in running_pairs:
        for pair, n in pairs.items():
            running[pair] = running.get(pair, 0.0) + weight * n
    domain: dict[str, float] = {}
    for (_, b), n in count_running_text(domain_texts).items():
        if b != EOS:
            domain[b] = domain.get(b, 0.0) + n
    return {
        "format": FORMAT,
        "start": dict(sorted(start.items())),
        "count": dict(sorted(count.items())),
        "end": dict(sorted(end.items())),
        "inside": dict(sorted(inside.items())),
        "domain": dict(sorted(domain.items())),
        **bigram_tables(running),
    }


def bigram_tables(running: Mapping[tuple[str, str], float]) -> dict:
    """Running-text bigram counts as the flat tables of the model: syllables sorted
    after <s> and </s>, one row of sorted successor ids per syllable."""
    words = sorted({s for pair in running for s in pair} - {BOS, EOS})
    syllables = [BOS, EOS, *words]
    ids = {s: i for i, s in enumerate(syllables)}
    rows: list[list[tuple[int, float]]] = [[] for _ in syllables]
    for (a, b), n in running.items():
        if n > 0:
            rows[ids[a]].append((ids[b], n))
    offsets = array("I", [0])
    successors = array("I")
    counts = array("f")
    context = array("f")
    continuation = array("f", [0.0]) * len(syllables)
    ends = 0.0
    for row in rows:
        row.sort()
        for j, n in row:
            successors.append(j)
            counts.append(n)
            continuation[j] += 1
            if j == ids[EOS]:
                ends += n
        context.append(sum(n for _, n in row))
        offsets.append(len(successors))
    total = sum(context)
    return {
        "syllables": syllables,
        "rows": offsets.tobytes(),
        "next": successors.tobytes(),
        "counts": counts.tobytes(),
        "context": context.tobytes(),
        "continuation": continuation.tobytes(),
        "end_share": ends / total if total else 0.0,
    }


def build_from_archives(data_dir: Path, extra_files: Iterable[Path] = ()) -> dict:
    genz = _find(data_dir, "genz_tokenize-1.2.7-*.whl")
    with zipfile.ZipFile(genz) as z:
        vocab = z.read(GENZ_MEMBER).decode("utf-8").splitlines()
    visonorm = _find(data_dir, "visonorm-0.1.4.tar.gz")
    with tarfile.open(visonorm) as t:
        member = t.extractfile(f"visonorm-0.1.4/{VISONORM_MEMBER}")
        if member is None:
            raise FileNotFoundError(VISONORM_MEMBER)
        entries = json.load(member)
    iftc = _find(data_dir, "iftc-1.0.5-*.whl")
    with zipfile.ZipFile(iftc) as z:
        voz = read_voz_bigrams(io.BytesIO(z.read(VOZ_MEMBER)))
    extra = [line for path in extra_files for line in read_extra(Path(path))]
    return build(
        read_genz_vocab(vocab),
        [(list(read_visonorm(entries)), VISONORM_WEIGHT), (extra, EXTRA_WEIGHT)],
        [(voz, VOZ_WEIGHT)],
        extra,
    )


def write_model(data: dict, out: Path) -> None:
    """Write atomically: a running server never reads half a file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(data, protocol=5))
    tmp.replace(out)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    data = build_from_archives(Path(argv[0]), [Path(p) for p in argv[2:]])
    write_model(data, Path(argv[1]))
    print(
        f"diacritics model: {len(data['count'])} syllables in words, {len(data['inside'])} pairs inside words, "
        f"{len(data['syllables'])} syllables and {len(data['next']) // 4} pairs of running text -> {argv[1]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
