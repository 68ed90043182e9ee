from django.db import transaction
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.lib.vntext import normalize

from .models import User


def create_user(*, username: str, password: str, role: str, organization=None, full_name: str = "", by=None) -> User:
    if role not in User.Role.values:
        raise DomainError(_("Unknown role."), field="role")
    if organization is None and role not in (User.Role.ADMINISTRATOR, User.Role.EDITOR):
        raise DomainError(_("Choose the organization the account belongs to."), field="organization")
    if role == User.Role.CELL_SECRETARY and organization.kind not in organization.CELL_KINDS:
        raise DomainError(_("A cell secretary belongs to a Party cell."), field="organization")
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise DomainError(_("The user name %(name)s is taken.") % {"name": username}, field="username")
        user = User(username=username, role=role, organization=organization, full_name=normalize(full_name))
        user.set_password(password)
        stamp_history(user, by)
        user.save()
    return user
