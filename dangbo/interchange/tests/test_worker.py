"""A real worker process (`dangbo run_huey`) runs import jobs; killed halfway through an
import, it leaves nothing written, the job is marked failed, and the next import works.
With the embedded queue (a SQLite file) and with the production one (Redis, started here:
Debian's redis-server, which `.ci/run` installs).

Everything runs in separate processes on a SQLite file of the test's own (whatever
database the rest of the suite uses): the worker cannot see a test's transaction.
"""

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DANGBO = str(Path(sys.executable).with_name("dangbo"))


REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


@pytest.fixture(params=["sqlite", "redis"])
def queue(request, tmp_path):
    """The job queue's URL: none (a SQLite file in var/), or a throwaway Redis server."""
    if request.param == "sqlite":
        yield ""
        return
    if not Path(REDIS_SERVER).exists():
        if os.environ.get("DANGBO_REQUIRE_POSTGRES") == "1":  # CI: every service is required
            pytest.fail("redis-server is required in CI (.ci/run installs it)")
        pytest.skip("redis-server is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: _answers(port), timeout=10)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def site(tmp_path, queue):
    var = tmp_path / "var"
    env = dict(
        os.environ, DEBUG="1", DANGBO_VAR_DIR=str(var), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DANGBO_IMPORT_STALE_SECONDS="3", REDIS_URL=queue,
    )
    subprocess.run([DANGBO, "migrate", "-v0"], env=env, check=True)
    workers: list[subprocess.Popen] = []

    def run(*args) -> str:
        return subprocess.run([DANGBO, *args], env=env, check=True, capture_output=True, text=True).stdout.strip()

    def start_worker() -> subprocess.Popen:
        worker = subprocess.Popen([DANGBO, "run_huey"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        workers.append(worker)
        return worker

    def progress(job_id: str) -> dict | None:
        from huey import RedisHuey, SqliteHuey

        store = RedisHuey("dangbo", url=queue) if queue else SqliteHuey("dangbo", filename=str(var / "jobs.sqlite3"))
        return store.get(f"import-progress:{job_id}", peek=True)

    def query(sql: str):
        with sqlite3.connect(tmp_path / "db.sqlite3") as db:
            return db.execute(sql).fetchall()

    yield type("Site", (), {"run": staticmethod(run), "start_worker": staticmethod(start_worker),
                            "progress": staticmethod(progress), "query": staticmethod(query), "tmp": tmp_path})
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=30)


def wait_for(condition, timeout=120.0, step=0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("timed out")


def status(site, job_id: str) -> str:
    return site.query(f"SELECT status FROM interchange_importjob WHERE id = '{job_id.replace('-', '')}'")[0][0]


def test_a_worker_killed_halfway_writes_nothing_and_the_next_import_works(site):
    big, small = site.tmp / "big.xlsx", site.tmp / "small.xlsx"
    generate = [sys.executable, str(ROOT / "bench" / "generate_workbook.py")]
    subprocess.run([*generate, str(big), "--members", "6000"], check=True, capture_output=True)
    subprocess.run([*generate, str(small), "--members", "200"], check=True, capture_output=True)

    job = site.run("import", str(big), "--background")
    assert status(site, job) == "QUEUED"  # nothing runs it until a worker starts
    worker = site.start_worker()
    wait_for(lambda: (site.progress(job) or {}).get("stage") == "writing")
    worker.kill()  # SIGKILL in the middle of the import's transaction
    worker.wait()
    assert site.query("SELECT COUNT(*) FROM members_member") == [(0,)]
    assert site.query("SELECT COUNT(*) FROM organizations_organization") == [(0,)]
    assert status(site, job) == "RUNNING"
    time.sleep(3.5)  # longer than DANGBO_IMPORT_STALE_SECONDS without a heartbeat
    worker = site.start_worker()  # a starting worker fails the jobs left running by a stopped one
    wait_for(lambda: status(site, job) == "FAILED")
    message = site.query(f"SELECT message FROM interchange_importjob WHERE id = '{job.replace('-', '')}'")[0][0]
    assert "nothing was written" in message or "không có gì được ghi" in message

    again = site.run("import", str(small), "--background")
    wait_for(lambda: status(site, again) in ("DONE", "FAILED"))
    assert status(site, again) == "DONE"
    assert site.query("SELECT COUNT(*) FROM members_member") == [(200,)]
