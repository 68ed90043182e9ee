"""Every change to reception sessions, petitions, the deadline table and the minimums
of reception days goes through one of these functions (keyword-only, one transaction,
history naming the user). The screens call them with a list of one, the import with
many.

A petition's due dates (`accept_due`, `close_due`, `due_on`, `due_unsure`) are a
projection of its dates and the deadline table (deadlines.py); every function that
changes either writes them again in the same transaction.
"""

import dataclasses
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core.bulk import bulk_create_with_history, bulk_update_with_history
from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.lib.vntext import normalize, short_date
from dangbo.members.models import Member
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import existed_on
from dangbo.organizations.services import validate_code

from . import deadlines
from .models import DeadlineRule, Petition, PetitionExtension, ReceptionMinimum, ReceptionSession, SenderView

Form = ReceptionSession.Form
Kind = Petition.Kind
Complexity = Petition.Complexity
Result = Petition.Result
LONG = 5000
DUE_FIELDS = ["accept_due", "close_due", "due_on", "due_unsure"]
# How far each kind's settling period may be extended, one step per decision (RULES.md).
EXTENSION_STEPS = {
    Kind.DENUNCIATION: (Complexity.NORMAL, Complexity.COMPLEX, Complexity.VERY_COMPLEX),
    Kind.COMPLAINT: (Complexity.NORMAL, Complexity.COMPLEX),
}


def _text(value, field: str, *, required: bool = False, max_length: int | None = LONG) -> str:
    text = normalize(value or "").strip()
    if required and not text:
        raise DomainError(_("This field is required."), field=field)
    if max_length and len(text) > max_length:
        raise DomainError(_("At most %(n)d characters.") % {"n": max_length}, field=field)
    return text


def _not_future(day: dt.date | None, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise DomainError(_("The date is after today: record what has happened."), field=field)


def _exists_on(org: Organization, day: dt.date, field: str = "organization") -> None:
    if not existed_on(org, day):
        raise DomainError(
            _("The organization %(code)s did not exist on %(date)s.") % {"code": org.code, "date": short_date(day)},
            field=field,
        )


# -- Reception and dialogue sessions -------------------------------------------------------


@dataclasses.dataclass
class ReceptionData:
    organization: Organization
    date: dt.date
    form: str
    presided_by: Member | None = None
    citizens: int | None = 0
    content: str = ""
    note: str = ""


def check_reception(item: ReceptionData) -> ReceptionData:
    """`item` with its texts normalized and its fields checked, reading nothing."""
    if item.form not in Form.values:
        raise DomainError(_("Unknown form of reception."), field="form")
    if not isinstance(item.date, dt.date):
        raise DomainError(_("The date is required."), field="date")
    _not_future(item.date, "date")
    citizens = item.citizens or 0
    if not isinstance(citizens, int) or citizens < 0:
        raise DomainError(_("The number of citizens is a whole number, 0 or more."), field="citizens")
    return dataclasses.replace(item, citizens=citizens, content=_text(item.content, "content"),
                               note=_text(item.note, "note"))


def _reception_values(item: ReceptionData) -> dict:
    return {"presided_by": item.presided_by, "citizens": item.citizens, "content": item.content, "note": item.note}


def record_receptions(*, items: list[ReceptionData], by=None) -> list[ReceptionSession]:
    """Record sessions; each committee holds one session of a form a day (the key of
    INTERCHANGE.md), and must exist that day."""
    checked = [check_reception(item) for item in items]
    keys = [(i.organization.pk, i.date, i.form) for i in checked]
    if len(set(keys)) != len(keys):
        raise DomainError(_("The same session is listed twice."), field="date")
    sessions = []
    with transaction.atomic():
        for item in checked:
            _exists_on(item.organization, item.date)
            if ReceptionSession.objects.filter(organization=item.organization, date=item.date, form=item.form,
                                               voided_at__isnull=True).exists():
                raise DomainError(
                    _("A session of this form is already recorded for %(date)s.") % {"date": short_date(item.date)},
                    field="date", obj=item,
                )
            sessions.append(ReceptionSession(organization=item.organization, date=item.date, form=item.form,
                                             created_by=by if getattr(by, "pk", None) else None,
                                             **_reception_values(item)))
        bulk_create_with_history(sessions, ReceptionSession, by=by)
    return sessions


def update_receptions(*, changes: list[tuple[ReceptionSession, ReceptionData]], by=None) -> int:
    """Correct sessions (who presided, how many, what was raised; the key stays). Returns
    how many changed."""
    changed = []
    with transaction.atomic():
        for session, item in changes:
            item = check_reception(item)
            if (item.organization.pk, item.date, item.form) != (session.organization_id, session.date, session.form):
                raise DomainError(_("The date, committee and form of a session cannot change: void it and record "
                                    "it again."), field="date", obj=item)
            values = _reception_values(item)
            if all(getattr(session, k) == v for k, v in values.items()):
                continue
            for key, value in values.items():
                setattr(session, key, value)
            changed.append(session)
        if changed:
            bulk_update_with_history(changed, ReceptionSession, ["presided_by", "citizens", "content", "note"], by=by)
    return len(changed)


def void_reception(*, session: ReceptionSession, reason: str, by=None) -> None:
    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        session.voided_at = timezone.now()
        session.void_reason = reason
        stamp_history(session, by)
        session.save()


# -- Petitions -----------------------------------------------------------------------------


@dataclasses.dataclass
class PetitionData:
    code: str
    received_on: dt.date
    organization: Organization
    kind: str
    content: str
    sender: str | None = ""  # None: keep the sender as it is (an update by someone who may not see it)
    channel: str = ""
    member: Member | None = None
    complexity: str = Complexity.NORMAL
    remote: bool = False
    accepted_on: dt.date | None = None
    closed_on: dt.date | None = None
    result: str = ""
    document_number: str = ""
    note: str = ""


def petition_errors(item: PetitionData) -> list[DomainError]:
    """Every rule of a petition's own fields (INTERCHANGE.md `Đơn thư`) that `item`
    breaks, each with the field it concerns; reading nothing."""
    errors: list[DomainError] = []

    def fail(message: str, field: str) -> None:
        errors.append(DomainError(message, field=field))

    try:
        validate_code(item.code)
    except DomainError as exc:
        errors.append(exc)
    if item.kind not in Kind.values:
        fail(_("Unknown kind of petition."), "kind")
    if not isinstance(item.received_on, dt.date):
        fail(_("The date of receipt is required."), "received_on")
        return errors
    for field in ("received_on", "accepted_on", "closed_on"):
        try:
            _not_future(getattr(item, field), field)
        except DomainError as exc:
            errors.append(exc)
    if item.channel and item.channel not in Petition.Channel.values:
        fail(_("Unknown channel."), "channel")
    complexity = item.complexity or Complexity.NORMAL
    if complexity not in Complexity.values:
        fail(_("Unknown complexity."), "complexity")
    elif complexity == Complexity.VERY_COMPLEX and item.kind != Kind.DENUNCIATION:
        fail(_("Only a denunciation can be especially complex."), "complexity")
    if item.accepted_on is not None and item.accepted_on < item.received_on:
        fail(_("The petition cannot be accepted before it was received (%(date)s).")
             % {"date": short_date(item.received_on)}, "accepted_on")
    if item.result and item.result not in Result.values:
        fail(_("Unknown result."), "result")
    accepted = item.accepted_on if item.accepted_on and item.accepted_on >= item.received_on else None
    if item.closed_on is not None:
        if item.closed_on < item.received_on:
            fail(_("The petition cannot be closed before it was received (%(date)s).")
                 % {"date": short_date(item.received_on)}, "closed_on")
        elif accepted is not None and item.closed_on < accepted:
            fail(_("The petition cannot be closed before it was accepted (%(date)s).")
                 % {"date": short_date(item.accepted_on)}, "closed_on")
        if not item.result:
            fail(_("A closed petition needs its result."), "result")
    elif item.result:
        fail(_("A result needs the date the petition was closed."), "closed_on")
    return errors


def check_petition(item: PetitionData) -> PetitionData:
    """`item` with its texts normalized, or the first rule it breaks (`petition_errors`)
    raised."""
    errors = petition_errors(item)
    if errors:
        raise errors[0]
    return dataclasses.replace(
        item, code=validate_code(item.code), channel=item.channel or "", result=item.result or "",
        complexity=item.complexity or Complexity.NORMAL, remote=bool(item.remote),
        content=_text(item.content, "content", required=True),
        sender=None if item.sender is None else _text(item.sender, "sender", max_length=500),
        document_number=_text(item.document_number, "document_number", max_length=100),
        note=_text(item.note, "note"),
    )


PETITION_FIELDS = ("received_on", "organization", "kind", "content", "sender", "channel", "member", "complexity",
                   "remote", "accepted_on", "closed_on", "result", "document_number", "note")


def _petition_values(item: PetitionData) -> dict:
    values = {f: getattr(item, f) for f in PETITION_FIELDS}
    if values["sender"] is None:
        del values["sender"]
    return values


def _project(petitions: list[Petition], rules: deadlines.Rules | None = None) -> list[Petition]:
    """Write each petition's due dates; returns those whose due dates changed."""
    rules = rules or deadlines.Rules()
    changed = []
    for petition in petitions:
        values = deadlines.projection(deadlines.petition_dues(petition, rules))
        if any(getattr(petition, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(petition, key, value)
            changed.append(petition)
    return changed


def record_petitions(*, items: list[PetitionData], by=None, rules: deadlines.Rules | None = None) -> list[Petition]:
    """Record petitions with their due dates. The code is unique; the receiving
    committee must exist on the day of receipt."""
    checked = [check_petition(item) for item in items]
    codes = [i.code for i in checked]
    if len(set(codes)) != len(codes):
        raise DomainError(_("The same code is listed twice."), field="code")
    petitions = []
    with transaction.atomic():
        taken = set(Petition.objects.filter(code__in=codes).values_list("code", flat=True))
        for item in checked:
            if item.code in taken:
                raise DomainError(_("The code %(code)s is already used by another petition.") % {"code": item.code},
                                  field="code", obj=item)
            _exists_on(item.organization, item.received_on)
            values = _petition_values(item)
            values.setdefault("sender", "")
            petitions.append(Petition(code=item.code, created_by=by if getattr(by, "pk", None) else None, **values))
        _project(petitions, rules)
        bulk_create_with_history(petitions, Petition, by=by)
    return petitions


def update_petitions(*, changes: list[tuple[Petition, PetitionData]], by=None,
                     rules: deadlines.Rules | None = None) -> int:
    """Correct petitions (the code stays); their due dates follow. Returns how many changed."""
    changed = []
    extended = set(PetitionExtension.objects.filter(petition__in=[p for p, _item in changes], voided_at__isnull=True)
                   .values_list("petition_id", flat=True))
    with transaction.atomic():
        for petition, item in changes:
            item = check_petition(item)
            if item.code != petition.code:
                raise DomainError(_("The code of a petition cannot change."), field="code", obj=item)
            if petition.voided_at is not None:
                raise DomainError(_("This petition has been voided."), obj=item)
            if petition.pk in extended and item.complexity != petition.complexity:
                raise DomainError(_("The complexity follows the recorded extensions: void an extension to lower it."),
                                  field="complexity", obj=item)
            values = _petition_values(item)
            if values["received_on"] != petition.received_on or values["organization"] != petition.organization:
                _exists_on(item.organization, item.received_on)
            if all(getattr(petition, k) == v for k, v in values.items()):
                continue
            for key, value in values.items():
                setattr(petition, key, value)
            changed.append(petition)
        _project(changed, rules)
        if changed:
            bulk_update_with_history(changed, Petition, list(PETITION_FIELDS) + DUE_FIELDS, by=by)
    return len(changed)


def _save(petition: Petition, by) -> None:
    _project([petition])
    stamp_history(petition, by)
    petition.save()


def accept_petition(*, petition: Petition, accepted_on: dt.date, by=None) -> Petition:
    """Accept (thụ lý) a petition: its closing period runs from that day."""
    if petition.voided_at is not None or petition.closed_on is not None:
        raise DomainError(_("Only an open petition can be accepted."), field="accepted_on")
    if petition.accepted_on is not None:
        raise DomainError(_("The petition was accepted on %(date)s already.")
                          % {"date": short_date(petition.accepted_on)}, field="accepted_on")
    item = check_petition(dataclasses.replace(_data_of(petition), accepted_on=accepted_on))
    with transaction.atomic():
        petition.accepted_on = item.accepted_on
        _save(petition, by)
    return petition


def close_petition(*, petition: Petition, closed_on: dt.date, result: str, document_number: str = "",
                   by=None) -> Petition:
    """Close a petition with its result (a decision, a conclusion, an answer, a transfer)."""
    if petition.voided_at is not None or petition.closed_on is not None:
        raise DomainError(_("The petition is closed already."), field="closed_on")
    item = check_petition(dataclasses.replace(_data_of(petition), closed_on=closed_on, result=result,
                                              document_number=document_number or petition.document_number))
    with transaction.atomic():
        petition.closed_on, petition.result, petition.document_number = (
            item.closed_on, item.result, item.document_number
        )
        _save(petition, by)
    return petition


def extend_petition(*, petition: Petition, decided_on: dt.date, document_number: str = "", reason: str = "",
                    by=None) -> PetitionExtension:
    """Extend the time to settle an accepted petition: its complexity goes one step up
    (a denunciation twice at most, a complaint once), and its closing due date with it.
    The extension is decided before the period runs out."""
    steps = EXTENSION_STEPS.get(petition.kind)
    if not steps:
        raise DomainError(_("The time to settle this kind of petition cannot be extended."), field="decided_on")
    if petition.voided_at is not None or petition.closed_on is not None:
        raise DomainError(_("Only an open petition can be extended."), field="decided_on")
    if petition.accepted_on is None:
        raise DomainError(_("Accept the petition first: the extension lengthens the time to settle it."),
                          field="decided_on")
    if petition.complexity == steps[-1]:
        raise DomainError(_("The time to settle this petition has been extended as far as the law allows."),
                          field="decided_on")
    if not isinstance(decided_on, dt.date):
        raise DomainError(_("The date is required."), field="decided_on")
    _not_future(decided_on, "decided_on")
    if decided_on < petition.accepted_on:
        raise DomainError(_("The extension cannot come before the acceptance (%(date)s).")
                          % {"date": short_date(petition.accepted_on)}, field="decided_on")
    if petition.close_due is not None and decided_on > petition.close_due:
        raise DomainError(_("The period ran out on %(date)s: an extension is decided before that.")
                          % {"date": short_date(petition.close_due)}, field="decided_on")
    after = steps[steps.index(petition.complexity) + 1]
    extension = PetitionExtension(
        petition=petition, decided_on=decided_on, complexity_before=petition.complexity, complexity_after=after,
        document_number=_text(document_number, "document_number", max_length=100), reason=_text(reason, "reason"),
        created_by=by if getattr(by, "pk", None) else None,
    )
    with transaction.atomic():
        stamp_history(extension, by)
        extension.save()
        petition.complexity = after
        _save(petition, by)
    return extension


def void_petition(*, petition: Petition, reason: str, by=None) -> None:
    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        petition.voided_at = timezone.now()
        petition.void_reason = reason
        stamp_history(petition, by)
        petition.save()


def _data_of(petition: Petition) -> PetitionData:
    return PetitionData(code=petition.code, **{f: getattr(petition, f) for f in PETITION_FIELDS})


def next_code(org: Organization, year: int) -> str:
    """A free code for a new petition of `org`: CODE-YEAR-001, -002, …"""
    prefix = f"{org.code}-{year}-"[:28]
    taken = set(Petition.objects.filter(code__startswith=prefix).values_list("code", flat=True))
    n = 1
    while f"{prefix}{n:03d}" in taken:
        n += 1
    return f"{prefix}{n:03d}"


def petition_from_comment(*, comment, kind: str, organization: Organization | None = None, by=None) -> Petition:
    """Turn a public comment of the news page into a petition (`Phản ánh` or `Kiến nghị`)
    received by the article's committee (or `organization`) on the day it was sent,
    electronically, with its text and its author's name and contact. The comment's
    follow-up flag is cleared: the petition is the follow-up."""
    from dangbo.news.services import flag_follow_up

    if kind not in (Kind.FEEDBACK, Kind.RECOMMENDATION):
        raise DomainError(_("A comment becomes feedback or a recommendation."), field="kind")
    organization = comment.article.organization or organization
    if organization is None:
        raise DomainError(_("The article belongs to no committee: choose the committee that receives the petition."),
                          field="organization")
    received_on = timezone.localtime(comment.created_at).date()
    sender = comment.name + (f" — {comment.contact}" if comment.contact else "")
    note = _("From a public comment on the article “%(title)s”.") % {"title": comment.article.title}
    with transaction.atomic():
        if Petition.objects.filter(source_comment=comment).exists():
            raise DomainError(_("This comment has been turned into a petition already."), field="kind")
        if not existed_on(organization, received_on):
            received_on = timezone.localdate()  # the committee was founded since: it receives it today
        petition = record_petitions(items=[PetitionData(
            code=next_code(organization, received_on.year), received_on=received_on, organization=organization,
            kind=kind, content=comment.text, sender=sender[:500], channel=Petition.Channel.ELECTRONIC, note=note,
        )], by=by)[0]
        petition.source_comment = comment
        stamp_history(petition, by)
        petition.save()
        if comment.needs_follow_up:
            flag_follow_up(comment=comment, by=by, needed=False)
    return petition


def reveal_sender(*, petition: Petition, by) -> str:
    """The sender of a petition, for a person entitled to see it (the caller checks
    accounts.access.can_see_sender); for a denunciation the view is logged."""
    if petition.is_denunciation:
        SenderView.objects.create(petition=petition, viewed_by=by, how=SenderView.How.PAGE)
    return petition.sender


def log_sender_exports(*, petitions: list[Petition], by) -> None:
    """An export that carries the senders of denunciations: one log line per petition."""
    SenderView.objects.bulk_create([
        SenderView(petition=p, viewed_by=by, how=SenderView.How.EXPORT) for p in petitions if p.is_denunciation
    ])


# -- The deadline table and the minimums -------------------------------------------------


def recompute_due_dates(*, petitions=None, by=None) -> int:
    """Write the due dates of `petitions` (all live ones by default) again: after the
    table changed, or a newer `holidays` package knows a year it did not."""
    rules = deadlines.Rules()
    qs = Petition.objects.filter(voided_at__isnull=True) if petitions is None else petitions
    changed = _project(list(qs), rules)
    with transaction.atomic():
        if changed:
            bulk_update_with_history(changed, Petition, DUE_FIELDS, by=by)
    return len(changed)


def add_deadline_rule(*, kind: str, stage: str, days: int | None, unit: str, effective_from: dt.date, source: str,
                      complexity: str = "", remote: bool | None = None,
                      certainty: str = DeadlineRule.Certainty.SURE, by=None) -> DeadlineRule:
    """A new line of the deadline table from `effective_from` on: the line it replaces
    (same kind, stage, complexity and area) ends the day before, and the due dates of
    the petitions it concerns are written again."""
    if kind not in Kind.values:
        raise DomainError(_("Unknown kind of petition."), field="kind")
    if stage not in DeadlineRule.Stage.values:
        raise DomainError(_("Unknown stage."), field="stage")
    if complexity and complexity not in Complexity.values:
        raise DomainError(_("Unknown complexity."), field="complexity")
    if unit not in DeadlineRule.Unit.values:
        raise DomainError(_("Unknown unit."), field="unit")
    if days is not None and not 0 <= days <= 365:
        raise DomainError(_("A period of 0 to 365 days, or none."), field="days")
    if not isinstance(effective_from, dt.date):
        raise DomainError(_("The date is required."), field="effective_from")
    source = _text(source, "source", required=True, max_length=255)
    with transaction.atomic():
        for old in DeadlineRule.objects.filter(kind=kind, stage=stage, complexity=complexity, remote=remote,
                                               effective_to__isnull=True):
            if old.effective_from >= effective_from:
                raise DomainError(_("A line for the same case is in force from %(date)s: start after it.")
                                  % {"date": short_date(old.effective_from)}, field="effective_from")
            old.effective_to = effective_from - dt.timedelta(days=1)
            stamp_history(old, by)
            old.save()
        rule = DeadlineRule(kind=kind, stage=stage, complexity=complexity, remote=remote, days=days, unit=unit,
                            effective_from=effective_from, source=source, certainty=certainty)
        stamp_history(rule, by)
        rule.save()
        since = Petition.objects.filter(voided_at__isnull=True, kind=kind)
        recompute_due_dates(petitions=since, by=by)
    return rule


def ensure_deadline_rules() -> int:
    """Fill an empty deadline table with the values of RULES.md (rules.DEFAULT_DEADLINES);
    a table that has lines is left as it is. Returns how many lines were added."""
    from .rules import DEFAULT_DEADLINES

    with transaction.atomic():
        if DeadlineRule.objects.exists():
            return 0
        for kind, stage, complexity, remote, days, unit, start, source, certainty in DEFAULT_DEADLINES:
            DeadlineRule(kind=kind, stage=stage, complexity=complexity, remote=remote, days=days, unit=unit,
                         effective_from=start, source=source, certainty=certainty).save()
    return len(DEFAULT_DEADLINES)


def set_reception_minimum(*, organization: Organization, days_per_month: int, effective_from: dt.date,
                          reason: str = "", by=None) -> ReceptionMinimum:
    """The committee's own number of reception days a month, from a date on (a later
    setting replaces it from its own date)."""
    if not isinstance(days_per_month, int) or not 0 <= days_per_month <= 31:
        raise DomainError(_("A number of days from 0 to 31."), field="days_per_month")
    if not isinstance(effective_from, dt.date):
        raise DomainError(_("The date is required."), field="effective_from")
    reason = _text(reason, "reason")
    with transaction.atomic():
        minimum = ReceptionMinimum.objects.filter(organization=organization, effective_from=effective_from).first()
        if minimum is None:
            minimum = ReceptionMinimum(organization=organization, effective_from=effective_from,
                                       days_per_month=days_per_month, reason=reason)
        else:
            minimum.days_per_month, minimum.reason = days_per_month, reason
        stamp_history(minimum, by)
        minimum.save()
    return minimum
