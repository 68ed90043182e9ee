import datetime as dt
from decimal import Decimal

from dangbo.members.tests.helpers import opening, person
from dangbo.ratings import services
from dangbo.ratings.models import Rating

D = dt.date
Step = Rating.Step


def member_in(org, name="Nguyễn Văn An", date=None, **kwargs):
    m = person(name=name, **kwargs)
    opening(m, org, date=date or D(2020, 1, 1))
    m.refresh_from_db()
    return m


def rate(subject, level="GOOD", year=2022, step=Step.DECIDED, score=None, **kwargs):
    key = "member" if subject.__class__.__name__ == "Member" else "organization"
    return services.record_rating(
        year=year, level=level, step=step, score=None if score is None else Decimal(score), **{key: subject}, **kwargs
    )
