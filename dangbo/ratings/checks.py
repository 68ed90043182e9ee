"""Rule checks that warn (RULES.md: rules that may be overridden with a recorded reason).

Each warning has a stable code, the source of the rule and a message that says why. The
rating screen asks for an override reason before deciding a rating with warnings; an
import records the reason given in the row and never blocks.
"""

import dataclasses

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dangbo.lib.vntext import format_number
from dangbo.members.selectors import members_on
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import names_on

from . import rules, selectors
from .models import Rating

Level, Step = Rating.Level, Rating.Step


@dataclasses.dataclass(frozen=True)
class RuleWarning:
    code: str
    source: str
    message: str

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


def _percent(cap: rules.Cap) -> str:
    """ "20" or "20,5": the Vietnamese way, without a trailing ",0"."""
    return format_number(cap.ratio * 100)


def cap_warning(rating: Rating, ruleset: rules.RuleSet) -> RuleWarning | None:
    """Would this excellent rating take its group over the cap? Counts every rating of the
    group at any step, so the warning comes while there is still time to change."""
    if rating.level != Level.EXCELLENT:
        return None
    subject = rules.MEMBER if rating.member_id else rules.ORGANIZATION
    cap = ruleset.cap(subject)
    if cap is None:
        return None
    others = Rating.objects.filter(round=rating.round).exclude(pk=rating.pk)
    others = others.filter(member__isnull=False) if rating.member_id else others.filter(organization__isnull=False)
    group = ""
    if cap.scope == rules.PER_GROUP and subject == rules.ORGANIZATION:
        group = rating.organization.group
        others = others.filter(organization__group=group)
    counts = others.aggregate(
        excellent=Count("pk", filter=Q(level=Level.EXCELLENT)), good=Count("pk", filter=Q(level=Level.GOOD))
    )
    excellent, good = counts["excellent"] + 1, counts["good"]
    if excellent <= cap.ratio * good:
        return None
    return RuleWarning(
        rules.EXCELLENCE_CAP, cap.source, _cap_message(cap, excellent, good, rating.round.organization.name, group)
    )


def _cap_message(cap, excellent: int, good: int, where: str, group: str) -> str:
    values = {
        "source": cap.source,
        "excellent": excellent,
        "good": good,
        "percent": _percent(cap),
        "where": where,
        "group": group,
    }
    if cap.scope == rules.PER_GROUP:
        return (
            _(
                "Excellence cap (%(source)s): %(excellent)d rated excellent is more than %(percent)s%% of the "
                "%(good)d rated good in the comparable group “%(group)s” of %(where)s."
            )
            % values
        )
    return (
        _(
            "Excellence cap (%(source)s): %(excellent)d rated excellent is more than %(percent)s%% of the "
            "%(good)d rated good in %(where)s."
        )
        % values
    )


def members_before_warning(rating: Rating, ruleset: rules.RuleSet) -> RuleWarning | None:
    """An organization decided before all its members are (HD 43: based on their ratings)."""
    if not rating.organization_id or rating.step != Step.DECIDED:
        return None
    day = selectors.year_end(rating.year)
    # One count of the members in scope with no decided rating: a correlated NOT EXISTS
    # keeps PostgreSQL on the (member, year) index even without table statistics.
    decided = Rating.objects.filter(year=rating.year, step=Step.DECIDED, member_id=OuterRef("member_id"))
    missing = members_on(rating.organization, day).exclude(Exists(decided)).count()
    if missing <= 0:
        return None
    return RuleWarning(
        rules.MEMBERS_BEFORE_ORGANIZATION,
        ruleset.before_members_source,
        ngettext(
            "Lower levels are rated first (%(source)s): %(missing)d member of this organization has "
            "no decided rating for %(year)d yet.",
            "Lower levels are rated first (%(source)s): %(missing)d members of this organization have "
            "no decided rating for %(year)d yet.",
            missing,
        )
        % {"source": ruleset.before_members_source, "missing": missing, "year": rating.year},
    )


def not_completed_twice_warning(rating: Rating, ruleset: rules.RuleSet) -> RuleWarning | None:
    if not rating.member_id or rating.level != Level.NOT_COMPLETED:
        return None
    years = [rating.year - 1, rating.year + 1]
    if not Rating.objects.filter(member=rating.member, year__in=years, level=Level.NOT_COMPLETED).exists():
        return None
    return RuleWarning(
        rules.NOT_COMPLETED_TWICE,
        rules.NOT_COMPLETED_TWICE_SOURCE,
        _("Not completed two years running (%(source)s): the committee should consider deleting the member's name.")
        % {"source": rules.NOT_COMPLETED_TWICE_SOURCE},
    )


def discipline_warning(rating: Rating, ruleset: rules.RuleSet) -> RuleWarning | None:
    """Inactive until an app registers discipline records in `rules.DISCIPLINE_SOURCES`."""
    if not ruleset.discipline_check or not rating.organization_id or rating.level != Level.EXCELLENT:
        return None
    for source in rules.DISCIPLINE_SOURCES:
        why = source(rating.organization, rating.year)
        if why:
            return RuleWarning(
                rules.DISCIPLINED_COLLECTIVE,
                ruleset.discipline_check,
                _(
                    "A collective cannot be rated excellent when a unit under it or a member of its "
                    "leadership was disciplined that year (%(source)s): %(why)s"
                )
                % {"source": ruleset.discipline_check, "why": why},
            )
    return None


def disciplined_member_warning(rating: Rating, ruleset: rules.RuleSet) -> RuleWarning | None:
    """A member disciplined in the year rated above "completed" (inactive without an app
    that keeps discipline records, `rules.MEMBER_DISCIPLINE_SOURCES`)."""
    if not ruleset.member_discipline_check or not rating.member_id or rating.level not in (Level.EXCELLENT, Level.GOOD):
        return None
    for source in rules.MEMBER_DISCIPLINE_SOURCES:
        why = source([rating.member_id], rating.year).get(rating.member_id)
        if why:
            return member_discipline_warning(why, ruleset)
    return None


def member_discipline_warning(why: str, ruleset: rules.RuleSet) -> RuleWarning:
    return RuleWarning(
        rules.DISCIPLINED_MEMBER,
        ruleset.member_discipline_check,
        _("A member disciplined in a year is rated no higher than “completed” that year (%(source)s): %(why)s")
        % {"source": ruleset.member_discipline_check, "why": why},
    )


CHECKS = [cap_warning, members_before_warning, not_completed_twice_warning, discipline_warning,
          disciplined_member_warning]


def warnings_for(rating: Rating, ruleset: rules.RuleSet, *, skip: tuple[str, ...] = ()) -> list[RuleWarning]:
    """The warnings of a rating about to be saved (a few queries); `skip` names checks
    the caller makes otherwise (an import checks the cap per group at the end)."""
    return [w for check in CHECKS if check.__name__ not in skip and (w := check(rating, ruleset))]


def figure_warnings(org: Organization, year: int, tallied=None) -> list[dict]:
    """The year's rule warnings in `org`'s scope for the annual report: groups over the
    excellence cap (with their recorded override reasons) and members not completing
    two years running. From the report tallies when given (`tallies.selectors.YearFigures`)."""
    out = []
    groups = selectors.cap_excess(org, year, tallied)
    # The names of the rounds' organizations at year end, in two queries for all.
    where = Organization.objects.in_bulk({g["round__organization__code"] for g in groups}, field_name="code")
    names = names_on(list(where.values()), selectors.year_end(year))
    for group in groups:
        cap = group["cap"]
        message = _cap_message(
            cap,
            group["excellent"],
            group["good"],
            names[where[group["round__organization__code"]].pk],
            group.get("organization__group") or "",
        )
        if group["overrides"]:
            message = _("%(warning)s Override recorded: %(reasons)s") % {
                "warning": message,
                "reasons": "; ".join(group["overrides"]),
            }
        out.append({"code": rules.EXCELLENCE_CAP, "message": message})
    twice = tallied.not_completed_twice() if tallied else selectors.not_completed_twice(org, year).count()
    if twice:
        out.append(
            {
                "code": rules.NOT_COMPLETED_TWICE,
                "message": ngettext(
                    "%(count)d member rated not completed two years running (%(source)s): the committee "
                    "should consider deleting the name.",
                    "%(count)d members rated not completed two years running (%(source)s): the committee "
                    "should consider deleting their names.",
                    twice,
                )
                % {"count": twice, "source": rules.NOT_COMPLETED_TWICE_SOURCE},
            }
        )
    for source in rules.DISCIPLINE_YEAR_WARNINGS:
        out.extend(source(org, year))
    return out
