"""Throughput of dangbo.lib.vntext on one core, and lacks_diacritics on the labelled set.

Run: .venv/bin/python bench/bench_vntext.py
"""

import csv
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dangbo.lib.vntext import fold, lacks_diacritics, normalize, repair_legacy  # noqa: E402

LABELLED = ROOT / "dangbo" / "lib" / "tests" / "data" / "diacritics_labelled.tsv"
REPEATS = 5

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trịnh".split()
MIDDLE = "Văn Thị Hữu Đức Minh Ngọc Thanh Xuân Quốc Thùy Phương Hồng Kim Bảo Thế".split()
GIVEN = (
    "An Bình Cường Dũng Giang Hà Hải Hạnh Hương Khánh Lan Linh Long Mai Nam Nga Ngọc"
    " Phúc Quân Sơn Tâm Thảo Thủy Trang Tuấn Việt Yến Đức Ánh Hưng Lượng Thiện"
).split()


def names(count: int) -> list[str]:
    rng = random.Random(2024)
    return [f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}" for _ in range(count)]


def load_labelled() -> list[tuple[bool, str]]:
    with LABELLED.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["label"] == "1", row["text"]) for row in rows]


def rate(work: Callable[[], None], items: int) -> tuple[float, float]:
    """(best, median) items per second over REPEATS runs."""
    rates = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        work()
        rates.append(items / (time.perf_counter() - start))
    return max(rates), statistics.median(rates)


def precision_recall(rows: Sequence[tuple[bool, str]]) -> tuple[float, float, int, int]:
    """(precision, recall, false positives, false negatives) of lacks_diacritics."""
    tp = fp = fn = 0
    for label, text in rows:
        predicted = lacks_diacritics(text)
        tp += predicted and label
        fp += predicted and not label
        fn += label and not predicted
    return tp / (tp + fp), tp / (tp + fn), fp, fn


def main() -> None:
    people = names(100_000)
    # Clean cells as an import sees them: names, Vietnamese phrases, codes, numbers.
    cells = people[:50_000] + ["Chi bộ thôn Đông", "CB-0012", "1.234,5", "Đảng viên"] * 12_500
    labelled = load_labelled()
    comments = [text for _, text in labelled] * 30

    def normalize_fold() -> None:
        for name in people:
            fold(normalize(name))

    def repair() -> None:
        for cell in cells:
            repair_legacy(cell)

    def detect() -> None:
        for comment in comments:
            lacks_diacritics(comment)

    rows = [
        ("normalize + fold (names)", rate(normalize_fold, len(people)), 100_000),
        ("repair_legacy (clean cells)", rate(repair, len(cells)), 50_000),
        ("lacks_diacritics (comments)", rate(detect, len(comments)), 10_000),
    ]
    print(f"{'operation':<30} {'best/s':>12} {'median/s':>12} {'target/s':>10}")
    for label, (best, median), target in rows:
        print(f"{label:<30} {best:>12,.0f} {median:>12,.0f} {target:>10,}")
    precision, recall, fp, fn = precision_recall(labelled)
    print(
        f"\nlacks_diacritics on {len(labelled)} labelled texts: precision {precision:.3f}, "
        f"recall {recall:.3f} ({fp} false positives, {fn} false negatives)"
    )


if __name__ == "__main__":
    main()
