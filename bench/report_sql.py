"""The report's aggregate SQL replayed bare, for the engine / bare SQL ratio of the
report benchmarks (bench_report.py, bench_province.py, bench_national.py), and what the
timed commands need to start as deployed."""

import subprocess
import sys
from pathlib import Path

from dangbo.reports.figures import annual_figures


def bare_queries(org, year):
    """The figures' aggregate queries alone: the SQL the engine runs, replayed on the
    raw connection, without the Python around it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()  # a full log (the import) would hide the new entries
    with CaptureQueriesContext(connection) as captured:
        annual_figures(org, year)
    sqls = [q["sql"] for q in captured.captured_queries]

    def replay():
        with connection.cursor() as cursor:
            for sql in sqls:
                cursor.execute(sql)
                cursor.fetchall()

    return replay, len(sqls)


def compile_project() -> None:
    """The project's bytecode, as `make serve` deploys it: where PYTHONDONTWRITEBYTECODE
    is set (this machine), each new process would compile 190 modules (0.4 s)."""
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "dangbo")], check=True,
                   stdout=subprocess.DEVNULL)
