"""The `Lớp học` and `Học viên` sheets: import and export (INTERCHANGE.md)."""

from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.exporter import ExportScope
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import PROGRAMS, SHEETS_BY_KEY, canonical
from dangbo.lib.vntext import match_key, short_date
from dangbo.members.models import Member
from dangbo.organizations.interchange import ensure_tree
from dangbo.organizations.models import Organization

from . import services
from .models import Enrollment, TrainingClass

RESULTS = SHEETS_BY_KEY["learners"].column("result").choices
CLASS_COLUMNS = {
    "code": "code",
    "name": "name",
    "program": "program",
    "organizer": "organizer",
    "start": "start",
    "end": "end",
}
LEARNER_COLUMNS = {"member": "member", "full_name": "full_name", "birth": "birth", "result": "result"}


def check_classes(rows: list[ParsedRow], ctx: ImportContext) -> None:
    ensure_tree(ctx)
    world = ctx.world
    saved = {c.code: c for c in TrainingClass.objects.filter(code__in=[r.values.get("code") for r in rows])}
    known: set[str] = ctx.cache.setdefault("classes", set(saved))
    plan = ctx.plans.setdefault("classes", [])
    unique = unique_rows(rows, lambda r: r.values["code"], "code", ctx)
    ctx.bad_keys["classes"].update(code for code, r in unique.items() if r.bad)
    for code, row in unique.items():
        v = row.values
        if row.bad:
            ctx.bad_keys["classes"].add(code)
            continue
        organizer = world.orgs.get(v["organizer"])
        if organizer is None:
            ctx.unknown(row, "organizer", "organizations", v["organizer"], _("Unknown organization code."))
            ctx.bad_keys["classes"].add(code)
            continue
        row.orgs = (organizer.pk,)
        if v.get("end") is not None and v["end"] < v["start"]:
            ctx.error(row, "end", _("The end date is before the start date."))
            ctx.bad_keys["classes"].add(code)
            continue
        if not world.exists(organizer, v["start"]):
            ctx.error(row, "organizer", _("The organization %(code)s did not exist on %(date)s.")
                      % {"code": organizer.code, "date": short_date(v["start"])})
            ctx.bad_keys["classes"].add(code)
            continue
        klass = saved.get(code)
        known.add(code)
        if klass is None:
            ctx.count(row, "created")
        elif (klass.name, klass.program, klass.organizer_id, klass.start, klass.end) == (
            v["name"], v["program"], organizer.pk, v["start"], v.get("end")
        ):
            ctx.count(row, "unchanged")
            continue
        else:
            ctx.count(row, "updated")
        plan.append(row)


def write_classes(ctx: ImportContext) -> None:
    rows: list[ParsedRow] = ctx.plans["classes"]
    saved = {c.code: c for c in TrainingClass.objects.filter(code__in=[r.values["code"] for r in rows])}
    orgs = {o.code: o for o in Organization.objects.filter(code__in=[r.values["organizer"] for r in rows])}
    for row in rows:
        v = row.values
        fields = {"name": v["name"], "program": v["program"], "organizer": orgs[v["organizer"]],
                  "start": v["start"], "end": v.get("end")}
        try:
            klass = saved.get(v["code"])
            if klass is None:
                services.create_class(code=v["code"], by=ctx.by, **fields)
            else:
                services.update_class(klass=klass, place=klass.place, by=ctx.by, **fields)
        except DomainError as exc:
            ctx.domain_error(exc, row, CLASS_COLUMNS.get(exc.field or ""))
    ctx.advance(len(rows))


def _learner_key(row: ParsedRow) -> tuple:
    v = row.values
    if v.get("member"):
        return (v["klass"], "member", v["member"])
    return (v["klass"], "name", match_key(v.get("full_name") or ""), v.get("birth"))


def _saved_enrollments(class_codes) -> dict[tuple, Enrollment]:
    existing: dict[tuple, Enrollment] = {}
    for e in Enrollment.objects.filter(klass__code__in=list(class_codes)).select_related("klass", "member"):
        if e.member_id:
            existing[(e.klass.code, "member", e.member.code)] = e
        else:
            existing[(e.klass.code, "name", e.name_key, e.birth_date or e.birth_year)] = e
    return existing


def check_learners(rows: list[ParsedRow], ctx: ImportContext) -> None:
    world = ctx.world
    world.load_members(r.values.get("member") for r in rows)
    known = ctx.cache.get("classes") or set(
        TrainingClass.objects.filter(code__in=[r.values.get("klass") for r in rows]).values_list("code", flat=True)
    )
    unique = unique_rows(rows, _learner_key, "member", ctx)
    existing = _saved_enrollments({k[0] for k in unique})
    plan = ctx.plans.setdefault("learners", [])
    for key, row in unique.items():
        v = row.values
        if row.bad:
            continue
        if v["klass"] not in known:
            ctx.unknown(row, "klass", "classes", v["klass"],
                        _("Unknown class code: add the class to the sheet of classes."))
            continue
        if v.get("member"):
            if v["member"] not in world.members or v["member"] in ctx.bad_keys["members"]:
                ctx.unknown(row, "member", "members", v["member"],
                            _("Unknown member code: add the member to the sheet of members."))
                continue
        elif not v.get("full_name"):
            ctx.error(row, "full_name",
                      _("Give the member code, or the full name and birth of a learner who is not a member."))
            continue
        elif not v.get("birth"):
            ctx.error(row, "birth", _("The date or year of birth is required for a learner who is not a member."))
            continue
        result = v.get("result") or Enrollment.Result.IN_PROGRESS
        enrollment = existing.get(key)
        if enrollment is None:
            ctx.count(row, "created")
        elif enrollment.result == result:
            ctx.count(row, "unchanged")
            continue
        else:
            ctx.count(row, "updated")
        plan.append((key, row))


def write_learners(ctx: ImportContext) -> None:
    items = ctx.plans["learners"]
    classes = {c.code: c for c in TrainingClass.objects.filter(code__in=[key[0] for key, _row in items])}
    members = {m.code: m for m in Member.objects.filter(code__in=[r.values.get("member") for _k, r in items])}
    existing = _saved_enrollments(classes)
    for key, row in items:
        v = row.values
        result = v.get("result") or Enrollment.Result.IN_PROGRESS
        try:
            enrollment = existing.get(key)
            if enrollment is None:
                services.enroll(
                    klass=classes[v["klass"]], member=members.get(v.get("member") or ""),
                    full_name=v.get("full_name") or "", birth=v.get("birth"), result=result, by=ctx.by,
                )
            else:
                services.set_result(enrollment=enrollment, result=result, by=ctx.by)
        except DomainError as exc:
            ctx.domain_error(exc, row, LEARNER_COLUMNS.get(exc.field or ""))
    ctx.advance(len(items))


def export_rows(scope: ExportScope) -> dict[str, list[list]]:
    """The classes organized by the exported organizations, and all their learners."""
    org_ids = scope.subtree
    classes = (
        TrainingClass.objects.filter(organizer_id__in=org_ids).select_related("organizer").order_by("start", "code")
    )
    enrollments = (
        Enrollment.objects.filter(klass__organizer_id__in=org_ids)
        .select_related("klass", "member")
        .order_by("klass__start", "klass__code", "pk")
    )
    return {
        "classes": [
            [c.code, c.name, canonical(PROGRAMS, c.program), c.organizer.code, c.start, c.end] for c in classes
        ],
        "learners": [
            [
                e.klass.code,
                e.member.code if e.member_id else None,
                None if e.member_id else e.full_name,
                None if e.member_id else (e.birth_date or e.birth_year),
                canonical(RESULTS, e.result),
            ]
            for e in enrollments
        ],
    }
