import datetime as dt

from dangbo.cadres import services
from dangbo.members.tests.helpers import opening, person

D = dt.date
SINCE, DECIDED = dt.date(2012, 1, 1), dt.date(2022, 3, 1)


def member_of(org, name="Nguyễn Văn An", since=SINCE, **kwargs):
    """A member of `org` from `since` (an opening balance on that day)."""
    m = person(name=name, **kwargs)
    opening(m, org, date=since)
    m.refresh_from_db()
    return m


def decide(member, managed_by, *, kind="APPOINTMENT", date=DECIDED, title="Trưởng phòng Nội vụ", **kwargs):
    kwargs.setdefault("unit_name", "Phòng Nội vụ huyện")
    files, by = tuple(kwargs.pop("files", ())), kwargs.pop("by", None)
    item = services.NewDecision(kind=kind, date=date, member=member, title=title, managed_by=managed_by, files=files,
                                **kwargs)
    return services.record_decisions(items=[item], by=by)[0]


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def upload(name="quyet-dinh.pdf", content=PDF):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def frozen(monkeypatch, day):
    """Today is `day` for the code under test."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)
