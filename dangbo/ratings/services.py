"""Every change to ratings goes through one of these functions.

History comes from simple-history: each save records one entry naming the user
(`stamp_history`), so a reopening and its reason stay in the record.
"""

import dataclasses
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.core.versions import check_unchanged
from dangbo.lib.vntext import normalize
from dangbo.organizations.models import Organization
from dangbo.tallies import services as tallies

from . import checks, rules, selectors
from .models import Rating, RatingRound

Level, Step = Rating.Level, Rating.Step
STEP_FIELDS = {
    Step.SELF_ASSESSED: ("self_assessed_by", "self_assessed_at"),
    Step.PROPOSED: ("proposed_by", "proposed_at"),
    Step.DECIDED: ("decided_by", "decided_at"),
}


@dataclasses.dataclass
class Outcome:
    rating: Rating
    warnings: list[checks.RuleWarning]
    changed: bool = True
    created: bool = False


def _year(year) -> int:
    if not isinstance(year, int) or not 1930 <= year <= 2100:
        raise DomainError(_("The year is not plausible."), field="year")
    return year


def _score(ruleset: rules.RuleSet, level: str, score) -> Decimal | None:
    if score is None or score == "":
        if ruleset.uses_scores and level != Level.NOT_RATED:
            raise DomainError(
                _("The rules of %(rules)s rate on 100 points: enter the score.") % {"rules": ruleset.name},
                field="score",
            )
        return None
    if isinstance(score, (bool, float)):
        raise DomainError(_("Enter a number."), field="score")
    try:
        value = Decimal(score)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Enter a number."), field="score") from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise DomainError(_("A score is between 0 and 100."), field="score")
    if value != value.quantize(Decimal("0.01")):
        raise DomainError(_("At most %(places)d decimal places.") % {"places": 2}, field="score")
    if not ruleset.uses_scores:
        raise DomainError(
            _("The rules of %(rules)s do not use scores: leave the score empty.") % {"rules": ruleset.name},
            field="score",
        )
    if level == Level.NOT_RATED:
        raise DomainError(_("A member or organization that is not rated has no score."), field="score")
    band = ruleset.band(level)
    if band is not None and not band.contains(value):
        label = Level(level).label
        if band.high is None:
            message = _("A score of %(score)s is outside the band of “%(level)s”: from %(low)s.")
        else:
            message = _("A score of %(score)s is outside the band of “%(level)s”: from %(low)s to under %(high)s.")
        raise DomainError(
            message % {"score": f"{value:g}", "level": label, "low": band.low, "high": band.high}, field="score"
        )
    return value


def check_fields(*, year, level: str, score=None, reason: str = "") -> rules.RuleSet:
    """The checks of a rating's own fields against the rules of its year (the level, the
    score, a reason for not rating), reading nothing; returns the year's rule set."""
    year = _year(year)
    ruleset = rules.rule_set_for(year)
    if level not in ruleset.levels:
        raise DomainError(_("The rules of %(rules)s have no such level.") % {"rules": ruleset.name}, field="level")
    if level == Level.NOT_RATED and not normalize(reason or "").strip():
        raise DomainError(_("Give the reason for not rating."), field="reason")
    _score(ruleset, level, score)
    return ruleset


def _subject_round(
    *, member, organization, year: int, ruleset: rules.RuleSet, at: selectors.YearEnd, rounds: dict | None
) -> RatingRound:
    """Check that the subject existed at the end of the year and find the round that rates it:
    a member's grassroots organization, or an organization's parent at year end."""
    if (member is None) == (organization is None):
        raise DomainError(_("Rate either a member or an organization."))
    if member is not None:
        org_id = at.member_org_id(member)
        if org_id is None:
            raise DomainError(
                _("%(name)s was not a Party member on 31/12/%(year)d, so cannot be rated for that year.")
                % {"name": member.full_name, "year": year},
                field="member",
            )
        conducting = at.grassroots_id(org_id)
    else:
        if not at.exists(organization):
            raise DomainError(
                _("%(code)s did not exist on 31/12/%(year)d, so cannot be rated for that year.")
                % {"code": organization.code, "year": year},
                field="organization",
            )
        conducting = at.parent_id(organization) or organization.pk
    rounds = {} if rounds is None else rounds
    if (conducting, year) not in rounds:
        rounds[(conducting, year)], _created = RatingRound.objects.get_or_create(
            organization_id=conducting, year=year, defaults={"rule_set": ruleset.code}
        )
    return rounds[(conducting, year)]


def record_rating(*, version: str | None = None, by=None, **kwargs) -> Outcome:
    """Record a step of a rating (create or change it while not decided). `version`
    (core.versions), from the rating screen: refused when someone rated the same member
    or organization after it.

    Warnings never stop it, except that with `require_override` (the rating screen) a
    decision with warnings needs an `override_reason`. An import passes what it loaded
    once (`at`, `rounds`, the `existing` rating) and the checks it makes per group (`skip`).
    """
    subject = {"member_ids": [getattr(kwargs.get("member"), "pk", None)],
               "organization_ids": [getattr(kwargs.get("organization"), "pk", None)], "years": [kwargs.get("year")]}
    with transaction.atomic(), tallies.ratings_changing(**subject):
        outcome = prepare_rating(by=by, **kwargs)
        check_unchanged(version, outcome.rating if outcome.rating.pk else None,
                        fields=("level", "score", "reason", "step", "override_reason"))
        stamp_history(outcome.rating, by)
        outcome.created = outcome.rating.pk is None
        outcome.rating.save()
    return outcome


def prepare_rating(
    *,
    year: int,
    level: str,
    member=None,
    organization: Organization | None = None,
    score=None,
    reason: str = "",
    step: int = Step.SELF_ASSESSED,
    override_reason: str = "",
    require_override: bool = False,
    by=None,
    at: selectors.YearEnd | None = None,
    rounds: dict | None = None,
    existing: Rating | None = None,
    skip: tuple[str, ...] = (),
    lookup: bool = True,
) -> Outcome:
    """Check a rating step and apply it to the rating in memory, unsaved; part of the
    caller's transaction (it may create the rating round). Without `lookup`, the caller
    knows there is no rating yet (an import that loaded them)."""
    ruleset = check_fields(year=year, level=level, score=score, reason=reason)
    if step not in Step.values:
        raise DomainError(_("Unknown step."), field="step")
    reason = normalize(reason or "").strip()
    override_reason = normalize(override_reason or "").strip()
    if level != Level.NOT_RATED:
        reason = ""
    value = _score(ruleset, level, score)
    round_ = _subject_round(
        member=member,
        organization=organization,
        year=year,
        ruleset=ruleset,
        at=at or selectors.YearEnd(year),
        rounds=rounds,
    )
    subject = {"member": member} if member is not None else {"organization": organization}
    rating = existing
    if rating is None and lookup:
        rating = Rating.objects.select_for_update().filter(year=year, **subject).first()
    if rating is not None and rating.locked:
        raise DomainError(
            _("This rating has been decided and is locked: reopen it with a reason to change it."),
            field="level",
            code="locked",
            obj=rating,
        )
    if rating is None:
        rating = Rating(year=year, **subject)
    rating.round = round_
    rating.level, rating.score, rating.reason, rating.step = level, value, reason, step
    if override_reason or step == Step.DECIDED:
        rating.override_reason = override_reason
    warnings = checks.warnings_for(rating, rules.rule_set(round_.rule_set), skip=skip)
    if require_override and step == Step.DECIDED and warnings and not override_reason:
        raise DomainError(
            _("Give a reason to override the warnings before deciding: %(warnings)s")
            % {"warnings": " ".join(w.message for w in warnings)},
            field="override_reason",
            code="override_needed",
        )
    by_field, at_field = STEP_FIELDS[step]
    setattr(rating, by_field, by if getattr(by, "pk", None) else None)
    setattr(rating, at_field, timezone.now())
    return Outcome(rating, warnings, created=rating.pk is None)


def reopen(*, rating: Rating, reason: str, by=None) -> Rating:
    """Unlock a decided rating; the reason stays in its history."""
    reason = normalize(reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for reopening."), field="reason")
    with transaction.atomic(), tallies.ratings_changing(
        member_ids=[rating.member_id], organization_ids=[rating.organization_id], years=[rating.year]
    ):
        rating = Rating.objects.select_for_update().get(pk=rating.pk)
        if not rating.locked:
            raise DomainError(_("Only a decided rating can be reopened."), obj=rating)
        rating.step = Step.PROPOSED
        rating.reopen_reason = reason
        stamp_history(rating, by)
        rating.save()
    return rating


def same_decision(rating: Rating, *, level: str, score, reason: str, override_reason: str) -> bool:
    score = None if score in (None, "") else Decimal(score)
    return (
        rating.locked
        and rating.level == level
        and rating.score == score
        and rating.reason == (normalize(reason or "").strip() if level == Level.NOT_RATED else "")
        and rating.override_reason == normalize(override_reason or "").strip()
    )


@dataclasses.dataclass
class DecidedRating:
    """A rating as decided (a list from the committee, an import): either subject."""

    year: int
    level: str
    member: object = None
    organization: Organization | None = None
    score: object = None
    reason: str = ""  # for `Không xếp loại`
    override_reason: str = ""  # the recorded reason where a rule is exceeded

    @property
    def subject(self) -> dict:
        return {"member": self.member} if self.member is not None else {"organization": self.organization}


# Lower levels first (RULES.md): members, then cells, then grassroots organizations, then above.
KIND_ORDER = {
    Organization.Kind.CELL: 1,
    Organization.Kind.SUB_COMMITTEE: 2,
    Organization.Kind.GRASSROOTS_CELL: 3,
    Organization.Kind.GRASSROOTS_COMMITTEE: 3,
    Organization.Kind.ABOVE_GRASSROOTS: 4,
}


def decide_ratings(
    *, items: list[DecidedRating], reopen_reason: str = "", by=None, skip: tuple[str, ...] = ()
) -> list[Outcome]:
    """Record decided ratings, in one transaction: a new one is created decided; the same
    decision already recorded is left unchanged; a different one reopens the decided
    rating (with `reopen_reason`) and decides it again. Warnings never stop it; they come
    back in the outcomes, in the order of `items`.

    Lower levels are recorded before higher ones, so that an organization's checks see its
    members' ratings; new ratings of one level are written together (an import's
    thousands). `skip` names checks the caller makes per group itself.
    """
    outcomes: dict[int, Outcome] = {}
    # The report tallies follow (`tallies.services`), around the writes.
    changing = tallies.ratings_changing(
        member_ids=[getattr(item.member, "pk", None) for item in items],
        organization_ids=[getattr(item.organization, "pk", None) for item in items],
        years={item.year for item in items},
    )
    with transaction.atomic(), changing:
        years = {_year(item.year) for item in items}
        at = {year: selectors.YearEnd(year, preload=len(items) > 50) for year in years}
        existing = {
            (r.year, r.member_id, r.organization_id): r
            for r in Rating.objects.filter(year__in=years).filter(
                Q(member_id__in=[i.member.pk for i in items if i.member is not None])
                | Q(organization_id__in=[i.organization.pk for i in items if i.organization is not None])
            )
        }
        rounds: dict = {}

        def level(item: DecidedRating) -> tuple:
            return (item.year, KIND_ORDER.get(item.organization.kind, 5) if item.organization else 0)

        pending: list[Outcome] = []
        level_key = None
        for i in sorted(range(len(items)), key=lambda i: level(items[i])):
            item = items[i]
            key = level(item)
            if key != level_key:
                _create(pending, by)
                level_key = key
            found = existing.get((item.year, getattr(item.member, "pk", None), getattr(item.organization, "pk", None)))
            is_not_rated = item.level == Level.NOT_RATED
            common = {
                "year": item.year, "level": item.level, "score": item.score,
                "reason": item.reason if is_not_rated else "",
                "override_reason": "" if is_not_rated else item.override_reason,
                "step": Step.DECIDED, "by": by, "at": at[item.year], "rounds": rounds, "skip": skip, **item.subject,
            }
            if found is not None and found.locked:
                if same_decision(found, level=item.level, score=item.score, reason=common["reason"],
                                 override_reason=common["override_reason"]):
                    outcomes[i] = Outcome(found, [], changed=False)
                    continue
                found = reopen(rating=found, reason=reopen_reason or _("Changed by a decided rating."), by=by)
            if found is None:
                outcome = prepare_rating(existing=None, lookup=False, **common)
                outcomes[i] = outcome
                pending.append(outcome)
                continue
            outcome = prepare_rating(existing=found, **common)
            stamp_history(outcome.rating, by)
            outcome.rating.save()
            outcomes[i] = outcome
        _create(pending, by)
    return [outcomes[i] for i in range(len(items))]


def _create(pending: list[Outcome], by) -> None:
    """Save new ratings of one level at once, with their history."""
    from dangbo.core.bulk import bulk_create_with_history

    if pending:
        bulk_create_with_history([o.rating for o in pending], Rating, by=by)
        for outcome in pending:
            outcome.created = True
        pending.clear()
