"""Political training: classes organized by Party organizations, and their learners.

A learner is a member, or an applicant who is not a member yet (name and birth date),
as in the "nhận thức về Đảng" course that comes before admission.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from dangbo.core import fields as vn
from dangbo.core.models import DomainModel
from dangbo.members.models import Member
from dangbo.organizations.models import Organization


class TrainingClass(DomainModel):
    class Program(models.TextChoices):
        # In the order of the `Chương trình` list of the `Lớp học` sheet.
        PARTY_AWARENESS = "PARTY_AWARENESS", _("Course on awareness of the Party")
        NEW_MEMBER = "NEW_MEMBER", _("Course for new members")
        GRASSROOTS_COMMITTEE = "GRASSROOTS_COMMITTEE", _("Course for grassroots committee members")
        BASIC_THEORY = "BASIC_THEORY", pgettext_lazy("training program", "Basic political theory")
        INTERMEDIATE_THEORY = "INTERMEDIATE_THEORY", pgettext_lazy("training program", "Intermediate political theory")
        ADVANCED_THEORY = "ADVANCED_THEORY", pgettext_lazy("training program", "Advanced political theory")
        OTHER = "OTHER", _("Other")

    # The report's `training` keys (REPORT.md).
    REPORT_KEYS = {
        Program.PARTY_AWARENESS: "party_awareness",
        Program.NEW_MEMBER: "new_member",
        Program.GRASSROOTS_COMMITTEE: "grassroots_committee",
        Program.BASIC_THEORY: "basic_theory",
        Program.INTERMEDIATE_THEORY: "intermediate_theory",
        Program.ADVANCED_THEORY: "advanced_theory",
        Program.OTHER: "other",
    }
    # Completing one of these gives the member that level of political theory.
    THEORY_LEVELS = {
        Program.BASIC_THEORY: Member.TheoryLevel.BASIC,
        Program.INTERMEDIATE_THEORY: Member.TheoryLevel.INTERMEDIATE,
        Program.ADVANCED_THEORY: Member.TheoryLevel.ADVANCED,
    }

    code = vn.CharField(_("class code"), max_length=32, unique=True)
    name = vn.CharField(_("name"), max_length=255)
    program = vn.CharField(_("program"), max_length=24, choices=Program.choices)
    organizer = models.ForeignKey(
        Organization, verbose_name=_("organized by"), on_delete=models.PROTECT, related_name="training_classes"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    place = vn.CharField(_("place"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")
        ordering = ["start", "code"]
        indexes = [
            # the classes starting in a year (training_figures, the year's page)
            models.Index(fields=["start"], name="class_start"),
        ]
        constraints = [
            models.CheckConstraint(
                name="class_end_after_start", condition=Q(end__isnull=True) | Q(end__gte=models.F("start"))
            ),
            models.CheckConstraint(
                name="class_program_known",
                condition=Q(
                    program__in=[
                        "PARTY_AWARENESS",
                        "NEW_MEMBER",
                        "GRASSROOTS_COMMITTEE",
                        "BASIC_THEORY",
                        "INTERMEDIATE_THEORY",
                        "ADVANCED_THEORY",
                        "OTHER",
                    ]
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Enrollment(DomainModel):
    class Result(models.TextChoices):
        COMPLETED = "COMPLETED", pgettext_lazy("training result", "Completed")
        NOT_COMPLETED = "NOT_COMPLETED", pgettext_lazy("training result", "Not completed")
        IN_PROGRESS = "IN_PROGRESS", _("In progress")

    klass = models.ForeignKey(
        TrainingClass, verbose_name=_("class"), on_delete=models.PROTECT, related_name="enrollments"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT, related_name="enrollments"
    )
    # For a learner who is not a member (yet); for a member, the member's name.
    full_name = vn.CharField(_("full name"), max_length=255)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    name_key = vn.CharField(max_length=255, db_index=True, editable=False)  # duplicates, certificates
    sort_key = vn.CharField(max_length=800, editable=False)  # name lists
    result = vn.CharField(_("result"), max_length=16, choices=Result.choices, default=Result.IN_PROGRESS)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("learner")
        verbose_name_plural = _("learners")
        constraints = [
            models.UniqueConstraint(
                fields=["klass", "member"], condition=Q(member__isnull=False), name="enrollment_member_once"
            ),
            models.CheckConstraint(
                name="enrollment_result_known", condition=Q(result__in=["COMPLETED", "NOT_COMPLETED", "IN_PROGRESS"])
            ),
        ]

    def __str__(self) -> str:
        return f"{self.klass.code} {self.full_name}"
