"""Yearly quality ratings (kiểm điểm, đánh giá, xếp loại chất lượng) of organizations and
members.

A `RatingRound` is the review an organization conducts for a year, under the rule set in
force that year (recorded on the round, `rules.RULE_SETS`): a grassroots organization
rates its members; an above-grassroots committee rates the organizations under it.
A `Rating` moves through three steps (self-assessment, proposal, decision), each with who
and when; once decided it is locked until reopened with a reason.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dangbo.core import fields as vn
from dangbo.core.models import DomainModel
from dangbo.members.models import Member
from dangbo.organizations.models import Organization


class RatingRound(DomainModel):
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="rating_rounds"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rule_set = vn.CharField(_("rule set"), max_length=16)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rating round")
        verbose_name_plural = _("rating rounds")
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="rating_round_unique")]

    def __str__(self) -> str:
        return f"{self.organization.code} {self.year}"


def _user(verbose_name):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )


class Rating(DomainModel):
    class Level(models.TextChoices):
        EXCELLENT = "EXCELLENT", _("Excellent")
        GOOD = "GOOD", _("Good")
        COMPLETED = "COMPLETED", _("Completed")
        NOT_COMPLETED = "NOT_COMPLETED", _("Not completed")
        NOT_RATED = "NOT_RATED", _("Not rated")

    class Step(models.IntegerChoices):
        SELF_ASSESSED = 1, _("Self-assessed")
        PROPOSED = 2, _("Proposed")
        DECIDED = 3, _("Decided")

    round = models.ForeignKey(RatingRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("year"))
    # The subject: exactly one of the two.
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ratings",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT, related_name="ratings"
    )
    level = vn.CharField(_("level"), max_length=16, choices=Level.choices)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    reason = vn.TextField(_("reason for not rating"), blank=True)
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices)
    self_assessed_by = _user(_("self-assessed by"))
    self_assessed_at = models.DateTimeField(_("self-assessed at"), null=True, blank=True)
    proposed_by = _user(_("proposed by"))
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    decided_by = _user(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    override_reason = vn.TextField(_("reason for overriding the warnings"), blank=True)
    reopen_reason = vn.TextField(_("reason for reopening"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quality rating")
        verbose_name_plural = _("quality ratings")
        indexes = [
            # the year's decided ratings for the figures (selectors.rating_figures)
            models.Index(fields=["year", "step", "level"], name="rating_year_step_level"),
        ]
        constraints = [
            models.CheckConstraint(
                name="rating_one_subject",
                condition=Q(organization__isnull=True, member__isnull=False)
                | Q(organization__isnull=False, member__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["member", "year"], condition=Q(member__isnull=False), name="rating_member_year_unique"
            ),
            models.UniqueConstraint(
                fields=["organization", "year"],
                condition=Q(organization__isnull=False),
                name="rating_org_year_unique",
            ),
            models.CheckConstraint(
                name="rating_level_known",
                condition=Q(level__in=["EXCELLENT", "GOOD", "COMPLETED", "NOT_COMPLETED", "NOT_RATED"]),
            ),
            models.CheckConstraint(
                name="rating_score_range", condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100)
            ),
            models.CheckConstraint(name="rating_not_rated_reason", condition=~Q(level="NOT_RATED") | ~Q(reason="")),
            models.CheckConstraint(name="rating_step_known", condition=Q(step__in=[1, 2, 3])),
        ]

    def __str__(self) -> str:
        subject = self.member or self.organization
        return f"{self.year} {subject} {self.level}"

    @property
    def subject(self):
        return self.member if self.member_id else self.organization

    @property
    def locked(self) -> bool:
        return self.step == self.Step.DECIDED
