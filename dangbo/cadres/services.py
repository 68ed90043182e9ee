"""Every change to cadre records goes through one of these functions."""

import dataclasses
import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core.attachments import CheckedFile, check_upload, store_file
from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.lib.vntext import match_key, normalize, short_date
from dangbo.members.lifecycle import add_months
from dangbo.members.models import Member, MembershipSpan
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import existed_on

from . import rules
from .models import DecisionAttachment, ManagedTitle, PersonnelDecision, Position, SuccessionPlan

Kind = PersonnelDecision.Kind
ONE_DAY = dt.timedelta(days=1)

# The years a succession plan may name, and how long one may run (two terms at most).
PLAN_YEARS = (1945, 2100)
PLAN_MAX_YEARS = 10


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


def _same_title(a: str, b: str) -> bool:
    """Titles compared as people read them: case and spacing aside (SQLite's iexact
    only folds ASCII letters, not "Đ" or "Ư")."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _words(title: str) -> list[str]:
    return match_key(title.replace(",", " ")).split()


def _equivalent_post(planned: str, title: str) -> bool:
    """Is a plan for `planned` a plan for the post `title` (QĐ 377: "that post or an
    equivalent one")? The same title, or the plan names the post in general and the
    decision names it in one unit: "Phó Chủ tịch UBND xã" covers "Phó Chủ tịch UBND xã
    Thanh An" (the plan's words begin the title's)."""
    planned_words, words = _words(planned), _words(title)
    return bool(planned_words) and words[: len(planned_words)] == planned_words


def is_member_on(member: Member, day: dt.date) -> bool:
    return MembershipSpan.objects.filter(member=member, valid_from__lte=day, valid_to__gte=day).exists()


def _unit_positions(member: Member, organization: Organization | None, unit_name: str):
    qs = Position.objects.live().filter(member=member)
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
    plans = SuccessionPlan.objects.filter(organization=managed_by, voided_at__isnull=True)
    # Only where the committee keeps its succession plans here: plain imported data has none.
    if kind in (Kind.ROTATION, Kind.APPOINTMENT) and plans.exists():
        candidates = plans.filter(member=member, from_year__lte=date.year, to_year__gte=date.year).filter(
            Q(removed_on__isnull=True) | Q(removed_on__gt=date)
        )
        planned = any(_equivalent_post(p.title, title) for p in candidates)
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


@dataclasses.dataclass
class NewDecision:
    """A personnel decision to record. `organization` is the unit when it is one of the
    tree, else `unit_name` names it. With `end_previous`, the position the member held in
    that unit the day before ends then (unless it is the same post, or began that day).
    `files`: uploaded files attached to it. Warnings need an `override_reason`."""

    kind: str
    date: dt.date
    member: Member
    title: str
    managed_by: Organization | None
    organization: Organization | None = None
    unit_name: str = ""
    number: str = ""
    note: str = ""
    end_previous: bool = False
    previous_position: Position | None = None  # named instead: checked to be the member's, held the day before
    override_reason: str = ""
    files: tuple = ()


def record_decisions(*, items: list[NewDecision], by=None) -> list[tuple[PersonnelDecision, list[str]]]:
    """Record personnel decisions and update the members' positions, in one transaction,
    in date order (a later decision ends the post an earlier one opened). The position
    before ends the day before the decision and the title after is opened from its date;
    a nomination for election opens nothing (the post comes with the election). Returns
    (decision, the warnings it was recorded despite) for each item, in the items' order;
    raises `NeedsOverride` when an item has warnings and no override reason.

    A person with no membership in this system's records (a person of record, named by an
    exported subtree's decisions while their register is kept elsewhere) may be named;
    a member of the register must be a member on the date.
    """
    checked = [[check_upload(upload, field="attachment") for upload in item.files] for item in items]
    results: dict[int, tuple[PersonnelDecision, list[str]]] = {}
    with transaction.atomic():
        for i in sorted(range(len(items)), key=lambda i: items[i].date):
            try:
                results[i] = _record(items[i], checked[i], by)
            except DomainError as exc:
                exc.obj = exc.obj if exc.obj is not None else items[i]  # which item, for an import's report
                raise
    return [results[i] for i in range(len(items))]


def check_decision(item: NewDecision) -> NewDecision:
    """`item` with its texts normalized and its fields checked, reading nothing."""
    if item.kind not in Kind.values:
        raise DomainError(_("Unknown kind of decision."), field="kind")
    if not isinstance(item.date, dt.date):
        raise DomainError(_("The date is required."), field="date")
    if item.managed_by is None:
        raise DomainError(_("Unknown managing committee."), field="managed_by")
    return dataclasses.replace(
        item,
        title=_text(item.title, "title", required=True, max_length=255),
        unit_name="" if item.organization else _text(item.unit_name, "unit", max_length=255),
        number=_text(item.number, "number", max_length=100),
        note=_text(item.note, "note"),
        override_reason=_text(item.override_reason, "override_reason"),
    )


def has_membership_records(member: Member) -> bool:
    return MembershipSpan.objects.filter(member=member).exists()


def _record(item: NewDecision, checked: list[CheckedFile], by) -> tuple[PersonnelDecision, list[str]]:
    item = check_decision(item)
    kind, date, member, title = item.kind, item.date, item.member, item.title
    managed_by, organization, unit_name = item.managed_by, item.organization, item.unit_name
    if not existed_on(managed_by, date):
        raise DomainError(
            _("The committee %(code)s did not exist on %(date)s.")
            % {"code": managed_by.code, "date": short_date(date)},
            field="managed_by",
        )
    if not is_member_on(member, date) and has_membership_records(member):
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
    previous_position = item.previous_position
    if previous_position is not None:
        if previous_position.member_id != member.pk:
            raise DomainError(_("The position before belongs to someone else."), field="previous_position")
        if previous_position.start >= date or (
            previous_position.end is not None and previous_position.end < date - ONE_DAY
        ):
            raise DomainError(
                _("The position before was not held on the day before the decision."), field="previous_position"
            )
    elif item.end_previous:
        previous_position = _open_position(member, date - ONE_DAY, organization, unit_name)
        if previous_position is not None and (previous_position.title == title or previous_position.start >= date):
            previous_position = None  # the same post continues, or it began that day
    warnings = decision_warnings(
        kind=kind,
        date=date,
        member=member,
        title=title,
        managed_by=managed_by,
        organization=organization,
        unit_name=unit_name,
    )
    if warnings and not item.override_reason:
        raise NeedsOverride(warnings)
    previous_end = previous_position.end if previous_position is not None else None
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
            position = Position(member=member, title=title, organization=organization, unit_name=unit_name, start=date)
            stamp_history(position, by)
            position.save()
    decision = PersonnelDecision(
        kind=kind,
        date=date,
        number=item.number,
        member=member,
        title=title,
        organization=organization,
        unit_name=unit_name,
        managed_by=managed_by,
        previous_position=previous_position,
        previous_end=previous_end,
        position=position,
        term_end=rules.term_end(date) if kind in PersonnelDecision.TERM_KINDS else None,
        note=item.note,
        warnings="\n".join(warnings),
        override_reason=item.override_reason if warnings else "",
        created_by=by if getattr(by, "pk", None) else None,
    )
    stamp_history(decision, by)
    decision.save()
    # Last, so that a refusal above leaves no file behind.
    for upload, info in zip(item.files, checked, strict=True):
        _store_attachment(decision, upload, info, by)
    return decision, warnings


def _open_position(member: Member, day: dt.date, organization: Organization | None, unit_name: str):
    """The member's position in that unit held on `day` (the one a new decision ends)."""
    return (
        _unit_positions(member, organization, unit_name)
        .filter(start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .order_by("-start", "-pk")
        .first()
    )


def _dependent_decision(decision: PersonnelDecision) -> PersonnelDecision | None:
    """A live decision that builds on what `decision` changed in the positions: it
    continues or ends the post `decision` opened, or, recorded later, ended again the post
    `decision` ended (its own "end before" is then the end `decision` set)."""
    others = PersonnelDecision.objects.filter(voided_at__isnull=True).exclude(pk=decision.pk)
    depends = Q(pk__in=[])
    if decision.position_id and _opened_position(decision):
        depends |= Q(position_id=decision.position_id) | Q(previous_position_id=decision.position_id)
    if decision.previous_position_id:
        depends |= Q(previous_position_id=decision.previous_position_id, pk__gt=decision.pk)
    return others.filter(depends).order_by("date", "pk").first()


def _opened_position(decision: PersonnelDecision) -> bool:
    """Did `decision` open its position after, rather than continue one already held?"""
    position = decision.position
    if position is None or position.start != decision.date:
        return False
    earlier = Q(date__lt=decision.date) | Q(date=decision.date, pk__lt=decision.pk)
    return (
        not PersonnelDecision.objects.filter(voided_at__isnull=True, position=position)
        .filter(earlier)
        .exclude(pk=decision.pk)
        .exists()
    )


def void_decision(*, decision: PersonnelDecision, reason: str, by=None) -> PersonnelDecision:
    """Void a decision recorded by mistake and undo what it did to the positions: the
    position it opened is voided, the position it ended is held again as before.

    Refused while another live decision builds on those positions: that one goes first.
    """
    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        # Locks the decision's own row only: PostgreSQL cannot lock the nullable side of
        # the outer joins that select_related makes for the positions.
        decision = (
            PersonnelDecision.objects.select_for_update(of=("self",))
            .select_related("member", "position", "previous_position")
            .get(pk=decision.pk)
        )
        if decision.voided_at is not None:
            raise DomainError(_("This decision is already voided."), field="reason")
        dependent = _dependent_decision(decision)
        if dependent is not None:
            raise DomainError(
                _(
                    "The decision of %(date)s (%(kind)s, %(name)s) builds on the positions this one changed: "
                    "void that decision first."
                )
                % {
                    "date": short_date(dependent.date),
                    "kind": dependent.get_kind_display(),
                    "name": dependent.member.full_name,
                },
                field="reason",
                obj=dependent,
            )
        now = timezone.now()
        if decision.position_id and _opened_position(decision):
            position = decision.position
            position.voided_at, position.void_reason = now, reason
            stamp_history(position, by)
            position.save(update_fields=["voided_at", "void_reason"])
        previous = decision.previous_position
        if previous is not None:
            if previous.end != decision.date - ONE_DAY:
                # Not ended by this decision any more, yet no live decision explains it.
                raise DomainError(
                    _("The position before has changed since this decision; it cannot be put back."), field="reason"
                )
            previous.end = decision.previous_end
            stamp_history(previous, by)
            previous.save(update_fields=["end"])
        decision.voided_at, decision.void_reason = now, reason
        stamp_history(decision, by)
        decision.save(update_fields=["voided_at", "void_reason"])
    return decision


def _store_attachment(decision: PersonnelDecision, upload, checked: CheckedFile, by) -> DecisionAttachment:
    if decision.attachments.filter(voided_at__isnull=True, sha256=checked.sha256).exists():
        raise DomainError(
            _("%(name)s is already attached to this decision.") % {"name": checked.name}, field="attachment"
        )
    attachment = DecisionAttachment(decision=decision, created_by=by if getattr(by, "pk", None) else None)
    # The file is written before the row: should the transaction fail after this, the
    # file is left on disk with no row, where no view can reach it.
    store_file(attachment, upload, checked)
    stamp_history(attachment, by)
    attachment.save()
    return attachment


def attach_file(*, decision: PersonnelDecision, upload, by=None) -> DecisionAttachment:
    """Keep a file (the signed decision, a minute) with a decision."""
    checked = check_upload(upload, field="attachment")
    with transaction.atomic():
        decision = PersonnelDecision.objects.select_for_update().get(pk=decision.pk)
        if decision.voided_at is not None:
            raise DomainError(_("This decision is voided: nothing more can be attached to it."), field="attachment")
        return _store_attachment(decision, upload, checked, by)


def void_attachment(*, attachment: DecisionAttachment, reason: str, by=None) -> DecisionAttachment:
    """An attachment added by mistake: kept, but no longer listed as part of the decision
    nor served."""
    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        attachment = DecisionAttachment.objects.select_for_update().get(pk=attachment.pk)
        if attachment.voided_at is not None:
            raise DomainError(_("This attachment is already voided."), field="reason")
        attachment.voided_at, attachment.void_reason = timezone.now(), reason
        stamp_history(attachment, by)
        attachment.save(update_fields=["voided_at", "void_reason"])
    return attachment


def add_managed_title(*, committee: Organization, title: str, by=None) -> ManagedTitle:
    """Put a title on the committee's list (diện Ban Thường vụ quản lý)."""
    title = _text(title, "title", required=True, max_length=255)
    with transaction.atomic():
        listed = ManagedTitle.objects.filter(committee=committee, ended_on__isnull=True).values_list("title", flat=True)
        if any(_same_title(other, title) for other in listed):
            raise DomainError(_("This title is already on the committee's list."), field="title")
        managed = ManagedTitle(committee=committee, title=title)
        stamp_history(managed, by)
        managed.save()
    return managed


def end_managed_title(*, managed: ManagedTitle, on: dt.date, reason: str, by=None) -> ManagedTitle:
    """Take a title off the committee's list from `on`; the row and its history stay."""
    if not isinstance(on, dt.date):
        raise DomainError(_("The date is required."), field="ended_on")
    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        managed = ManagedTitle.objects.select_for_update().get(pk=managed.pk)
        if managed.ended_on is not None:
            raise DomainError(_("This title is already off the list."), field="ended_on")
        managed.ended_on, managed.end_reason = on, reason
        stamp_history(managed, by)
        managed.save(update_fields=["ended_on", "end_reason"])
    return managed


def _year(value, field: str) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise DomainError(_("Enter a year, e.g. 2025."), field=field) from None
    if not PLAN_YEARS[0] <= year <= PLAN_YEARS[1]:
        raise DomainError(
            _("Enter a year between %(first)d and %(last)d.") % {"first": PLAN_YEARS[0], "last": PLAN_YEARS[1]},
            field=field,
        )
    return year


def add_succession_plan(
    *, member: Member, title: str, organization: Organization, from_year: int, to_year: int, by=None
) -> SuccessionPlan:
    """Put a member in the committee's succession plan for a post (QĐ 377: one record per
    person and post). The member must be a Party member on the day it is recorded."""
    title = _text(title, "title", required=True, max_length=255)
    from_year, to_year = _year(from_year, "from_year"), _year(to_year, "to_year")
    if to_year < from_year:
        raise DomainError(_("The last year is before the first year."), field="to_year")
    if to_year - from_year >= PLAN_MAX_YEARS:
        raise DomainError(
            _("A succession plan runs for at most %(n)d years.") % {"n": PLAN_MAX_YEARS}, field="to_year"
        )
    today = timezone.localdate()
    with transaction.atomic():
        if not is_member_on(member, today):
            raise DomainError(
                _("%(name)s was not a Party member on %(date)s.")
                % {"name": member.full_name, "date": short_date(today)},
                field="member",
            )
        overlapping = SuccessionPlan.objects.filter(
            member=member,
            organization=organization,
            voided_at__isnull=True,
            removed_on__isnull=True,
            from_year__lte=to_year,
            to_year__gte=from_year,
        ).order_by("from_year")
        same = next((p for p in overlapping if _same_title(p.title, title)), None)
        if same is not None:
            raise DomainError(
                _("%(name)s is already in the plan for this post for %(first)d–%(last)d.")
                % {"name": member.full_name, "first": same.from_year, "last": same.to_year},
                field="member",
            )
        plan = SuccessionPlan(
            member=member, title=title, organization=organization, from_year=from_year, to_year=to_year
        )
        stamp_history(plan, by)
        plan.save()
    return plan


def take_out_of_plan(*, plan: SuccessionPlan, on: dt.date, reason: str, by=None) -> SuccessionPlan:
    """Take a member out of the succession plan from `on` (đưa ra khỏi quy hoạch): the
    record stays and still counts for the days before."""
    if not isinstance(on, dt.date):
        raise DomainError(_("The date is required."), field="removed_on")
    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        plan = SuccessionPlan.objects.select_for_update().select_related("member").get(pk=plan.pk)
        if plan.voided_at is not None or plan.removed_on is not None:
            raise DomainError(_("This person is already out of the plan."), field="removed_on")
        if not plan.from_year <= on.year <= plan.to_year:
            raise DomainError(
                _("The date must fall within the plan's years, %(first)d–%(last)d.")
                % {"first": plan.from_year, "last": plan.to_year},
                field="removed_on",
            )
        plan.removed_on, plan.removal_reason = on, reason
        stamp_history(plan, by)
        plan.save(update_fields=["removed_on", "removal_reason"])
    return plan


def void_succession_plan(*, plan: SuccessionPlan, reason: str, by=None) -> SuccessionPlan:
    """A plan record entered by mistake: kept with the reason, and counts for nothing."""
    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        plan = SuccessionPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.voided_at is not None:
            raise DomainError(_("This record is already voided."), field="reason")
        plan.voided_at, plan.void_reason = timezone.now(), reason
        stamp_history(plan, by)
        plan.save(update_fields=["voided_at", "void_reason"])
    return plan
