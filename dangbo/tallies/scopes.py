"""Where a record counts: the scope path of an organization on a day.

The scope path of O on day D is the path of O's span that day; when O has merged into
T by then (an alias span), it is T's scope path that day, since the members recorded in
O count in T from the merge (INTERCHANGE.md). A report for X counts a record when X's
path that year is a prefix of the record's scope path: every organization on a scope
path exists that day as itself, so there is no date to compare (docs/architecture.md).
"""

import bisect
import datetime as dt
from collections.abc import Iterable

from dangbo.organizations.models import OrgSpan

# (valid_from, valid_to, path, merged_into_id) of one organization's spans
Span = tuple[dt.date, dt.date, str, int | None]


class Scopes:
    """Scope paths from the spans, loaded once per organization.

    Reads the current tree, or `spans` when given: (organization_id, valid_from,
    valid_to, path, merged_into_id) rows, e.g. the tree as it was before a rebuild.
    """

    def __init__(self, spans: Iterable[tuple] | None = None):
        self._spans: dict[int, list[Span]] = {}
        self._starts: dict[int, list[dt.date]] = {}
        self._complete = spans is not None
        if spans is not None:
            self._add(spans)

    @classmethod
    def everything(cls) -> "Scopes":
        """The whole tree in memory (imports, which touch most organizations)."""
        return cls(OrgSpan.objects.values_list("organization_id", "valid_from", "valid_to", "path", "merged_into_id"))

    def _add(self, rows: Iterable[tuple]) -> None:
        for org_id, start, end, path, merged_into in rows:
            self._spans.setdefault(org_id, []).append((start, end, path, merged_into))
        for org_id, spans in self._spans.items():
            spans.sort()
            self._starts[org_id] = [s[0] for s in spans]

    def load(self, org_ids: Iterable[int | None]) -> None:
        """Read the spans of these organizations at once (one query), before asking."""
        if self._complete:
            return
        missing = {pk for pk in org_ids if pk is not None and pk not in self._spans}
        if not missing:
            return
        rows = list(
            OrgSpan.objects.filter(organization_id__in=missing).values_list(
                "organization_id", "valid_from", "valid_to", "path", "merged_into_id"
            )
        )
        for pk in missing:
            self._spans.setdefault(pk, [])
        self._add(rows)

    def _span(self, org_id: int, day: dt.date) -> Span | None:
        if org_id not in self._spans:
            self.load([org_id])
        spans = self._spans[org_id]
        i = bisect.bisect_right(self._starts.get(org_id, []), day) - 1
        if i >= 0 and spans[i][1] >= day:
            return spans[i]
        return None

    def exists(self, org_id: int, day: dt.date) -> bool:
        """Does the organization exist as itself on `day` (not merged into another)?"""
        span = self._span(org_id, day)
        return span is not None and span[3] is None

    def path(self, org_id: int | None, day: dt.date) -> str | None:
        """The scope path of the organization on `day`; None when it does not exist then."""
        seen = 0
        while org_id is not None:
            span = self._span(org_id, day)
            if span is None:
                return None
            if span[3] is None:
                return span[2]
            org_id = span[3]
            seen += 1
            if seen > 64:  # the tree's checks refuse cycles; never loop on a broken one
                return None
        return None


def shared_path(a: str, b: str) -> str | None:
    """The longest path both lie under (their lowest common organization), or None when
    they are in different trees."""
    left, right = a.split("/"), b.split("/")
    common = []
    for x, y in zip(left[1:-1], right[1:-1], strict=False):
        if x != y:
            break
        common.append(x)
    return "/" + "".join(f"{part}/" for part in common) if common else None
