"""The yearly report of a province-size data set (issue 8's target: JSON report for the
root ≤ 3 s on SQLite and on PostgreSQL), with the bare aggregate SQL it needs.

    DEBUG=1 .venv/bin/python bench/bench_province.py [--members 300000] [--years 10]
    DEBUG=1 .venv/bin/python scripts/with_postgres.py -- .venv/bin/python bench/bench_province.py

1. Generates the workbook (bench/generate_workbook.py: 300,000 members give 1,500
   grassroots organizations, about three events a member over ten years).
2. Imports it with the importer into a throwaway SQLite file, or into the database of
   DATABASE_URL when it is set (PostgreSQL under scripts/with_postgres.py; ANALYZE then
   runs, as autovacuum would have done on a live server).
3. Times the figures engine for the root (median of 5), the same SQL replayed bare on
   the connection, and the whole command `dangbo report annual --format json`.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def median_time(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=300_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--loaded", action="store_true", help="DATABASE_URL holds the data set already")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dangbo-bench-province-"))
    workbook = tmp / f"province-{args.members}.xlsx"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "dangbo.settings"
    if not args.loaded:
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate_workbook.py"), str(workbook),
                        "--members", str(args.members), "--years", str(args.years)], check=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from report_sql import bare_queries, compile_project

    from dangbo.interchange.importer import import_file
    from dangbo.organizations.models import Organization
    from dangbo.reports.figures import annual_figures

    call_command("migrate", verbosity=0)
    if not args.loaded:
        start = time.perf_counter()
        report = import_file(workbook)
        assert report.ok, [str(e) for e in report.errors[:5]]
        loaded = time.perf_counter() - start
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"{connection.vendor}: {report.rows_read:,} rows imported in {loaded:.0f} s")
    grassroots = Organization.objects.filter(kind="GRASSROOTS_COMMITTEE").count()
    print(f"{Organization.objects.count():,} organizations, {grassroots:,} grassroots")
    root = Organization.objects.get(code="TINH")
    print(f"{'year':<6}{'engine s':>10}{'bare SQL s':>12}{'queries':>9}{'ratio':>8}{'command s':>11}")
    compile_project()
    for year in (2022, 2025):
        annual_figures(root, year)  # warm the caches
        engine = median_time(lambda year=year: annual_figures(root, year), args.repeat)
        replay, count = bare_queries(root, year)
        bare = median_time(replay, args.repeat)
        start = time.perf_counter()
        subprocess.run([str(ROOT / ".venv" / "bin" / "dangbo"), "report", "annual", "--org", "TINH", "--year",
                        str(year), "--format", "json", "-o", str(tmp / f"{year}.json")], check=True)
        command = time.perf_counter() - start
        print(f"{year:<6}{engine:>10.3f}{bare:>12.3f}{count:>9}{engine / bare:>7.2f}x{command:>11.2f}")


if __name__ == "__main__":
    main()
