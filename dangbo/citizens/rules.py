"""How many days a month the head of a committee must receive citizens, by the rules of
each period (RULES.md, "Which rule applies when" and "Citizens"), as data:

- QĐ 11-QĐi/TW (18/02/2019): the heads of province and district committees at least
  1 day a month, of commune committees at least 2 days a month;
- KL 215-KL/TW (23/11/2025) amends it: province and commune committees only.

A committee may set its own number from a date on (`ReceptionMinimum`); without one,
the default of its level on the day applies. The level is read from the tree of that
day: a commune (xã, phường, thị trấn, đặc khu) by its name or comparable group, a
province committee when no committee above grassroots stands over it, a district one
otherwise. Grassroots organizations of agencies, schools or enterprises have none.

The deadline table of petitions is data in the database (`DeadlineRule`, with effective
dates; administrators add lines). An empty table is filled with `DEFAULT_DEADLINES`, the
values of RULES.md in force since 2019, after every `migrate` (and `flush`).
"""

import dataclasses
import datetime as dt
import re

from django.utils.translation import gettext_lazy as _

from dangbo.lib.vntext import fold
from dangbo.organizations.models import Organization, OrgSpan

PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"
LEVELS = {PROVINCE: _("province"), DISTRICT: _("district"), COMMUNE: _("commune")}


@dataclasses.dataclass(frozen=True)
class MinimumRule:
    source: str
    first_day: dt.date
    last_day: dt.date | None
    days: dict[str, int]  # level -> days a month; a level absent has no minimum

    def applies_on(self, day: dt.date) -> bool:
        return self.first_day <= day and (self.last_day is None or day <= self.last_day)


MINIMUM_RULES = (
    MinimumRule("QĐ 11-QĐi/TW", dt.date(2019, 2, 18), dt.date(2025, 11, 22),
                {PROVINCE: 1, DISTRICT: 1, COMMUNE: 2}),
    MinimumRule("KL 215-KL/TW", dt.date(2025, 11, 23), None, {PROVINCE: 1, COMMUNE: 2}),
)

_COMMUNE_NAME = re.compile(r"^(dang bo|dang uy|chi bo)\s+(xa|phuong|thi tran|dac khu)\b")
_COMMUNE_GROUP = re.compile(r"\b(xa|phuong|thi tran|dac khu)\b")


def minimum_rule_on(day: dt.date) -> MinimumRule | None:
    return next((r for r in MINIMUM_RULES if r.applies_on(day)), None)


def _looks_like_commune(org: Organization, name: str) -> bool:
    return org.kind in (Organization.Kind.ABOVE_GRASSROOTS, *Organization.GRASSROOTS_KINDS) and bool(
        _COMMUNE_NAME.match(fold(name)) or _COMMUNE_GROUP.search(fold(org.group))
    )


def levels_on(orgs: list[Organization], day: dt.date) -> dict[int, str | None]:
    """The administrative level of each organization's committee on `day` (None: not a
    committee that receives citizens, or not existing that day). A commune is the
    highest organization that looks like one (a former commune's committee under the
    new commune of 2025 is not one any more). Two queries."""
    spans = {
        s.organization_id: s
        for s in OrgSpan.objects.filter(organization__in=orgs, valid_from__lte=day, valid_to__gte=day,
                                        merged_into__isnull=True)
    }
    ancestors = {pk: [int(part) for part in span.path.split("/") if part][:-1] for pk, span in spans.items()}
    above = {
        s.organization_id: s
        for s in OrgSpan.objects.filter(organization__in={a for ids in ancestors.values() for a in ids},
                                        valid_from__lte=day, valid_to__gte=day).select_related("organization")
    }
    levels: dict[int, str | None] = {}
    for org in orgs:
        span = spans.get(org.pk)
        if span is None:
            levels[org.pk] = None
            continue
        over = [above[a] for a in ancestors[org.pk] if a in above]
        if any(_looks_like_commune(a.organization, a.name) for a in over):
            levels[org.pk] = None
        elif _looks_like_commune(org, span.name):
            levels[org.pk] = COMMUNE
        elif org.kind != Organization.Kind.ABOVE_GRASSROOTS:
            levels[org.pk] = None
        elif any(a.organization.kind == Organization.Kind.ABOVE_GRASSROOTS for a in over):
            levels[org.pk] = DISTRICT
        else:
            levels[org.pk] = PROVINCE
    return levels

# The deadline table of RULES.md ("Citizens"):
# - Khiếu nại (Luật Khiếu nại 2011, in force 01/07/2012): accept within 10 days of receipt
#   (Art. 27); decide within 30 days of acceptance, 45 if complex; in remote areas 45, and
#   60 if complex (Art. 28).
# - Tố cáo (Luật Tố cáo 2018, in force 01/01/2019): accept within 7 working days (Art. 24,
#   29; likely); conclude within 30 days, 60 if complex (one extension of 30 days), 90 if
#   especially complex (two) (Art. 30).
# - Kiến nghị, Phản ánh (QĐ 11-QĐi/TW, 18/02/2019): tell the sender within 10 working days
#   whether it was accepted or forwarded; no legal period to close (none by default).
# (kind, stage, complexity, remote, days, unit, in force from, source, certainty)
_KN, _TC, _QD11 = "Luật Khiếu nại 2011", "Luật Tố cáo 2018", "QĐ 11-QĐi/TW"
DEFAULT_DEADLINES = (
    ("COMPLAINT", "ACCEPT", "", None, 10, "calendar", dt.date(2012, 7, 1), f"{_KN}, Điều 27", "SURE"),
    ("COMPLAINT", "CLOSE", "NORMAL", False, 30, "calendar", dt.date(2012, 7, 1), f"{_KN}, Điều 28", "SURE"),
    ("COMPLAINT", "CLOSE", "COMPLEX", False, 45, "calendar", dt.date(2012, 7, 1), f"{_KN}, Điều 28", "SURE"),
    ("COMPLAINT", "CLOSE", "NORMAL", True, 45, "calendar", dt.date(2012, 7, 1), f"{_KN}, Điều 28", "SURE"),
    ("COMPLAINT", "CLOSE", "COMPLEX", True, 60, "calendar", dt.date(2012, 7, 1), f"{_KN}, Điều 28", "SURE"),
    ("DENUNCIATION", "ACCEPT", "", None, 7, "working", dt.date(2019, 1, 1), f"{_TC}, Điều 24, 29", "LIKELY"),
    ("DENUNCIATION", "CLOSE", "NORMAL", None, 30, "calendar", dt.date(2019, 1, 1), f"{_TC}, Điều 30", "SURE"),
    ("DENUNCIATION", "CLOSE", "COMPLEX", None, 60, "calendar", dt.date(2019, 1, 1), f"{_TC}, Điều 30", "SURE"),
    ("DENUNCIATION", "CLOSE", "VERY_COMPLEX", None, 90, "calendar", dt.date(2019, 1, 1), f"{_TC}, Điều 30", "SURE"),
    ("RECOMMENDATION", "ACCEPT", "", None, 10, "working", dt.date(2019, 2, 18), _QD11, "SURE"),
    ("FEEDBACK", "ACCEPT", "", None, 10, "working", dt.date(2019, 2, 18), _QD11, "SURE"),
)
