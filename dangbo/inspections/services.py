"""Every change to inspection, supervision and discipline records goes through one of
these functions. Each takes a list (the screens pass a list of one, an import many),
checks every item before writing anything, writes in one transaction and names the
person in the history.

The checks that look at the tree and the register ask a `facts` object: the saved
records here (`SavedFacts`), the records as the file would leave them in an import's
check (`interchange.world.World`, with the expulsions of the file): one rule, two
sources, as `members.lifecycle` does for the membership rules.
"""

import dataclasses
import datetime as dt
import hashlib
from collections import defaultdict
from typing import Protocol

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core.bulk import build, bulk_create_with_history, bulk_update_with_history
from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.lib.vntext import normalize, short_date
from dangbo.members.models import Member, MembershipEvent, MembershipSpan
from dangbo.organizations.models import FAR_FUTURE, Organization, OrgSpan

from . import rules, tally
from .models import Body, Discipline, Item, Program, Remedy

ONE_DAY = dt.timedelta(days=1)
YEARS = (1930, 2100)


class NeedsOverride(DomainError):
    """The decision raises warnings: it is recorded only with a reason for going ahead."""

    def __init__(self, warnings: list[str]):
        super().__init__(
            _("Check the warnings, and give the reason for going ahead to record the decision."),
            field="override_reason",
            code="needs_override",
        )
        self.warnings = warnings


class Facts(Protocol):
    """What the checks ask of the tree and the register."""

    def exists(self, org: Organization, day: dt.date) -> bool: ...

    def member_on(self, member: Member, day: dt.date): ...  # a span (organization_id, status, valid_to) or None

    def has_membership_records(self, member: Member) -> bool: ...

    def expelled_on(self, member: Member, day: dt.date) -> bool: ...


@dataclasses.dataclass(frozen=True)
class _Span:
    valid_from: dt.date
    valid_to: dt.date
    organization_id: int
    status: str


class SavedFacts:
    """The saved tree and register, loaded once for the organizations and members of a
    list of items (a few queries, not a few per item)."""

    def __init__(self, orgs, members):
        org_ids = {o.pk for o in orgs if o is not None}
        member_ids = {m.pk for m in members if m is not None}
        self._lives: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        self._spans: dict[int, list[_Span]] = defaultdict(list)
        self._expelled: set[tuple[int, dt.date]] = set()
        ids = sorted(org_ids)
        for start in range(0, len(ids), 5000):
            for org_id, first, last in OrgSpan.objects.filter(
                organization_id__in=ids[start : start + 5000], merged_into__isnull=True
            ).values_list("organization_id", "valid_from", "valid_to"):
                self._lives[org_id].append((first, last))
        ids = sorted(member_ids)
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            for member_id, *span in MembershipSpan.objects.filter(member_id__in=chunk).values_list(
                "member_id", "valid_from", "valid_to", "organization_id", "status"
            ):
                self._spans[member_id].append(_Span(*span))
            self._expelled.update(
                MembershipEvent.objects.filter(
                    member_id__in=chunk, kind=MembershipEvent.Kind.EXPELLED, voided_at__isnull=True
                ).values_list("member_id", "date")
            )

    def exists(self, org: Organization, day: dt.date) -> bool:
        return any(first <= day <= last for first, last in self._lives.get(org.pk, ()))

    def member_on(self, member: Member, day: dt.date) -> _Span | None:
        return next((s for s in self._spans.get(member.pk, ()) if s.valid_from <= day <= s.valid_to), None)

    def has_membership_records(self, member: Member) -> bool:
        return bool(self._spans.get(member.pk))

    def expelled_on(self, member: Member, day: dt.date) -> bool:
        return (member.pk, day) in self._expelled


def _text(value, field: str, *, required: bool = False, max_length: int | None = None) -> str:
    """Text as stored: normalized; one line (spaces collapsed) when `max_length` is given."""
    text = " ".join(normalize(value or "").split()) if max_length else normalize(value or "").strip()
    if required and not text:
        raise DomainError(_("This field is required."), field=field)
    if max_length and len(text) > max_length:
        raise DomainError(_("At most %(n)d characters.") % {"n": max_length}, field=field)
    return text


def _date(value, field: str, *, required: bool = True) -> dt.date | None:
    if value is None and not required:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise DomainError(_("Enter a date (day/month/year)."), field=field)
    return value


def _subject(member: Member | None, organization: Organization | None) -> None:
    if (member is None) == (organization is None):
        raise DomainError(_("Name either a member or an organization as the subject."), field="subject")


def _member_name(member: Member) -> str:
    return f"{member.full_name} ({member.code})"


# -- Items of the programs ---------------------------------------------------------------


@dataclasses.dataclass
class ItemFields:
    """An item of a program as planned (everything but its conclusion)."""

    code: str
    year: int
    kind: str
    body: str
    organization: Organization
    start: dt.date
    subject_member: Member | None = None
    subject_organization: Organization | None = None
    decision_number: str = ""
    note: str = ""


PLAN_FIELDS = (
    "year",
    "kind",
    "body",
    "organization_id",
    "subject_member_id",
    "subject_organization_id",
    "start",
    "decision_number",
    "note",
)


def check_item(fields: ItemFields, facts: Facts) -> tuple[ItemFields, list[str]]:
    """`fields` checked against the tree and the register (`facts`), normalized; and the
    warnings (a member inspected whose membership is kept by another committee)."""
    code = (fields.code or "").strip()
    if not code or len(code) > 32:
        raise DomainError(_("The item code is required, at most 32 characters."), field="code")
    if not isinstance(fields.year, int) or not YEARS[0] <= fields.year <= YEARS[1]:
        raise DomainError(_("The year is not plausible."), field="year")
    if fields.kind not in Item.Kind.values:
        raise DomainError(_("Unknown kind of inspection or supervision."), field="kind")
    if fields.body not in Body.values:
        raise DomainError(_("Unknown body."), field="body")
    start = _date(fields.start, "start")
    _subject(fields.subject_member, fields.subject_organization)
    if fields.organization is None or not facts.exists(fields.organization, start):
        raise DomainError(
            _("The organization %(code)s did not exist on %(date)s.")
            % {"code": getattr(fields.organization, "code", "?"), "date": short_date(start)},
            field="organization",
        )
    warnings = []
    if fields.subject_organization is not None:
        if not facts.exists(fields.subject_organization, start):
            raise DomainError(
                _("The organization %(code)s did not exist on %(date)s.")
                % {"code": fields.subject_organization.code, "date": short_date(start)},
                field="subject",
            )
    elif facts.member_on(fields.subject_member, start) is None:
        if facts.has_membership_records(fields.subject_member):
            raise DomainError(
                _("%(name)s was not a Party member on %(date)s.")
                % {"name": _member_name(fields.subject_member), "date": short_date(start)},
                field="subject",
            )
        warnings.append(
            _("%(name)s has no membership records here (they are kept by another committee).")
            % {"name": _member_name(fields.subject_member)}
        )
    checked = dataclasses.replace(
        fields,
        code=code,
        start=start,
        decision_number=_text(fields.decision_number, "decision_number", max_length=100),
        note=_text(fields.note, "note"),
    )
    return checked, warnings


def _programs(checked: list[ItemFields], by) -> dict[tuple[int, int, str], Program]:
    """The program of each item's organization, year and owner; those missing are created
    (one query to find them, one insert for the new)."""
    wanted = {(f.organization.pk, f.year, Program.owner_of(f.body)) for f in checked}
    found: dict[tuple[int, int, str], Program] = {}
    org_ids = sorted({key[0] for key in wanted})
    for start in range(0, len(org_ids), 5000):
        for program in Program.objects.filter(
            organization_id__in=org_ids[start : start + 5000], year__in={key[1] for key in wanted}
        ):
            found[(program.organization_id, program.year, program.owner)] = program
    new = [
        build(Program, organization_id=org_id, year=year, owner=owner, decision_number="", note="")
        for org_id, year, owner in sorted(wanted - set(found))
    ]
    bulk_create_with_history(new, Program, by=by)
    found.update({(p.organization_id, p.year, p.owner): p for p in new})
    return found


def record_items(*, items: list[ItemFields], by=None) -> list[tuple[Item, str, list[str]]]:
    """Record the items of programs, as planned: a new code creates the item (and the
    program of its organization, year and body when it is the first); a known code with
    other fields changes it (the history keeps the former values); the same fields
    change nothing. Returns (item, "created" | "updated" | "unchanged", warnings) in the
    items' order. A voided item's code cannot be used again."""
    facts = SavedFacts(
        [i.organization for i in items] + [i.subject_organization for i in items],
        [i.subject_member for i in items],
    )
    checked = []
    for fields in items:
        try:
            checked.append(check_item(fields, facts))
        except DomainError as exc:
            exc.obj = fields
            raise
    codes = [f.code for f, _w in checked]
    if len(set(codes)) != len(codes):
        raise DomainError(_("The same item code is given twice."), field="code")
    results: list[tuple[Item, str, list[str]]] = []
    with transaction.atomic():
        existing = {}
        for start in range(0, len(codes), 5000):
            existing.update(
                {i.code: i for i in Item.objects.select_for_update().filter(code__in=codes[start : start + 5000])}
            )
        programs = _programs([f for f, _w in checked], by)
        new, changed = [], []
        for (fields, warnings), original in zip(checked, items, strict=True):
            program = programs[(fields.organization.pk, fields.year, Program.owner_of(fields.body))]
            item = existing.get(fields.code)
            if item is not None and item.voided_at is not None:
                raise DomainError(
                    _("The item %(code)s was voided; give the new item another code.") % {"code": fields.code},
                    field="code",
                    obj=original,
                )
            if item is None:
                item = build(
                    Item,
                    code=fields.code,
                    program=program,
                    organization=fields.organization,
                    year=fields.year,
                    kind=fields.kind,
                    body=fields.body,
                    subject_member=fields.subject_member,
                    subject_organization=fields.subject_organization,
                    start=fields.start,
                    decision_number=fields.decision_number,
                    note=fields.note,
                    conclusion="",
                    strengths="",
                    shortcomings="",
                    void_reason="",
                    created_by=by if getattr(by, "pk", None) else None,
                )
                new.append(item)
                results.append((item, "created", warnings))
                continue
            before = tuple(getattr(item, f) for f in PLAN_FIELDS)
            item.program = program
            item.organization, item.year, item.kind, item.body = (
                fields.organization,
                fields.year,
                fields.kind,
                fields.body,
            )
            item.subject_member, item.subject_organization = fields.subject_member, fields.subject_organization
            item.start, item.decision_number, item.note = fields.start, fields.decision_number, fields.note
            if tuple(getattr(item, f) for f in PLAN_FIELDS) == before:
                results.append((item, "unchanged", warnings))
                continue
            if item.end is not None and item.end < item.start:
                raise DomainError(
                    _("The item %(code)s was concluded on %(date)s, before this start.")
                    % {"code": item.code, "date": short_date(item.end)},
                    field="start",
                    obj=original,
                )
            changed.append(item)
            results.append((item, "updated", warnings))
        with tally.changing(items=[i.pk for i in changed]):
            bulk_create_with_history(new, Item, by=by)
            if changed:
                bulk_update_with_history(changed, Item, [
                    "program", "organization", "year", "kind", "body", "subject_member", "subject_organization",
                    "start", "decision_number", "note",
                ], by=by)
        tally.added(items=[i.pk for i in new])
    return results


@dataclasses.dataclass
class ItemConclusion:
    """The conclusion of an item; `end` None takes a conclusion back (in progress again)."""

    item: Item
    end: dt.date | None
    conclusion: str = ""
    strengths: str = ""
    shortcomings: str = ""


CONCLUSION_FIELDS = ("end", "conclusion", "strengths", "shortcomings")


def check_conclusion(start: dt.date, end, conclusion: str, *, today: dt.date) -> None:
    """The conclusion's own rules: a date and a conclusion go together, the date is not
    before the item began nor after today."""
    end = _date(end, "end", required=False)
    if end is None:
        if conclusion:
            raise DomainError(_("A conclusion needs its date."), field="end")
        return
    if not conclusion:
        raise DomainError(_("Give the conclusion of the item concluded on this date."), field="conclusion")
    if conclusion not in Item.Conclusion.values:
        raise DomainError(_("Unknown conclusion."), field="conclusion")
    if end < start:
        raise DomainError(
            _("The conclusion is dated before the item began (%(date)s).") % {"date": short_date(start)},
            field="end",
        )
    if end > today:
        raise DomainError(_("The date of the conclusion is after today."), field="end")


def conclude_items(*, items: list[ItemConclusion], by=None, today: dt.date | None = None) -> list[tuple[Item, bool]]:
    """Record the conclusions of items (date, conclusion, strengths, shortcomings), or take
    one back with an empty date. Returns (item, changed) in the items' order."""
    today = today or timezone.localdate()
    for entry in items:
        try:
            check_conclusion(entry.item.start, entry.end, entry.conclusion or "", today=today)
        except DomainError as exc:
            exc.obj = entry
            raise
    results = []
    with transaction.atomic():
        fresh = _locked(Item.objects, [entry.item.pk for entry in items])
        changed = []
        for entry in items:
            item = fresh[entry.item.pk]
            if item.voided_at is not None:
                raise DomainError(_("This item is voided."), field="end", obj=entry)
            values = (
                entry.end,
                (entry.conclusion or "") if entry.end else "",
                _text(entry.strengths, "strengths"),
                _text(entry.shortcomings, "shortcomings"),
            )
            if tuple(getattr(item, f) for f in CONCLUSION_FIELDS) == values:
                results.append((item, False))
                continue
            item.end, item.conclusion, item.strengths, item.shortcomings = values
            changed.append(item)
            results.append((item, True))
        if changed:
            with tally.changing(items=[i.pk for i in changed]):
                bulk_update_with_history(changed, Item, list(CONCLUSION_FIELDS), by=by)
    return results


def _locked(queryset, pks: list[int]) -> dict:
    """The rows of `pks`, read afresh and locked for the transaction, by key (chunks of
    5,000: an import concludes thousands)."""
    pks = sorted(set(pks))
    found = {}
    for start in range(0, len(pks), 5000):
        found.update({obj.pk: obj for obj in queryset.select_for_update().filter(pk__in=pks[start : start + 5000])})
    return found


def void_item(*, item: Item, reason: str, by=None) -> Item:
    """An item recorded by mistake: kept with the reason, counted nowhere, and so are its
    remedies. Refused while a live discipline decision names it."""
    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.voided_at is not None:
            raise DomainError(_("This item is already voided."), field="reason")
        if Discipline.objects.filter(item=item, voided_at__isnull=True).exists():
            raise DomainError(
                _("A discipline decision names this item: void the decision first, or correct it."), field="reason"
            )
        item.voided_at, item.void_reason = timezone.now(), reason
        stamp_history(item, by)
        with tally.changing(items=[item.pk]):
            item.save(update_fields=["voided_at", "void_reason"])
    return item


@dataclasses.dataclass
class ProgramFields:
    program: Program
    decision_number: str = ""
    approved_on: dt.date | None = None
    note: str = ""


def describe_programs(*, items: list[ProgramFields], by=None) -> list[Program]:
    """Record the decision approving programs, its date and a note."""
    with transaction.atomic():
        saved = []
        for entry in items:
            program = Program.objects.select_for_update().get(pk=entry.program.pk)
            approved_on = _date(entry.approved_on, "approved_on", required=False)
            if approved_on is not None and approved_on.year > program.year:
                raise DomainError(
                    _("A program of %(year)d is approved by that year's end.") % {"year": program.year},
                    field="approved_on",
                )
            program.decision_number = _text(entry.decision_number, "decision_number", max_length=100)
            program.approved_on = approved_on
            program.note = _text(entry.note, "note")
            stamp_history(program, by)
            program.save()
            saved.append(program)
    return saved


# -- Remedies ----------------------------------------------------------------------------


def text_key(text: str) -> str:
    """The key of a remedy's text: its normalized words, digested."""
    return hashlib.sha1(" ".join(normalize(text).split()).encode()).hexdigest()


@dataclasses.dataclass
class RemedyFields:
    item: Item
    text: str
    due: dt.date


def check_remedy(start: dt.date, text: str, due, done_on=None, *, today: dt.date) -> str:
    """The remedy's own rules (`start`: the item's); returns the text as stored."""
    text = _text(text, "text", required=True)
    due = _date(due, "due")
    if due < start:
        raise DomainError(
            _("The due date is before the item began (%(date)s).") % {"date": short_date(start)}, field="due"
        )
    done_on = _date(done_on, "done_on", required=False)
    if done_on is not None:
        if done_on < start:
            raise DomainError(
                _("The remedy is marked done before the item began (%(date)s).") % {"date": short_date(start)},
                field="done_on",
            )
        if done_on > today:
            raise DomainError(_("The date it was done is after today."), field="done_on")
    return text


def record_remedies(*, items: list[RemedyFields], by=None, today: dt.date | None = None) -> list[tuple[Remedy, str]]:
    """Require remedies of items (what must be done, by when). A remedy is known by its
    item and text: known with another due date, the due date changes; the same, nothing.
    Returns (remedy, "created" | "updated" | "unchanged") in the items' order."""
    today = today or timezone.localdate()
    texts = []
    for entry in items:
        try:
            texts.append(check_remedy(entry.item.start, entry.text, entry.due, today=today))
        except DomainError as exc:
            exc.obj = entry
            raise
    results: list[tuple[Remedy, str]] = []
    with transaction.atomic():
        item_ids = sorted({e.item.pk for e in items})
        live_items = set(Item.objects.filter(pk__in=item_ids, voided_at__isnull=True).values_list("pk", flat=True))
        existing = {
            (r.item_id, r.text_key): r
            for r in Remedy.objects.select_for_update().filter(item_id__in=item_ids, voided_at__isnull=True)
        }
        new, changed = [], []
        for entry, text in zip(items, texts, strict=True):
            if entry.item.pk not in live_items:
                raise DomainError(_("This item is voided."), field="item", obj=entry)
            key = (entry.item.pk, text_key(text))
            remedy = existing.get(key)
            if remedy is None:
                remedy = build(
                    Remedy,
                    item=entry.item,
                    text=text,
                    text_key=key[1],
                    due=entry.due,
                    done_on=None,
                    void_reason="",
                    created_by=by if getattr(by, "pk", None) else None,
                )
                existing[key] = remedy
                new.append(remedy)
                results.append((remedy, "created"))
            elif remedy.due == entry.due:
                results.append((remedy, "unchanged"))
            else:
                remedy.due = entry.due
                changed.append(remedy)
                results.append((remedy, "updated"))
        with tally.changing(items={r.item_id for r in new + changed}):
            bulk_create_with_history(new, Remedy, by=by)
            if changed:
                bulk_update_with_history(changed, Remedy, ["due"], by=by)
    return results


@dataclasses.dataclass
class RemedyDone:
    """When a remedy was done; None: not done after all."""

    remedy: Remedy
    done_on: dt.date | None


def complete_remedies(*, items: list[RemedyDone], by=None, today: dt.date | None = None) -> list[tuple[Remedy, bool]]:
    """Record when remedies were done (or clear it). Returns (remedy, changed)."""
    today = today or timezone.localdate()
    results = []
    with transaction.atomic():
        fresh = _locked(Remedy.objects.select_related("item"), [entry.remedy.pk for entry in items])
        changed = []
        for entry in items:
            remedy = fresh[entry.remedy.pk]
            if remedy.voided_at is not None or remedy.item.voided_at is not None:
                raise DomainError(_("This remedy is voided."), field="done_on", obj=entry)
            try:
                check_remedy(remedy.item.start, remedy.text, remedy.due, entry.done_on, today=today)
            except DomainError as exc:
                exc.obj = entry
                raise
            if remedy.done_on == entry.done_on:
                results.append((remedy, False))
                continue
            remedy.done_on = entry.done_on
            changed.append(remedy)
            results.append((remedy, True))
        if changed:
            with tally.changing(items={r.item_id for r in changed}):
                bulk_update_with_history(changed, Remedy, ["done_on"], by=by)
    return results


def void_remedy(*, remedy: Remedy, reason: str, by=None) -> Remedy:
    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
        if remedy.voided_at is not None:
            raise DomainError(_("This remedy is already voided."), field="reason")
        remedy.voided_at, remedy.void_reason = timezone.now(), reason
        stamp_history(remedy, by)
        with tally.changing(items=[remedy.item_id]):
            remedy.save(update_fields=["voided_at", "void_reason"])
    return remedy


# -- Discipline --------------------------------------------------------------------------


@dataclasses.dataclass
class NewDiscipline:
    """A discipline decision: its key is the subject, the form and the date."""

    date: dt.date
    form: str
    organization: Organization  # whose body decides
    body: str
    subject_member: Member | None = None
    subject_organization: Organization | None = None
    violation_on: dt.date | None = None
    item: Item | None = None
    number: str = ""
    reason: str = ""
    override_reason: str = ""


@dataclasses.dataclass
class DisciplineOutcome:
    discipline: Discipline
    outcome: str  # created, updated, unchanged
    warnings: list[str]  # the rule warnings it was recorded despite
    notices: list[str]  # ratings of that year the decision contradicts (the ratings' rule)


DETAIL_FIELDS = ("organization_id", "body", "violation_on", "item_id", "number", "reason")


def subject_status(entry: NewDiscipline, facts: Facts) -> str:
    """ORGANIZATION, OFFICIAL or PROBATIONARY: the subject on the decision day; for an
    expulsion already recorded in the register (its `Khai trừ` event that day), the
    member just before it."""
    day = entry.date
    if entry.subject_organization is not None:
        if not facts.exists(entry.subject_organization, day):
            raise DomainError(
                _("The organization %(code)s did not exist on %(date)s.")
                % {"code": entry.subject_organization.code, "date": short_date(day)},
                field="subject",
            )
        return rules.ORGANIZATION
    member = entry.subject_member
    span = facts.member_on(member, day)
    if span is None and entry.form == rules.EXPULSION and facts.expelled_on(member, day):
        span = facts.member_on(member, day - ONE_DAY)
    if span is None:
        raise DomainError(
            _("%(name)s was not a Party member on %(date)s.") % {"name": _member_name(member), "date": short_date(day)},
            field="subject",
        )
    return span.status


def check_discipline(entry: NewDiscipline, facts: Facts, *, today: dt.date) -> tuple[NewDiscipline, list[str]]:
    """A decision checked against the rules of its date and the register (`facts`):
    errors raise DomainError; returns it normalized and its warnings."""
    if entry.form not in Discipline.Form.values:
        raise DomainError(_("Unknown form of discipline."), field="form")
    if entry.body not in Body.values:
        raise DomainError(_("Unknown body."), field="body")
    day = _date(entry.date, "date")
    if day > today:
        raise DomainError(_("The date of the decision is after today."), field="date")
    _subject(entry.subject_member, entry.subject_organization)
    if entry.organization is None or not facts.exists(entry.organization, day):
        raise DomainError(
            _("The organization %(code)s did not exist on %(date)s.")
            % {"code": getattr(entry.organization, "code", "?"), "date": short_date(day)},
            field="organization",
        )
    status = subject_status(entry, facts)
    rule = rules.rule_on(day)
    if entry.form not in rules.forms_allowed(status, day):
        labels = {
            rules.ORGANIZATION: _("an organization"),
            rules.OFFICIAL: _("an official member"),
            rules.PROBATIONARY: _("a probationary member"),
        }
        allowed = ", ".join(str(Discipline.Form(f).label).lower() for f in rules.forms_allowed(status, day))
        raise DomainError(
            _("%(form)s cannot be decided for %(subject)s (%(source)s): the forms are %(allowed)s.")
            % {
                "form": Discipline.Form(entry.form).label,
                "subject": labels.get(status, status),
                "source": rule.source,
                "allowed": allowed,
            },
            field="form",
        )
    if (
        entry.form == rules.EXPULSION
        and not facts.expelled_on(entry.subject_member, day)
        and facts.member_on(entry.subject_member, day).valid_to != FAR_FUTURE
    ):
        raise DomainError(
            _("%(name)s has membership events after %(date)s, but an expulsion ends the membership that day.")
            % {"name": _member_name(entry.subject_member), "date": short_date(day)},
            field="date",
        )
    violation_on = _date(entry.violation_on, "violation_on", required=False)
    if violation_on is not None and violation_on > day:
        raise DomainError(_("The violation is dated after the decision."), field="violation_on")
    if entry.item is not None and entry.item.voided_at is not None:
        raise DomainError(_("This item is voided."), field="item")
    warnings = []
    years = rules.beyond_limitation(entry.form, violation_on, day)
    if years is not None:
        warnings.append(
            _(
                "The violation of %(date)s is more than %(years)d years before the decision: beyond the statute of "
                "limitations for %(form)s (%(source)s)."
            )
            % {
                "date": short_date(violation_on),
                "years": years,
                "form": str(Discipline.Form(entry.form).label).lower(),
                "source": rules.limitation_on(day).source,
            }
        )
    checked = dataclasses.replace(
        entry,
        date=day,
        violation_on=violation_on,
        number=_text(entry.number, "number", max_length=100),
        reason=_text(entry.reason, "reason"),
        override_reason=_text(entry.override_reason, "override_reason"),
    )
    return checked, warnings


def _subject_q(entry: NewDiscipline) -> Q:
    if entry.subject_member is not None:
        return Q(subject_member=entry.subject_member)
    return Q(subject_organization=entry.subject_organization)


def record_disciplines(*, items: list[NewDiscipline], by=None, today: dt.date | None = None) -> list[DisciplineOutcome]:
    """Record discipline decisions, in one transaction. A decision already recorded (same
    subject, form and date) is not recorded twice: the same details change nothing,
    other details change it (the history keeps the former ones).

    An expulsion is the member's `Khai trừ` event on the decision date: the decision
    takes the event when the register holds it already (an import whose `Biến động`
    sheet has it), and otherwise writes it through `members.services.record_events` in
    the same transaction, so the expulsion is counted once.

    Warnings (the statute of limitations) need an `override_reason`; raises
    `NeedsOverride` otherwise. The outcomes also say which ratings of the year the
    decision contradicts (the ratings' rule; the rating is what to reconsider)."""
    from dangbo.members import services as member_services

    today = today or timezone.localdate()
    facts = SavedFacts(
        [i.organization for i in items] + [i.subject_organization for i in items], [i.subject_member for i in items]
    )
    checked: list[tuple[NewDiscipline, list[str]]] = []
    for entry in items:
        try:
            item, warnings = check_discipline(entry, facts, today=today)
        except DomainError as exc:
            exc.obj = entry
            raise
        if warnings and not item.override_reason:
            error = NeedsOverride(warnings)
            error.obj = entry
            raise error
        checked.append((item, warnings))
    keys = [(e.subject_member or e.subject_organization, e.form, e.date) for e, _w in checked]
    if len(set(keys)) != len(keys):
        raise DomainError(_("The same decision (subject, form and date) is given twice."), field="date")
    outcomes: list[DisciplineOutcome] = []
    with transaction.atomic():
        saved = _saved_decisions([entry for entry, _w in checked])
        expulsions = _expelled_events([entry for entry, _w in checked if entry.form == rules.EXPULSION])
        new_expulsions: list[tuple[Discipline, member_services.NewEvent, NewDiscipline]] = []
        changed = []
        for (entry, warnings), original in zip(checked, items, strict=True):
            subject = entry.subject_member or entry.subject_organization
            found = saved.get((type(subject).__name__, subject.pk, entry.form, entry.date))
            details = (
                entry.organization.pk,
                entry.body,
                entry.violation_on,
                entry.item.pk if entry.item else None,
                entry.number,
                entry.reason,
            )
            if found is not None:
                if tuple(getattr(found, f) for f in DETAIL_FIELDS) == details:
                    outcomes.append(DisciplineOutcome(found, "unchanged", [], []))
                    continue
                found.organization, found.body, found.violation_on = entry.organization, entry.body, entry.violation_on
                found.item, found.number, found.reason = entry.item, entry.number, entry.reason
                found.warnings = "\n".join(warnings)
                found.override_reason = entry.override_reason if warnings else ""
                changed.append(found)
                outcomes.append(DisciplineOutcome(found, "updated", warnings, []))
                continue
            discipline = build(
                Discipline,
                date=entry.date,
                form=entry.form,
                organization=entry.organization,
                body=entry.body,
                subject_member=entry.subject_member,
                subject_organization=entry.subject_organization,
                violation_on=entry.violation_on,
                item=entry.item,
                number=entry.number,
                reason=entry.reason,
                warnings="\n".join(warnings),
                override_reason=entry.override_reason if warnings else "",
                void_reason="",
                created_by=by if getattr(by, "pk", None) else None,
            )
            if entry.form == rules.EXPULSION:
                event = expulsions.get((entry.subject_member.pk, entry.date))
                if event is not None:
                    discipline.event = event
                else:
                    new_expulsions.append(
                        (
                            discipline,
                            member_services.NewEvent(
                                member=entry.subject_member,
                                kind=MembershipEvent.Kind.EXPELLED,
                                date=entry.date,
                                decision_number=entry.number,
                                reason=entry.reason or _("Expelled (discipline decision)"),
                            ),
                            original,
                        )
                    )
            outcomes.append(DisciplineOutcome(discipline, "created", warnings, []))
        if new_expulsions:
            try:
                events = member_services.record_events(items=[e for _d, e, _o in new_expulsions], by=by)
            except DomainError as exc:
                # The member's replay refused the expulsion (or an event after it): name the decision.
                failing_member = getattr(exc.obj, "member_id", None)
                exc.obj = next((o for _d, e, o in new_expulsions if e.member.pk == failing_member), exc.obj)
                raise
            for (discipline, _new, _original), event in zip(new_expulsions, events, strict=True):
                discipline.event = event
        created = [o.discipline for o in outcomes if o.outcome == "created"]
        with tally.changing(disciplines=[d.pk for d in changed]):
            bulk_create_with_history(created, Discipline, by=by)
            if changed:
                bulk_update_with_history(
                    changed,
                    Discipline,
                    ["organization", "body", "violation_on", "item", "number", "reason", "warnings", "override_reason"],
                    by=by,
                )
        tally.added(disciplines=[d.pk for d in created])
        from .selectors import rating_conflicts

        notices = rating_conflicts([o.discipline for o in outcomes if o.outcome != "unchanged"])
        for outcome in outcomes:
            outcome.notices = notices.get(outcome.discipline.pk, [])
    return outcomes


def _saved_decisions(entries: list[NewDiscipline]) -> dict[tuple, Discipline]:
    """The live decisions of the entries' subjects, by (subject model, subject key, form,
    date): one query for a sheet of them, locked for the transaction."""
    members = sorted({e.subject_member.pk for e in entries if e.subject_member is not None})
    orgs = sorted({e.subject_organization.pk for e in entries if e.subject_organization is not None})
    found = {}
    for start in range(0, max(len(members), len(orgs)), 5000):
        subjects = Q(subject_member_id__in=members[start : start + 5000]) | Q(
            subject_organization_id__in=orgs[start : start + 5000]
        )
        for d in Discipline.objects.select_for_update().filter(subjects, voided_at__isnull=True):
            model = "Member" if d.subject_member_id else "Organization"
            found[(model, d.subject_member_id or d.subject_organization_id, d.form, d.date)] = d
    return found


def _expelled_events(entries: list[NewDiscipline]) -> dict[tuple[int, dt.date], MembershipEvent]:
    """The live `Khai trừ` events of the expelled members, by (member, date)."""
    members = sorted({e.subject_member.pk for e in entries})
    found = {}
    for start in range(0, len(members), 5000):
        for event in MembershipEvent.objects.filter(
            member_id__in=members[start : start + 5000], kind=MembershipEvent.Kind.EXPELLED, voided_at__isnull=True
        ):
            found[(event.member_id, event.date)] = event
    return found


def void_discipline(*, discipline: Discipline, reason: str, by=None) -> Discipline:
    """A decision recorded by mistake: kept with the reason and counted nowhere. An
    expulsion's `Khai trừ` event is the same fact, so it is voided with it (the member's
    history is replayed without it)."""
    from dangbo.members import services as member_services

    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        # Locks the decision's row only: PostgreSQL cannot lock the nullable side of the
        # outer join that select_related makes for the event.
        discipline = Discipline.objects.select_for_update(of=("self",)).select_related("event").get(pk=discipline.pk)
        if discipline.voided_at is not None:
            raise DomainError(_("This decision is already voided."), field="reason")
        if discipline.event is not None and discipline.event.voided_at is None:
            member_services.void_event(event=discipline.event, reason=reason, by=by)
        discipline.voided_at, discipline.void_reason = timezone.now(), reason
        stamp_history(discipline, by)
        with tally.changing(disciplines=[discipline.pk]):
            discipline.save(update_fields=["voided_at", "void_reason"])
    return discipline
