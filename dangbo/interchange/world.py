"""The records as an import would leave them, in memory, for its checks.

An import checks every row of every sheet before it writes anything (INTERCHANGE.md: all
or nothing, every error at once). Later sheets are checked against what earlier ones
would create: an event names a member of the file, a rating an organization founded by
the file, a reorganization of the file moves a cell before its members' events. The
`World` answers those questions from the database and the file together, without
writing:

- organizations by code: the saved ones, and the file's new ones as unsaved instances
  with a temporary primary key above every saved one (`temporary()`);
- the dated tree: the saved `OrgSpan` rows when the file does not change the tree, or the
  whole tree replayed in memory (`organizations.tree.compute_spans`) when it does;
- members by code, and each member's membership spans: the file's replay for members
  with events in the file, the saved `MembershipSpan` rows for the others.

Organizations and spans of the database are loaded on demand and kept: a file names a
few hundred organizations and members of a province's thousands.
"""

import bisect
import dataclasses
import datetime as dt
from collections import defaultdict

from django.db.models import Max

from dangbo.members.models import Member, MembershipSpan
from dangbo.organizations.models import Organization, OrgSpan, Reorganization
from dangbo.organizations.selectors import ever_under_q


@dataclasses.dataclass(frozen=True, slots=True)
class MemberSpan:
    valid_from: dt.date
    valid_to: dt.date
    organization_id: int
    status: str


class World:
    def __init__(self):
        self.orgs: dict[str, Organization] = {o.code: o for o in Organization.objects.all()}
        self.orgs_by_pk: dict[int, Organization] = {o.pk: o for o in self.orgs.values()}
        self.new_orgs: set[str] = set()  # codes of the file's new organizations
        self._next_pk: dict[str, int] = {}
        self._tree: dict[int, list[OrgSpan]] | None = None  # replayed in memory, by organization
        self._db_spans: dict[int, list[OrgSpan]] = {}  # saved spans, loaded on demand
        self.tree_changed = False
        self.members: dict[str, Member] = {}
        self.new_members: set[str] = set()
        self._member_spans: dict[int, list[MemberSpan]] = {}  # by member pk (temporary for new ones)
        self.replayed: set[int] = set()  # members whose spans come from the file's replay

    # -- temporary keys ----------------------------------------------------------------

    def temporary(self, model) -> int:
        """A primary key no saved `model` row has, for an unsaved record of the file."""
        label = model._meta.label
        if label not in self._next_pk:
            self._next_pk[label] = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1_000_000_000
        self._next_pk[label] += 1
        return self._next_pk[label]

    # -- organizations -----------------------------------------------------------------

    def add_organization(self, org: Organization) -> None:
        """A new organization of the file (unsaved): known from now on by its code."""
        org.pk = self.temporary(Organization)
        self.orgs[org.code] = org
        self.orgs_by_pk[org.pk] = org
        self.new_orgs.add(org.code)

    def replay_tree(
        self, corrected: dict[str, Organization], reorganizations: list[Reorganization], errors: list
    ) -> None:
        """Replay the tree with the file's organizations, corrections (unsaved copies of
        saved organizations) and new reorganizations; every conflict goes to `errors`, and
        the tree is what the rest gives."""
        from dangbo.organizations.tree import replay

        for code, org in corrected.items():
            self.orgs[code] = self.orgs_by_pk[org.pk] = org
        saved = list(Reorganization.objects.filter(voided_at__isnull=True).order_by("effective_on", "pk"))
        spans = replay(list(self.orgs.values()), saved + reorganizations, errors)
        tree: dict[int, list[OrgSpan]] = defaultdict(list)
        for span in spans:
            tree[span.organization_id].append(span)
        for org_spans in tree.values():
            org_spans.sort(key=lambda s: s.valid_from)
        self._tree = tree
        self.tree_changed = True

    def spans(self, org_pk: int) -> list[OrgSpan]:
        if self._tree is not None:
            return self._tree.get(org_pk, [])
        if org_pk not in self._db_spans:
            self._db_spans[org_pk] = list(OrgSpan.objects.filter(organization_id=org_pk).order_by("valid_from"))
        return self._db_spans[org_pk]

    def preload_spans(self, org_pks) -> None:
        if self._tree is not None:
            return
        wanted = [pk for pk in set(org_pks) if pk not in self._db_spans and pk is not None]
        for pk in wanted:
            self._db_spans[pk] = []
        for start in range(0, len(wanted), 5000):
            for span in OrgSpan.objects.filter(organization_id__in=wanted[start : start + 5000]).order_by(
                "valid_from"
            ):
                self._db_spans[span.organization_id].append(span)

    def span_on(self, org_pk: int, day: dt.date) -> OrgSpan | None:
        spans = self.spans(org_pk)
        i = bisect.bisect_right([s.valid_from for s in spans], day) - 1
        if i >= 0 and spans[i].valid_to >= day:
            return spans[i]
        return None

    def exists(self, org: Organization, day: dt.date) -> bool:
        """Does `org` exist on `day` (not merged into another)?"""
        span = self.span_on(org.pk, day)
        return span is not None and span.merged_into_id is None

    def existed_in_year(self, org: Organization, year: int) -> bool:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return any(
            s.merged_into_id is None and s.valid_from <= end and s.valid_to >= start for s in self.spans(org.pk)
        )

    def under(self, org_pk: int, root_pk: int, day: dt.date) -> bool:
        """Is `org_pk` in `root_pk`'s subtree on `day` (members of organizations merged
        into one of them included)?"""
        span, root = self.span_on(org_pk, day), self.span_on(root_pk, day)
        return (
            span is not None and root is not None and root.merged_into_id is None and span.path.startswith(root.path)
        )

    def grassroots_on(self, org_pk: int, day: dt.date) -> int:
        """The grassroots organization `org_pk` belongs to on `day` (itself when it is one)."""
        span = self.span_on(org_pk, day)
        if span is None:
            return org_pk
        ids = [int(part) for part in span.path.split("/") if part]
        if span.merged_into_id:
            ids = ids[:-1]
        for pk in reversed(ids):
            org = self.orgs_by_pk.get(pk)
            if org is not None and org.kind in Organization.GRASSROOTS_KINDS:
                return pk
        return org_pk

    def ever_under(self, root: Organization) -> set[int]:
        """Organizations that stood under `root` at some time (it included): the scope of
        its staff (accounts.access), on the tree as the file would leave it."""
        if self._tree is None:
            return set(OrgSpan.objects.filter(ever_under_q(root)).values_list("organization_id", flat=True))
        found = {root.pk}
        for own in self.spans(root.pk):
            for pk, spans in self._tree.items():
                if pk in found:
                    continue
                if any(
                    s.path.startswith(own.path) and s.valid_from <= own.valid_to and s.valid_to >= own.valid_from
                    for s in spans
                ):
                    found.add(pk)
        return found

    # -- members -----------------------------------------------------------------------

    def load_members(self, codes) -> None:
        """Know the saved members among `codes` (file order does not matter)."""
        wanted = [c for c in set(codes) if c and c not in self.members]
        for start in range(0, len(wanted), 5000):
            for member in Member.objects.filter(code__in=wanted[start : start + 5000]):
                self.members[member.code] = member

    def add_member(self, member: Member) -> None:
        """A new member of the file (unsaved): known from now on by its code."""
        member.pk = self.temporary(Member)
        self.members[member.code] = member
        self.new_members.add(member.code)

    def set_member_spans(self, member: Member, spans: list[MemberSpan]) -> None:
        """What the file's replay gives for `member`."""
        self._member_spans[member.pk] = spans
        self.replayed.add(member.pk)

    def preload_member_spans(self, members) -> None:
        wanted = [m.pk for m in members if m.pk not in self._member_spans and m.code not in self.new_members]
        for pk in wanted:
            self._member_spans[pk] = []
        for start in range(0, len(wanted), 5000):
            rows = MembershipSpan.objects.filter(member_id__in=wanted[start : start + 5000]).values_list(
                "member_id", "valid_from", "valid_to", "organization_id", "status"
            )
            for member_id, *span in rows:
                self._member_spans[member_id].append(MemberSpan(*span))
        for pk in wanted:
            self._member_spans[pk].sort(key=lambda s: s.valid_from)

    def member_spans(self, member: Member) -> list[MemberSpan]:
        if member.pk not in self._member_spans:
            if member.code in self.new_members:
                return []  # new in the file, with no event in it
            self.preload_member_spans([member])
        return self._member_spans[member.pk]

    def member_on(self, member: Member, day: dt.date) -> MemberSpan | None:
        """Where `member` belonged on `day`, with which status; None when not a member."""
        for span in self.member_spans(member):
            if span.valid_from <= day <= span.valid_to:
                return span
        return None

    def has_membership_records(self, member: Member) -> bool:
        """Has `member` any membership in this system's records? A person of record (named
        by a cadre decision or a class of an exported subtree, whose membership is kept
        by another committee) has none."""
        return bool(self.member_spans(member))

    # -- checks across records ---------------------------------------------------------

    def members_outside_organizations(self) -> list[tuple[Member | None, Organization, str]]:
        """Members (of the file's replays, or saved ones in organizations whose life the
        file changed) who would belong to an organization outside its life: (member,
        organization, message) each, as the members' tree check words it."""
        from django.utils.translation import gettext as _

        from dangbo.lib.vntext import short_date

        if self._tree is None and not self.replayed:
            return []
        lives: dict[int, tuple[dt.date, dt.date]] = {}
        tree = self._tree if self._tree is not None else None
        problems: list[tuple[Member | None, Organization, str]] = []
        changed: list[int] = []
        if tree is not None:
            for pk, spans in tree.items():
                lives[pk] = (spans[0].valid_from, spans[-1].valid_to)
            saved_lives = self._db_life_cache()
            changed = [pk for pk, life in lives.items() if saved_lives.get(pk) != life]
        saved: dict[int, list[MemberSpan]] = defaultdict(list)
        for start in range(0, len(changed), 5000):
            # The replayed members are left out here, not in SQL: a province's file replays
            # more of them than SQLite takes parameters (250,000).
            rows = MembershipSpan.objects.filter(organization_id__in=changed[start : start + 5000]).values_list(
                "member_id", "valid_from", "valid_to", "organization_id", "status"
            )
            for member_id, *span in rows:
                if member_id not in self.replayed:
                    saved[member_id].append(MemberSpan(*span))
        by_pk = {m.pk: m for m in self.members.values()}
        if saved:
            by_pk.update({m.pk: m for m in Member.objects.filter(pk__in=list(saved))})
        checked = list(saved.items()) + [(pk, self._member_spans[pk]) for pk in self.replayed]
        for member_pk, spans in checked:
            for span in spans:
                if span.organization_id not in lives:
                    if tree is not None or not self.spans(span.organization_id):
                        continue
                    org_spans = self.spans(span.organization_id)
                    lives[span.organization_id] = (org_spans[0].valid_from, org_spans[-1].valid_to)
                first, last = lives[span.organization_id]
                member = by_pk.get(member_pk)
                code = member.code if member else str(member_pk)
                org = self.orgs_by_pk[span.organization_id]
                if span.valid_to > last:
                    problems.append((member, org, _(
                        "%(org)s no longer exists after %(date)s but member %(member)s still belongs to it: "
                        "transfer its members first."
                    ) % {"org": org.code, "date": short_date(last), "member": code}))
                    break
                if span.valid_from < first:
                    problems.append((member, org, _(
                        "%(org)s does not exist yet on %(date)s but member %(member)s belongs to it then."
                    ) % {"org": org.code, "date": short_date(span.valid_from), "member": code}))
                    break
        return problems

    def _db_life_cache(self) -> dict[int, tuple[dt.date, dt.date]]:
        if not hasattr(self, "_db_lives"):
            lives: dict[int, list] = {}
            for pk, start, end in OrgSpan.objects.values_list("organization_id", "valid_from", "valid_to"):
                life = lives.setdefault(pk, [start, end])
                life[0], life[1] = min(life[0], start), max(life[1], end)
            self._db_lives = {pk: (a, b) for pk, (a, b) in lives.items()}
        return self._db_lives
