"""The "Dân vận khéo" register: models (ways of doing mass-mobilization work that can be
repeated) and exemplars (collectives or persons), registered by an organization for a
year in one of four fields, then checked and recognized at some level (RULES.md,
"Dân vận khéo"; INTERCHANGE.md `Dân vận khéo`).

Recognition levels vary by province: they are data (`RecognitionLevel`), which the
administrators keep; an entry names its level as written, in the list's spelling when
the list has it.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangbo.core import fields as vn
from dangbo.core.models import DomainModel, VoidableRecord
from dangbo.organizations.models import Organization


class RecognitionLevel(DomainModel):
    name = vn.CharField(_("name"), max_length=255, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower levels first."))
    active = models.BooleanField(_("offered"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recognition level")
        verbose_name_plural = _("recognition levels")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class MobilizationModel(VoidableRecord):
    class Type(models.TextChoices):
        MODEL = "MODEL", _("Model")
        EXEMPLAR = "EXEMPLAR", _("Exemplar")

    class Field(models.TextChoices):
        ECONOMY = "ECONOMY", _("Economy")
        CULTURE_SOCIETY = "CULTURE_SOCIETY", _("Culture and society")
        DEFENSE_SECURITY = "DEFENSE_SECURITY", _("Defence and security")
        POLITICAL_SYSTEM = "POLITICAL_SYSTEM", _("Building the political system")

    code = vn.CharField(_("code"), max_length=32, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    name = vn.CharField(_("name"), max_length=500)
    type = vn.CharField(_("type"), max_length=8, choices=Type.choices)
    field = vn.CharField(_("field"), max_length=16, choices=Field.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="mobilization_models"
    )
    recognized_by = vn.CharField(_("recognized at level"), max_length=255, blank=True)
    recognized_on = models.DateField(_("recognized on"), null=True, blank=True)
    note = vn.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Dân vận khéo model")
        verbose_name_plural = _("Dân vận khéo models")
        ordering = ["year", "field", "code"]
        indexes = [
            # The report and the yearly table: the entries of a year.
            models.Index(fields=["year", "field"], name="mobilization_year_field"),
        ]
        constraints = [
            models.CheckConstraint(name="mobilization_type_known", condition=Q(type__in=["MODEL", "EXEMPLAR"])),
            models.CheckConstraint(
                name="mobilization_field_known",
                condition=Q(field__in=["ECONOMY", "CULTURE_SOCIETY", "DEFENSE_SECURITY", "POLITICAL_SYSTEM"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
