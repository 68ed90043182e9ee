import datetime as dt
import itertools

from dangbo.members import services

D = dt.date
_codes = itertools.count(1)


def person(*, birth=None, sex="M", name="Nguyễn Văn An", code=None, **kwargs):
    birth = birth or D(1990, 5, 1)
    return services.create_member(
        code=code or f"T{next(_codes):05d}", full_name=name, birth=birth, sex=sex, **kwargs
    )


def event(member, kind, date, organization=None, **kwargs):
    return services.record_event(
        member=member, kind=kind, date=date, organization=organization, **kwargs
    )


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
