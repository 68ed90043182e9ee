"""Every change to cadre records goes through one of these functions."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.lib.vntext import normalize, short_date
from dangbo.members.lifecycle import add_months
from dangbo.members.models import Member, MembershipSpan
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import existed_on

from . import rules
from .models import ManagedTitle, PersonnelDecision, Position, SuccessionPlan

Kind = PersonnelDecision.Kind
ONE_DAY = dt.timedelta(days=1)


class NeedsOverride(DomainError):
    """The decision raises warnings: it is saved only with a recorded reason."""

    def __init__(self, warnings: list[str]):
        super().__init__(
            _("Check the warnings, and give the reason for going ahead to record the decision."),
            field="override_reason",
            code="needs_override",
        )
        self.warnings = warnings


def _text(value, field: str, *, required: bool = False, max_length: int | None = None) -> str:
    text = " ".join(normalize(value or "").split()) if max_length else normalize(value or "").strip()
    if required and not text:
        raise DomainError(_("This field is required."), field=field)
    if max_length and len(text) > max_length:
        raise DomainError(_("At most %(n)d characters.") % {"n": max_length}, field=field)
    return text


def is_member_on(member: Member, day: dt.date) -> bool:
    return MembershipSpan.objects.filter(member=member, valid_from__lte=day, valid_to__gte=day).exists()


def _unit_positions(member: Member, organization: Organization | None, unit_name: str):
    qs = Position.objects.filter(member=member)
    return (
        qs.filter(organization=organization)
        if organization
        else qs.filter(organization__isnull=True, unit_name=unit_name)
    )


def decision_warnings(
    *,
    kind: str,
    date: dt.date,
    member: Member,
    title: str,
    managed_by: Organization,
    organization: Organization | None = None,
    unit_name: str = "",
) -> list[str]:
    """The rule checks of a decision (RULES.md: warnings with a reason to record)."""
    rule = rules.rule_on(date)
    warnings = []
    plans = SuccessionPlan.objects.filter(organization=managed_by)
    # Only where the committee keeps its succession plans here: plain imported data has none.
    if kind in (Kind.ROTATION, Kind.APPOINTMENT) and plans.exists():
        planned = plans.filter(
            member=member, title__iexact=title, from_year__lte=date.year, to_year__gte=date.year
        ).exists()
        if not planned:
            warnings.append(
                _("%(name)s is not in the succession plan for “%(title)s” in %(year)d (%(source)s).")
                % {"name": member.full_name, "title": title, "year": date.year, "source": rule.source}
            )
    if rules.is_head_title(title) and (organization or unit_name):
        heads = sorted(
            (
                p
                for p in _unit_positions(member, organization, unit_name).filter(start__lt=date)
                if rules.is_head_title(p.title)
            ),
            key=lambda p: p.start,
        )
        run_start = run_end = None
        for p in heads:
            end = p.end or dt.date.max - ONE_DAY
            if run_end is not None and p.start <= run_end + ONE_DAY:
                run_end = max(run_end, end)
            else:
                run_start, run_end = p.start, end
        if run_start and run_end >= date - ONE_DAY and add_months(run_start, 12 * rule.head_years) <= date:
            warnings.append(
                _(
                    "%(name)s has headed this unit without a break since %(since)s: more than two "
                    "consecutive terms (%(source)s)."
                )
                % {"name": member.full_name, "since": short_date(run_start), "source": rule.source}
            )
    return warnings


def record_decision(
    *,
    kind: str,
    date: dt.date,
    member: Member,
    title: str,
    managed_by: Organization | None,
    organization: Organization | None = None,
    unit_name: str = "",
    number: str = "",
    note: str = "",
    previous_position: Position | None = None,
    override_reason: str = "",
    by=None,
) -> tuple[PersonnelDecision, list[str]]:
    """Record a personnel decision and update the member's positions, in one transaction.

    The position before (when given) ends the day before the decision and the title after
    is opened from its date; a nomination for election opens nothing (the post comes with
    the election). Returns the decision and the warnings it was recorded despite;
    raises `NeedsOverride` when there are warnings and no `override_reason`.
    """
    if kind not in Kind.values:
        raise DomainError(_("Unknown kind of decision."), field="kind")
    if not isinstance(date, dt.date):
        raise DomainError(_("The date is required."), field="date")
    title = _text(title, "title", required=True, max_length=255)
    unit_name = "" if organization else _text(unit_name, "unit", max_length=255)
    number = _text(number, "number", max_length=100)
    note = _text(note, "note")
    override_reason = _text(override_reason, "override_reason")
    if managed_by is None:
        raise DomainError(_("Unknown managing committee."), field="managed_by")
    with transaction.atomic():
        if not existed_on(managed_by, date):
            raise DomainError(
                _("The committee %(code)s did not exist on %(date)s.")
                % {"code": managed_by.code, "date": short_date(date)},
                field="managed_by",
            )
        if not is_member_on(member, date):
            raise DomainError(
                _("%(name)s was not a Party member on %(date)s.")
                % {"name": member.full_name, "date": short_date(date)},
                field="member",
            )
        if organization is not None and not existed_on(organization, date):
            raise DomainError(
                _("The organization %(code)s did not exist on %(date)s.")
                % {"code": organization.code, "date": short_date(date)},
                field="unit",
            )
        if previous_position is not None:
            if previous_position.member_id != member.pk:
                raise DomainError(_("The position before belongs to someone else."), field="previous_position")
            if previous_position.start >= date or (
                previous_position.end is not None and previous_position.end < date - ONE_DAY
            ):
                raise DomainError(
                    _("The position before was not held on the day before the decision."), field="previous_position"
                )
        warnings = decision_warnings(
            kind=kind,
            date=date,
            member=member,
            title=title,
            managed_by=managed_by,
            organization=organization,
            unit_name=unit_name,
        )
        if warnings and not override_reason:
            raise NeedsOverride(warnings)
        if previous_position is not None:
            previous_position.end = date - ONE_DAY
            stamp_history(previous_position, by)
            previous_position.save()
        position = None
        if kind != Kind.NOMINATION:
            # A reappointment continues the post already held: no second row for it.
            position = (
                _unit_positions(member, organization, unit_name)
                .filter(title=title, start__lte=date)
                .filter(Q(end__isnull=True) | Q(end__gte=date))
                .first()
            )
            if position is None:
                position = Position(
                    member=member, title=title, organization=organization, unit_name=unit_name, start=date
                )
                stamp_history(position, by)
                position.save()
        decision = PersonnelDecision(
            kind=kind,
            date=date,
            number=number,
            member=member,
            title=title,
            organization=organization,
            unit_name=unit_name,
            managed_by=managed_by,
            previous_position=previous_position,
            position=position,
            term_end=rules.term_end(date) if kind in PersonnelDecision.TERM_KINDS else None,
            note=note,
            override_reason=override_reason if warnings else "",
            created_by=by if getattr(by, "pk", None) else None,
        )
        stamp_history(decision, by)
        decision.save()
    return decision, warnings


def add_managed_title(*, committee: Organization, title: str, by=None) -> ManagedTitle:
    title = _text(title, "title", required=True, max_length=255)
    with transaction.atomic():
        if ManagedTitle.objects.filter(committee=committee, title=title).exists():
            raise DomainError(_("This title is already on the committee's list."), field="title")
        managed = ManagedTitle(committee=committee, title=title)
        stamp_history(managed, by)
        managed.save()
    return managed


def add_succession_plan(
    *, member: Member, title: str, organization: Organization, from_year: int, to_year: int, by=None
) -> SuccessionPlan:
    title = _text(title, "title", required=True, max_length=255)
    if to_year < from_year:
        raise DomainError(_("The last year is before the first year."), field="to_year")
    plan = SuccessionPlan(member=member, title=title, organization=organization, from_year=from_year, to_year=to_year)
    with transaction.atomic():
        stamp_history(plan, by)
        plan.save()
    return plan
