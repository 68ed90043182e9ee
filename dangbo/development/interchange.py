"""The `Quần chúng ưu tú` and `Kế hoạch kết nạp` sheets: import and export (INTERCHANGE.md).

A candidate's row names the member once admitted: the `Kết nạp` event itself is in
`Biến động` (of the file or already recorded), and the candidate is linked to the
member's first admission on or after the day taken into the plan.
"""

import dataclasses
import datetime as dt

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.exporter import ExportScope, member_codes
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import DOSSIER_STEPS, SEXES, canonical
from dangbo.lib.vntext import short_date
from dangbo.members.models import Member, MembershipEvent
from dangbo.organizations.interchange import ensure_tree
from dangbo.organizations.models import Organization

from . import checks, services
from .models import AdmissionTarget, Candidate, Checkpoint, Helper

ADMITTED = MembershipEvent.Kind.ADMITTED
# service field -> sheet column, to name the column of a refusal
CANDIDATE_COLUMNS = {
    "code": "code", "full_name": "full_name", "birth": "birth", "sex": "sex", "citizen_id": "citizen_id",
    "organization": "organization", "planned_on": "planned_on", "helpers": "helpers",
    "certificate_on": "certificate_on", "member": "member", "stopped_on": "stopped_on", "stop_reason": "stop_reason",
}


@dataclasses.dataclass
class PlannedCandidate:
    row: ParsedRow
    helpers: list[str]
    saved: Candidate | None


def _status_in(world):
    def status_on(member, day):
        span = world.member_on(member, day)
        return span.status if span else None

    return status_on


def _admissions(ctx: ImportContext, codes: set[str]) -> dict[str, list[dt.date]]:
    """The admission dates of these members, as the file leaves the register."""
    found: dict[str, list[dt.date]] = {code: [] for code in codes}
    events = ctx.plans.get("members", {}).get("events", {})
    for code in codes:
        found[code].extend(r.values["date"] for r in events.get(code, ()) if r.values["kind"] == ADMITTED)
    saved = MembershipEvent.objects.filter(
        member__code__in=list(codes), kind=ADMITTED, voided_at__isnull=True
    ).values_list("member__code", "date")
    for code, day in saved:
        found[code].append(day)
    return {code: sorted(set(days)) for code, days in found.items()}


def check_candidates(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)
    world = ctx.world
    unique = unique_rows(rows, lambda r: r.values["code"], "code", ctx)
    bad = ctx.bad_keys["candidates"]
    bad.update(code for code, r in unique.items() if r.bad)
    helper_codes = {r.values["code"]: member_codes(r.values.get("helpers")) for r in unique.values()}
    world.load_members([c for codes in helper_codes.values() for c in codes])
    world.load_members(r.values.get("member") for r in unique.values())
    # Where each helper belonged, read at once (a province's file names thousands).
    world.preload_member_spans(
        world.members[c] for codes in helper_codes.values() for c in codes if c in world.members
    )
    saved = {
        c.code: c
        for c in Candidate.objects.filter(code__in=list(unique)).select_related("member").prefetch_related(
            Prefetch("helper_records", Helper.objects.filter(voided_at__isnull=True).select_related("member"),
                     to_attr="live_helpers")
        )
    }
    linked = dict(
        Candidate.objects.filter(member__code__in=[r.values.get("member") for r in unique.values()])
        .values_list("member__code", "code")
    )
    admissions = _admissions(ctx, {r.values["member"] for r in unique.values() if r.values.get("member")})
    wrong_events = {r.values.get("member") for r in ctx.parsed.get("events", []) if r.bad}
    status_on = _status_in(world)
    admitted_in_file: dict[str, ParsedRow] = {}
    plan = ctx.plans.setdefault("candidates", [])
    for code, row in unique.items():
        v = row.values
        if row.bad:
            continue
        org = world.orgs.get(v["organization"])
        if org is None:
            ctx.unknown(row, "organization", "organizations", v["organization"], _("Unknown organization code."))
            bad.add(code)
            continue
        row.orgs = (org.pk,)
        if not world.exists(org, v["planned_on"]):
            ctx.error(row, "organization", _("The organization %(code)s did not exist on %(date)s.")
                      % {"code": org.code, "date": short_date(v["planned_on"])})
        citizen_id = v.get("citizen_id")
        if citizen_id and not (citizen_id.isascii() and citizen_id.isdigit() and len(citizen_id) == 12):
            ctx.error(row, "citizen_id", _("The citizen ID number has exactly 12 digits."))
        helpers = []
        for helper in helper_codes[code]:
            member = world.members.get(helper)
            if member is None or helper in ctx.bad_keys["members"]:
                ctx.unknown(row, "helpers", "members", helper,
                            _("Unknown member code %(code)s: add the member to the sheet of members.")
                            % {"code": helper})
            elif member in helpers:
                ctx.error(row, "helpers", _("The helper %(code)s is named twice.") % {"code": helper})
            else:
                helpers.append(member)
        stopped_on = v.get("stopped_on")
        if stopped_on is not None and stopped_on < v["planned_on"]:
            ctx.error(row, "stopped_on", _("The candidate was taken into the plan on %(date)s, after this day.")
                      % {"date": short_date(v["planned_on"])})
        if v.get("stop_reason") and stopped_on is None:
            ctx.error(row, "stop_reason", _("A reason for leaving the plan needs the day the candidate left it."))
        admitted_on = None
        if v.get("member"):
            admitted_on = _check_admission(row, ctx, admissions, wrong_events, linked, admitted_in_file)
        if row.bad:
            bad.add(code)
            continue
        for warning in checks.intake_warnings(
            name=v["full_name"], birth_date=None, birth_year=0, planned_on=v["planned_on"], helpers=helpers,
            status_on=status_on, age=False,
        ):
            ctx.warning(row, "helpers", warning.message)
        if admitted_on is not None:
            warning = checks.certificate_warning(v["full_name"], v.get("certificate_on"), admitted_on)
            if warning:
                ctx.warning(row, "certificate_on", warning.message)
        candidate = saved.get(code)
        if candidate is None:
            ctx.count(row, "created")
        elif _unchanged(candidate, v, org, helpers):
            ctx.count(row, "unchanged")
            continue
        else:
            ctx.count(row, "updated")
        plan.append(PlannedCandidate(row, helper_codes[code], candidate))


def _check_admission(row, ctx, admissions, wrong_events, linked, admitted_in_file) -> dt.date | None:
    v = row.values
    code = v["member"]
    if code not in ctx.world.members or code in ctx.bad_keys["members"]:
        ctx.unknown(row, "member", "members", code, _("Unknown member code: add the member to the sheet of members."))
        return None
    if code in wrong_events:
        row.bad = True  # the member's events have an error of their own
        return None
    after = [day for day in admissions.get(code, ()) if day >= v["planned_on"]]
    if not after:
        ctx.error(row, "member", _(
            "The member %(code)s has no admission (Kết nạp) on or after %(date)s, the day the candidate was taken "
            "into the plan: add it to the sheet of events."
        ) % {"code": code, "date": short_date(v["planned_on"])})
        return None
    if v.get("stopped_on") is not None:
        ctx.error(row, "stopped_on", _("An admitted candidate does not leave the plan: leave this cell empty."))
    other = admitted_in_file.get(code)
    if other is not None:
        ctx.error(row, "member", _("The member %(code)s is already the admission of the candidate in row %(row)d: "
                                   "a candidate is admitted once.") % {"code": code, "row": other.number})
    elif linked.get(code, v["code"]) != v["code"]:
        ctx.error(row, "member", _("The member %(code)s is already the admission of candidate %(other)s.")
                  % {"code": code, "other": linked[code]})
    admitted_in_file.setdefault(code, row)
    return after[0]


def _unchanged(candidate: Candidate, v: dict, org: Organization, helpers: list[Member]) -> bool:
    birth = candidate.birth_date or candidate.birth_year
    return (
        (candidate.full_name, birth, candidate.sex, candidate.citizen_id, candidate.organization_id,
         candidate.planned_on, candidate.certificate_on, candidate.stopped_on, candidate.stop_reason)
        == (v["full_name"], v["birth"], v["sex"], v.get("citizen_id") or "", org.pk, v["planned_on"],
            v.get("certificate_on"), v.get("stopped_on"), v.get("stop_reason") or "")
        and {h.member.code for h in candidate.live_helpers} == {m.code for m in helpers}
        and (not v.get("member") or (candidate.member is not None and candidate.member.code == v["member"]))
    )


def write_candidates(ctx: ImportContext) -> None:
    planned: list[PlannedCandidate] = ctx.plans["candidates"]
    orgs = {o.code: o for o in Organization.objects.filter(code__in=[p.row.values["organization"] for p in planned])}
    codes = {c for p in planned for c in p.helpers} | {p.row.values.get("member") for p in planned}
    members = {m.code: m for m in Member.objects.filter(code__in=[c for c in codes if c])}
    for p in planned:
        v = p.row.values
        fields = {
            "full_name": v["full_name"], "birth": v["birth"], "sex": v["sex"],
            "organization": orgs[v["organization"]], "planned_on": v["planned_on"],
            "citizen_id": v.get("citizen_id") or "", "helpers": tuple(members[c] for c in p.helpers),
            "note": p.saved.note if p.saved else "",
        }
        try:
            if p.saved is None:
                [(candidate, _w)] = services.take_into_plan(
                    items=[services.NewCandidate(code=v["code"], certificate_on=v.get("certificate_on"), **fields)],
                    by=ctx.by, require_override=False,
                )
            else:
                candidate = p.saved
                services.correct_candidates(changes=[(candidate, services.CandidateData(**fields))], by=ctx.by)
                candidate.refresh_from_db()
                services.record_certificates(items=[(candidate, v.get("certificate_on"))], by=ctx.by)
            services.stop_candidates(items=[(candidate, v.get("stopped_on"), v.get("stop_reason") or "")], by=ctx.by)
            if v.get("member"):
                services.link_admissions(items=[(candidate, members[v["member"]])], by=ctx.by)
        except DomainError as exc:
            ctx.domain_error(exc, p.row, CANDIDATE_COLUMNS.get(exc.field or ""))
    ctx.advance(len(planned))


def check_steps(rows: list[ParsedRow], ctx: ImportContext) -> None:
    """The optional `Hồ sơ kết nạp` sheet: one dated step per candidate and step."""
    unique = unique_rows(rows, lambda r: (r.values["candidate"], r.values["step"]), "date", ctx)
    codes = {k[0] for k in unique}
    saved = {c.code: c for c in Candidate.objects.filter(code__in=list(codes))}
    in_file = {r.row.values["code"]: r.row for r in ctx.plans.get("candidates", [])}
    in_file.update({r.values["code"]: r for r in ctx.parsed.get("candidates", []) if not r.bad})
    existing = {
        (c.candidate.code, c.step): c
        for c in Checkpoint.objects.filter(candidate__code__in=list(codes), voided_at__isnull=True)
        .select_related("candidate")
    }
    plan = ctx.plans.setdefault("dossier_steps", [])
    for (code, step), row in unique.items():
        v = row.values
        if row.bad:
            continue
        source = in_file.get(code)
        candidate = saved.get(code)
        if source is None and candidate is None:
            ctx.unknown(row, "candidate", "candidates", code,
                        _("Unknown dossier code: add the candidate to the sheet of candidates."))
            continue
        if source is not None:
            org = ctx.world.orgs.get(source.values["organization"])
            birth = source.values["birth"]
        else:
            org, birth = candidate.organization, candidate.birth_date or candidate.birth_year
        row.orgs = (org.pk,) if org is not None else ()
        born = birth if isinstance(birth, dt.date) else dt.date(birth, 1, 1)
        if v["date"] < born:
            ctx.error(row, "date", _("The date is before the date of birth."))
            continue
        checkpoint = existing.get((code, step))
        if checkpoint is None:
            ctx.count(row, "created")
        elif (checkpoint.date, checkpoint.note) == (v["date"], v.get("note") or ""):
            ctx.count(row, "unchanged")
            continue
        else:
            ctx.count(row, "updated")
        plan.append(row)


def write_steps(ctx: ImportContext) -> None:
    rows: list[ParsedRow] = ctx.plans["dossier_steps"]
    candidates = {c.code: c for c in Candidate.objects.filter(code__in=[r.values["candidate"] for r in rows])}
    for row in rows:
        v = row.values
        try:
            services.record_checkpoints(
                items=[(candidates[v["candidate"]], v["step"], v["date"], v.get("note") or "")], by=ctx.by
            )
        except DomainError as exc:
            ctx.domain_error(exc, row, {"date": "date", "step": "step", "note": "note"}.get(exc.field or ""))
    ctx.advance(len(rows))


def check_targets(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)
    world = ctx.world
    unique = unique_rows(rows, lambda r: (r.values["organization"], r.values["year"]), "target", ctx)
    existing = {
        (t.organization.code, t.year): t
        for t in AdmissionTarget.objects.filter(organization__code__in=[k[0] for k in unique]).select_related(
            "organization"
        )
    }
    plan = ctx.plans.setdefault("admission_targets", [])
    for (org_code, year), row in unique.items():
        v = row.values
        if row.bad:
            continue
        org = world.orgs.get(org_code)
        if org is None:
            ctx.unknown(row, "organization", "organizations", org_code, _("Unknown organization code."))
            continue
        row.orgs = (org.pk,)
        if not world.existed_in_year(org, year):
            ctx.error(row, "organization", _("The organization did not exist in %(year)d.") % {"year": year})
            continue
        if v["target"] < 0:
            ctx.error(row, "target", _("The target is a whole number, 0 or more."))
            continue
        saved = existing.get((org_code, year))
        if saved is not None and saved.target == v["target"]:
            ctx.count(row, "unchanged")
            continue
        ctx.count(row, "created" if saved is None else "updated")
        plan.append(row)


def write_targets(ctx: ImportContext) -> None:
    rows: list[ParsedRow] = ctx.plans["admission_targets"]
    orgs = {o.code: o for o in Organization.objects.filter(code__in=[r.values["organization"] for r in rows])}
    for row in rows:
        v = row.values
        try:
            services.set_admission_targets(items=[(orgs[v["organization"]], v["year"], v["target"])], by=ctx.by)
        except DomainError as exc:
            ctx.domain_error(exc, row, {"target": "target", "organization": "organization"}.get(exc.field or ""))
    ctx.advance(len(rows))


def export_rows(scope: ExportScope) -> dict[str, list[list]]:
    """The candidates of the exported organizations, and their admission targets."""
    candidates = (
        Candidate.objects.filter(organization_id__in=scope.subtree)
        .select_related("organization", "member")
        .prefetch_related("helper_records__member")
        .order_by("planned_on", "code")
    )
    targets = (
        AdmissionTarget.objects.filter(organization_id__in=scope.subtree)
        .select_related("organization")
        .order_by("year", "organization__code")
    )
    rows = []
    for c in candidates:
        helpers = sorted(h.member.code for h in c.helper_records.all() if h.voided_at is None)
        rows.append([
            c.code, c.full_name, c.birth_date or c.birth_year, canonical(SEXES, c.sex), c.citizen_id or None,
            c.organization.code, c.planned_on, ";".join(helpers) or None, c.certificate_on,
            c.member.code if c.member_id else None, c.stopped_on, c.stop_reason or None,
        ])
    steps = (
        Checkpoint.objects.filter(candidate__organization_id__in=scope.subtree, voided_at__isnull=True)
        .select_related("candidate")
        .order_by("candidate__planned_on", "candidate__code", "date", "step")
    )
    return {
        "candidates": rows,
        "dossier_steps": [
            [s.candidate.code, canonical(DOSSIER_STEPS, s.step), s.date, s.note or None] for s in steps
        ],
        "admission_targets": [[t.year, t.organization.code, t.target] for t in targets],
    }
