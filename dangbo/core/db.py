"""Database details that must agree between SQLite and PostgreSQL."""

from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate


def by_key(field: str):
    """Order by a stored sort key byte by byte, as SQLite does by default.

    The Vietnamese sort keys (`dangbo.lib.vntext.name_sort_key`) are built to be compared
    as plain ASCII; a PostgreSQL database created with a language collation (en_US,
    vi_VN) would ignore their spaces and punctuation, so the "C" collation is asked for.
    """
    if connection.vendor == "postgresql":
        return Collate(F(field), "C").asc()
    return F(field).asc()
