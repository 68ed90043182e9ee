"""Inspection, supervision and discipline (kiểm tra, giám sát và thi hành kỷ luật đảng).

- `Program`: a committee's yearly program of inspection and supervision, or its
  inspection committee's (QĐ 22-QĐ/TW, then QĐ 296-QĐ/TW); it gathers the items.
- `Item`: one inspection or supervision (cuộc kiểm tra, giám sát) of the program: its
  kind, the body that carries it out, its subject (an organization or a member of the
  register), its dates and, once concluded, the conclusion with strengths and
  shortcomings.
- `Remedy`: what the conclusion requires to be done (biện pháp khắc phục), by when, and
  when it was done.
- `Discipline`: a discipline decision. An expulsion (`Khai trừ`) is also the member's
  `EXPELLED` membership event, written with it through the members' own service and
  linked here (`event`), so that it is counted once.

Records are never deleted: a wrong one is voided with a reason; every change is in the
history. State changes are in `services`.
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

from . import rules


class Body(models.TextChoices):
    """The body that carries out an item or decides a discipline (`Cơ quan …`)."""

    COMMITTEE = "COMMITTEE", _("Party committee")
    STANDING_COMMITTEE = "STANDING_COMMITTEE", _("Standing committee")
    INSPECTION_COMMITTEE = "INSPECTION_COMMITTEE", _("Inspection committee")
    CELL = "CELL", _("Party cell")


class Program(DomainModel):
    """The yearly program of an organization's committee (its items carried out by the
    committee, its standing committee or, for a cell, the cell) or of its inspection
    committee. Created with its first item; its decision and date recorded apart."""

    class Owner(models.TextChoices):
        COMMITTEE = "COMMITTEE", _("Party committee")
        INSPECTION_COMMITTEE = "INSPECTION_COMMITTEE", _("Inspection committee")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="inspection_programs"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    owner = vn.CharField(_("whose program"), max_length=24, choices=Owner.choices)
    decision_number = vn.CharField(_("decision number"), max_length=100, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    note = vn.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspection and supervision program")
        verbose_name_plural = _("inspection and supervision programs")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "owner"], name="program_unique"),
            models.CheckConstraint(
                name="program_owner_known", condition=Q(owner__in=["COMMITTEE", "INSPECTION_COMMITTEE"])
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization.code} {self.year} {self.owner}"

    @staticmethod
    def owner_of(body: str) -> str:
        return Program.Owner.INSPECTION_COMMITTEE if body == Body.INSPECTION_COMMITTEE else Program.Owner.COMMITTEE


class Item(VoidableRecord):
    class Kind(models.TextChoices):
        # In the order of the `Loại` list of the `Kiểm tra, giám sát` sheet.
        SUSPECTED_VIOLATION = "SUSPECTED_VIOLATION", _("Inspection upon signs of violation")
        COMPLIANCE = "COMPLIANCE", _("Inspection of compliance")
        INSPECTION_WORK = "INSPECTION_WORK", _("Inspection of inspection and supervision work")
        FINANCE = "FINANCE", _("Inspection of finances")
        THEMATIC_SUPERVISION = "THEMATIC_SUPERVISION", _("Thematic supervision")
        REGULAR_SUPERVISION = "REGULAR_SUPERVISION", _("Regular supervision")

    class Conclusion(models.TextChoices):
        NO_VIOLATION = "NO_VIOLATION", _("No violation")
        SHORTCOMINGS = "SHORTCOMINGS", _("Shortcomings")
        VIOLATION = "VIOLATION", _("Violation")
        DISCIPLINE_NEEDED = "DISCIPLINE_NEEDED", _("Violation calling for discipline")

    INSPECTION_KINDS = (Kind.SUSPECTED_VIOLATION, Kind.COMPLIANCE, Kind.INSPECTION_WORK, Kind.FINANCE)
    SUPERVISION_KINDS = (Kind.THEMATIC_SUPERVISION, Kind.REGULAR_SUPERVISION)
    VIOLATIONS = (Conclusion.VIOLATION, Conclusion.DISCIPLINE_NEEDED)

    code = vn.CharField(_("item code"), max_length=32, unique=True)
    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="items")
    # The program's organization and year, kept on the item for the report's queries.
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization carrying it out"),
        on_delete=models.PROTECT,
        related_name="inspection_items",
    )
    year = models.PositiveSmallIntegerField(_("year of the program"))
    kind = vn.CharField(pgettext_lazy("inspection", "kind"), max_length=24, choices=Kind.choices)
    body = vn.CharField(_("body carrying it out"), max_length=24, choices=Body.choices)
    # The subject: exactly one of the two.
    subject_organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization inspected"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections_received",
    )
    subject_member = models.ForeignKey(
        Member,
        verbose_name=_("member inspected"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections_received",
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("date of the conclusion"), null=True, blank=True)
    conclusion = vn.CharField(_("conclusion"), max_length=24, choices=Conclusion.choices, blank=True)
    strengths = vn.TextField(_("strengths"), blank=True)
    shortcomings = vn.TextField(_("shortcomings"), blank=True)
    decision_number = vn.CharField(_("decision number"), max_length=100, blank=True)
    note = vn.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspection or supervision")
        verbose_name_plural = _("inspections and supervisions")
        ordering = ["start", "code"]
        indexes = [
            # the year's items of an organization (the program page; the report's
            # figures probe the items of a year by start date and organization)
            models.Index(fields=["organization", "start"], name="item_org_start"),
            models.Index(fields=["start"], name="item_start"),
        ]
        constraints = [
            models.CheckConstraint(
                name="item_one_subject",
                condition=Q(subject_organization__isnull=True, subject_member__isnull=False)
                | Q(subject_organization__isnull=False, subject_member__isnull=True),
            ),
            models.CheckConstraint(
                name="item_conclusion_with_date",
                condition=Q(end__isnull=True, conclusion="") | Q(end__isnull=False) & ~Q(conclusion=""),
            ),
            models.CheckConstraint(
                name="item_end_after_start", condition=Q(end__isnull=True) | Q(end__gte=models.F("start"))
            ),
            models.CheckConstraint(
                name="item_kind_known",
                condition=Q(
                    kind__in=[
                        "SUSPECTED_VIOLATION",
                        "COMPLIANCE",
                        "INSPECTION_WORK",
                        "FINANCE",
                        "THEMATIC_SUPERVISION",
                        "REGULAR_SUPERVISION",
                    ]
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.get_kind_display()}"

    @property
    def subject(self):
        return self.subject_member if self.subject_member_id else self.subject_organization

    @property
    def is_supervision(self) -> bool:
        return self.kind in self.SUPERVISION_KINDS

    @property
    def concluded(self) -> bool:
        return self.end is not None


class Remedy(VoidableRecord):
    """A remedy the conclusion of an item requires. Its key in a workbook is the item and
    the text (`text_key`, a digest of the text: long texts cannot be indexed whole)."""

    item = models.ForeignKey(
        Item, verbose_name=_("inspection or supervision"), on_delete=models.PROTECT, related_name="remedies"
    )
    text = vn.TextField(_("what must be done"))
    text_key = models.CharField(max_length=40, editable=False)
    due = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("remedy")
        verbose_name_plural = _("remedies")
        ordering = ["due", "pk"]
        indexes = [
            # the worklist: open remedies by due date
            models.Index(
                fields=["due"], condition=Q(done_on__isnull=True, voided_at__isnull=True), name="remedy_open_due"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "text_key"], condition=Q(voided_at__isnull=True), name="remedy_unique_live"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Discipline(VoidableRecord):
    class Form(models.TextChoices):
        # "Warning" is also a rule warning elsewhere: each form in the discipline's context.
        REPRIMAND = rules.REPRIMAND, pgettext_lazy("discipline", "Reprimand")
        WARNING = rules.WARNING, pgettext_lazy("discipline", "Warning")
        REMOVAL = rules.REMOVAL, pgettext_lazy("discipline", "Removal from post")
        EXPULSION = rules.EXPULSION, pgettext_lazy("discipline", "Expulsion")
        DISSOLUTION = rules.DISSOLUTION, pgettext_lazy("discipline", "Dissolution")

    # The report's `by_form` keys (REPORT.md).
    REPORT_KEYS = {
        Form.REPRIMAND: "reprimand",
        Form.WARNING: "warning",
        Form.REMOVAL: "removal",
        Form.EXPULSION: "expulsion",
        Form.DISSOLUTION: "dissolution",
    }

    date = models.DateField(_("date of the decision"))
    subject_organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization disciplined"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disciplines_received",
    )
    subject_member = models.ForeignKey(
        Member,
        verbose_name=_("member disciplined"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disciplines_received",
    )
    form = vn.CharField(_("form of discipline"), max_length=12, choices=Form.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("deciding organization"), on_delete=models.PROTECT, related_name="disciplines"
    )
    body = vn.CharField(_("deciding body"), max_length=24, choices=Body.choices)
    violation_on = models.DateField(_("date of the violation"), null=True, blank=True)
    item = models.ForeignKey(
        Item,
        verbose_name=_("inspection it came from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disciplines",
    )
    number = vn.CharField(_("decision number"), max_length=100, blank=True)
    reason = vn.TextField(_("reason"), blank=True)
    # The member's `Khai trừ` event: the expulsion itself, counted once in the register.
    event = models.ForeignKey(
        MembershipEvent,
        verbose_name=_("membership event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    warnings = vn.TextField(_("warnings"), blank=True, help_text=_("One warning a line."))
    override_reason = vn.TextField(_("reason for going ahead despite the warnings"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("discipline decision")
        verbose_name_plural = _("discipline decisions")
        ordering = ["date", "pk"]
        indexes = [
            # the year's decisions of an organization (report figures, the discipline page)
            models.Index(fields=["organization", "date"], name="discipline_org_date"),
            models.Index(fields=["date"], name="discipline_date"),
        ]
        constraints = [
            models.CheckConstraint(
                name="discipline_one_subject",
                condition=Q(subject_organization__isnull=True, subject_member__isnull=False)
                | Q(subject_organization__isnull=False, subject_member__isnull=True),
            ),
            models.CheckConstraint(
                name="discipline_form_known",
                condition=Q(form__in=["REPRIMAND", "WARNING", "REMOVAL", "EXPULSION", "DISSOLUTION"]),
            ),
            # The key of a decision (INTERCHANGE.md): subject, form and date.
            models.UniqueConstraint(
                fields=["subject_member", "form", "date"],
                condition=Q(voided_at__isnull=True, subject_member__isnull=False),
                name="discipline_member_unique_live",
            ),
            models.UniqueConstraint(
                fields=["subject_organization", "form", "date"],
                condition=Q(voided_at__isnull=True, subject_organization__isnull=False),
                name="discipline_org_unique_live",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.subject} {self.date:%d/%m/%Y}"

    @property
    def subject(self):
        return self.subject_member if self.subject_member_id else self.subject_organization

    @property
    def warning_list(self) -> list[str]:
        return [line for line in self.warnings.splitlines() if line.strip()]


class InspectionTally(models.Model):
    """The report's `inspection` and `discipline` figures of one year counted at one
    scope path (dangbo/tallies: the path of the organization a record counts in on its
    date). Items and their remedies count in the year of the item's `Từ ngày`, at the
    carrying-out organization; decisions in the year of their date, at the deciding
    organization. Derived from the records by `inspections.tally` in each write's
    transaction; nothing else writes here."""

    year = models.PositiveSmallIntegerField()
    path = models.CharField(max_length=255)
    inspections = models.IntegerField(default=0)
    supervisions = models.IntegerField(default=0)
    signs_of_violation = models.IntegerField(default=0)
    concluded = models.IntegerField(default=0)
    with_violations = models.IntegerField(default=0)
    remedies = models.IntegerField(default=0)
    remedies_done = models.IntegerField(default=0)
    remedies_overdue = models.IntegerField(default=0)
    disciplined_organizations = models.IntegerField(default=0)
    disciplined_members = models.IntegerField(default=0)
    reprimand = models.IntegerField(default=0)
    warning = models.IntegerField(default=0)
    removal = models.IntegerField(default=0)
    expulsion = models.IntegerField(default=0)
    dissolution = models.IntegerField(default=0)

    COUNTS = (
        "inspections", "supervisions", "signs_of_violation", "concluded", "with_violations", "remedies",
        "remedies_done", "remedies_overdue", "disciplined_organizations", "disciplined_members", "reprimand",
        "warning", "removal", "expulsion", "dissolution",
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "path"], name="inspectiontally_year_path")]

    def __str__(self) -> str:
        return f"{self.year} {self.path}"
