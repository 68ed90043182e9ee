"""The one place that decides what a user may see and change.

Every view gets its objects through these functions: what is outside the user's scope
is a 404, never a 403 that would confirm it exists.
"""

from django.db.models import Q
from django.http import Http404
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


def can_change_tree(user, org: Organization | None = None) -> bool:
    """May the user record organizations and reorganizations (in `org`'s place)?"""
    role = _role(user)
    if role not in TREE_WRITERS:
        return False
    if org is None or role == Role.ADMINISTRATOR:
        return True
    return visible_organizations(user).filter(pk=org.pk).exists()


def can_write_register(user, org: Organization) -> bool:
    """May the user record members and their events in `org`?"""
    return can_change_tree(user, org)


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


def can_write_member(user, member) -> bool:
    """May the user record events of `member`? Committee staff of the member's current
    organization (or, for someone not in any, of an organization they were in)."""
    role = _role(user)
    if role not in TREE_WRITERS:
        return False
    return role == Role.ADMINISTRATOR or visible_members(user).filter(pk=member.pk).exists()


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
