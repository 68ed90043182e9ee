"""Import of a generated workbook and member search on the result (issue 4's targets).

    python bench/bench_import.py [--members 100000]

1. Generates the workbook (bench/generate_workbook.py): N members, about 3N events.
2. Times reading and parsing it alone (the floor to compare the import with).
3. Imports it into a throwaway SQLite database with `dangbo import` under
   `/usr/bin/time -v` (wall time and peak memory; Debian package `time`).
4. On that database, times the member list page with a search term, 100 requests with
   different terms through Django's test client (p50 and p95).
Targets: 100,000 members and 300,000 events in ≤ 60 s and ≤ 1 GB; search p95 ≤ 100 ms.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = ROOT / ".venv" / "bin"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dangbo-bench-import-"))
    workbook = tmp / f"members-{args.members}.xlsx"
    env = dict(os.environ, DEBUG="1", DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
               ALLOWED_HOSTS="testserver,127.0.0.1,localhost")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate_workbook.py"), str(workbook),
                    "--members", str(args.members)], check=True, env=env)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("DJANGO_SETTINGS_MODULE", "dangbo.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from dangbo.interchange.importer import ImportReport, parse_sheets
    from dangbo.interchange.workbook import read_file, read_workbook

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    report = ImportReport()
    parse_sheets(read_workbook(read_file(workbook), workbook.name), report)
    read_seconds = time.perf_counter() - start
    rows = report.rows_read

    timed = subprocess.run(["/usr/bin/time", "-v", str(BIN / "dangbo"), "import", str(workbook)],
                           env=env, capture_output=True, text=True)
    if timed.returncode != 0:
        print(timed.stdout[-2000:], timed.stderr[-2000:])
        sys.exit("the import failed")
    elapsed = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", timed.stderr)
    hours, minutes, seconds = (float(g or 0) for g in elapsed.groups())
    wall = hours * 3600 + minutes * 60 + seconds
    rss_mb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", timed.stderr).group(1)) / 1024

    from django.test import Client

    from dangbo.accounts.models import User
    from dangbo.organizations.models import Organization

    admin = User.objects.create(username="bench", role=User.Role.ADMINISTRATOR, is_superuser=True)
    client = Client()
    client.force_login(admin)
    terms = ["nguyen van", "tran thi", "le minh", "pham", "hoang thu", "bui quang", "do hai", "ngo lan",
             "duong", "vu ngoc an"]
    root = Organization.objects.get(code="TINH")
    samples = []
    for n in range(100):
        start = time.perf_counter()
        response = client.get("/members/", {"org": root.code, "q": terms[n % len(terms)], "page": 1 + n % 3})
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    samples.sort()
    print(f"\n{'what':<52} {'result':>14}")
    print(f"{'rows (members + events + organizations)':<52} {rows:>14,}")
    print(f"{'reading and parsing only (s)':<52} {read_seconds:>14.1f}")
    print(f"{'import with dangbo import (s)':<52} {wall:>14.1f}")
    print(f"{'rows per second':<52} {rows / wall:>14,.0f}")
    print(f"{'peak memory (MB)':<52} {rss_mb:>14,.0f}")
    print(f"{'member search, list page p50 (ms)':<52} {statistics.median(samples):>14.1f}")
    print(f"{'member search, list page p95 (ms)':<52} {samples[94]:>14.1f}")


if __name__ == "__main__":
    main()
