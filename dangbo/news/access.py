"""Who edits news: editors and administrators. Everyone else gets a 404 on editor pages."""

from django.http import Http404
from django.utils.translation import gettext as _

from dangbo.accounts.models import User


def can_edit_news(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.role == User.Role.EDITOR or user.is_admin


def can_preview(user, article) -> bool:
    """Editors; and the staff who may write the committee whose report made the draft,
    so that "make a news draft" lands them on what they made."""
    if can_edit_news(user):
        return True
    from dangbo.accounts.access import can_change_tree

    return article.organization_id is not None and can_change_tree(user, article.organization)


def require_editor(user) -> None:
    if not can_edit_news(user):
        raise Http404(_("You do not have access to this page."))
