"""Where a user's pages start: their organization and the day they show.

Staff of an organization that has ended (the districts dissolved on 30/06/2025) still
work on its history, so their pages open on its last day rather than on a today when it
no longer exists. Landing panels and menu entries ask `home_of(request)`, computed once
per request.
"""

import dataclasses
import datetime as dt

from django.utils import timezone

from dangbo.organizations import selectors as org_selectors
from dangbo.organizations.models import Organization, OrgSpan

from .access import TREE_READERS, _role, root_organizations, visible_organizations
from .models import User

Role = User.Role


@dataclasses.dataclass(frozen=True)
class Home:
    role: str | None
    organization: Organization | None  # None: an editor, or an administrator of a forest
    today: dt.date
    day: dt.date  # today, or the organization's last day when it has ended
    last_day: dt.date | None  # when the organization has ended or will end

    @property
    def ended(self) -> bool:
        return self.last_day is not None and self.last_day < self.today

    @property
    def reads_tree(self) -> bool:
        return self.role in TREE_READERS

    @property
    def is_cell_secretary(self) -> bool:
        return self.role == Role.CELL_SECRETARY

    @property
    def writes(self) -> bool:
        """Committee staff and administrators record things (access.TREE_WRITERS)."""
        return self.role in (Role.COMMITTEE_STAFF, Role.ADMINISTRATOR)

    @property
    def code(self) -> str | None:
        return self.organization.code if self.organization else None


def home_of(request) -> Home:
    home = getattr(request, "_dangbo_home", None)
    if home is None:
        home = home_for(request.user, timezone.localdate())
        request._dangbo_home = home
    return home


def home_for(user, today: dt.date) -> Home:
    role = _role(user)
    roots = root_organizations(user) if role else []
    if roots is None:  # an administrator: the tree's only root today, if it has one
        spans = list(
            OrgSpan.objects.filter(
                parent__isnull=True, merged_into__isnull=True, valid_from__lte=today, valid_to__gte=today
            ).select_related("organization")[:2]
        )
        roots = [spans[0].organization] if len(spans) == 1 else []
    org = roots[0] if roots else None
    last = org_selectors.last_day(org) if org else None
    day = min(today, last) if last else today
    return Home(role=role, organization=org, today=today, day=day, last_day=last)


def successors_for(user, org: Organization) -> list[dict]:
    """Where an ended organization's units went (organizations.selectors.successors),
    each marked `visible` when the user may open it: staff of a dissolved district see
    its former units, not the communes that took them over."""
    items = org_selectors.successors(org)
    ids = [item["span"].organization_id for item in items]
    visible = set(visible_organizations(user).filter(pk__in=ids).values_list("pk", flat=True))
    for item in items:
        item["visible"] = item["span"].organization_id in visible
    return items
