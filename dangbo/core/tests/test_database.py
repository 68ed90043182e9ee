"""How the connection is set up, on whichever database the suite runs (make test runs
both)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_the_connection_is_tuned_for_the_database():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The report's aggregates made PostgreSQL's JIT compile for 1.8 s a query
            # that runs in 0.2 s (province-size benchmark).
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"
        else:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] in ("wal", "memory")  # the tests' database is in memory
            cursor.execute("PRAGMA cache_size")
            assert cursor.fetchone()[0] == -65536
