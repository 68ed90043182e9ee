import datetime as dt

from dangbo.inspections import services
from dangbo.members.tests.helpers import opening, person

D = dt.date
TODAY = D(2023, 6, 30)  # "today" for the services, unless a test says otherwise
SINCE, START, END = D(2015, 1, 1), D(2022, 3, 1), D(2022, 5, 1)
DUE, DECIDED = D(2022, 9, 30), D(2022, 6, 15)


def member_of(org, name="Nguyễn Văn An", since=SINCE, status="OFFICIAL", **kwargs):
    """A member of `org` from `since` (an opening balance that day)."""
    m = person(name=name, **kwargs)
    admitted = D(2012, 3, 1) if status == "OFFICIAL" else since
    official = D(2013, 3, 1) if status == "OFFICIAL" else None
    opening(m, org, date=since, status=status, admitted=admitted, official=official)
    m.refresh_from_db()
    return m


def plan(
    code,
    organization,
    *,
    subject,
    start=START,
    year=None,
    kind="COMPLIANCE",
    body="INSPECTION_COMMITTEE",
    by=None,
    **kwargs,
):
    """One item through the real service; `subject` is a member or an organization."""
    from dangbo.members.models import Member

    fields = services.ItemFields(
        code=code,
        year=year or start.year,
        kind=kind,
        body=body,
        organization=organization,
        start=start,
        subject_member=subject if isinstance(subject, Member) else None,
        subject_organization=None if isinstance(subject, Member) else subject,
        **kwargs,
    )
    [(item, _outcome, _warnings)] = services.record_items(items=[fields], by=by)
    return item


def conclude(item, end=END, conclusion="SHORTCOMINGS", by=None, today=TODAY, **kwargs):
    [(item, _changed)] = services.conclude_items(
        items=[services.ItemConclusion(item=item, end=end, conclusion=conclusion, **kwargs)], by=by, today=today
    )
    return item


def remedy(item, text="Khắc phục thiếu sót trong sinh hoạt chi bộ", due=DUE, by=None, today=TODAY):
    [(r, _outcome)] = services.record_remedies(
        items=[services.RemedyFields(item=item, text=text, due=due)], by=by, today=today
    )
    return r


def discipline(
    subject,
    organization,
    *,
    form="REPRIMAND",
    date=DECIDED,
    body="INSPECTION_COMMITTEE",
    by=None,
    today=TODAY,
    **kwargs,
):
    from dangbo.members.models import Member

    entry = services.NewDiscipline(
        date=date,
        form=form,
        organization=organization,
        body=body,
        subject_member=subject if isinstance(subject, Member) else None,
        subject_organization=None if isinstance(subject, Member) else subject,
        **kwargs,
    )
    return services.record_disciplines(items=[entry], by=by, today=today)[0]


def frozen(monkeypatch, day):
    """Today is `day` for the code under test."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)
