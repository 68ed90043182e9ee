"""One import at a time in an installation."""

import contextlib
import time
from pathlib import Path

from django.conf import settings
from django.db import connection


@contextlib.contextmanager
def import_lock(waiting=None):
    """Hold the one import lock of the installation: another import (a worker's, the
    command line's) waits until it is free, telling `waiting()` each second.

    PostgreSQL: an advisory lock of the session (freed if the process dies); SQLite,
    which one machine serves: a file lock beside the database (likewise).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            while True:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
                if cursor.fetchone()[0]:
                    break
                if waiting:
                    waiting()
                time.sleep(1)
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        return
    import fcntl

    path = Path(settings.VAR_DIR) / "import.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if waiting:
                    waiting()
                time.sleep(1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


LOCK_KEY = 0x64616E67  # "dang": the advisory lock of imports


