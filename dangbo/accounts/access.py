"""The one place that decides what a user may see and change.

Every view gets its objects through these functions: what is outside the user's scope
is a 404, never a 403 that would confirm it exists.

Reading follows the tree through time: a user sees what stood under their organization
at any time while it existed (a 2022 report stays readable after the 2025 moves), and a
member's dossier only as it was while the member was theirs (`scope_end`, `dossier_view`).
Writing follows the tree on the day the record is about (`in_scope_on`): a committee
dissolved on 30/06/2025 writes nothing dated after that day, and nothing in the cells
that stand under another committee since.
"""

import datetime as dt

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.organizations.models import Organization, OrgSpan
from dangbo.organizations.selectors import ever_under_q

from .models import User

Role = User.Role

# Roles that read the organization tree and the records in it.
TREE_READERS = {
    Role.COMMITTEE_STAFF,
    Role.INSPECTION_STAFF,
    Role.CELL_SECRETARY,
    Role.VIEWER,
    Role.ADMINISTRATOR,
}
# Roles that write the register and the tree of their subtree.
TREE_WRITERS = {Role.COMMITTEE_STAFF, Role.ADMINISTRATOR}


def _role(user) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Role.ADMINISTRATOR if user.is_superuser else user.role


def visible_organizations(user):
    """Organizations the user may see: those that stood under the user's own organization
    at any time while it existed (so a 2022 report stays readable after a 2025 move).
    A cell secretary sees their own cell only."""
    role = _role(user)
    if role not in TREE_READERS:
        return Organization.objects.none()
    if role == Role.ADMINISTRATOR:
        return Organization.objects.all()
    if user.organization_id is None:
        return Organization.objects.none()
    if role == Role.CELL_SECRETARY:
        return Organization.objects.filter(pk=user.organization_id)
    spans = OrgSpan.objects.filter(ever_under_q(user.organization)).values("organization_id")
    return Organization.objects.filter(pk__in=spans)


def get_organization_for_user(user, code: str) -> Organization:
    org = visible_organizations(user).filter(code=code).first()
    if org is None:
        raise Http404(_("No such organization."))
    return org


def _own_spans(user) -> list[OrgSpan]:
    return list(OrgSpan.objects.filter(organization_id=user.organization_id, merged_into__isnull=True))


def in_scope_on(user, org: Organization, day: dt.date) -> bool:
    """Did `org` stand under the user's organization (or was it that organization) on
    `day`? An organization that had ended by `day` counts as it stood on its last day,
    provided the user's organization still existed on `day`: a committee keeps the
    records of a cell it dissolved, not those of a cell that moved to another one."""
    if _role(user) == Role.ADMINISTRATOR:
        return True
    if user.organization_id is None:
        return False
    own = _own_spans(user)
    if not any(s.valid_from <= day <= s.valid_to for s in own):
        return False
    spans = list(OrgSpan.objects.filter(organization=org, valid_from__lte=day).order_by("-valid_from")[:1])
    if not spans:
        return False
    span = spans[0]
    at = min(day, span.valid_to)
    return any(s.valid_from <= at <= s.valid_to and span.path.startswith(s.path) for s in own)


def can_change_tree(user, org: Organization | None = None, *, on: dt.date | None = None) -> bool:
    """May the user record organizations and reorganizations (in `org`'s place) dated
    `on` (today by default)? Committee staff of an organization that exists that day,
    for what stands under it that day; administrators anywhere."""
    role = _role(user)
    if role not in TREE_WRITERS:
        return False
    if role == Role.ADMINISTRATOR:
        return True
    day = on or timezone.localdate()
    if org is None:
        return user.organization_id is not None and any(s.valid_from <= day <= s.valid_to for s in _own_spans(user))
    return in_scope_on(user, org, day)


def may_write_some_day(user, org: Organization) -> bool:
    """The first gate of a form whose date decides (an event, a reorganization): the
    user writes records and `org` was theirs at some time. The date is checked with
    `can_change_tree(..., on=date)` once the form is read."""
    role = _role(user)
    return role in TREE_WRITERS and (role == Role.ADMINISTRATOR or visible_organizations(user).filter(
        pk=org.pk).exists())


def can_write_register(user, org: Organization, *, on: dt.date | None = None) -> bool:
    """May the user record members and their events in `org`, dated `on`?"""
    return can_change_tree(user, org, on=on)


def require(condition: bool) -> None:
    """Refuse a write the user may not make, as if the page did not exist."""
    if not condition:
        raise Http404(_("You do not have access to this page."))


def root_organizations(user) -> list[Organization] | None:
    """Where the user's tree view starts; None for all roots."""
    role = _role(user)
    if role == Role.ADMINISTRATOR:
        return None
    if role in TREE_READERS and user.organization_id:
        return [user.organization]
    return []


def visible_members(user):
    """Members the user may see: those who belonged, at some time, to an organization
    the user may see. Their dossiers are personal data: nothing wider."""
    from django.db.models import Exists, OuterRef

    from dangbo.members.models import Member, MembershipEvent

    role = _role(user)
    if role == Role.ADMINISTRATOR:
        return Member.objects.all()
    orgs = visible_organizations(user).values("pk")
    events = MembershipEvent.objects.filter(member=OuterRef("pk"), voided_at__isnull=True).filter(
        Q(organization__in=orgs) | Q(origin__in=orgs)
    )
    return Member.objects.filter(Exists(events))


def get_member_for_user(user, code: str):
    member = visible_members(user).filter(code=code).first()
    if member is None:
        raise Http404(_("No such member."))
    return member


def can_write_member(user, member, *, on: dt.date | None = None) -> bool:
    """May the user record what happened to `member` on `on` (today by default)?
    Committee staff of the organization the member belonged to that day (for a day
    after the member left the register: the last one), if it stood under theirs."""
    from dangbo.members.models import MembershipSpan

    role = _role(user)
    if role not in TREE_WRITERS:
        return False
    if role == Role.ADMINISTRATOR:
        return True
    day = on or timezone.localdate()
    span = (MembershipSpan.objects.filter(member=member, valid_from__lte=day).select_related("organization")
            .order_by("-valid_from").first())
    if span is None:  # not a member yet that day: whoever keeps the first organization
        span = MembershipSpan.objects.filter(member=member).select_related("organization").order_by(
            "valid_from").first()
    if span is None:
        return visible_members(user).filter(pk=member.pk).exists() and can_change_tree(user, on=day)
    return in_scope_on(user, span.organization, day)


def may_write_member_some_day(user, member) -> bool:
    """The first gate of a form about `member` whose date decides: see
    `may_write_some_day`."""
    role = _role(user)
    return role in TREE_WRITERS and (role == Role.ADMINISTRATOR or visible_members(user).filter(
        pk=member.pk).exists())


def scope_end(user, member, *, today: dt.date | None = None) -> dt.date | None:
    """The last day `member` belonged to an organization under the user's, when that
    day is past (the member moved away, or the user's organization ended); None while
    the member is still theirs, and for administrators. What the user sees of the
    member stops there: no later event, no personal data recorded since."""
    from dangbo.members.models import MembershipSpan

    if _role(user) == Role.ADMINISTRATOR or user.organization_id is None:
        return None
    today = today or timezone.localdate()
    own = _own_spans(user)
    member_spans = list(MembershipSpan.objects.filter(member=member))
    org_spans: dict[int, list[OrgSpan]] = {}
    for span in OrgSpan.objects.filter(organization_id__in={s.organization_id for s in member_spans}):
        org_spans.setdefault(span.organization_id, []).append(span)
    last = None
    for ms in member_spans:
        for os_ in org_spans.get(ms.organization_id, []):
            for mine in own:
                if not os_.path.startswith(mine.path):
                    continue
                start = max(ms.valid_from, os_.valid_from, mine.valid_from)
                end = min(ms.valid_to, os_.valid_to, mine.valid_to)
                if start <= end and (last is None or end > last):
                    last = end
    if last is None:  # seen through an event only (an origin): up to its date
        from dangbo.members.models import MembershipEvent

        orgs = visible_organizations(user).values("pk")
        last = (MembershipEvent.objects.filter(member=member, voided_at__isnull=True)
                .filter(Q(organization__in=orgs) | Q(origin__in=orgs)).order_by("-date")
                .values_list("date", flat=True).first())
    if last is None or last >= today:
        return None
    return last


# Personal data of the dossier that only some roles need (Decree 13/2023/NĐ-CP; the
# Personal Data Protection Law from 01/01/2026): religion and health are "sensitive
# personal data" there, the citizen ID and discipline identify and judge. The table is
# the whole policy; templates ask `dossier_view(...).shows(name)`.
SENSITIVE = {
    "citizen_id": {Role.COMMITTEE_STAFF, Role.INSPECTION_STAFF, Role.ADMINISTRATOR},
    "religion": {Role.COMMITTEE_STAFF, Role.ADMINISTRATOR},
    "health": {Role.COMMITTEE_STAFF, Role.CELL_SECRETARY, Role.ADMINISTRATOR},
    # the reasons of expulsions, deletions and departures
    "discipline": {Role.COMMITTEE_STAFF, Role.INSPECTION_STAFF, Role.ADMINISTRATOR},
}


# The member's own fields behind the sensitive data ("discipline" is in the events).
FIELDS = {"citizen_id": "citizen_id", "religion": "religion", "health": "seriously_ill_since"}


class DossierView:
    """What the user may see of a member's dossier: the sensitive fields their role
    needs, and, for a member who has left their organizations, only what was true up to
    `until` (no later event, change, photo or sensitive field)."""

    def __init__(self, user, member, *, today: dt.date | None = None):
        self.role = _role(user)
        self.until = scope_end(user, member, today=today)
        self.allowed = {name for name, roles in SENSITIVE.items() if self.role in roles and self.until is None}

    def shows(self, name: str) -> bool:
        return name in self.allowed

    @property
    def hidden_fields(self) -> list[str]:
        """Model fields of the member the user may not see (in the change history)."""
        return [FIELDS[name] for name in SENSITIVE if name not in self.allowed and name in FIELDS]

    @property
    def whole(self) -> bool:
        """The member is still the user's: everything up to today."""
        return self.until is None


def dossier_view(user, member, *, today: dt.date | None = None) -> DossierView:
    return DossierView(user, member, today=today)


def may_export_dossiers(user) -> bool:
    """May the user download the interchange workbook (whole dossiers: the citizen ID and
    the religion among them)?"""
    return may_see(user, "citizen_id") and may_see(user, "religion")


def may_see(user, name: str) -> bool:
    """May the user's role see the sensitive field `name` (in lists and exports)?"""
    return _role(user) in SENSITIVE[name]


# -- Citizens and Dân vận khéo (issue 17) ---------------------------------------------------
# The citizens office staff read and write the reception sessions, petitions and Dân vận
# khéo entries of their subtree, and only they see who sent a denunciation (RULES.md: the
# denouncer's identity is confidential). The other readers of the tree read them too,
# without the denouncers; committee staff write them as well.
CITIZENS_READERS = TREE_READERS | {Role.CITIZENS_OFFICE}
CITIZENS_WRITERS = {Role.COMMITTEE_STAFF, Role.CITIZENS_OFFICE, Role.ADMINISTRATOR}
DENOUNCER_READERS = {Role.CITIZENS_OFFICE}


def citizens_organizations(user):
    """Organizations whose citizens records the user may see: the tree's readers see
    what they see of the tree; the citizens office staff what stood under their own
    organization at some time."""
    role = _role(user)
    if role == Role.CITIZENS_OFFICE:
        if user.organization_id is None:
            return Organization.objects.none()
        spans = OrgSpan.objects.filter(ever_under_q(user.organization)).values("organization_id")
        return Organization.objects.filter(pk__in=spans)
    return visible_organizations(user)


def get_citizens_organization_for_user(user, code: str) -> Organization:
    org = citizens_organizations(user).filter(code=code).first()
    if org is None:
        raise Http404(_("No such organization."))
    return org


def can_write_citizens(user, org: Organization | None = None) -> bool:
    """May the user record sessions, petitions and Dân vận khéo entries (of `org`)?"""
    role = _role(user)
    if role not in CITIZENS_WRITERS:
        return False
    if org is None or role == Role.ADMINISTRATOR:
        return True
    return citizens_organizations(user).filter(pk=org.pk).exists()


def visible_petitions(user):
    from dangbo.citizens.models import Petition

    if _role(user) == Role.ADMINISTRATOR:
        return Petition.objects.all()
    return Petition.objects.filter(organization__in=citizens_organizations(user).values("pk"))


def get_petition_for_user(user, pk: int):
    petition = visible_petitions(user).select_related("organization", "member").filter(pk=pk).first()
    if petition is None:
        raise Http404(_("No such petition."))
    return petition


def can_see_sender(user, petition) -> bool:
    """May the user see who sent `petition`? Anyone who sees the petition, except for a
    denunciation: only the citizens office staff of the receiving committee's subtree."""
    if not petition.is_denunciation:
        return True
    if _role(user) not in DENOUNCER_READERS:
        return False
    return citizens_organizations(user).filter(pk=petition.organization_id).exists()


def may_export_senders(user) -> bool:
    """Does an export made by `user` carry the senders of denunciations (of the petitions
    they may see)?"""
    return _role(user) in DENOUNCER_READERS


def get_reception_for_user(user, pk: int):
    from dangbo.citizens.models import ReceptionSession

    qs = ReceptionSession.objects.select_related("organization", "presided_by")
    if _role(user) != Role.ADMINISTRATOR:
        qs = qs.filter(organization__in=citizens_organizations(user).values("pk"))
    session = qs.filter(pk=pk).first()
    if session is None:
        raise Http404(_("No such session."))
    return session


def get_mobilization_for_user(user, pk: int):
    from dangbo.mobilization.models import MobilizationModel

    qs = MobilizationModel.objects.select_related("organization")
    if _role(user) != Role.ADMINISTRATOR:
        qs = qs.filter(organization__in=citizens_organizations(user).values("pk"))
    entry = qs.filter(pk=pk).first()
    if entry is None:
        raise Http404(_("No such entry."))
    return entry


def citizens_members(user):
    """Members the user may name on a session or a petition: for the citizens office,
    those who belonged at some time to an organization of their subtree."""
    from django.db.models import Exists, OuterRef

    from dangbo.members.models import Member, MembershipEvent

    if _role(user) != Role.CITIZENS_OFFICE:
        return visible_members(user)
    orgs = citizens_organizations(user).values("pk")
    events = MembershipEvent.objects.filter(member=OuterRef("pk"), voided_at__isnull=True).filter(
        Q(organization__in=orgs) | Q(origin__in=orgs)
    )
    return Member.objects.filter(Exists(events))


def may_convert_comments(user) -> bool:
    """May the user turn public comments into petitions? Editors (on the moderation
    page), the citizens office staff and administrators."""
    return _role(user) in (Role.EDITOR, Role.CITIZENS_OFFICE, Role.ADMINISTRATOR)
# -- Inspection, supervision and discipline (dangbo.inspections) -----------------------------

# Roles that record inspections, remedies and discipline, in their subtree.
INSPECTION_WRITERS = {Role.COMMITTEE_STAFF, Role.INSPECTION_STAFF, Role.ADMINISTRATOR}
# Discipline is sensitive: committee and inspection staff of the deciding organization or
# above; a cell secretary sees their own cell's.
DISCIPLINE_READERS = {Role.COMMITTEE_STAFF, Role.INSPECTION_STAFF, Role.ADMINISTRATOR}


def can_record_inspections(user, org: Organization | None = None) -> bool:
    """May the user record items, conclusions, remedies and discipline of `org`?"""
    role = _role(user)
    if role not in INSPECTION_WRITERS:
        return False
    if org is None or role == Role.ADMINISTRATOR:
        return True
    return visible_organizations(user).filter(pk=org.pk).exists()


def can_see_item(user, item) -> bool:
    """An item is seen by those who see the organization carrying it out, its subject
    organization, or its subject member."""
    role = _role(user)
    if role == Role.ADMINISTRATOR:
        return True
    orgs = visible_organizations(user)
    if orgs.filter(pk__in=[pk for pk in (item.organization_id, item.subject_organization_id) if pk]).exists():
        return True
    return item.subject_member_id is not None and visible_members(user).filter(pk=item.subject_member_id).exists()


def get_item_for_user(user, code: str):
    from dangbo.inspections.models import Item

    item = Item.objects.select_related("organization", "subject_member", "subject_organization", "program").filter(
        code=code
    ).first()
    if item is None or not can_see_item(user, item):
        raise Http404(_("No such inspection or supervision."))
    return item


def visible_disciplines(user):
    """Discipline decisions the user may see: decided by an organization the committee or
    inspection staff may see (their own or one under it); for a cell secretary, those of
    their cell: decided by it, of it, or of a member who belonged to it that day."""
    from django.db.models import Exists, OuterRef

    from dangbo.inspections.models import Discipline
    from dangbo.members.models import MembershipSpan

    role = _role(user)
    if role == Role.ADMINISTRATOR:
        return Discipline.objects.all()
    if user.organization_id is None:
        return Discipline.objects.none()
    if role == Role.CELL_SECRETARY:
        cell = user.organization_id
        in_cell = MembershipSpan.objects.filter(
            member=OuterRef("subject_member"), organization_id=cell,
            valid_from__lte=OuterRef("date"), valid_to__gte=OuterRef("date"),
        )
        return Discipline.objects.filter(
            Q(organization_id=cell) | Q(subject_organization_id=cell) | Q(event__origin_id=cell) | Exists(in_cell)
        )
    if role not in DISCIPLINE_READERS:
        return Discipline.objects.none()
    return Discipline.objects.filter(organization__in=visible_organizations(user).values("pk"))


def get_discipline_for_user(user, pk: int):
    discipline = (
        visible_disciplines(user)
        .select_related("organization", "subject_member", "subject_organization", "item", "event", "created_by")
        .filter(pk=pk)
        .first()
    )
    if discipline is None:
        raise Http404(_("No such discipline decision."))
    return discipline


def can_see_discipline_of(user, org: Organization) -> bool:
    """May the user see the discipline decisions taken in `org`'s subtree (a report's
    records, the year's list)? Committee and inspection staff of `org` or above; a cell
    secretary for their own cell."""
    role = _role(user)
    if role == Role.ADMINISTRATOR:
        return True
    if role == Role.CELL_SECRETARY:
        return user.organization_id == org.pk
    return role in DISCIPLINE_READERS and visible_organizations(user).filter(pk=org.pk).exists()
# -- Member development and leadership work (issue 18) ----------------------------------


def can_record_party_work(user, org: Organization) -> bool:
    """May the user record the Party work of `org`: take candidates into its plan and
    record their dossiers, record its study sessions? Committee staff of its subtree,
    administrators, and the cell's own secretary."""
    if can_change_tree(user, org):
        return True
    return _role(user) == Role.CELL_SECRETARY and user.organization_id == org.pk


def visible_candidates(user):
    """Candidates of the organizations the user may see."""
    from dangbo.development.models import Candidate

    return Candidate.objects.filter(organization__in=visible_organizations(user))


def get_candidate_for_user(user, pk: int):
    candidate = visible_candidates(user).filter(pk=pk).select_related("organization", "member", "admission").first()
    if candidate is None:
        raise Http404(_("No such candidate."))
    return candidate


def _get_in_scope(user, queryset, pk: int, field: str):
    """The record `pk` of `queryset` whose organization `field` the user may see, or 404."""
    record = queryset.filter(pk=pk, **{f"{field}__in": visible_organizations(user)}).first()
    if record is None:
        raise Http404(_("No such record."))
    return record


def get_document_for_user(user, pk: int):
    from dangbo.leadership.models import Document

    return _get_in_scope(user, Document.objects.select_related("organization", "term", "report"), pk, "organization")


def get_term_for_user(user, pk: int):
    from dangbo.leadership.models import Term

    return _get_in_scope(user, Term.objects.select_related("organization"), pk, "organization")


def get_study_session_for_user(user, pk: int):
    from dangbo.leadership.models import StudySession

    return _get_in_scope(user, StudySession.objects.select_related("organization"), pk, "organization")


def get_assignment_for_user(user, pk: int):
    from dangbo.leadership.models import Assignment

    return _get_in_scope(
        user, Assignment.objects.select_related("member", "organization", "assigned_by"), pk, "assigned_by"
    )
