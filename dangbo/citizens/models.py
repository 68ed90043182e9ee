"""Citizens: the committees' reception and dialogue sessions, and the petitions they
receive (complaints, denunciations, recommendations, feedback) with their legal
deadlines (RULES.md, "Citizens"; INTERCHANGE.md, `Tiếp công dân`, `Đơn thư`).

The records are the sessions, the petitions and their extensions. A petition's due
dates are a projection of its dates and the deadline rules in force (`DeadlineRule`,
data with effective dates), kept in step by the services in the same transaction, so
that the report and the worklists can count on them in the database.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangbo.core import fields as vn
from dangbo.core.models import DomainModel, VoidableRecord
from dangbo.members.models import Member
from dangbo.organizations.models import Organization


class ReceptionSession(VoidableRecord):
    """A day a committee's head (or a deputy) received citizens, or held a dialogue."""

    class Form(models.TextChoices):
        REGULAR = "REGULAR", _("Regular reception")
        AD_HOC = "AD_HOC", _("Ad hoc reception")
        DIALOGUE = "DIALOGUE", _("Dialogue")

    RECEPTION_FORMS = (Form.REGULAR, Form.AD_HOC)  # the ones that make a reception day

    organization = models.ForeignKey(
        Organization, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="reception_sessions"
    )
    date = models.DateField(_("date"))
    form = vn.CharField(_("form"), max_length=10, choices=Form.choices)
    presided_by = models.ForeignKey(
        Member, verbose_name=_("presided by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    citizens = models.PositiveIntegerField(_("citizens received"), default=0)
    content = vn.TextField(_("what was raised"), blank=True)
    note = vn.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")
        ordering = ["date", "pk"]
        indexes = [
            # The report and the month's reception days: the sessions of a period.
            models.Index(fields=["date"], name="reception_date"),
        ]
        constraints = [
            # INTERCHANGE.md: the key of a session is its date, organization and form.
            models.UniqueConstraint(
                fields=["organization", "date", "form"], condition=Q(voided_at__isnull=True),
                name="reception_unique_key",
            ),
            models.CheckConstraint(
                name="reception_form_known", condition=Q(form__in=["REGULAR", "AD_HOC", "DIALOGUE"])
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_form_display()}"


class Petition(VoidableRecord):
    class Kind(models.TextChoices):
        COMPLAINT = "COMPLAINT", _("Complaint")
        DENUNCIATION = "DENUNCIATION", _("Denunciation")
        RECOMMENDATION = "RECOMMENDATION", _("Recommendation")
        FEEDBACK = "FEEDBACK", _("Feedback")

    class Channel(models.TextChoices):
        IN_PERSON = "IN_PERSON", _("In person")
        POST = "POST", _("By post")
        ELECTRONIC = "ELECTRONIC", _("Electronic")
        FORWARDED = "FORWARDED", _("Forwarded by another body")

    class Complexity(models.TextChoices):
        NORMAL = "NORMAL", _("Ordinary")
        COMPLEX = "COMPLEX", _("Complex")
        VERY_COMPLEX = "VERY_COMPLEX", _("Especially complex")

    class Result(models.TextChoices):
        CORRECT = "CORRECT", _("Well-founded")
        PARTLY_CORRECT = "PARTLY_CORRECT", _("Partly well-founded")
        INCORRECT = "INCORRECT", _("Unfounded")
        ANSWERED = "ANSWERED", _("Answered, guided")
        FORWARDED = "FORWARDED", _("Forwarded to the competent body")
        FILED = "FILED", _("Filed")

    code = vn.CharField(_("code"), max_length=32, unique=True)
    received_on = models.DateField(_("received on"))
    organization = models.ForeignKey(
        Organization, verbose_name=_("received by"), on_delete=models.PROTECT, related_name="petitions"
    )
    kind = vn.CharField(_("kind"), max_length=16, choices=Kind.choices)
    content = vn.TextField(_("summary"))
    # Name and address. For a denunciation it is confidential: shown only to
    # accounts.access.DENOUNCER_READERS, every view logged (SenderView).
    sender = vn.CharField(_("sender"), max_length=500, blank=True)
    channel = vn.CharField(_("channel"), max_length=12, choices=Channel.choices, blank=True)
    member = models.ForeignKey(
        Member, verbose_name=_("member concerned"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="petitions",
    )
    complexity = vn.CharField(_("complexity"), max_length=12, choices=Complexity.choices, default=Complexity.NORMAL)
    remote = models.BooleanField(_("remote area"), default=False)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    result = vn.CharField(_("result"), max_length=16, choices=Result.choices, blank=True)
    document_number = vn.CharField(_("document number"), max_length=100, blank=True)
    note = vn.TextField(_("note"), blank=True)
    # A public comment of the news page turned into this petition (linked both ways).
    source_comment = models.OneToOneField(
        "news.Comment", verbose_name=_("public comment"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="petition",
    )
    # -- the projection (deadlines.py), kept by the services ---------------------------
    accept_due = models.DateField(_("acceptance due"), null=True, blank=True)
    close_due = models.DateField(_("closing due"), null=True, blank=True)
    # The due date in force now: the acceptance's until accepted, then the closing's.
    due_on = models.DateField(_("due"), null=True, blank=True)
    # A due date counted over a year whose holidays the calendar does not know.
    due_unsure = models.BooleanField(_("due date to check"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["received_on", "code"]
        indexes = [
            # The report: the petitions received in a year.
            models.Index(fields=["received_on"], name="petition_received"),
            # Worklists: the open petitions by due date.
            models.Index(fields=["closed_on", "due_on"], name="petition_open_due"),
        ]
        constraints = [
            models.CheckConstraint(
                name="petition_kind_known",
                condition=Q(kind__in=["COMPLAINT", "DENUNCIATION", "RECOMMENDATION", "FEEDBACK"]),
            ),
            # INTERCHANGE.md: `Đặc biệt phức tạp` only on a denunciation.
            models.CheckConstraint(
                name="petition_very_complex_denunciation",
                condition=~Q(complexity="VERY_COMPLEX") | Q(kind="DENUNCIATION"),
            ),
            models.CheckConstraint(
                name="petition_accepted_after_received",
                condition=Q(accepted_on__isnull=True) | Q(accepted_on__gte=F("received_on")),
            ),
            models.CheckConstraint(
                name="petition_closed_after_received",
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("received_on")),
            ),
            models.CheckConstraint(
                name="petition_closed_after_accepted",
                condition=Q(closed_on__isnull=True) | Q(accepted_on__isnull=True) | Q(closed_on__gte=F("accepted_on")),
            ),
            # A closing has a result, and a result a closing.
            models.CheckConstraint(
                name="petition_closed_with_result",
                condition=(Q(closed_on__isnull=True) & Q(result="")) | (Q(closed_on__isnull=False) & ~Q(result="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_kind_display()})"

    @property
    def is_denunciation(self) -> bool:
        return self.kind == self.Kind.DENUNCIATION

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class PetitionExtension(VoidableRecord):
    """A decision extending the time to settle a petition (Luật Tố cáo 2018, Art. 30:
    once for a complex case, twice for an especially complex one; Luật Khiếu nại 2011:
    a complex complaint takes longer). It raises the petition's complexity one step,
    which moves its closing due date as the rule table says."""

    petition = models.ForeignKey(
        Petition, verbose_name=_("petition"), on_delete=models.PROTECT, related_name="extensions"
    )
    decided_on = models.DateField(_("decided on"))
    document_number = vn.CharField(_("document number"), max_length=100, blank=True)
    reason = vn.TextField(_("reason"), blank=True)
    complexity_before = vn.CharField(_("complexity before"), max_length=12, choices=Petition.Complexity.choices)
    complexity_after = vn.CharField(_("complexity after"), max_length=12, choices=Petition.Complexity.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.decided_on:%d/%m/%Y}"


class SenderView(models.Model):
    """Who saw the sender of a denunciation, when and how: the law protects denouncers.

    An access log, append-only; not a domain record with a history of its own.
    """

    class How(models.TextChoices):
        PAGE = "PAGE", _("Shown on the page")
        EXPORT = "EXPORT", _("Exported")

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="sender_views")
    viewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField(auto_now_add=True)
    how = models.CharField(max_length=6, choices=How.choices, default=How.PAGE)

    class Meta:
        verbose_name = _("view of a denouncer's identity")
        verbose_name_plural = _("views of denouncers' identities")
        indexes = [models.Index(fields=["petition", "-viewed_at"], name="senderview_petition")]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.viewed_by_id} {self.viewed_at:%d/%m/%Y %H:%M}"


class DeadlineRule(DomainModel):
    """One line of the deadline table (RULES.md, "Citizens"): how long a petition of a
    kind may take to be accepted (from receipt) or closed (from acceptance), from a date
    on. Blank `complexity` and empty `remote` match any. Empty `days`: no legal period.
    The most specific line in force on the period's first day applies."""

    class Stage(models.TextChoices):
        ACCEPT = "ACCEPT", _("Acceptance, from receipt")
        CLOSE = "CLOSE", _("Closing, from acceptance")

    class Unit(models.TextChoices):
        CALENDAR = "calendar", _("days")
        WORKING = "working", _("working days")

    class Certainty(models.TextChoices):
        SURE = "SURE", _("sure")
        LIKELY = "LIKELY", _("likely")

    kind = vn.CharField(_("kind of petition"), max_length=16, choices=Petition.Kind.choices)
    stage = vn.CharField(_("stage"), max_length=6, choices=Stage.choices)
    complexity = vn.CharField(
        _("complexity"), max_length=12, choices=Petition.Complexity.choices, blank=True,
        help_text=_("Empty: any."),
    )
    remote = models.BooleanField(_("remote area"), null=True, blank=True, help_text=_("Empty: any."))
    days = models.PositiveSmallIntegerField(_("days"), null=True, blank=True, help_text=_("Empty: no legal period."))
    unit = vn.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.CALENDAR)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    source = vn.CharField(_("source"), max_length=255)
    certainty = vn.CharField(_("certainty"), max_length=6, choices=Certainty.choices, default=Certainty.SURE)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["kind", "stage", "effective_from", "complexity", "pk"]
        constraints = [
            models.CheckConstraint(
                name="deadline_rule_dates",
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.stage} {self.complexity or '*'} {self.days} {self.unit}"


class ReceptionMinimum(DomainModel):
    """How many reception days a month a committee's head must hold, as that committee
    sets it from a date on; without one, the default of its level (rules.py)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="reception_minimums"
    )
    days_per_month = models.PositiveSmallIntegerField(_("reception days a month"))
    effective_from = models.DateField(_("from"))
    reason = vn.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minimum of reception days")
        verbose_name_plural = _("minimums of reception days")
        ordering = ["organization", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "effective_from"], name="reception_minimum_unique"),
            models.CheckConstraint(name="reception_minimum_days", condition=Q(days_per_month__lte=31)),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.days_per_month} {self.effective_from:%d/%m/%Y}"
