"""restore_diacritics: accuracy on held-out comments, speed, loading time and memory.

Run: .venv/bin/python bench/bench_diacritics.py [--dev] [--errors N] [--model PATH]

Each sentence of bench/data/diacritics_heldout.txt (written for this, never trained on,
never used to tune) is typed without diacritics (strip_marks keeps case, punctuation and
spacing), restored, and compared with the original syllable by syllable, tone placement
unified first (hoà = hòa). "letters" compares the syllable without its tone (vowel marks
and đ), "tone" the tone alone, "syllable" both. --dev measures the tuning set instead.

Candidates: the text as typed (nothing restored), the most frequent marked form of each
syllable (the frequency list of the model's counts), pyvi's ViUtils.add_accents (only
where pyvi is importable: it is not a dependency of dangbo; `pip install pyvi==0.1.1` in
another environment and run this script with its Python), the model's parts alone (its
word counts, its running-text bigrams, without the domain unigrams: the same model with
LAMBDA or EPSILON changed), and the model, alone and with the seed article added as the
site's articles are.
"""

import argparse
import contextlib
import gc
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dangbo.lib.vntext import restore as restore_module  # noqa: E402
from dangbo.lib.vntext.restore import (  # noqa: E402
    DEFAULT_PATH,
    DiacriticsModel,
    count_running_text,
    load_model,
    restore_diacritics,
    strip_marks,
)
from dangbo.lib.vntext.syllable import is_valid_syllable, split_tone  # noqa: E402
from dangbo.lib.vntext.text import unify_tone  # noqa: E402

DATA = ROOT / "bench" / "data"
COMMENT_30 = (
    "Xin chao ban bien tap, toi la nguoi dan o thon Dong, toi muon hoi ve viec sua con duong "
    "ngo 12 vi moi lan mua xuong la ngap lam."
)


def load(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def syllables(text: str) -> list[str]:
    return [w.strip(".,;:!?()\"'…“”") for w in text.split()]


def accuracy(restore: Callable[[str], str], sentences: list[str], show: int = 0) -> dict[str, float]:
    n = syl = letters = tone = whole = 0
    shown = 0
    for gold in sentences:
        out = restore(strip_marks(gold))
        g, o = syllables(gold), syllables(out)
        right = True
        for k, gw in enumerate(g):
            if not (gw.isalpha() and is_valid_syllable(gw)):
                continue
            n += 1
            ow = o[k] if len(o) == len(g) else ""
            a, b = unify_tone(gw.lower()), unify_tone(ow.lower())
            sa, sb = split_tone(a), split_tone(b) if b else None
            syl += a == b
            right &= a == b
            if sa and sb:
                letters += sa[0] == sb[0]
                tone += sa[1] == sb[1]
        whole += right
        if not right and shown < show:
            print(f"  gold: {gold}\n  got:  {out}")
            shown += 1
    return {"syllable": syl / n, "letters": letters / n, "tone": tone / n, "sentences": whole / len(sentences), "n": n}


def timing(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """(median, p95) milliseconds."""
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    runs.sort()
    return statistics.median(runs), runs[int(len(runs) * 0.95) - 1]


def demo_article_text() -> str:
    """The demo's article as the site publishes it (the seed article when the demo
    module cannot be imported without Django)."""
    seed = ROOT.parent / "shared" / "seed" / "article.txt"
    return seed.read_text(encoding="utf-8") if seed.exists() else ""


@contextlib.contextmanager
def weights(model: DiacriticsModel, **changed: float):
    """The model scored with some of restore.py's weights changed (LAMBDA, EPSILON)."""
    saved = {name: getattr(restore_module, name) for name in changed}
    for name, value in changed.items():
        setattr(restore_module, name, value)
    model._cache.clear()
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(restore_module, name, value)
        model._cache.clear()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dev", action="store_true", help="the tuning set instead of the held-out set")
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong sentences")
    parser.add_argument("--model", default=str(DEFAULT_PATH))
    args = parser.parse_args()

    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    loads = []
    for _ in range(5):
        start = time.perf_counter()
        model = load_model(args.model)
        loads.append(time.perf_counter() - start)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    model = load_model(args.model)
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"model {args.model} ({Path(args.model).stat().st_size / 1e6:.1f} MB): loaded in "
          f"{min(loads):.3f}–{max(loads):.3f} s (5 loads), {held / 1e6:.1f} MB held by Python objects, "
          f"max RSS of the process +{(rss_after - rss_before) / 1024:.1f} MB")

    name = "diacritics_dev.txt" if args.dev else "diacritics_heldout.txt"
    sentences = load(name)
    print(f"\n{name}: {len(sentences)} sentences")
    site = demo_article_text()
    with_site = model.with_text_counts(count_running_text([site]), weight=3.0) if site else None

    candidates: list[tuple[str, Callable[[str], str]]] = [
        ("as typed (nothing restored)", lambda s: s),
        ("most frequent form per syllable", lambda s: " ".join(
            _case(w, model.candidates.get(w.lower(), (w,))[0]) if w.isalpha() else w for w in s.split(" ")
        )),
    ]
    try:
        start = time.perf_counter()
        from pyvi import ViUtils  # type: ignore[import-not-found]

        ViUtils.add_accents("xin chao")  # loads its CRF model
        print(f"pyvi: imported and its model loaded in {time.perf_counter() - start:.2f} s")
        candidates.append(("pyvi 0.1.1 ViUtils.add_accents", ViUtils.add_accents))
    except ImportError:
        print("(pyvi not importable here: its row is skipped)")
    # The model's parts: the same model with some weights changed while its row runs.
    parts = {
        "model: word counts alone (LAMBDA=0)": {"LAMBDA": 0.0, "EPSILON": 0.0},
        "model: bigrams alone (LAMBDA=1)": {"LAMBDA": 1.0, "EPSILON": 0.0},
        "model without domain unigrams": {"EPSILON": 0.0},
    }
    for label in parts:
        candidates.append((label, lambda s: restore_diacritics(s, model)))
    candidates.append(("dangbo model", lambda s: restore_diacritics(s, model)))
    if with_site:
        candidates.append(("dangbo model + the seed article", lambda s: restore_diacritics(s, with_site)))

    print(f"{'candidate':<38} {'syllable':>9} {'letters':>8} {'tone':>8} {'sentences':>10} {'ms/comment':>11}")
    for label, fn in candidates:
        with weights(model, **parts.get(label, {})):
            r = accuracy(fn, sentences, args.errors if label == "dangbo model" else 0)
            ms, _ = timing(lambda fn=fn: fn(COMMENT_30), 50)
        print(f"{label:<38} {r['syllable']:>9.4f} {r['letters']:>8.4f} {r['tone']:>8.4f} {r['sentences']:>10.3f} "
              f"{ms:>11.2f}")
    print(f"({r['n']} syllables; ms/comment: the {len(COMMENT_30.split())}-word comment, warm)\n")

    words = len(COMMENT_30.split())
    for label, m in (("cold cache", None), ("warm cache", model)):
        def run(m=m) -> None:
            if m is None:
                model._cache.clear()
            restore_diacritics(COMMENT_30, model)
        median, p95 = timing(run, 200)
        print(f"{words}-word comment, {label}: median {median:.2f} ms, p95 {p95:.2f} ms (target ≤ 20 ms)")
    long_text = (COMMENT_30 + " ") * (10_000 // (len(COMMENT_30) + 1))
    model._cache.clear()
    median, p95 = timing(lambda: restore_diacritics(long_text[:10_000], model), 5)
    print(f"10,000 characters, cold then warm cache: median {median:.1f} ms, p95 {p95:.1f} ms")
    for text in ("", "😀" * 2000, "Thanks, bai viet hay lam 👍 ok", "Đã có dấu rồi, giữ nguyên"):
        median, _ = timing(lambda t=text: restore_diacritics(t, model), 20)
        print(f"{text[:30]!r:<36} -> {restore_diacritics(text, model)[:40]!r} ({median:.2f} ms)")


def _case(typed: str, word: str) -> str:
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word


if __name__ == "__main__":
    main()
