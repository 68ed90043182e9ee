"""How an organization issues its reports, and the reports it has issued.

`ReportSettings` holds what the Party document header needs and the data cannot give:
the abbreviation of the issuing body ("HU"), the place of the date line ("Thanh Hà"),
the superior body line ("TỈNH ỦY HẢI DƯƠNG") and the first day of the committee term
(numbers run from 01 per document type over a term, RULES.md).

`IssuedReport` is a snapshot: the figures and the Word file as issued. It is never
changed or deleted, so later corrections of the records never alter an issued report.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangbo.core.models import DomainModel, HardDeleteError
from dangbo.organizations.models import Organization

# RULES.md: "HU" (Huyện ủy) only before July 2025, when the district level ended.
DISTRICT_LEVEL_LAST_DAY = dt.date(2025, 6, 30)
DISTRICT_ABBREVIATIONS = ("HU",)


class ReportSettings(DomainModel):
    organization = models.OneToOneField(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="report_settings"
    )
    abbreviation = models.CharField(
        _("abbreviation of the issuing body"),
        max_length=20,
        help_text=_('Written after the document type in the number, e.g. "HU" in "Số 12-BC/HU".'),
    )
    issuing_body = models.CharField(
        _("issuing body"), max_length=120, help_text=_('In capitals, e.g. "HUYỆN ỦY THANH HÀ".')
    )
    superior_body = models.CharField(
        _("superior body"), max_length=120, blank=True, help_text=_('In capitals, e.g. "TỈNH ỦY HẢI DƯƠNG".')
    )
    place = models.CharField(_("place of the date line"), max_length=80, help_text=_('e.g. "Thanh Hà".'))
    short_name = models.CharField(
        _("short name of the committee"), max_length=80, help_text=_('As in articles, e.g. "Huyện ủy".')
    )
    term_started_on = models.DateField(
        _("first day of the committee term"),
        null=True,
        blank=True,
        help_text=_("Report numbers start again from 01 on this day. Empty: 1 July of the last congress year."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")

    def __str__(self) -> str:
        return f"{self.organization.code} {self.abbreviation}"


class IssuedReport(DomainModel):
    class DocumentType(models.TextChoices):
        REPORT = "BC", _("Report")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="issued_reports"
    )
    year = models.PositiveSmallIntegerField(_("year reported"))
    document_type = models.CharField(
        _("document type"), max_length=8, choices=DocumentType.choices, default=DocumentType.REPORT
    )
    term_started_on = models.DateField(_("committee term from"))
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("number and symbol"), max_length=60)  # "Số 01-BC/HU" without "Số "
    issued_on = models.DateField(_("issued on"))
    figures = models.JSONField(_("figures"))
    docx = models.BinaryField(_("Word file"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("issued report")
        verbose_name_plural = _("issued reports")
        ordering = ["-issued_on", "-number"]
        constraints = [
            # Numbers run from 01 per document type over a committee term (RULES.md).
            models.UniqueConstraint(
                fields=["organization", "document_type", "term_started_on", "number"],
                name="issued_report_unique_number",
            ),
        ]
        indexes = [
            # the issued reports of X for year Y (the report page)
            models.Index(fields=["organization", "year"], name="issued_report_org_year"),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} {self.issued_on:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise HardDeleteError(_("An issued report is never changed."))
        super().save(*args, **kwargs)
