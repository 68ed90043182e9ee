"""Every change to terms, documents, study sessions and assignments goes through one of
these functions (a screen calls them with a list of one, an import with many)."""

import dataclasses
import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.lib.vntext import normalize, short_date
from dangbo.members.models import Member
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import existed_on

from . import selectors
from .models import Assignment, Attendance, Document, StudySession, Term


def _text(value, field: str, *, required: bool = False, max_length: int | None = None) -> str:
    text = " ".join(normalize(value or "").split()) if max_length else normalize(value or "").strip()
    if required and not text:
        raise DomainError(_("This field is required."), field=field)
    if max_length and len(text) > max_length:
        raise DomainError(_("At most %(n)d characters.") % {"n": max_length}, field=field)
    return text


def _past(day, field: str) -> dt.date:
    if not isinstance(day, dt.date):
        raise DomainError(_("The date is required."), field=field)
    if day > timezone.localdate():
        raise DomainError(_("The date cannot be after today."), field=field)
    return day


def _existing(org: Organization | None, day: dt.date, field: str) -> Organization:
    if org is None:
        raise DomainError(_("Unknown organization code."), field=field)
    if not existed_on(org, day):
        raise DomainError(
            _("The organization %(code)s did not exist on %(date)s.") % {"code": org.code, "date": short_date(day)},
            field=field,
        )
    return org


def _void(record, reason: str, by) -> None:
    reason = _text(reason, "void_reason")
    if not reason:
        raise DomainError(_("Give the reason for voiding."), field="void_reason")
    if record.voided_at is not None:
        raise DomainError(_("This record is already voided."))
    record.voided_at, record.void_reason = timezone.now(), reason
    stamp_history(record, by)
    record.save()


# -- terms -------------------------------------------------------------------------------


def _refile_documents(org: Organization, by) -> None:
    """Put each live document of `org` in the series of its date (its term or its year)
    after the terms changed; two documents with one number in a series are refused."""
    seen: dict[tuple, Document] = {}
    terms = list(Term.objects.filter(organization=org, voided_at__isnull=True))
    for doc in Document.objects.filter(organization=org, voided_at__isnull=True).order_by("date", "pk"):
        term = next((t for t in terms if t.start <= doc.date and (t.end is None or doc.date <= t.end)), None)
        key = (doc.kind, term.pk if term else ("year", doc.date.year), doc.number)
        if key in seen and doc.report_id is None:
            raise DomainError(
                _("With these terms, %(a)s of %(da)s and %(b)s of %(db)s would have one number in one term.")
                % {"a": seen[key].reference, "da": short_date(seen[key].date), "b": doc.reference,
                   "db": short_date(doc.date)},
                field="start",
            )
        if doc.report_id is None:
            seen[key] = doc
        if doc.term_id != (term.pk if term else None):
            doc.term = term
            stamp_history(doc, by)
            doc.save()


@dataclasses.dataclass
class NewTerm:
    organization: Organization
    start: dt.date
    end: dt.date | None = None
    name: str = ""


def record_terms(*, items: list[NewTerm], by=None) -> list[Term]:
    """Record committee terms; terms of one organization do not overlap. The documents
    dated in a new term run their numbers through it from then on."""
    saved = []
    with transaction.atomic():
        for item in items:
            org = item.organization
            if org is None:
                raise DomainError(_("Unknown organization code."), field="organization")
            if not isinstance(item.start, dt.date):
                raise DomainError(_("The date is required."), field="start")
            if item.end is not None and item.end < item.start:
                raise DomainError(_("The end date is before the start date."), field="end")
            overlap = Term.objects.filter(organization=org, voided_at__isnull=True).filter(
                Q(end__isnull=True) | Q(end__gte=item.start)
            )
            if item.end is not None:
                overlap = overlap.filter(start__lte=item.end)
            other = overlap.first()
            if other is not None:
                raise DomainError(
                    _("The term overlaps the term %(term)s of this organization.") % {"term": str(other)},
                    field="start",
                )
            term = Term(organization=org, start=item.start, end=item.end, name=_text(item.name, "name", max_length=255),
                        created_by=by if getattr(by, "pk", None) else None)
            stamp_history(term, by)
            term.save()
            _refile_documents(org, by)
            saved.append(term)
    return saved


def change_term(*, term: Term, end: dt.date | None, name: str, by=None) -> bool:
    """Set a term's last day (None: ongoing) and name; True when something changed."""
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)
        name = _text(name, "name", max_length=255)
        if (term.end, term.name) == (end, name):
            return False
        if end is not None and end < term.start:
            raise DomainError(_("The end date is before the start date."), field="end")
        later = Term.objects.filter(organization=term.organization, voided_at__isnull=True, start__gt=term.start)
        following = later.order_by("start").first()
        if following is not None and (end is None or end >= following.start):
            raise DomainError(_("The term overlaps the term %(term)s of this organization.") % {"term": str(following)},
                              field="end")
        term.end, term.name = end, name
        stamp_history(term, by)
        term.save()
        _refile_documents(term.organization, by)
    return True


def void_term(*, term: Term, reason: str, by=None) -> None:
    with transaction.atomic():
        _void(term, reason, by)
        _refile_documents(term.organization, by)


# -- documents ---------------------------------------------------------------------------


@dataclasses.dataclass
class NewDocument:
    """A document to register. `number` None: the next number of its series; `symbol`
    "": built from the type and the body's abbreviation."""

    organization: Organization
    kind: str
    date: dt.date
    subject: str
    number: int | None = None
    symbol: str = ""
    note: str = ""
    report: object = None  # reports.IssuedReport


def _symbol(org: Organization, kind: str, day: dt.date, given: str) -> tuple[str, str | None]:
    from dangbo.reports.selectors import abbreviation_warning

    given = _text(given, "symbol", max_length=32)
    if not given:
        return selectors.symbol_for(org, kind, day)
    body = given.partition("/")[2]
    return given, abbreviation_warning(body, day) if body else None


def _check_number(org: Organization, kind: str, number: int, day: dt.date, exclude: int | None = None) -> None:
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise DomainError(_("The number is a whole number, 1 or more."), field="number")
    taken = Document.objects.filter(
        selectors.series_q(org, day), organization=org, kind=kind, number=number, voided_at__isnull=True,
        report__isnull=True,
    ).exclude(pk=exclude).first()
    if taken is not None:
        raise DomainError(
            _("The number %(number)s is already taken in this term by %(other)s of %(date)s; the next free number "
              "is %(next)d.")
            % {"number": f"{number:02d}", "other": taken.reference, "date": short_date(taken.date),
               "next": selectors.next_number(org, kind, day)},
            field="number",
        )


def register_documents(*, items: list[NewDocument], by=None) -> list[tuple[Document, list[str]]]:
    """Register issued documents, numbered per type through the committee's term (HD 36):
    returns each document and the warnings it raised (an abbreviation of a body that no
    longer existed on the day)."""
    done = []
    with transaction.atomic():
        for item in items:
            if item.kind not in Document.Kind.values:
                raise DomainError(_("Unknown type of document."), field="kind")
            day = _past(item.date, "date")
            org = _existing(item.organization, day, "organization")
            number = item.number if item.number is not None else selectors.next_number(org, item.kind, day)
            if item.report is None:  # an issued report keeps the number the reports app gave it
                _check_number(org, item.kind, number, day)
            symbol, warning = _symbol(org, item.kind, day, item.symbol)
            doc = Document(
                organization=org, kind=item.kind, number=number, symbol=symbol, date=day,
                subject=_text(item.subject, "subject", required=True), note=_text(item.note, "note"),
                term=selectors.term_on(org, day), year=day.year, report=item.report,
                created_by=by if getattr(by, "pk", None) else None,
            )
            stamp_history(doc, by)
            doc.save()
            done.append((doc, [warning] if warning else []))
    return done


def correct_documents(*, changes: list[tuple[Document, dict]], by=None) -> list[Document]:
    """Correct registered documents: the date (within its series), symbol, subject line
    and note (`changes`: (document, {field: value})); the number and type are the key
    and do not change (void and register again)."""
    changed = []
    with transaction.atomic():
        for doc, fields in changes:
            doc = Document.objects.select_for_update().get(pk=doc.pk)
            day = _past(fields.get("date", doc.date), "date")
            _existing(doc.organization, day, "date")
            symbol = _text(fields.get("symbol", doc.symbol), "symbol", max_length=32) or doc.symbol
            subject = _text(fields.get("subject", doc.subject), "subject", required=True)
            note = _text(fields.get("note", doc.note), "note")
            if (doc.date, doc.symbol, doc.subject, doc.note) == (day, symbol, subject, note):
                continue
            if day != doc.date:
                _check_number(doc.organization, doc.kind, doc.number, day, exclude=doc.pk)
                doc.term, doc.year = selectors.term_on(doc.organization, day), day.year
            doc.date, doc.symbol, doc.subject, doc.note = day, symbol, subject, note
            stamp_history(doc, by)
            doc.save()
            changed.append(doc)
    return changed


def void_document(*, document: Document, reason: str, by=None) -> None:
    if document.report_id is not None:
        raise DomainError(_("An issued report stays in the register as it was issued."))
    with transaction.atomic():
        _void(document, reason, by)


def register_issued_report(report, by=None) -> Document:
    """The Word report the reports app has just issued, in the register (called in the
    transaction that issues it: reports.services.ON_ISSUE)."""
    number, _dash, symbol = report.symbol.partition("-")
    [(doc, _warnings)] = register_documents(items=[NewDocument(
        organization=report.organization, kind=Document.Kind.REPORT, date=report.issued_on,
        subject=f"Báo cáo kết quả công tác xây dựng Đảng năm {report.year}", number=report.number,
        symbol=symbol, report=report,
    )], by=by)
    return doc


def reports_numbers_taken(org: Organization, type_symbol: str, day: dt.date) -> int:
    """The highest number of the reports registered by hand in the series of `day`, so
    that an issued report takes the next one (reports.services.NUMBERS_TAKEN); the issued
    ones are numbered by the reports app itself."""
    if type_symbol != "BC":
        return 0
    return selectors.highest_number(org, Document.Kind.REPORT, day, issued=False)


# -- study sessions ----------------------------------------------------------------------


@dataclasses.dataclass
class StudyData:
    code: str
    name: str
    kind: str
    organization: Organization | None
    date: dt.date | None
    attendance: int
    attendees: tuple | None = None  # members; None: not recorded (left as they are)


def _session_fields(item: StudyData) -> dict:
    if item.kind not in StudySession.Kind.values:
        raise DomainError(_("Unknown kind of study session."), field="kind")
    day = _past(item.date, "date")
    org = _existing(item.organization, day, "organization")
    if not isinstance(item.attendance, int) or isinstance(item.attendance, bool) or item.attendance < 0:
        raise DomainError(_("The number attending is a whole number, 0 or more."), field="attendance")
    if item.attendees is not None:
        if len({m.pk for m in item.attendees}) != len(item.attendees):
            raise DomainError(_("The same member is named twice."), field="attendees")
        if len(item.attendees) > item.attendance:
            raise DomainError(
                _("%(n)d members are named as attending, more than the %(attendance)d who attended.")
                % {"n": len(item.attendees), "attendance": item.attendance},
                field="attendance",
            )
    return {"name": _text(item.name, "name", required=True, max_length=500), "kind": item.kind,
            "organization": org, "date": day, "attendance": item.attendance}


def _set_attendees(session: StudySession, members, by) -> bool:
    wanted = {m.pk: m for m in members}
    current = {a.member_id: a for a in session.attendees.filter(voided_at__isnull=True)}
    for member_id, record in current.items():
        if member_id not in wanted:
            _void(record, _("Not among those who attended."), by)
    for member_id, member in wanted.items():
        if member_id not in current:
            record = Attendance(session=session, member=member, created_by=by if getattr(by, "pk", None) else None)
            stamp_history(record, by)
            record.save()
    return set(wanted) != set(current)


def record_study_sessions(*, items: list[StudyData], by=None) -> list[StudySession]:
    """Record study sessions (and, when given, the members who attended)."""
    saved = []
    with transaction.atomic():
        for item in items:
            code = _text(item.code, "code", required=True, max_length=32)
            fields = _session_fields(item)
            if StudySession.objects.filter(code=code).exists():
                raise DomainError(_("A study session with this code already exists."), field="code")
            session = StudySession(code=code, **fields)
            stamp_history(session, by)
            session.save()
            if item.attendees is not None:
                _set_attendees(session, item.attendees, by)
            saved.append(session)
    return saved


def correct_study_sessions(*, changes: list[tuple[StudySession, StudyData]], by=None) -> list[StudySession]:
    """Correct study sessions; the members who attended are replaced when given."""
    changed = []
    with transaction.atomic():
        for session, item in changes:
            session = StudySession.objects.select_for_update().get(pk=session.pk)
            fields = _session_fields(item)
            if item.attendees is None:
                recorded = session.attendees.filter(voided_at__isnull=True).count()
                if recorded > item.attendance:
                    raise DomainError(
                        _("%(n)d members are named as attending, more than the %(attendance)d who attended.")
                        % {"n": recorded, "attendance": item.attendance},
                        field="attendance",
                    )
            moved = any(getattr(session, k) != v for k, v in fields.items())
            if moved:
                for key, value in fields.items():
                    setattr(session, key, value)
                stamp_history(session, by)
                session.save()
            if (item.attendees is not None and _set_attendees(session, item.attendees, by)) or moved:
                changed.append(session)
    return changed


# -- assignments -------------------------------------------------------------------------


@dataclasses.dataclass
class NewAssignment:
    member: Member
    organization: Organization | None
    assigned_by: Organization | None
    start: dt.date
    end: dt.date | None = None
    note: str = ""


def _overlapping(member, organization, assigned_by, start, end, exclude=None):
    qs = Assignment.objects.filter(
        member=member, organization=organization, assigned_by=assigned_by, voided_at__isnull=True
    ).filter(Q(end__isnull=True) | Q(end__gte=start))
    if end is not None:
        qs = qs.filter(start__lte=end)
    return qs.exclude(pk=exclude).first()


def assign_cadres(*, items: list[NewAssignment], by=None) -> list[Assignment]:
    """Assign key cadres to follow and help organizations, from a day (until a day, or
    ongoing). The same cadre is not assigned twice to one organization for overlapping
    periods."""
    saved = []
    with transaction.atomic():
        for item in items:
            if not isinstance(item.start, dt.date):
                raise DomainError(_("The date is required."), field="start")
            org = _existing(item.organization, item.start, "organization")
            by_org = _existing(item.assigned_by, item.start, "assigned_by")
            if item.end is not None and item.end < item.start:
                raise DomainError(_("The end date is before the start date."), field="end")
            if item.member is None:
                raise DomainError(_("Unknown member code."), field="member")
            other = _overlapping(item.member, org, by_org, item.start, item.end)
            if other is not None:
                raise DomainError(
                    _("%(name)s is already assigned to %(org)s from %(date)s.")
                    % {"name": item.member.full_name, "org": org.code, "date": short_date(other.start)},
                    field="start",
                )
            assignment = Assignment(
                member=item.member, organization=org, assigned_by=by_org, start=item.start, end=item.end,
                note=_text(item.note, "note"), created_by=by if getattr(by, "pk", None) else None,
            )
            stamp_history(assignment, by)
            assignment.save()
            saved.append(assignment)
    return saved


def end_assignments(*, items: list[tuple[Assignment, dt.date | None]], by=None) -> list[Assignment]:
    """Set the last day of assignments (None: ongoing again)."""
    changed = []
    with transaction.atomic():
        for assignment, end in items:
            assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
            if assignment.end == end:
                continue
            if end is not None and end < assignment.start:
                raise DomainError(_("The end date is before the start date."), field="end")
            other = _overlapping(assignment.member, assignment.organization, assignment.assigned_by,
                                 assignment.start, end, exclude=assignment.pk)
            if other is not None:
                raise DomainError(
                    _("%(name)s is already assigned to %(org)s from %(date)s.")
                    % {"name": assignment.member.full_name, "org": assignment.organization.code,
                       "date": short_date(other.start)},
                    field="end",
                )
            assignment.end = end
            stamp_history(assignment, by)
            assignment.save()
            changed.append(assignment)
    return changed


def void_assignment(*, assignment: Assignment, reason: str, by=None) -> None:
    with transaction.atomic():
        _void(assignment, reason, by)
