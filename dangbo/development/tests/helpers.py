import datetime as dt
import itertools

from dangbo.development import services

D = dt.date
_codes = itertools.count(1)


PLANNED_ON, BIRTH = D(2022, 3, 1), D(2000, 4, 2)


def candidate(organization, *, planned_on=PLANNED_ON, name="Phạm Thị Hoa", birth=BIRTH, sex="F",
              helpers=(), certificate_on=None, code=None, by=None, override_reason="ok"):
    """A candidate taken into `organization`'s plan through the real service."""
    [(c, _warnings)] = services.take_into_plan(items=[services.NewCandidate(
        code=code or f"QC{next(_codes):04d}", full_name=name, birth=birth, sex=sex, organization=organization,
        planned_on=planned_on, helpers=tuple(helpers), certificate_on=certificate_on,
        override_reason=override_reason,
    )], by=by)
    return c


def frozen(monkeypatch, day):
    """Today is `day` for the code under test."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)
