"""Member development (phát triển đảng viên): candidates for admission taken into an
organization's plan, the official members who help them, the dated steps of their
admission dossier, and the yearly admission targets.

The admission itself is a membership event (`members`): the candidate links to the
`ADMITTED` event that made them a member, recorded through `members.services`.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from dangbo.core import fields as vn
from dangbo.core.models import DomainModel, VoidableRecord
from dangbo.members.models import Member, MembershipEvent
from dangbo.organizations.models import Organization


class Candidate(DomainModel):
    """A candidate for admission (quần chúng ưu tú), from the day the organization took
    them into its plan until they are admitted or leave the plan."""

    code = vn.CharField(_("dossier code"), max_length=32, unique=True)
    full_name = vn.CharField(_("full name"), max_length=255)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    # Always set: from `birth_date`, or the bare year when only the year is known.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    sex = vn.CharField(_("sex"), max_length=1, choices=Member.Sex.choices)
    citizen_id = vn.CharField(_("citizen ID number"), max_length=12, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="candidates"
    )
    planned_on = models.DateField(_("taken into the plan on"))
    # The "nhận thức về Đảng" course certificate (valid 5 years, rules.py).
    certificate_on = models.DateField(_("awareness certificate of"), null=True, blank=True)
    # Once admitted: the member, and the ADMITTED event that admitted them.
    member = models.ForeignKey(
        Member, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT, related_name="candidacies"
    )
    admission = models.ForeignKey(
        MembershipEvent,
        verbose_name=_("admission"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    stopped_on = models.DateField(_("left the plan on"), null=True, blank=True)
    stop_reason = vn.TextField(_("why the candidate left the plan"), blank=True)
    note = vn.TextField(_("note"), blank=True)
    # Rule warnings (rules.py) the candidate was taken in or admitted despite, and why.
    intake_warnings = vn.TextField(_("warnings when taken in"), blank=True)
    intake_override = vn.TextField(_("reason for taking in despite the warnings"), blank=True)
    admission_warnings = vn.TextField(_("warnings at admission"), blank=True)
    admission_override = vn.TextField(_("reason for admitting despite the warnings"), blank=True)
    # Search and sort keys, derived from the name by the services.
    name_fold = vn.CharField(max_length=255, db_index=True, editable=False)
    name_key = vn.CharField(max_length=255, db_index=True, editable=False)
    sort_key = vn.CharField(max_length=800, editable=False)
    history = HistoricalRecords(no_db_index=["code", "name_fold", "name_key", "organization", "member", "admission"])

    class Meta:
        verbose_name = _("candidate for admission")
        verbose_name_plural = _("candidates for admission")
        indexes = [
            # the candidates of a set of organizations in the plan on a day (pipeline, report)
            models.Index(fields=["organization", "planned_on"], name="candidate_org_planned"),
        ]
        constraints = [
            # Admitting twice is refused: one candidacy per admitted member.
            models.UniqueConstraint(
                fields=["member"], condition=Q(member__isnull=False), name="candidate_member_once"
            ),
            models.CheckConstraint(name="candidate_sex_valid", condition=Q(sex__in=["M", "F"])),
            models.CheckConstraint(
                name="candidate_stopped_after_planned",
                condition=Q(stopped_on__isnull=True) | Q(stopped_on__gte=models.F("planned_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.code})"


class Helper(VoidableRecord):
    """An official member who helps a candidate (người giúp đỡ); voided when replaced."""

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.PROTECT, related_name="helper_records"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("helper"), on_delete=models.PROTECT, related_name="helped_candidates"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("helper")
        verbose_name_plural = _("helpers")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "member"], condition=Q(voided_at__isnull=True), name="helper_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.member_id}"


class Checkpoint(VoidableRecord):
    """A dated step of the admission dossier (HD 01-HD/TW 2021, §3); voided when wrong."""

    class Step(models.TextChoices):
        # In the order of the dossier.
        APPLICATION = "APPLICATION", _("Application for admission")
        LIFE_HISTORY = "LIFE_HISTORY", _("Life history declared")
        VERIFIED = "VERIFIED", _("Life history verified")
        INTRODUCED = "INTRODUCED", _("Introduced by the helpers and the Youth Union or trade union")
        RESIDENCE_OPINION = "RESIDENCE_OPINION", _("Opinion of the place of residence")
        CELL_RESOLUTION = "CELL_RESOLUTION", _("Resolution of the cell proposing admission")
        COMMITTEE_RESOLUTION = "COMMITTEE_RESOLUTION", _("Resolution of the grassroots committee")
        DECISION = "DECISION", pgettext_lazy("admission", "Admission decision")

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.PROTECT, related_name="checkpoints"
    )
    step = vn.CharField(_("step"), max_length=24, choices=Step.choices)
    date = models.DateField(_("date"))
    note = vn.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dossier step")
        verbose_name_plural = _("dossier steps")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "step"], condition=Q(voided_at__isnull=True), name="checkpoint_step_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.step} {self.date:%d/%m/%Y}"


class AdmissionTarget(DomainModel):
    """How many new members an organization plans to admit in a year (chỉ tiêu kết nạp)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="admission_targets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    target = models.PositiveIntegerField(_("new members planned"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("admission target")
        verbose_name_plural = _("admission targets")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="admission_target_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.year}: {self.target}"
