"""Questions asked of the dated tree. "On day D" always means the tree as it stood that day."""

import datetime as dt
from collections.abc import Callable

from django.db.models import Count, Q, QuerySet

from dangbo.core.memo import remembered
from dangbo.core.prepared import Prepared, as_date

from .models import Organization, OrgSpan


def _on(day: dt.date) -> Q:
    return Q(valid_from__lte=day, valid_to__gte=day)


def _under(path: str) -> Q:
    # A range on `path` (not LIKE) so that SQLite and PostgreSQL both use the index.
    return Q(path__gte=path, path__lt=path + "~")


def span_on(org: Organization, day: dt.date) -> OrgSpan | None:
    return OrgSpan.objects.filter(_on(day), organization=org).select_related("parent").first()


def subtree_spans(org: Organization, day: dt.date, *, aliases: bool = False) -> QuerySet[OrgSpan]:
    """Spans of `org` and everything under it on `day`, in path order.

    With `aliases`, organizations merged into one of them are included: their members
    count there from the day of the merge.
    """
    return _subtree_spans(span_on(org, day), day, aliases)


def _subtree_spans(own: OrgSpan | None, day: dt.date, aliases: bool) -> QuerySet[OrgSpan]:
    if own is None or own.merged_into_id is not None:
        return OrgSpan.objects.none()
    spans = OrgSpan.objects.filter(_on(day), _under(own.path))
    if not aliases:
        spans = spans.filter(merged_into__isnull=True)
    return spans.order_by("path")


def members_subtree(org: Organization, day: dt.date) -> QuerySet | None:
    """`subtree_ids`, or None when `org` is the only root of the tree on `day`: every
    organization that exists that day is in its subtree (a province's committee looking
    at all of it), and so is every member."""
    own = span_on(org, day)
    if (
        own is not None and own.parent_id is None and own.merged_into_id is None
        and not OrgSpan.objects.filter(_on(day), parent__isnull=True, merged_into__isnull=True)
        .exclude(organization=org).exists()
    ):
        return None
    return _subtree_spans(own, day, aliases=True).values("organization_id")


def subtree_ids(org: Organization, day: dt.date) -> QuerySet:
    """Ids of the organizations whose members belong to `org`'s subtree on `day`."""
    return subtree_spans(org, day, aliases=True).values("organization_id")


def children_on(org: Organization, day: dt.date) -> list[OrgSpan]:
    from dangbo.lib.vntext import sort_key

    spans = OrgSpan.objects.filter(_on(day), parent=org, merged_into__isnull=True)
    return sorted(spans.select_related("organization"), key=lambda s: sort_key(s.name))


def forest_on(day: dt.date, roots: list[Organization] | None = None) -> list[OrgSpan]:
    """Spans on `day` under `roots` (all roots when None), in path order."""
    spans = _forest(day, roots)
    return list(spans.select_related("organization").order_by("path")) if spans is not None else []


def _tops(day: dt.date, roots: list[Organization] | None) -> list[OrgSpan]:
    """The spans of `roots` on `day`; of the tree's roots when None."""
    return roots_on(day) if roots is None else list(OrgSpan.objects.filter(_on(day), organization__in=roots))


def _under_tops(tops: list[OrgSpan], levels: Callable[[OrgSpan], Q] = lambda _top: Q()) -> Q:
    """Spans under any of `tops`, each with what `levels` asks of its depth."""
    q = Q()
    for top in tops:
        q |= _under(top.path) & levels(top)
    return q


def _forest(day: dt.date, roots: list[Organization] | None) -> QuerySet[OrgSpan] | None:
    spans = OrgSpan.objects.filter(_on(day), merged_into__isnull=True)
    if roots is None:
        return spans
    tops = _tops(day, roots)
    return spans.filter(_under_tops(tops)) if tops else None


def forest_top(day: dt.date, roots: list[Organization] | None, *, below: int) -> tuple[list[OrgSpan], set[int]]:
    """`forest_on`'s spans down to `below` levels under each root, in path order, and the
    organizations of the last level that have others under them on `day`: the tree page
    opens a province's 100 communes, not its 2,500 organizations, and reads the rest when
    a branch is opened."""
    tops = _tops(day, roots)
    if not tops:
        return [], set()
    spans = OrgSpan.objects.filter(_on(day), merged_into__isnull=True)
    shown = _under_tops(tops, lambda top: Q(depth__lte=top.depth + below))
    next_level = _under_tops(tops, lambda top: Q(depth=top.depth + below + 1))
    parents = set(spans.filter(next_level).values_list("parent_id", flat=True).distinct())
    return list(spans.filter(shown).select_related("organization").order_by("path")), parents


def forest_search(day: dt.date, roots: list[Organization] | None, term: str, *,
                  limit: int) -> tuple[list[OrgSpan], set[int], bool]:
    """The spans on `day` under `roots` whose name or code holds `term` (accents and case
    aside: `fold`), the first `limit` of them in path order, with their ancestors up to
    the roots, in path order; the organizations that matched; and whether more did.
    Found by the database: an administrator's search goes through the country's 300,000
    organizations."""
    from dangbo.lib.vntext import fold

    key = fold(term)
    tops = _tops(day, roots)
    if not key or not tops:
        return [], set(), False
    spans = OrgSpan.objects.filter(_on(day), _under_tops(tops), merged_into__isnull=True)
    found = list(spans.filter(Q(name_fold__contains=key) | Q(organization__code__icontains=key))
                 .order_by("path").values_list("path", flat=True)[: limit + 1])
    # A path is the chain of ids from the root: each match's ancestors, then itself.
    chains = [[int(segment) for segment in path.strip("/").split("/")] for path in found[:limit]]
    shown = spans.filter(organization_id__in={pk for chain in chains for pk in chain})
    return (list(shown.select_related("organization").order_by("path")), {chain[-1] for chain in chains},
            len(found) > limit)


def forest_counts(day: dt.date, roots: list[Organization] | None) -> dict[str, int]:
    """How many organizations `forest_on` would give, and how many of them are grassroots
    organizations: counted by the database (a province has 2,500; the country 300,000)."""
    spans = _forest(day, roots)
    if spans is None:
        return {"organizations": 0, "grassroots": 0}
    grassroots = Q(organization__kind__in=Organization.GRASSROOTS_KINDS)
    return spans.aggregate(organizations=Count("pk"), grassroots=Count("pk", filter=grassroots))


def roots_on(day: dt.date) -> list[OrgSpan]:
    """The spans of the tree's roots on `day`, in path order: `forest_on`'s spans without
    a parent, without reading the whole forest."""
    spans = OrgSpan.objects.filter(_on(day), parent__isnull=True, merged_into__isnull=True)
    return list(spans.select_related("organization").order_by("path"))


def ever_under_q(org: Organization) -> Q:
    """A filter on OrgSpan: spans that stood under `org` at some time while it existed.

    This is what a user attached to `org` may see: an organization moved out later is
    still visible for the years it was theirs.
    """
    q = Q(pk__in=[])
    for own in OrgSpan.objects.filter(organization=org, merged_into__isnull=True):
        q |= _under(own.path) & Q(valid_from__lte=own.valid_to, valid_to__gte=own.valid_from)
    return q


def existed_on(org: Organization, day: dt.date) -> bool:
    return OrgSpan.objects.filter(_on(day), organization=org, merged_into__isnull=True).exists()


_NAME_ON = Prepared(
    lambda org_id, day: OrgSpan.objects.filter(organization_id=org_id, valid_from__lte=day)
    .order_by("-valid_from").values_list("name", flat=True)[:1]
)


def name_on(org: Organization, day: dt.date) -> str:
    names = _NAME_ON(org_id=org.pk, day=day)
    return names[0] if names else org.name


def names_on(orgs: list[Organization], day: dt.date) -> dict[int, str]:
    """`name_on` of many organizations in one query: {id: name}."""
    names = {o.pk: o.name for o in orgs}
    if not names:
        return names
    spans = OrgSpan.objects.filter(organization__in=orgs, valid_from__lte=day).order_by("organization_id", "valid_from")
    for org_id, name in spans.values_list("organization_id", "name"):
        names[org_id] = name  # the latest span starting on or before the day wins
    return names


def last_day(org: Organization) -> dt.date | None:
    """The last day the organization exists as itself (before a merge or dissolution)."""
    from .models import FAR_FUTURE

    span = (
        OrgSpan.objects.filter(organization=org, merged_into__isnull=True)
        .order_by("-valid_to")
        .first()
    )
    if span is None or span.valid_to == FAR_FUTURE:
        return None
    return span.valid_to


def successors(org: Organization) -> list[dict]:
    """Where an organization that has ended went: the organization it merged into, or the
    parents that took over its units the day after its last day, each with those units.
    [{"span": the successor's span that day, "units": [the units' spans]}], by name.
    Empty while it exists."""
    from dangbo.lib.vntext import sort_key

    last = last_day(org)
    if last is None:
        return []
    after = last + dt.timedelta(days=1)
    merged = OrgSpan.objects.filter(_on(after), organization=org, merged_into__isnull=False).first()
    if merged is not None:
        target = OrgSpan.objects.filter(_on(after), organization_id=merged.merged_into_id).select_related(
            "organization"
        ).first()
        return [{"span": target, "units": []}] if target else []
    units = OrgSpan.objects.filter(_on(last), parent=org, merged_into__isnull=True).values("organization_id")
    moved = OrgSpan.objects.filter(_on(after), organization__in=units, merged_into__isnull=True).select_related(
        "organization", "parent"
    )
    by_parent: dict[int, list[OrgSpan]] = {}
    for span in moved:
        if span.parent_id is not None:
            by_parent.setdefault(span.parent_id, []).append(span)
    parents = OrgSpan.objects.filter(_on(after), organization_id__in=by_parent).select_related("organization")
    out = [
        {"span": p, "units": sorted(by_parent[p.organization_id], key=lambda s: sort_key(s.name))}
        for p in parents
    ]
    return sorted(out, key=lambda s: sort_key(s["span"].name))


def last_year_end(org: Organization, today: dt.date) -> int | None:
    """The latest year, up to `today`'s, at whose end the organization stood (the latest
    year it can report on as itself); None if it never stood at a year's end."""
    spans = OrgSpan.objects.filter(organization=org, merged_into__isnull=True).order_by("-valid_to")
    for span in spans:
        year = min(span.valid_to.year, today.year)
        if dt.date(year, 12, 31) > span.valid_to:
            year -= 1
        if year >= span.valid_from.year and dt.date(year, 12, 31) >= span.valid_from:
            return year
    return None


def stood_at_year_end(org: Organization, year: int) -> bool:
    return existed_on(org, dt.date(year, 12, 31))


def within_existence(org: Organization, year: int) -> int:
    """`year`, or the nearest year in which the organization existed as itself (a page
    of an organization that has ended opens on its last year, not on an empty one)."""
    spans = OrgSpan.objects.filter(organization=org, merged_into__isnull=True)
    first = spans.order_by("valid_from").values_list("valid_from", flat=True).first()
    last = spans.order_by("-valid_to").values_list("valid_to", flat=True).first()
    if first is None:
        return year
    return max(first.year, min(year, last.year))


def labels_on(day: dt.date, org_ids) -> dict[int, str]:
    """How to name each organization in a list of `day`: its name, and where another
    organization bears the same name, the name of its parent after it ("Chi bộ Thôn Bắc
    — Đảng bộ xã Thanh Hồng"). Organizations that did not exist that day get their name
    of their last span before it. Three queries whatever the number."""
    from django.db.models import Exists, OuterRef

    ids = set(org_ids)
    if not ids:
        return {}
    # Another organization bears the name that day (say "Chi bộ Thôn Bắc" in fifteen
    # communes): asked of each span, it stops at the first (the national tree has
    # 30,000 "Chi bộ 1").
    namesake = OrgSpan.objects.filter(_on(day), merged_into__isnull=True, name=OuterRef("name")).exclude(
        organization_id=OuterRef("organization_id"))
    labelled = OrgSpan.objects.annotate(repeated=Exists(namesake))
    spans = {s.organization_id: s for s in labelled.filter(_on(day), organization_id__in=ids)}
    missing = ids - set(spans)
    if missing:
        for span in labelled.filter(organization_id__in=missing, valid_from__lte=day).order_by("valid_from"):
            spans[span.organization_id] = span  # the latest before `day` wins
    repeated = {s.name for s in spans.values() if s.repeated}
    parents = {s.parent_id for s in spans.values() if s.name in repeated and s.parent_id}
    parent_names = dict(
        OrgSpan.objects.filter(_on(day), organization_id__in=parents).values_list("organization_id", "name")
    )
    labels = {}
    for org_id in ids:
        span = spans.get(org_id)
        if span is None:
            continue
        parent = parent_names.get(span.parent_id) if span.name in repeated else None
        labels[org_id] = f"{span.name} — {parent}" if parent else span.name
    return labels


def _own_spans_query(org_id: int, start: dt.date, end: dt.date) -> QuerySet:
    return OrgSpan.objects.filter(
        organization_id=org_id, merged_into__isnull=True, valid_from__lte=end, valid_to__gte=start
    ).order_by("valid_from").values_list("path", "valid_from", "valid_to")


_OWN_SPANS = Prepared(_own_spans_query)


def own_spans(org: Organization, start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """`org`'s spans as itself (not merged) from `start` to `end`: (path, from, to), the
    dates cut to the period. More than one when it moved or was renamed. Read once per
    report (core.memo)."""

    def read():
        rows = _OWN_SPANS(org_id=org.pk, start=start, end=end)
        return [(path, max(as_date(f), start), min(as_date(t), end)) for path, f, t in rows]

    return remembered(("own_spans", org.pk, start, end), read)


def year_end_path(org: Organization, year: int) -> str | None:
    """The path of `org`'s own span on 31/12 of `year`; None when it did not stand as
    itself that day (merged or dissolved during the year)."""
    day = dt.date(year, 12, 31)
    return next((path for path, _start, end in own_spans(org, dt.date(year, 1, 1), day) if end == day), None)


def ids_under(path: str, day: dt.date) -> QuerySet:
    """`subtree_ids` from the subtree's path: the organizations whose members belong
    under `path` on `day` (merged ones included)."""
    return OrgSpan.objects.filter(_on(day), _under(path)).values("organization_id")


def under_spans_q(spans, *, org_field: str, date_field: str) -> Q:
    """Records whose organization (`org_field`) stood under one of these spans ((path,
    from, to)) on the record's own date (`date_field`), dated within that span: one
    EXISTS per span, evaluated by the database on the spans' path index."""
    from django.db.models import Exists, OuterRef

    q = Q(pk__in=[])
    for path, start, end in spans:
        inside = OrgSpan.objects.filter(
            _under(path),
            organization=OuterRef(org_field),
            valid_from__lte=OuterRef(date_field),
            valid_to__gte=OuterRef(date_field),
        )
        q |= Q(**{f"{date_field}__gte": start, f"{date_field}__lte": end}) & Exists(inside)
    return q


def stood_under_q(org: Organization, start: dt.date, end: dt.date, *, org_field: str, date_field: str) -> Q:
    """A filter on dated records naming an organization: those dated from `start` to
    `end` whose organization (`org_field`) stood in `org`'s subtree on the record's own
    date (`date_field`), with the tree of that date (REPORT.md, "Scope rules")."""
    return under_spans_q(own_spans(org, start, end), org_field=org_field, date_field=date_field)
