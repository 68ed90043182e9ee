"""Import of a generated workbook and member search on the result (issue 4's targets).

    python bench/bench_import.py [--members 100000]

1. Generates the workbook (bench/generate_workbook.py): N members, about 3N events.
2. Times reading and parsing it alone (the floor to compare the import with).
3. Imports it into a throwaway SQLite database as users' files are imported: queued as a
   job (`dangbo import FILE --background`) and run by a real worker (`dangbo run_huey`)
   under `/usr/bin/time -v` (peak memory of the worker; Debian package `time`); the time
   is the job's, from the worker taking it to its report.
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
    import datetime as dt

    from django.core.management import call_command

    from dangbo.interchange.importer import ImportReport, parse_sheets
    from dangbo.interchange.models import ImportJob
    from dangbo.interchange.workbook import read_file, read_workbook

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    report = ImportReport()
    parse_sheets(read_workbook(read_file(workbook), workbook.name), report, dt.date.today())
    read_seconds = time.perf_counter() - start
    rows = report.rows_read

    queued = subprocess.run([str(BIN / "dangbo"), "import", str(workbook), "--background"],
                            env=env, capture_output=True, text=True, check=True)
    job_id = queued.stdout.strip()
    worker = subprocess.Popen(["/usr/bin/time", "-v", str(BIN / "dangbo"), "run_huey"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while True:
        job = ImportJob.objects.get(pk=job_id)
        if job.finished:
            break
        time.sleep(0.5)
    worker.send_signal(2)  # SIGINT: the worker stops, and time prints what it used
    _out, err = worker.communicate(timeout=60)
    if job.status != "DONE" or job.report["errors"]:
        sys.exit(f"the import failed: {job.message} {job.report and job.report['errors'][:5]}")
    wall = (job.finished_at - job.started_at).total_seconds()
    waited = (job.started_at - job.created_at).total_seconds()
    rss_mb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1)) / 1024

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
    print(f"{'import job, worker taking it to its report (s)':<52} {wall:>14.1f}")
    print(f"{'queued until the worker took it (s)':<52} {waited:>14.1f}")
    print(f"{'rows per second':<52} {rows / wall:>14,.0f}")
    print(f"{'peak memory of the worker (MB)':<52} {rss_mb:>14,.0f}")
    print(f"{'member search, list page p50 (ms)':<52} {statistics.median(samples):>14.1f}")
    print(f"{'member search, list page p95 (ms)':<52} {samples[94]:>14.1f}")


if __name__ == "__main__":
    main()
