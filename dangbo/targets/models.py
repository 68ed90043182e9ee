"""Socio-economic targets (chỉ tiêu kinh tế - xã hội) a Party committee sets for a year.

A target is set by one committee for one year: a plan value, and later the actual value
with its date and source. Its status (exceeded, met, not met, no data) is computed from
the two values and the direction, never stored or typed (INTERCHANGE.md `Chỉ tiêu`).

Periods: targets are yearly. A congress sets targets for its five-year term and then
breaks them into yearly steps; each yearly step is a yearly target here, and `term`
labels the term it belongs to (e.g. "2020-2025") so the steps of one term can be found
together. A whole-term figure, when needed, is the target of the term's last year.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangbo.core import fields as vn
from dangbo.core.models import DomainModel
from dangbo.organizations.models import Organization

MAX_DIGITS = 20
DECIMAL_PLACES = 6


class Target(DomainModel):
    class Direction(models.TextChoices):
        UP = "UP", _("Higher is better")
        DOWN = "DOWN", _("Lower is better")

    class Status(models.TextChoices):
        EXCEEDED = "EXCEEDED", _("Exceeded")
        MET = "MET", _("Met")
        NOT_MET = "NOT_MET", _("Not met")
        NO_DATA = "NO_DATA", _("No data yet")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="targets",
        help_text=_("The committee that set the target."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    term = vn.CharField(
        _("term"), max_length=20, blank=True, help_text=_("The term it is a yearly step of, e.g. 2020-2025.")
    )
    code = vn.CharField(_("code"), max_length=32)
    name = vn.CharField(_("name"), max_length=500)
    unit = vn.CharField(_("unit"), max_length=100, blank=True)
    planned = models.DecimalField(_("plan"), max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    direction = vn.CharField(_("direction"), max_length=4, choices=Direction.choices, default=Direction.UP)
    actual = models.DecimalField(
        _("actual"), max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True, blank=True
    )
    actual_on = models.DateField(_("actual as of"), null=True, blank=True)
    actual_source = vn.CharField(_("source of the actual value"), max_length=255, blank=True)
    note = vn.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("socio-economic target")
        verbose_name_plural = _("socio-economic targets")
        ordering = ["organization", "year", "code"]
        constraints = [
            # Also the index of "the targets of X for year Y" (figures, the year's page).
            models.UniqueConstraint(fields=["organization", "year", "code"], name="target_unique_code"),
            models.CheckConstraint(name="target_direction_known", condition=Q(direction__in=["UP", "DOWN"])),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.code} {self.name}"

    @property
    def status(self) -> str:
        return status_of(self.planned, self.actual, self.direction)

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)


def status_of(planned: Decimal, actual: Decimal | None, direction: str) -> str:
    """The status rule, exact on decimals: 1,5 equals 1,50."""
    S = Target.Status
    if actual is None:
        return S.NO_DATA
    if actual == planned:
        return S.MET
    better = actual > planned if direction == Target.Direction.UP else actual < planned
    return S.EXCEEDED if better else S.NOT_MET


def status_q(status: str) -> Q:
    """The same rule as `status_of`, as a database filter (for counting and annotating)."""
    S, D = Target.Status, Target.Direction
    has = Q(actual__isnull=False)
    better = Q(direction=D.UP, actual__gt=F("planned")) | Q(direction=D.DOWN, actual__lt=F("planned"))
    worse = Q(direction=D.UP, actual__lt=F("planned")) | Q(direction=D.DOWN, actual__gt=F("planned"))
    return {
        S.NO_DATA: Q(actual__isnull=True),
        S.MET: has & Q(actual=F("planned")),
        S.EXCEEDED: has & better,
        S.NOT_MET: has & worse,
    }[status]


def status_expression() -> Case:
    """`status` computed in the database, for `.annotate(status_code=status_expression())`."""
    S = Target.Status
    return Case(
        *(When(status_q(s), then=Value(s.value)) for s in (S.NO_DATA, S.MET, S.EXCEEDED)),
        default=Value(S.NOT_MET.value),
        output_field=vn.CharField(),
    )
