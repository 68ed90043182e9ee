"""The `Xếp loại` sheet: decided ratings, import and export (INTERCHANGE.md).

Rule checks are warnings that never block; the row's `Lý do` is the recorded override
reason (or, for `Không xếp loại`, the reason for not rating). Errors are only for what
cannot be: an unknown code, a subject that did not exist at the end of the year, a level
or a score the year's rules do not allow.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.exporter import ExportScope
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import SHEETS_BY_KEY, canonical
from dangbo.members.models import Member
from dangbo.organizations.interchange import ensure_tree
from dangbo.organizations.models import Organization

from . import checks, rules, services
from .models import Rating

SPEC = SHEETS_BY_KEY["ratings"]
SUBJECTS = SPEC.column("subject").choices
LEVELS = SPEC.column("level").choices
COLUMNS = {
    "year": "year",
    "member": "code",
    "organization": "code",
    "level": "level",
    "score": "score",
    "reason": "reason",
    "override_reason": "reason",
}


def check_ratings(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)
    world = ctx.world
    world.load_members(r.values.get("code") for r in rows if r.values.get("subject") == rules.MEMBER)
    unique = unique_rows(rows, lambda r: (r.values["year"], r.values["subject"], r.values["code"]), "code", ctx)
    years = {year for year, _s, _c in unique}
    saved = {
        (r.year, r.member_id, r.organization_id): r
        for r in Rating.objects.filter(year__in=years)
    }
    plan = ctx.plans.setdefault("ratings", [])
    for (year, subject, code), row in unique.items():
        v = row.values
        if row.bad:
            continue
        end = dt.date(year, 12, 31)
        if subject == rules.MEMBER:
            member = world.members.get(code)
            if member is None or code in ctx.bad_keys["members"]:
                ctx.unknown(row, "code", "members", code, _("Unknown member code."))
                continue
            span = world.member_on(member, end)
            if span is None:
                ctx.error(row, "code", _(
                    "%(name)s was not a Party member on 31/12/%(year)d, so cannot be rated for that year."
                ) % {"name": member.full_name, "year": year})
                continue
            row.orgs = (span.organization_id,)
            key = (year, member.pk, None)
        else:
            org = world.orgs.get(code)
            if org is None:
                ctx.unknown(row, "code", "organizations", code, _("Unknown organization code."))
                continue
            if not world.exists(org, end):
                ctx.error(row, "code", _(
                    "%(code)s did not exist on 31/12/%(year)d, so cannot be rated for that year."
                ) % {"code": org.code, "year": year})
                continue
            row.orgs = (org.pk,)
            key = (year, None, org.pk)
        text = v.get("reason") or ""
        not_rated = v["level"] == Rating.Level.NOT_RATED
        try:
            services.check_fields(year=year, level=v["level"], score=v.get("score"), reason=text)
        except DomainError as exc:
            ctx.domain_error(exc, row, COLUMNS.get(exc.field or ""))
            continue
        found = saved.get(key)
        if found is not None and services.same_decision(
            found, level=v["level"], score=v.get("score"), reason=text if not_rated else "",
            override_reason="" if not_rated else text,
        ):
            ctx.count(row, "unchanged")
            continue
        ctx.count(row, "updated" if found is not None else "created")
        plan.append(row)


def write_ratings(ctx: ImportContext) -> None:
    rows: list[ParsedRow] = ctx.plans["ratings"]
    members = {m.code: m for m in Member.objects.filter(
        code__in=[r.values["code"] for r in rows if r.values["subject"] == rules.MEMBER]
    )}
    orgs = {o.code: o for o in Organization.objects.filter(
        code__in=[r.values["code"] for r in rows if r.values["subject"] != rules.MEMBER]
    )}
    items = []
    for row in rows:
        v = row.values
        text = v.get("reason") or ""
        not_rated = v["level"] == Rating.Level.NOT_RATED
        subject = (
            {"member": members[v["code"]]} if v["subject"] == rules.MEMBER else {"organization": orgs[v["code"]]}
        )
        items.append(services.DecidedRating(
            year=v["year"], level=v["level"], score=v.get("score"), reason=text if not_rated else "",
            override_reason="" if not_rated else text, **subject,
        ))
    outcomes = services.decide_ratings(
        items=items, reopen_reason=_("Changed by the import of %(file)s.") % {"file": ctx.report.file_name},
        by=ctx.by, skip=("cap_warning", "disciplined_member_warning"),
    )
    rounds: dict[int, ParsedRow] = {}  # round id -> first excellent row, for the cap warning
    for row, outcome in zip(rows, outcomes, strict=True):
        text = row.values.get("reason") or ""
        for warning in outcome.warnings:
            ctx.warning(row, "reason", _warning_text(warning, text))
        if row.values["level"] == Rating.Level.EXCELLENT:
            rounds.setdefault(outcome.rating.round_id, row)
    ctx.advance(len(rows))
    _cap_warnings(rounds, ctx)
    _discipline_warnings(rows, outcomes, ctx)


def _discipline_warnings(rows: list[ParsedRow], outcomes: list, ctx: ImportContext) -> None:
    """The members' discipline check for the whole file at once (a province rates
    hundreds of thousands of members): one question per year, not one per rating."""
    by_year: dict[int, dict[int, ParsedRow]] = defaultdict(dict)
    for row, outcome in zip(rows, outcomes, strict=True):
        rating = outcome.rating
        if rating.member_id and outcome.changed and rating.level in (Rating.Level.EXCELLENT, Rating.Level.GOOD):
            by_year[rating.year][rating.member_id] = row
    for year, members in by_year.items():
        ruleset = rules.rule_set_for(year)
        if not ruleset.member_discipline_check:
            continue
        for source in rules.MEMBER_DISCIPLINE_SOURCES:
            for member_id, why in source(list(members), year).items():
                row = members[member_id]
                warning = checks.member_discipline_warning(why, ruleset)
                ctx.warning(row, "reason", _warning_text(warning, row.values.get("reason") or ""))


def _warning_text(warning: checks.RuleWarning, override: str) -> str:
    if override:
        return _("%(warning)s Override recorded: %(reasons)s") % {"warning": warning.message, "reasons": override}
    return warning.message


def _cap_warnings(rounds: dict[int, ParsedRow], ctx: ImportContext) -> None:
    """One warning per group over the excellence cap among the rounds the file touched."""
    if not rounds:
        return
    ratings = Rating.objects.filter(round_id__in=list(rounds), step=Rating.Step.DECIDED)
    groups = defaultdict(lambda: {"excellent": 0, "good": 0, "overrides": set()})
    rows = (
        ratings.values("round_id", "round__rule_set", "round__organization__name", "member_id", "organization__group")
        .annotate(
            excellent=Count("pk", filter=Q(level=Rating.Level.EXCELLENT)),
            good=Count("pk", filter=Q(level=Rating.Level.GOOD)),
        )
        .order_by()
    )
    for r in rows:
        ruleset = rules.rule_set(r["round__rule_set"])
        cap = ruleset.cap(rules.MEMBER if r["member_id"] else rules.ORGANIZATION)
        if cap is None:
            continue
        group = (r["organization__group"] or "") if cap.scope == rules.PER_GROUP and not r["member_id"] else ""
        key = (r["round_id"], bool(r["member_id"]), group)
        g = groups[key]
        g.update(cap=cap, where=r["round__organization__name"], group=group)
        g["excellent"] += r["excellent"]
        g["good"] += r["good"]
    for (round_id, is_member, group), g in sorted(groups.items()):
        if g["excellent"] <= g["cap"].ratio * g["good"]:
            continue
        excellent = ratings.filter(round_id=round_id, level=Rating.Level.EXCELLENT, member__isnull=not is_member)
        if not is_member and g["cap"].scope == rules.PER_GROUP:
            excellent = excellent.filter(organization__group=group)
        overrides = sorted({r for r in excellent.values_list("override_reason", flat=True) if r})
        message = checks._cap_message(g["cap"], g["excellent"], g["good"], g["where"], group)
        ctx.warning(
            rounds[round_id], "reason", _warning_text(checks.RuleWarning("", "", message), "; ".join(overrides))
        )


def export_rows(scope: ExportScope) -> dict[str, list[list]]:
    """Decided ratings of the organizations in `org_ids` and of the members rated in them."""
    org_ids = scope.subtree
    ratings = (
        Rating.objects.filter(step=Rating.Step.DECIDED)
        .filter(Q(organization_id__in=org_ids) | Q(round__organization_id__in=org_ids, member__isnull=False))
        .select_related("organization", "member")
        .order_by("year", "member_id", "organization__code", "member__code")
    )
    out = []
    for r in ratings:
        subject = rules.MEMBER if r.member_id else rules.ORGANIZATION
        code = r.member.code if r.member_id else r.organization.code
        text = r.reason if r.level == Rating.Level.NOT_RATED else r.override_reason
        score = (
            None
            if r.score is None
            else (int(r.score) if r.score == r.score.to_integral_value() else r.score.normalize())
        )
        out.append([r.year, canonical(SUBJECTS, subject), code, canonical(LEVELS, r.level), score, text or None])
    return {"ratings": out}
