"""The `Xếp loại` sheet: decided ratings, import and export (INTERCHANGE.md).

Rule checks are warnings that never block; the row's `Lý do` is the recorded override
reason (or, for `Không xếp loại`, the reason for not rating). Errors are only for what
cannot be: an unknown code, a subject that did not exist at the end of the year, a level
or a score the year's rules do not allow.
"""

from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import SHEETS_BY_KEY, canonical
from dangbo.members.interchange import members_by_code
from dangbo.organizations.interchange import ensure_tree, organizations_by_code
from dangbo.organizations.models import Organization

from . import checks, rules, selectors, services
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
# Lower levels first (RULES.md): members, then cells, then grassroots organizations, then above.
KIND_ORDER = {
    Organization.Kind.CELL: 1,
    Organization.Kind.SUB_COMMITTEE: 2,
    Organization.Kind.GRASSROOTS_CELL: 3,
    Organization.Kind.GRASSROOTS_COMMITTEE: 3,
    Organization.Kind.ABOVE_GRASSROOTS: 4,
}


def _subject(row: ParsedRow, members: dict, orgs: dict, ctx: ImportContext) -> dict | None:
    v = row.values
    if v["subject"] == rules.MEMBER:
        member = members.get(v["code"])
        if member is None:
            ctx.error(row, "code", _("Unknown member code."))
            return None
        return {"member": member}
    org = orgs.get(v["code"])
    if org is None:
        ctx.error(row, "code", _("Unknown organization code."))
        return None
    return {"organization": org}


def import_ratings(rows: list[ParsedRow], ctx: ImportContext) -> None:
    if not ensure_tree(ctx):
        return
    members, orgs = members_by_code(ctx), organizations_by_code(ctx)
    unique = unique_rows(rows, lambda r: (r.values["year"], r.values["subject"], r.values["code"]), "code", ctx)
    resolved = []
    for row in unique.values():
        subject = _subject(row, members, orgs, ctx)
        if subject is not None:
            org = subject.get("organization")
            resolved.append((row.values["year"], KIND_ORDER.get(org.kind, 5) if org else 0, row.number, row, subject))
    rounds: dict[int, ParsedRow] = {}  # round id -> first excellent row, for the cap warning
    years = {t[0] for t in resolved if isinstance(t[0], int) and 1930 <= t[0] <= 2100}
    # One load of each year end and of the existing ratings, not a few queries a row.
    at = {year: selectors.YearEnd(year, preload=True) for year in years}
    existing = {(r.year, r.member_id, r.organization_id): r for r in Rating.objects.filter(year__in=years)}
    round_cache: dict = {}
    pending: list[tuple[services.Outcome, ParsedRow]] = []

    def done(outcome: services.Outcome, row: ParsedRow) -> None:
        v = row.values
        ctx.count(row, "created" if outcome.created else "updated" if outcome.changed else "unchanged")
        ctx.remember(outcome.rating, row)
        text = v.get("reason") or ""
        for warning in outcome.warnings:
            ctx.warning(row, "reason", _warning_text(warning, text))
        if v["level"] == Rating.Level.EXCELLENT:
            rounds.setdefault(outcome.rating.round_id, row)

    def flush() -> None:
        # New ratings of one level are saved together; the next level's checks see them.
        if pending and not ctx.report.errors:
            services.create_ratings([o for o, _r in pending], by=ctx.by)
            for outcome, row in pending:
                done(outcome, row)
        pending.clear()

    level_key = None
    for year, order, _n, row, subject in sorted(resolved, key=lambda t: t[:3]):
        if (year, order) != level_key:
            flush()
            level_key = (year, order)
        v = row.values
        is_not_rated = v["level"] == Rating.Level.NOT_RATED
        text = v.get("reason") or ""
        found = existing.get(
            (year, getattr(subject.get("member"), "pk", None), getattr(subject.get("organization"), "pk", None))
        )
        common = {
            "year": v["year"], "level": v["level"], "score": v.get("score"),
            "reason": text if is_not_rated else "", "override_reason": "" if is_not_rated else text,
            "by": ctx.by, "at": at.get(year), "rounds": round_cache, "skip": ("cap_warning",), **subject,
        }
        try:
            if found is None:
                pending.append((services.prepare_rating(step=Rating.Step.DECIDED, lookup=False, **common), row))
                continue
            outcome = services.record_decided(
                reopen_reason=_("Changed by the import of %(file)s.") % {"file": ctx.report.file_name},
                existing=found, **common,
            )
        except DomainError as exc:
            ctx.domain_error(exc, row, COLUMNS.get(exc.field or ""))
            continue
        done(outcome, row)
    flush()
    _cap_warnings(rounds, ctx)


def _warning_text(warning: checks.RuleWarning, override: str) -> str:
    if override:
        return _("%(warning)s Override recorded: %(reasons)s") % {"warning": warning.message, "reasons": override}
    return warning.message


def _cap_warnings(rounds: dict[int, ParsedRow], ctx: ImportContext) -> None:
    """One warning per group over the excellence cap among the rounds the file touched."""
    if ctx.report.errors or not rounds:
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


def export_rows(org_ids: set[int]) -> dict[str, list[list]]:
    """Decided ratings of the organizations in `org_ids` and of the members rated in them."""
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
