"""Reports read from a replica when one is configured (`DATABASE_REPLICA_URL`) and
keeps up; otherwise from the primary, and the log says why (docs/scaling.md).

Only what runs inside `reading()` goes to the replica: the yearly report's page and
command, which read and never write. Everything else, and any read in a transaction that
wrote, stays on the primary, so a person always sees what they just recorded.
"""

import contextlib
import contextvars
import logging
import time

from django.conf import settings
from django.db import connections, router

logger = logging.getLogger(__name__)

REPLICA = "replica"
CHECK_EVERY = 10.0  # seconds between two looks at the replica's lag, per process
_reading = contextvars.ContextVar("reading_replica", default=False)
_last = {"at": -CHECK_EVERY, "usable": False, "why": "not configured"}


@contextlib.contextmanager
def reading():
    """Reads in this block may go to the replica."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def lag_seconds() -> float:
    """How far the replica's data is behind the primary's, in seconds (0 when it has
    replayed everything it received)."""
    connection = connections[REPLICA]
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() "
            "THEN 0 ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
        )
        return float(cursor.fetchone()[0] or 0)


def status(*, fresh: bool = False) -> tuple[bool, str]:
    """(usable, why not): looked at once every CHECK_EVERY seconds, or now when `fresh`."""
    if REPLICA not in settings.DATABASES:
        return False, "not configured"
    now = time.monotonic()
    if fresh or now - _last["at"] >= CHECK_EVERY:
        limit = settings.DATABASE_REPLICA_MAX_LAG
        try:
            lag = lag_seconds()
        except Exception as exc:  # any failure to reach it: the primary answers instead
            usable, why = False, f"down ({type(exc).__name__}: {exc})".strip()
            with contextlib.suppress(Exception):  # a broken connection is opened anew next time
                connections[REPLICA].close()
        else:
            usable, why = lag <= limit, "" if lag <= limit else f"lagging {lag:.0f} s (more than {limit} s)"
        if not usable and (_last["usable"] or _last["why"] != why):
            logger.warning("The replica is not used, reports read the primary: %s", why)
        elif usable and not _last["usable"] and _last["why"] != "not configured":
            logger.warning("The replica is used again for reports")
        _last.update(at=now, usable=usable, why=why)
    return _last["usable"], _last["why"]


def read_connection():
    """The connection for a report's own SQL (not the ORM's, which the router places):
    the replica inside `reading()` while it is usable, else the primary."""
    return connections[router.db_for_read(None)]


class ReplicaRouter:
    """Reads inside `reading()` go to the replica while it is usable."""

    def db_for_read(self, model, **hints):
        if _reading.get() and status()[0]:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA
