"""The leadership work of committees: the documents they issue (numbered per type through
a committee's term, HD 36-HD/VPTW), the study sessions of resolutions and of Hồ Chí
Minh's thought, and the key cadres assigned to follow and help grassroots organizations.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from dangbo.core import fields as vn
from dangbo.core.models import DomainModel, VoidableRecord
from dangbo.members.models import Member
from dangbo.organizations.models import Organization


class Term(VoidableRecord):
    """A committee's term (nhiệm kỳ): the numbers of its documents run through it."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="terms"
    )
    name = vn.CharField(_("name"), max_length=255, blank=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee term")
        verbose_name_plural = _("committee terms")
        ordering = ["organization", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "start"], condition=Q(voided_at__isnull=True), name="term_start_once"
            ),
            models.CheckConstraint(
                name="term_end_after_start", condition=Q(end__isnull=True) | Q(end__gte=models.F("start"))
            ),
        ]

    def __str__(self) -> str:
        if self.name:
            return self.name
        end = f"{self.end:%d/%m/%Y}" if self.end else "…"
        return f"{self.start:%d/%m/%Y} – {end}"


class Document(VoidableRecord):
    """A document issued by a committee: its number and symbol ("Số 12-NQ/HU"), date and
    subject line. Numbers run from 01 per type through the committee's term; where no
    term is recorded, through the calendar year (INTERCHANGE.md)."""

    class Kind(models.TextChoices):
        # In the order of the `Loại` list of the `Văn bản` sheet.
        RESOLUTION = "RESOLUTION", _("Resolution")
        DECISION = "DECISION", pgettext_lazy("document", "Decision")
        DIRECTIVE = "DIRECTIVE", _("Directive")
        CONCLUSION = "CONCLUSION", _("Conclusion")
        REGULATION = "REGULATION", _("Regulation")
        RULES = "RULES", _("Rules")
        GUIDANCE = "GUIDANCE", _("Guidance")
        PLAN = "PLAN", _("Plan")
        PROGRAM = "PROGRAM", _("Program")
        REPORT = "REPORT", pgettext_lazy("document", "Report")
        NOTICE = "NOTICE", pgettext_lazy("document", "Notice")
        LETTER = "LETTER", _("Official letter")
        SUBMISSION = "SUBMISSION", _("Submission")

    organization = models.ForeignKey(
        Organization, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = vn.CharField(pgettext_lazy("document", "type"), max_length=12, choices=Kind.choices)
    number = models.PositiveIntegerField(_("number"))
    # "NQ/HU": what follows the number in "Số 12-NQ/HU".
    symbol = vn.CharField(_("symbol"), max_length=32)
    date = models.DateField(_("date signed"))
    subject = vn.TextField(_("subject line"))
    note = vn.TextField(_("note"), blank=True)
    # The term the number runs through; None: the calendar year `year`.
    term = models.ForeignKey(
        Term, verbose_name=_("committee term"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="documents",
    )
    year = models.PositiveSmallIntegerField(editable=False)
    # The yearly report, when the document is one the reports app issued.
    report = models.OneToOneField(
        "reports.IssuedReport", verbose_name=_("issued report"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="document",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "-number"]
        indexes = [
            # the documents X issued in a year (the register, the report's figures)
            models.Index(fields=["organization", "date"], name="document_org_date"),
        ]
        # Issued reports keep the number the reports app gave them (through the term of its
        # report settings), so the register's own rule leaves them out.
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "term", "number"],
                condition=Q(voided_at__isnull=True, term__isnull=False, report__isnull=True),
                name="document_number_in_term",
            ),
            models.UniqueConstraint(
                fields=["organization", "kind", "year", "number"],
                condition=Q(voided_at__isnull=True, term__isnull=True, report__isnull=True),
                name="document_number_in_year",
            ),
            models.CheckConstraint(name="document_number_positive", condition=Q(number__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.date:%d/%m/%Y}"

    @property
    def reference(self) -> str:
        """ "12-NQ/HU": the number (two digits at least) and the symbol."""
        return f"{self.number:02d}-{self.symbol}"


class StudySession(DomainModel):
    """A session studying a resolution or directive, or the yearly theme of Hồ Chí Minh's
    thought, morality and style, organized by a Party organization."""

    class Kind(models.TextChoices):
        RESOLUTION = "RESOLUTION", _("Resolutions and directives")
        HO_CHI_MINH = "HO_CHI_MINH", _("Hồ Chí Minh's thought, morality and style")
        OTHER = "OTHER", pgettext_lazy("study session", "Other")

    code = vn.CharField(_("code"), max_length=32, unique=True)
    name = vn.CharField(_("name"), max_length=500)
    kind = vn.CharField(pgettext_lazy("study session", "kind"), max_length=12, choices=Kind.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organized by"), on_delete=models.PROTECT, related_name="study_sessions"
    )
    date = models.DateField(_("date"))
    attendance = models.PositiveIntegerField(_("attended"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("study session")
        verbose_name_plural = _("study sessions")
        ordering = ["-date", "code"]
        indexes = [
            # the sessions of a year (the report's figures, the year's page)
            models.Index(fields=["date"], name="study_session_date"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Attendance(VoidableRecord):
    """A member recorded as attending a study session (when the organizer records who)."""

    session = models.ForeignKey(
        StudySession, verbose_name=_("study session"), on_delete=models.PROTECT, related_name="attendees"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="study_attendance"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"], condition=Q(voided_at__isnull=True), name="attendance_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {self.member_id}"


class Assignment(VoidableRecord):
    """A key cadre assigned by a committee to follow and help an organization (phân công
    phụ trách cơ sở), from a day, until a day or ongoing."""

    member = models.ForeignKey(
        Member, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="assignments"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization followed"), on_delete=models.PROTECT,
        related_name="assigned_cadres",
    )
    assigned_by = models.ForeignKey(
        Organization, verbose_name=_("assigned by"), on_delete=models.PROTECT, related_name="assignments_made"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    note = vn.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [
            # the assignments a committee made (the report's figures, its screen)
            models.Index(fields=["assigned_by", "start"], name="assignment_by_start"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "organization", "assigned_by", "start"],
                condition=Q(voided_at__isnull=True),
                name="assignment_once",
            ),
            models.CheckConstraint(
                name="assignment_end_after_start", condition=Q(end__isnull=True) | Q(end__gte=models.F("start"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.organization_id} {self.start:%d/%m/%Y}"
