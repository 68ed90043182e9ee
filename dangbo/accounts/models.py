from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A person who signs in. What they may see follows from `organization` and `role`
    (dangbo.accounts.access)."""

    class Role(models.TextChoices):
        COMMITTEE_STAFF = "COMMITTEE_STAFF", _("Committee staff")
        INSPECTION_STAFF = "INSPECTION_STAFF", _("Inspection staff")
        CELL_SECRETARY = "CELL_SECRETARY", _("Cell secretary")
        VIEWER = "VIEWER", _("Viewer")
        EDITOR = "EDITOR", _("Editor")
        # Receives citizens and handles petitions (and Dân vận khéo): the one role that
        # may see who sent a denunciation (accounts.access.DENOUNCER_READERS).
        CITIZENS_OFFICE = "CITIZENS_OFFICE", _("Citizens office staff")
        ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="user_org_unless_admin_or_editor",
                condition=models.Q(role__in=["ADMINISTRATOR", "EDITOR"])
                | models.Q(organization__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMINISTRATOR or self.is_superuser
