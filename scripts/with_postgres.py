"""Run a command against a throwaway PostgreSQL cluster.

    python scripts/with_postgres.py -- pytest ...

initdb into a temporary directory, start the server on a free port on 127.0.0.1,
export DATABASE_URL for the command, and stop and remove the cluster afterwards,
whatever the command's outcome. PostgreSQL refuses to run as root, so as root the
cluster is owned by the `postgres` system user.
"""

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

PG_BIN_CANDIDATES = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"]


def find_bin(name: str) -> str:
    for folder in PG_BIN_CANDIDATES:
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        sys.exit(f"with_postgres: {name} not found; install PostgreSQL (Debian: postgresql)")
    return found


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        sys.exit("usage: with_postgres.py -- COMMAND [ARGS...]")
    as_root = os.geteuid() == 0
    tmp = Path(tempfile.mkdtemp(prefix="dangbo-pg-"))
    data = tmp / "data"
    port = free_port()
    prefix: list[str] = []
    if as_root:
        user = pwd.getpwnam("postgres")
        os.chown(tmp, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    log = tmp / "server.log"
    try:
        subprocess.run(
            [*prefix, initdb, "-D", str(data), "-U", "dangbo", "--auth=trust", "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"],
            check=True, stdout=subprocess.DEVNULL,
        )
        # No autovacuum: it analysed tables while a test's rows were rolled back, and the
        # planner, told they were empty, read the demo's ratings in nested loops once
        # per row (a query ran for over 15 minutes). Never analysed, tables are estimated
        # from their size, as in every earlier run.
        options = (
            f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1"
            " -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c autovacuum=off"
        )
        # More, for a large data set (make bench-national): e.g. "-c shared_buffers=2GB".
        options += " " + os.environ.get("DANGBO_PG_OPTIONS", "")
        subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "start"],
            check=True, stdout=subprocess.DEVNULL,
        )
        env = dict(os.environ, DATABASE_URL=f"postgres://dangbo@127.0.0.1:{port}/postgres")
        return subprocess.call(argv, env=env)
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
