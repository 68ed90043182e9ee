"""The demo's yearly report in every format (targets: ≤ 1 s each, JSON ≤ 0.3 s), and the
bare aggregate queries the figures need, on a throwaway SQLite database loaded with
the demo workbook through the importer.

    DEBUG=1 .venv/bin/python bench/bench_report.py [--members 2600] [--repeat 5]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
tmp = tempfile.mkdtemp(prefix="dangbo-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
os.environ.setdefault("DEBUG", "1")
os.environ["DJANGO_SETTINGS_MODULE"] = "dangbo.settings"

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402
from report_sql import bare_queries  # noqa: E402

from dangbo.demo.workbook import build_workbook  # noqa: E402
from dangbo.interchange.importer import import_file  # noqa: E402
from dangbo.reports.figures import annual_figures, validate  # noqa: E402
from dangbo.reports.formats import FORMATS, render  # noqa: E402

TARGETS = {"json": 0.3, "html": 1.0, "docx": 1.0, "xlsx": 1.0, "article": 1.0}


def timed(fn, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), max(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=2600, help="members of the demo on 01/01/2020")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    report = import_file(data=build_workbook(args.members), name="demo.xlsx")
    assert report.ok, [str(e) for e in report.errors[:5]]
    loaded = time.perf_counter() - start
    org = validate("THANHHA", 2022)
    print(f"demo loaded ({args.members} initial members) in {loaded:.1f} s; THANHHA 2022")
    print(f"{'what':<22}{'median s':>10}{'max s':>10}{'target s':>10}  ok")
    for fmt in FORMATS:
        render(org, 2022, fmt)  # warm up: templates, python-docx template, imports
        median, worst = timed(lambda fmt=fmt: render(org, 2022, fmt), args.repeat)
        ok = "yes" if median <= TARGETS[fmt] else "NO"
        print(f"{fmt:<22}{median:>10.3f}{worst:>10.3f}{TARGETS[fmt]:>10.1f}  {ok}")
    figures_median, _ = timed(lambda: annual_figures(org, 2022), args.repeat)
    replay, count = bare_queries(org, 2022)
    bare_median, _ = timed(replay, args.repeat)
    print(f"{'figures (engine)':<22}{figures_median:>10.3f}")
    print(f"{f'bare SQL ({count} queries)':<22}{bare_median:>10.3f}")
    print(f"ratio engine / bare SQL: {figures_median / bare_median:.2f}x")


if __name__ == "__main__":
    main()
