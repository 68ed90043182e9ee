"""Derive the dated tree (OrgSpan rows) from organizations and reorganizations.

The records are few (thousands of organizations, hundreds of reorganizations), so the
whole forest is replayed day by day in memory each time it changes: simpler and safer
than patching spans in place, and the result never depends on the order in which the
records were entered.
"""

import contextlib
import dataclasses
import datetime as dt
import functools
from collections import defaultdict

from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.lib.vntext import fold, short_date

from .models import FAR_FUTURE, FAR_PAST, Organization, OrgSpan, Reorganization, path_segment

Kind = Organization.Kind

# Which kinds may stand directly under which (None: a root).
ALLOWED_PARENTS: dict[str, tuple[str | None, ...]] = {
    Kind.ABOVE_GRASSROOTS: (None, Kind.ABOVE_GRASSROOTS),
    Kind.GRASSROOTS_COMMITTEE: (None, Kind.ABOVE_GRASSROOTS),
    Kind.GRASSROOTS_CELL: (None, Kind.ABOVE_GRASSROOTS),
    Kind.SUB_COMMITTEE: (Kind.GRASSROOTS_COMMITTEE,),
    Kind.CELL: (Kind.GRASSROOTS_COMMITTEE, Kind.SUB_COMMITTEE),
}


def kind_problem(child_kind: str, parent_kind: str | None) -> str | None:
    """A Vietnamese sentence when `child_kind` may not stand under `parent_kind`."""
    if parent_kind in ALLOWED_PARENTS[child_kind]:
        return None
    if parent_kind == Kind.GRASSROOTS_CELL:
        return _("a grassroots cell has no units under it")
    if parent_kind is None:
        return _("a %(kind)s must stand under a higher organization") % {
            "kind": Kind(child_kind).label
        }
    return _("a %(kind)s cannot stand under a %(parent)s") % {
        "kind": Kind(child_kind).label,
        "parent": Kind(parent_kind).label,
    }


@dataclasses.dataclass
class _State:
    parent: int | None = None
    name: str = ""
    alive: bool = False
    merged_into: int | None = None


class _Skip(Exception):
    """The record being applied is impossible: noted, and the replay goes on without it."""


class _Replay:
    def __init__(self, orgs: list[Organization], reorgs: list[Reorganization], errors: list | None = None):
        self.orgs = {o.pk: o for o in orgs}
        self.reorgs = reorgs
        self.state: dict[int, _State] = {o.pk: _State() for o in orgs}
        self.spans: list[OrgSpan] = []
        self.current: object = None  # the record being applied, named in errors
        self.open: dict[int, OrgSpan] = {}
        # With a list, every conflict is noted there and the replay goes on without the
        # record (an import names them all); without one, the first conflict is raised.
        self.errors = errors
        self.reported: set[int] = set()  # organizations named once already by `check`

    def code(self, pk: int | None) -> str:
        return self.orgs[pk].code if pk is not None else "?"

    def fail(self, message: str) -> None:
        error = DomainError(message, obj=self.current)
        if self.errors is None:
            raise error
        self.errors.append(error)
        raise _Skip

    def run(self) -> list[OrgSpan]:
        foundings: dict[dt.date, list[Organization]] = defaultdict(list)
        endings: dict[dt.date, list[int]] = defaultdict(list)
        changes: dict[dt.date, list[Reorganization]] = defaultdict(list)
        for org in self.orgs.values():
            foundings[self.founded(org)].append(org)
            if org.dissolved_on:
                endings[org.dissolved_on + dt.timedelta(days=1)].append(org.pk)
        for reorg in self.reorgs:
            if reorg.kind == Reorganization.Kind.DISSOLVE:
                endings[reorg.effective_on + dt.timedelta(days=1)].append(reorg.organization_id)
                changes[reorg.effective_on].append(reorg)  # checked for existence that day
            else:
                changes[reorg.effective_on].append(reorg)
        for day in sorted(set(foundings) | set(endings) | set(changes)):
            self.end(day, endings.get(day, []))
            # Parents before children: a unit may be founded the same day as its parent.
            for org in sorted(foundings.get(day, []), key=lambda o: self._depth_hint(o)):
                try:
                    self.found(day, org)
                except _Skip:
                    pass
            for reorg in changes.get(day, []):
                try:
                    self.apply(day, reorg)
                except _Skip:
                    pass
            self.check(day)
            self.emit(day)
        for span in self.open.values():
            span.valid_to = FAR_FUTURE
        return self.spans

    def founded(self, org: Organization) -> dt.date:
        """The founding date; without one, an organization exists as long as its parent."""
        seen = set()
        current = org
        while current.founded_on is None and current.founding_parent_id and current.pk not in seen:
            seen.add(current.pk)
            current = self.orgs[current.founding_parent_id]
        return current.founded_on or FAR_PAST

    def _depth_hint(self, org: Organization) -> int:
        depth, seen, current = 0, set(), org
        while current.founding_parent_id and current.pk not in seen:
            seen.add(current.pk)
            current = self.orgs[current.founding_parent_id]
            depth += 1
        return depth

    def live(self, pk: int) -> bool:
        st = self.state[pk]
        return st.alive and st.merged_into is None

    def found(self, day: dt.date, org: Organization) -> None:
        self.current = org
        parent = org.founding_parent_id
        if parent is not None and not self.live(parent):
            self.fail(
                _("%(code)s: its parent %(parent)s does not exist on %(date)s.")
                % {"code": org.code, "parent": self.code(parent), "date": short_date(day)}
            )
        self.state[org.pk] = _State(parent=parent, name=org.name, alive=True)

    def end(self, day: dt.date, pks: list[int]) -> None:
        for pk in pks:
            self.state[pk].alive = False
        # Organizations merged into one that has ended end with it.
        for st in self.state.values():
            if st.merged_into is not None and not self.state[st.merged_into].alive:
                st.alive = False

    def in_subtree(self, pk: int, root: int) -> bool:
        seen = set()
        current: int | None = pk
        while current is not None and current not in seen:
            if current == root:
                return True
            seen.add(current)
            st = self.state[current]
            current = st.merged_into if st.merged_into is not None else st.parent
        return False

    def apply(self, day: dt.date, reorg: Reorganization) -> None:
        pk, target = reorg.organization_id, reorg.target_id
        label = _("%(kind)s of %(code)s on %(date)s") % {
            "kind": reorg.get_kind_display(),
            "code": self.code(pk),
            "date": short_date(reorg.effective_on),
        }
        org = self.orgs[pk]
        self.current = reorg
        if self.founded(org) > day:
            self.fail(
                _("%(what)s: the organization is founded only on %(founded)s.")
                % {"what": label, "founded": short_date(self.founded(org))}
            )
        if not self.live(pk):
            self.fail(_("%(what)s: the organization no longer exists on that date.") % {"what": label})
        st = self.state[pk]
        Kind_ = Reorganization.Kind
        if reorg.kind in (Kind_.MOVE, Kind_.MERGE):
            if target is None or not self.live(target):
                self.fail(
                    _("%(what)s: the target %(target)s does not exist on that date.")
                    % {"what": label, "target": self.code(target)}
                )
            if target == pk or self.in_subtree(target, pk):
                self.fail(
                    _("%(what)s: %(target)s is inside %(code)s's own subtree; that would make a cycle.")
                    % {"what": label, "target": self.code(target), "code": self.code(pk)}
                )
        if reorg.kind == Kind_.MOVE:
            if st.parent == target:
                self.fail(
                    _("%(what)s: it already stands under %(target)s.")
                    % {"what": label, "target": self.code(target)}
                )
            st.parent = target
        elif reorg.kind == Kind_.MERGE:
            for other in self.state.values():
                if other.parent == pk and other.alive and other.merged_into is None:
                    other.parent = target
            st.merged_into = target
        elif reorg.kind == Kind_.RENAME:
            if not reorg.new_name.strip() or reorg.new_name == st.name:
                self.fail(_("%(what)s: the new name must differ from the current one.") % {"what": label})
            st.name = reorg.new_name
        # DISSOLVE: the existence check above is all; it ends the next day.

    def check(self, day: dt.date) -> None:
        for pk, st in self.state.items():
            if not st.alive or st.merged_into is not None or pk in self.reported:
                continue
            self.current = self.orgs[pk]
            try:
                self._check_place(pk, st, day)
            except _Skip:
                self.reported.add(pk)

    def _check_place(self, pk: int, st: _State, day: dt.date) -> None:
            if st.parent is not None and not self.live(st.parent):
                self.fail(
                    _(
                        "%(parent)s no longer exists on %(date)s but %(code)s still stands "
                        "under it: move or merge its units first."
                    )
                    % {"parent": self.code(st.parent), "date": short_date(day), "code": self.code(pk)}
                )
            parent_kind = self.orgs[st.parent].kind if st.parent is not None else None
            problem = kind_problem(self.orgs[pk].kind, parent_kind)
            if problem:
                self.fail(
                    _("%(code)s on %(date)s: %(problem)s.")
                    % {"code": self.code(pk), "date": short_date(day), "problem": problem}
                )

    def path(self, pk: int, memo: dict[int, str]) -> str:
        if pk in memo:
            return memo[pk]
        st = self.state[pk]
        up = st.merged_into if st.merged_into is not None else st.parent
        memo[pk] = (self.path(up, memo) if up is not None else "/") + path_segment(pk)
        return memo[pk]

    def emit(self, day: dt.date) -> None:
        memo: dict[int, str] = {}
        yesterday = day - dt.timedelta(days=1)
        for pk, st in self.state.items():
            current = self.open.get(pk)
            if not st.alive:
                if current is not None:
                    current.valid_to = yesterday
                    del self.open[pk]
                continue
            path = self.path(pk, memo)
            if current is not None:
                same = (
                    current.parent_id == st.parent
                    and current.name == st.name
                    and current.path == path
                    and current.merged_into_id == st.merged_into
                )
                if same:
                    continue
                current.valid_to = yesterday
            span = OrgSpan(
                organization_id=pk,
                parent_id=st.parent,
                merged_into_id=st.merged_into,
                name=st.name,
                name_fold=_fold(st.name),
                path=path,
                depth=path.count("/") - 1,
                valid_from=day,
                valid_to=FAR_FUTURE,
            )
            self.spans.append(span)
            self.open[pk] = span


_fold = functools.lru_cache(maxsize=65536)(fold)  # a national tree repeats "Chi bộ thôn 1"


def replay(orgs: list[Organization], reorgs: list[Reorganization], errors: list | None = None) -> list[OrgSpan]:
    """The spans of `orgs` under `reorgs` (live ones, any order; same-day ones in the
    order of their keys), unsaved. Reads nothing: an import replays the tree its file
    would give this way. A conflict raises DomainError with the record as `obj`; with
    `errors`, every conflict is added there instead and the records in conflict are left
    out (the spans are those of the rest)."""
    return _Replay(orgs, sorted(reorgs, key=lambda r: (r.effective_on, r.pk or 0)), errors).run()


def compute_spans() -> list[OrgSpan]:
    """Replay every organization and live reorganization; raise DomainError on a conflict."""
    orgs = list(Organization.objects.all())
    return replay(orgs, list(Reorganization.objects.filter(voided_at__isnull=True)))


# Projections that follow the tree (the report tallies): each is called with the new
# spans and returns a context manager entered around their replacement. Apps add to it
# in their `ready()`.
SPAN_WATCHERS: list = []


def rebuild_tree() -> None:
    """Replace the span projection. Call inside the transaction that changed the records."""
    spans = compute_spans()
    with contextlib.ExitStack() as watching:
        for watch in SPAN_WATCHERS:
            watching.enter_context(watch(spans))
        OrgSpan.objects.all().delete()
        OrgSpan.objects.bulk_create(spans, batch_size=2000)
