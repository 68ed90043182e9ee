"""A petition's due dates, from the deadline table (`DeadlineRule`, data with effective
dates) and Vietnam's calendar (`dangbo.lib.periods`), and how each was computed, in
words (RULES.md, "Citizens").

- A petition is due to be accepted within the acceptance period from its receipt, and,
  once accepted, to be closed within the closing period from its acceptance.
- The line of the table that applies is the most specific one (complexity, remote area)
  in force on the period's first day (receipt, acceptance).
- A period in calendar days that ends on a day off moves to the next working day; a
  period in working days skips the days off (Bộ luật Dân sự 2015, Điều 147–148).
- A period counted over a year whose holidays the calendar does not know is marked
  unsure, and says so wherever it is shown.
"""

import dataclasses
import datetime as dt

from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from dangbo.lib.periods import CALENDAR_DAYS, SATURDAY, Calendar, DayOff, Period, count_period
from dangbo.lib.vntext import short_date

from .models import DeadlineRule, Petition

Stage = DeadlineRule.Stage


@dataclasses.dataclass(frozen=True)
class Due:
    stage: str
    start: dt.date  # the period's first day (not counted): receipt or acceptance
    rule: DeadlineRule | None  # None: no line of the table in force
    period: Period | None  # None: no rule, or a rule with no legal period

    @property
    def date(self) -> dt.date | None:
        return self.period.end if self.period else None

    @property
    def unsure(self) -> bool:
        return bool(self.period and self.period.unknown_years)


class Rules:
    """The deadline table, read once for many petitions (an import, a recount)."""

    def __init__(self, rules=None, calendar: Calendar | None = None):
        self.rules = list(DeadlineRule.objects.all() if rules is None else rules)
        self.calendar = calendar or Calendar(get_language() or "vi")

    def find(self, *, kind: str, stage: str, complexity: str, remote: bool, day: dt.date) -> DeadlineRule | None:
        matching = [
            r for r in self.rules
            if r.kind == kind and r.stage == stage and r.complexity in ("", complexity)
            and (r.remote is None or r.remote == remote)
            and r.effective_from <= day and (r.effective_to is None or day <= r.effective_to)
        ]
        if not matching:
            return None
        return max(matching, key=lambda r: (bool(r.complexity), r.remote is not None, r.effective_from, r.pk or 0))

    def due(self, *, stage: str, kind: str, complexity: str, remote: bool, start: dt.date) -> Due:
        rule = self.find(kind=kind, stage=stage, complexity=complexity, remote=remote, day=start)
        if rule is None or rule.days is None:
            return Due(stage, start, rule, None)
        return Due(stage, start, rule, count_period(start, rule.days, rule.unit, self.calendar))


@dataclasses.dataclass(frozen=True)
class Dues:
    accept: Due
    close: Due | None  # None until accepted

    @property
    def current(self) -> Due:
        return self.close if self.close is not None else self.accept


def dues_of(*, kind: str, complexity: str, remote: bool, received_on: dt.date, accepted_on: dt.date | None,
            rules: Rules) -> Dues:
    accept = rules.due(stage=Stage.ACCEPT, kind=kind, complexity=complexity, remote=remote, start=received_on)
    close = None
    if accepted_on is not None:
        close = rules.due(stage=Stage.CLOSE, kind=kind, complexity=complexity, remote=remote, start=accepted_on)
    return Dues(accept, close)


def petition_dues(petition: Petition, rules: Rules) -> Dues:
    return dues_of(kind=petition.kind, complexity=petition.complexity, remote=petition.remote,
                   received_on=petition.received_on, accepted_on=petition.accepted_on, rules=rules)


def projection(dues: Dues) -> dict:
    """The petition's due-date columns."""
    return {
        "accept_due": dues.accept.date,
        "close_due": dues.close.date if dues.close else None,
        "due_on": dues.current.date,
        "due_unsure": dues.current.unsure,
    }


# -- In words ----------------------------------------------------------------------------

def _weekday(off: DayOff) -> str:
    if off.weekend == SATURDAY:
        return pgettext("day of the week", "Saturday")
    return pgettext("day of the week", "Sunday")


def _names(offs: list[DayOff]) -> str:
    """The holidays of a run of days off, without the names that only repeat another
    ("Mùng hai Tết Nguyên Đán" repeats "Tết Nguyên Đán")."""
    names: list[str] = []
    for off in offs:
        for name in off.holidays:
            if name not in names:
                names.append(name)
    kept = [n for n in names if not any(other != n and other in n for other in names)]
    return ", ".join(kept)


def _why(off: DayOff) -> str:
    parts = [_weekday(off)] if off.weekend else []
    if off.holidays:
        parts.append(_names([off]))
    return ", ".join(parts)


def _holiday_runs(offs: tuple[DayOff, ...]) -> list[str]:
    """Runs of consecutive days off with a public holiday in them: "20/01/2023–26/01/2023
    (29 Tết, Tết Nguyên Đán)"."""
    runs: list[list[DayOff]] = []
    for off in offs:
        if runs and (off.day - runs[-1][-1].day).days == 1:
            runs[-1].append(off)
        else:
            runs.append([off])
    out = []
    for run in runs:
        if not any(o.holidays for o in run):
            continue
        with_holiday = [o for o in run if o.holidays]
        first, last = with_holiday[0].day, with_holiday[-1].day
        when = short_date(first) if first == last else f"{short_date(first)}–{short_date(last)}"
        out.append(f"{when} ({_names(with_holiday)})")
    return out


def explain(due: Due) -> str:
    """How `due` was computed, in a sentence: "10 ngày kể từ 12/01/2023, ngày cuối
    22/01/2023 là Chủ nhật, Tết Nguyên Đán, nghỉ đến hết 26/01/2023 → 27/01/2023"."""
    if due.rule is None:
        return _("No legal period for this kind of petition from %(date)s.") % {"date": short_date(due.start)}
    if due.period is None:
        return _("No legal period (%(source)s).") % {"source": due.rule.source}
    p = due.period
    values = {"n": p.days, "start": short_date(p.start), "end": short_date(p.end), "source": due.rule.source}
    if p.unit == CALENDAR_DAYS:
        text = ngettext("%(n)d day from %(start)s", "%(n)d days from %(start)s", p.days) % values
        if p.moved:
            first = p.days_off[0]
            text += _(", the last day %(day)s is %(why)s") % {"day": short_date(first.day), "why": _why(first)}
            if len(p.days_off) > 1:
                text += _(", days off until %(day)s") % {"day": short_date(p.days_off[-1].day)}
    else:
        text = ngettext("%(n)d working day from %(start)s", "%(n)d working days from %(start)s", p.days) % values
        runs = _holiday_runs(p.days_off)
        if runs:
            text += _(", not counting weekends and %(holidays)s") % {"holidays": "; ".join(runs)}
        elif p.days_off:
            text += _(", not counting weekends")
    text += " → " + short_date(p.end) + " (" + due.rule.source + ")"
    if p.unknown_years:
        text += ". " + unsure_text(p.unknown_years)
    return text


def unsure_text(years) -> str:
    return _(
        "The calendar does not know the holidays of %(years)s yet: only weekends were skipped. "
        "Check this date against the Government's holiday schedule."
    ) % {"years": ", ".join(str(y) for y in years)}
