"""The organization tree. Organizations and their dated reorganizations are the records;
`OrgSpan` is the tree as it stood over time, a projection rebuilt from them.
"""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangbo.core import fields as vn
from dangbo.core.models import DomainModel, VoidableRecord

FAR_FUTURE = dt.date(9999, 12, 31)
FAR_PAST = dt.date(1900, 1, 1)


class Organization(DomainModel):
    class Kind(models.TextChoices):
        ABOVE_GRASSROOTS = "ABOVE_GRASSROOTS", _("Above-grassroots Party committee")
        GRASSROOTS_COMMITTEE = "GRASSROOTS_COMMITTEE", _("Grassroots Party committee")
        GRASSROOTS_CELL = "GRASSROOTS_CELL", _("Grassroots Party cell")
        SUB_COMMITTEE = "SUB_COMMITTEE", _("Sub-committee")
        CELL = "CELL", _("Party cell under a committee")

    GRASSROOTS_KINDS = (Kind.GRASSROOTS_COMMITTEE, Kind.GRASSROOTS_CELL)
    CELL_KINDS = (Kind.GRASSROOTS_CELL, Kind.CELL)

    code = vn.CharField(_("code"), max_length=32, unique=True)
    # The name it was founded with; renames are reorganizations, and `OrgSpan.name`
    # gives the name on any date.
    name = vn.CharField(_("name"), max_length=255)
    kind = vn.CharField(_("kind"), max_length=24, choices=Kind.choices)
    group = vn.CharField(_("comparable group"), max_length=100, blank=True)
    founding_parent = models.ForeignKey(
        "self",
        verbose_name=_("parent when founded"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    dissolved_on = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("The last day the organization exists.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.CheckConstraint(
                name="org_dissolved_after_founded",
                condition=models.Q(founded_on__isnull=True)
                | models.Q(dissolved_on__isnull=True)
                | models.Q(dissolved_on__gte=models.F("founded_on")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_grassroots(self) -> bool:
        return self.kind in self.GRASSROOTS_KINDS


class Reorganization(VoidableRecord):
    class Kind(models.TextChoices):
        MOVE = "MOVE", _("Move under another parent")
        MERGE = "MERGE", _("Merge into another organization")
        RENAME = "RENAME", _("Rename")
        DISSOLVE = "DISSOLVE", _("Dissolve")

    kind = vn.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # For DISSOLVE this is the last day the organization exists; for the others the
    # first day of the new state.
    effective_on = models.DateField(_("date"))
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="reorganizations",
    )
    target = models.ForeignKey(
        Organization,
        verbose_name=_("target"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incoming_reorganizations",
    )
    new_name = vn.CharField(_("new name"), max_length=255, blank=True)
    decision_number = vn.CharField(_("decision number"), max_length=100, blank=True)
    note = vn.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reorganization")
        verbose_name_plural = _("reorganizations")
        ordering = ["effective_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="reorg_target_when_needed",
                condition=~models.Q(kind__in=["MOVE", "MERGE"]) | models.Q(target__isnull=False),
            ),
            models.CheckConstraint(
                name="reorg_new_name_when_rename",
                condition=~models.Q(kind="RENAME") | ~models.Q(new_name=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.organization.code} {self.effective_on:%d/%m/%Y}"


class OrgSpan(models.Model):
    """One organization's place in the tree over a run of days (both ends included).

    A projection: `services.rebuild_tree` derives every row from the organizations and
    their reorganizations; nothing else writes here. `path` is the chain of ids from the
    root, so "the subtree of X on day D" is a range scan on `path`.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="spans")
    parent = models.ForeignKey(
        Organization, null=True, on_delete=models.CASCADE, related_name="+"
    )
    # Set from the day of a merge: the organization is gone, and the members recorded in
    # it belong to this one. Its path hangs under the target so subtree queries count them.
    merged_into = models.ForeignKey(
        Organization, null=True, on_delete=models.CASCADE, related_name="+"
    )
    name = vn.CharField(max_length=255)
    # The name's search key (`lib.vntext.fold`): the tree's search runs in the database.
    name_fold = models.CharField(max_length=255, default="")
    path = vn.CharField(max_length=255)
    depth = models.PositiveSmallIntegerField()
    valid_from = models.DateField()
    valid_to = models.DateField()

    class Meta:
        indexes = [
            # subtree of X on day D: path range scan, then the dates
            models.Index(fields=["path", "valid_from", "valid_to"], name="orgspan_path_dates"),
            # X's own span on day D
            models.Index(fields=["organization", "valid_from"], name="orgspan_org_from"),
            # another organization bearing the same name on day D (selectors.labels_on):
            # valid_to first, so past spans of a common name ("Chi bộ 1") are not read
            models.Index(fields=["name", "valid_to", "valid_from"], name="orgspan_name_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.path} {self.valid_from}..{self.valid_to}"

    @property
    def is_alias(self) -> bool:
        return self.merged_into_id is not None


def path_segment(org_id: int) -> str:
    return f"{org_id:08d}/"
