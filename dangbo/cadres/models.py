"""Cadre work: the posts members hold, which committee manages which titles, succession
plans, and personnel decisions (GLOSSARY.md, "Cadres and training").

Personnel decisions are the records; a decision opens (and may end) `Position` rows in
the same transaction (`services.record_decision`).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from dangbo.core import fields as vn
from dangbo.core.models import AttachmentBase, DomainModel, DomainQuerySet, VoidableRecord
from dangbo.members.models import Member
from dangbo.organizations.models import Organization


class PositionQuerySet(DomainQuerySet):
    def live(self):
        return self.filter(voided_at__isnull=True)


class Position(DomainModel):
    """A title a member holds in a unit from `start` to `end` (empty: still held).

    The unit is a Party organization, or an external unit named in text (People's
    Council, People's Committee, Fatherland Front, mass organizations). Concurrent
    positions (kiêm nhiệm) are normal. A position opened by a decision that is later
    voided is voided with it (`services.void_decision`).
    """

    objects = PositionQuerySet.as_manager()

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="positions")
    title = vn.CharField(_("title"), max_length=255)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Party organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
    )
    unit_name = vn.CharField(
        pgettext_lazy("organizational unit", "unit"),
        max_length=255,
        blank=True,
        help_text=_("An external unit, e.g. the People's Committee."),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["start", "pk"]
        indexes = [
            # a member's positions on day D (member page, caption, decisions)
            models.Index(fields=["member", "start"], name="position_member_start"),
        ]
        constraints = [
            models.CheckConstraint(
                name="position_end_after_start", condition=Q(end__isnull=True) | Q(end__gte=models.F("start"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.member.code})"

    @property
    def unit_display(self) -> str:
        return self.organization.name if self.organization_id else self.unit_name


class ManagedTitle(DomainModel):
    """A title on a committee's list: its standing committee decides on the posts
    (diện Ban Thường vụ quản lý). Taken off the list by ending it (`ended_on`, with the
    reason); the title may be listed again later as a new row."""

    committee = models.ForeignKey(
        Organization, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="managed_titles"
    )
    title = vn.CharField(_("title"), max_length=255)
    ended_on = models.DateField(_("off the list since"), null=True, blank=True)
    end_reason = vn.TextField(_("reason for taking it off the list"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("managed title")
        verbose_name_plural = _("managed titles")
        ordering = ["committee", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "title"], condition=Q(ended_on__isnull=True), name="managed_title_unique_current"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SuccessionPlan(DomainModel):
    """A member planned for a title by a committee (quy hoạch) over a run of years
    (QĐ 80-QĐ/TW until 8/10/2025, then QĐ 377-QĐ/TW: one record per person and post).

    Taken out of the plan (đưa ra khỏi quy hoạch) from a date with the reason
    (`removed_on`): the record stays, and counts for the days before. A record entered by
    mistake is voided instead and counts for nothing.
    """

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="succession_plans"
    )
    title = vn.CharField(_("title"), max_length=255)
    organization = models.ForeignKey(
        Organization, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="succession_plans"
    )
    from_year = models.PositiveSmallIntegerField(_("from year"))
    to_year = models.PositiveSmallIntegerField(_("to year"))
    removed_on = models.DateField(_("out of the plan since"), null=True, blank=True)
    removal_reason = vn.TextField(_("reason for taking out of the plan"), blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("succession plan")
        verbose_name_plural = _("succession plans")
        indexes = [
            # a committee's plans (the plans page, the decision warning)
            models.Index(fields=["organization", "title"], name="plan_committee_title"),
        ]
        constraints = [
            models.CheckConstraint(name="plan_years_ordered", condition=Q(to_year__gte=models.F("from_year"))),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.from_year}-{self.to_year} ({self.member.code})"


class PersonnelDecision(VoidableRecord):
    class Kind(models.TextChoices):
        # In the order of the `Loại` list of the `Cán bộ` sheet.
        TRANSFER = "TRANSFER", _("Transfer")
        ROTATION = "ROTATION", _("Rotation")
        APPOINTMENT = "APPOINTMENT", _("Appointment")
        REAPPOINTMENT = "REAPPOINTMENT", _("Reappointment")
        DESIGNATION = "DESIGNATION", _("Designation")
        NOMINATION = "NOMINATION", _("Nomination for election")

    # The report's `by_kind` keys (REPORT.md).
    REPORT_KEYS = {
        Kind.TRANSFER: "transfer",
        Kind.ROTATION: "rotation",
        Kind.APPOINTMENT: "appointment",
        Kind.REAPPOINTMENT: "reappointment",
        Kind.DESIGNATION: "designation",
        Kind.NOMINATION: "nomination",
    }
    TERM_KINDS = (Kind.APPOINTMENT, Kind.REAPPOINTMENT)

    kind = vn.CharField(pgettext_lazy("personnel decision", "kind"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("date"))
    number = vn.CharField(_("decision number"), max_length=100, blank=True)
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="personnel_decisions"
    )
    title = vn.CharField(_("title after the decision"), max_length=255)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Party organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit_name = vn.CharField(pgettext_lazy("organizational unit", "unit"), max_length=255, blank=True)
    managed_by = models.ForeignKey(
        Organization,
        verbose_name=_("managing committee"),
        on_delete=models.PROTECT,
        related_name="personnel_decisions",
    )
    previous_position = models.ForeignKey(
        Position,
        verbose_name=_("position before"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("position after"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    # What the position before ended on until this decision ended it (empty: it was
    # open), so that voiding the decision puts it back.
    previous_end = models.DateField(_("position before held until"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    note = vn.TextField(_("note"), blank=True)
    warnings = vn.TextField(_("warnings"), blank=True, help_text=_("One warning a line."))
    override_reason = vn.TextField(_("reason for going ahead despite the warnings"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("personnel decision")
        verbose_name_plural = _("personnel decisions")
        ordering = ["date", "pk"]
        indexes = [
            # a committee's decisions of a year (cadre_figures, the year's page, worklist)
            models.Index(fields=["managed_by", "date"], name="decision_committee_date"),
        ]
        constraints = [
            models.CheckConstraint(
                name="decision_kind_known",
                condition=Q(
                    kind__in=["TRANSFER", "ROTATION", "APPOINTMENT", "REAPPOINTMENT", "DESIGNATION", "NOMINATION"]
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.member.code} {self.date:%d/%m/%Y}"

    @property
    def unit_display(self) -> str:
        return self.organization.name if self.organization_id else self.unit_name

    @property
    def warning_list(self) -> list[str]:
        return [line for line in self.warnings.splitlines() if line.strip()]


class DecisionAttachment(AttachmentBase):
    """A file kept with a personnel decision: the signed decision, a minute."""

    decision = models.ForeignKey(
        PersonnelDecision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="attachments"
    )
    history = HistoricalRecords()

    class Meta(AttachmentBase.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name
