import datetime as dt
import itertools

from dangbo.members import services

D = dt.date
_codes = itertools.count(1)


def create(*, by=None, **person):
    """A dossier enters the register without an event, through the real service."""
    member = services.check_member(**person)
    services.record_events(items=[], new_members=[member], by=by)
    return member


def record(*, member, kind, date, organization=None, by=None, status=None, attachments=(), **fields):
    """One event through the real service (`record_events` with a list of one)."""
    item = services.NewEvent(member=member, kind=kind, date=date, organization=organization, status=status or "",
                             attachments=tuple(attachments), **fields)
    return services.record_events(items=[item], by=by)[0]


def register(*, event_kind, event_date, organization, by=None, status=None, admitted_on=None, official_on=None,
             decision_number="", admission_override="", **person):
    """A person enters the register with a first event, as the member screen does."""
    member = services.check_member(**person)
    services.record_events(items=[services.NewEvent(
        member=member, kind=event_kind, date=event_date, organization=organization, status=status or "",
        admitted_on=admitted_on, official_on=official_on, decision_number=decision_number,
        admission_override=admission_override,
    )], new_members=[member], by=by)
    member.refresh_from_db()
    return member


def update(*, member, by=None, **fields) -> bool:
    return bool(services.update_members(changes=[(member, fields)], by=by))


def person(*, birth=None, sex="M", name="Nguyễn Văn An", code=None, **kwargs):
    birth = birth or D(1990, 5, 1)
    return create(code=code or f"T{next(_codes):05d}", full_name=name, birth=birth, sex=sex, **kwargs)


def event(member, kind, date, organization=None, **kwargs):
    return record(member=member, kind=kind, date=date, organization=organization, **kwargs)


def opening(member, organization, date=None, status="OFFICIAL", admitted=None, official=None):
    date, admitted = date or D(2020, 1, 1), admitted or D(2010, 1, 1)
    official = official or D(2011, 1, 1)
    return event(
        member,
        "OPENING",
        date,
        organization,
        status=status,
        admitted_on=admitted,
        official_on=official if status == "OFFICIAL" else None,
    )


def admitted_member(organization, date=None, **kwargs):
    m = person(**kwargs)
    event(m, "ADMITTED", date or D(2022, 3, 5), organization)
    m.refresh_from_db()
    return m


def vi(msgid: str, **params) -> str:
    """A message as users see it (Vietnamese is the default language)."""
    from django.utils import translation

    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % params if params else text
