import datetime as dt
import itertools

from dangbo.training import services

D = dt.date
_codes = itertools.count(1)
START, END = dt.date(2022, 3, 14), dt.date(2022, 3, 18)


def klass(organizer, *, program="GRASSROOTS_COMMITTEE", start=START, end=END, code=None, **kwargs):
    return services.create_class(
        code=code or f"L{next(_codes):04d}",
        name="Lớp bồi dưỡng",
        program=program,
        organizer=organizer,
        start=start,
        end=end,
        **kwargs,
    )
