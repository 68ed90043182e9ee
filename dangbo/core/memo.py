"""Within one report, what several of its parts ask alike is read once.

The report's blocks each need the organization's own spans in the year, the tallies'
kept years, the inspection tallies (for two blocks): `remembered` answers the second
asker from the first reading while `one_report()` is open, and reads every time
outside it.
"""

import contextlib
import contextvars
from collections.abc import Callable, Hashable, Iterator

_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar("report_memo", default=None)


@contextlib.contextmanager
def one_report() -> Iterator[None]:
    """Within this block, each `remembered` key is read once."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def remembered(key: Hashable, read: Callable):
    """`read()`, or what it gave for `key` earlier in this report."""
    memo = _MEMO.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]
