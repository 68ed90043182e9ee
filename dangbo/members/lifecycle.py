"""Replay one member's events: the membership rules (RULES.md, "Membership lifecycle";
INTERCHANGE.md, sheet `Biến động`) and the projection they give.

No writes here: `services` saves what the replay returns. Organization existence is
asked through a function, so that an import can answer it from memory.

Age at admission: full years at the admission date, 18 at least; over 60 (from the
61st birthday) only with a recorded higher decision. When only the birth year is known
both bounds take the worst case: for the lower bound the member is taken as born on
31/12 of that year, for the upper one as born on 01/01, so a bare year never lets
through an admission that a real birthday could make wrong.
"""

import dataclasses
import datetime as dt
from collections.abc import Callable

from django.utils.translation import gettext as _

from dangbo.core.bulk import build
from dangbo.core.errors import DomainError
from dangbo.lib.vntext import short_date
from dangbo.organizations.models import FAR_FUTURE, Organization

from .models import Member, MembershipEvent, MembershipSpan

Kind = MembershipEvent.Kind
Status = Member.Status

KIND_ORDER = {kind: i for i, kind in enumerate(Kind.values)}
# Kinds that take the member to an organization named on the record.
WITH_ORGANIZATION = (
    Kind.OPENING,
    Kind.ADMITTED,
    Kind.TRANSFERRED_IN,
    Kind.TRANSFERRED_INTERNAL,
    Kind.TEMPORARY_TRANSFER,
)
# Kinds that bring someone into the system's records, with a status and history dates.
ENTRIES = (Kind.OPENING, Kind.TRANSFERRED_IN)
EXITS = {
    Kind.EXPELLED: Status.LEFT,
    Kind.LEFT: Status.LEFT,
    Kind.NAME_DELETED: Status.LEFT,
    Kind.DIED: Status.DIED,
    Kind.TRANSFERRED_OUT: Status.TRANSFERRED_OUT,
}
PROBATION_MONTHS = 12
MIN_AGE = 18
MAX_AGE = 60


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; a day the month lacks rolls over (29/02 + 12 → 01/03)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    try:
        return dt.date(year, month, day.day)
    except ValueError:
        first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
        return first_next + dt.timedelta(days=day.day - 1 - (first_next - dt.timedelta(days=1)).day)


def full_years(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def sort_key(event: MembershipEvent) -> tuple:
    return (event.date, KIND_ORDER[event.kind], event.pk or 10**12)


@dataclasses.dataclass
class State:
    status: str = Status.NOT_MEMBER
    organization_id: int | None = None
    admitted_on: dt.date | None = None
    official_on: dt.date | None = None
    exempted: bool = False

    @property
    def is_member(self) -> bool:
        return self.status in Member.MEMBER_STATUSES


@dataclasses.dataclass
class Outcome:
    state: State
    spans: list[MembershipSpan]
    origins: dict[int, int | None]  # id(event) -> origin organization id


OrgExists = Callable[[Organization, dt.date], bool]


def _default_exists(org: Organization, day: dt.date) -> bool:
    from dangbo.organizations.selectors import existed_on

    return existed_on(org, day)


def register_line(member: Member) -> dict:
    """What a span copies of its member, for the member list (models.MembershipSpan)."""
    return {"code": member.code, "name_fold": member.name_fold, "sort_key": member.sort_key}


class _Replay:
    def __init__(self, member: Member, org_exists: OrgExists):
        self.member = member
        self.org_exists = org_exists
        self.state = State()
        self.spans: list[MembershipSpan] = []
        self.open: MembershipSpan | None = None
        self.event: MembershipEvent | None = None

    def fail(self, message: str, field: str | None = None) -> None:
        raise DomainError(message, field=field, obj=self.event)

    def label(self) -> str:
        e = self.event
        return _("%(kind)s on %(date)s for %(member)s") % {
            "kind": e.get_kind_display(),
            "date": short_date(e.date),
            "member": self.member.code,
        }

    def run(self, events: list[MembershipEvent]) -> Outcome:
        origins: dict[int, int | None] = {}
        for event in sorted(events, key=sort_key):
            self.event = event
            origins[id(event)] = self.state.organization_id if self.state.is_member else None
            before = tuple(vars(self.state).values())  # a copy, cheaply (an import replays 300,000)
            self.apply(event)
            if tuple(vars(self.state).values()) != before:
                self.emit(event.date)
        return Outcome(self.state, self.spans, origins)

    def emit(self, day: dt.date) -> None:
        """The state changed at the start of `day`: close the open span, open the next."""
        st = self.state
        if self.open is not None:
            if self.open.valid_from == day:
                self.spans.remove(self.open)  # superseded by a later event the same day
            else:
                self.open.valid_to = day - dt.timedelta(days=1)
            self.open = None
        if st.is_member:
            self.open = build(
                MembershipSpan,
                member=self.member,
                organization_id=st.organization_id,
                status=st.status,
                exempted=st.exempted,
                valid_from=day,
                valid_to=FAR_FUTURE,
                **register_line(self.member),
            )
            self.spans.append(self.open)

    # -- the rules ---------------------------------------------------------------

    def apply(self, e: MembershipEvent) -> None:
        st = self.state
        if st.status == Status.DIED:
            self.fail(
                _("%(what)s: the member died on an earlier date.") % {"what": self.label()}, "kind"
            )
        if st.status == Status.LEFT:
            self.fail(
                _("%(what)s: the member had already left the Party.") % {"what": self.label()},
                "kind",
            )
        if st.status == Status.TRANSFERRED_OUT and e.kind != Kind.TRANSFERRED_IN:
            self.fail(
                _(
                    "%(what)s: the member had been transferred out of the system; "
                    "only a transfer in may follow."
                )
                % {"what": self.label()},
                "kind",
            )
        if e.kind in WITH_ORGANIZATION:
            self.check_organization(e)
        if e.kind in ENTRIES:
            self.entry(e)
        elif e.kind == Kind.ADMITTED:
            self.admission(e)
        elif not st.is_member:
            self.fail(
                _("%(what)s: the person is not a Party member on that date.")
                % {"what": self.label()},
                "kind",
            )
        elif e.kind == Kind.RECOGNIZED_OFFICIAL:
            self.recognition(e)
        elif e.kind in (Kind.TRANSFERRED_INTERNAL, Kind.TEMPORARY_TRANSFER):
            if e.organization_id == st.organization_id:
                self.fail(
                    _("%(what)s: the member already belongs to that organization.")
                    % {"what": self.label()},
                    "organization",
                )
            if e.kind == Kind.TRANSFERRED_INTERNAL:
                st.organization_id = e.organization_id
            # A temporary transfer records where the member attends; the member stays
            # counted at home (INTERCHANGE.md), so the projection does not change.
        elif e.kind == Kind.EXEMPTED:
            if st.exempted:
                self.fail(
                    _("%(what)s: the member is already exempted.") % {"what": self.label()}, "kind"
                )
            st.exempted = True
        elif e.kind == Kind.EXEMPTION_ENDED:
            if not st.exempted:
                self.fail(
                    _("%(what)s: the member is not exempted.") % {"what": self.label()}, "kind"
                )
            st.exempted = False
        elif e.kind in EXITS:
            st.status = EXITS[e.kind]
            st.organization_id = None
            st.exempted = False
        else:  # pragma: no cover - every kind is handled above
            raise AssertionError(e.kind)

    def check_organization(self, e: MembershipEvent) -> None:
        org = e.organization
        if org is None:
            self.fail(
                _("%(what)s: the organization is required.") % {"what": self.label()},
                "organization",
            )
        if org.kind == Organization.Kind.ABOVE_GRASSROOTS:
            self.fail(
                _(
                    "%(what)s: members belong to a cell or a grassroots organization, "
                    "not to %(org)s."
                )
                % {"what": self.label(), "org": org.code},
                "organization",
            )
        if not self.org_exists(org, e.date):
            self.fail(
                _("%(what)s: the organization %(org)s does not exist on that date.")
                % {"what": self.label(), "org": org.code},
                "organization",
            )

    def entry(self, e: MembershipEvent) -> None:
        st = self.state
        if st.is_member:
            self.fail(
                _("%(what)s: the person is already a Party member.") % {"what": self.label()},
                "kind",
            )
        if e.kind == Kind.OPENING and st.status != Status.NOT_MEMBER:
            self.fail(
                _("%(what)s: an opening balance must come first.") % {"what": self.label()}, "kind"
            )
        if e.status not in MembershipEvent.Status.values:
            self.fail(_("%(what)s: the status is required.") % {"what": self.label()}, "status")
        if e.admitted_on is None:
            self.fail(
                _("%(what)s: the admission date is required.") % {"what": self.label()},
                "admitted_on",
            )
        if e.admitted_on > e.date:
            self.fail(
                _("%(what)s: the admission date is after the event.") % {"what": self.label()},
                "admitted_on",
            )
        if e.status == MembershipEvent.Status.OFFICIAL:
            if e.official_on is None:
                self.fail(
                    _("%(what)s: the date of recognition is required for an official member.")
                    % {"what": self.label()},
                    "official_on",
                )
            if e.official_on > e.date:
                self.fail(
                    _("%(what)s: the date of recognition is after the event.")
                    % {"what": self.label()},
                    "official_on",
                )
            self.check_probation(e.admitted_on, e.official_on, "official_on")
        elif e.official_on is not None:
            self.fail(
                _("%(what)s: a probationary member has no date of recognition.")
                % {"what": self.label()},
                "official_on",
            )
        st.status = e.status
        st.organization_id = e.organization_id
        st.admitted_on = e.admitted_on
        st.official_on = e.official_on
        st.exempted = False

    def admission(self, e: MembershipEvent) -> None:
        st = self.state
        if st.status != Status.NOT_MEMBER:
            self.fail(
                _("%(what)s: the person is already a Party member.") % {"what": self.label()},
                "kind",
            )
        m = self.member
        if m.birth_date is not None:
            youngest = oldest = full_years(m.birth_date, e.date)
        else:
            youngest = full_years(dt.date(m.birth_year, 12, 31), e.date)
            oldest = full_years(dt.date(m.birth_year, 1, 1), e.date)
        if youngest < MIN_AGE:
            self.fail(
                _("%(what)s: the person is not yet 18 years old on that date.")
                % {"what": self.label()},
                "date",
            )
        if oldest > MAX_AGE and not e.admission_override.strip():
            self.fail(
                _(
                    "%(what)s: the person is over 60; admission needs a decision "
                    "of the higher level, to be recorded."
                )
                % {"what": self.label()},
                "date",
            )
        st.status = Status.PROBATIONARY
        st.organization_id = e.organization_id
        st.admitted_on = e.date
        st.official_on = None
        st.exempted = False

    def recognition(self, e: MembershipEvent) -> None:
        st = self.state
        if st.status == Status.OFFICIAL:
            self.fail(
                _("%(what)s: the member is already an official member.") % {"what": self.label()},
                "kind",
            )
        self.check_probation(st.admitted_on, e.date, "date")
        st.status = Status.OFFICIAL
        st.official_on = e.date

    def check_probation(self, admitted_on: dt.date, official_on: dt.date, field: str) -> None:
        earliest = add_months(admitted_on, PROBATION_MONTHS)
        if official_on < admitted_on:
            self.fail(
                _("%(what)s: recognition cannot come before admission.") % {"what": self.label()},
                field,
            )
        if official_on < earliest:
            self.fail(
                _(
                    "%(what)s: recognition is possible from %(earliest)s, "
                    "12 months after admission on %(admitted)s."
                )
                % {"what": self.label(), "earliest": short_date(earliest), "admitted": short_date(admitted_on)},
                field,
            )


def replay(
    member: Member, events: list[MembershipEvent], org_exists: OrgExists | None = None
) -> Outcome:
    """Apply `events` (live ones, any order) to `member`; raise DomainError on the first
    impossible one, with the event as `obj`."""
    return _Replay(member, org_exists or _default_exists).run(events)
