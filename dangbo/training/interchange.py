"""The `Lớp học` and `Học viên` sheets: import and export (INTERCHANGE.md)."""

from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.interchange.importer import ImportContext, ParsedRow, unique_rows
from dangbo.interchange.schema import PROGRAMS, SHEETS_BY_KEY, canonical
from dangbo.lib.vntext import match_key
from dangbo.members.interchange import members_by_code
from dangbo.organizations.interchange import ensure_tree, organizations_by_code

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


def classes_by_code(ctx: ImportContext) -> dict[str, TrainingClass]:
    if "training_classes" not in ctx.cache:
        ctx.cache["training_classes"] = {c.code: c for c in TrainingClass.objects.all()}
    return ctx.cache["training_classes"]


def import_classes(rows: list[ParsedRow], ctx: ImportContext) -> None:
    if not ensure_tree(ctx):
        return
    orgs = organizations_by_code(ctx)
    classes = classes_by_code(ctx)
    for code, row in unique_rows(rows, lambda r: r.values["code"], "code", ctx).items():
        v = row.values
        organizer = orgs.get(v["organizer"])
        if organizer is None:
            ctx.error(row, "organizer", _("Unknown organization code."))
            continue
        fields = {
            "name": v["name"],
            "program": v["program"],
            "organizer": organizer,
            "start": v["start"],
            "end": v.get("end"),
            "place": classes[code].place if code in classes else "",  # not a column of the sheet
        }
        try:
            klass = classes.get(code)
            if klass is None:
                klass = services.create_class(code=code, by=ctx.by, **fields)
                classes[code] = klass
                ctx.count(row, "created")
            else:
                changed = services.update_class(klass=klass, by=ctx.by, **fields)
                ctx.count(row, "updated" if changed else "unchanged")
        except DomainError as exc:
            ctx.domain_error(exc, row, CLASS_COLUMNS.get(exc.field or ""))
            continue
        ctx.remember(klass, row)


def _learner_key(row: ParsedRow) -> tuple:
    v = row.values
    if v.get("member"):
        return (v["klass"], "member", v["member"])
    return (v["klass"], "name", match_key(v.get("full_name") or ""), v.get("birth"))


def import_learners(rows: list[ParsedRow], ctx: ImportContext) -> None:
    classes = classes_by_code(ctx)
    members = members_by_code(ctx)
    unique = unique_rows(rows, _learner_key, "member", ctx)
    wanted = {classes[k[0]].pk for k in unique if k[0] in classes}
    existing: dict[tuple, Enrollment] = {}
    for e in Enrollment.objects.filter(klass_id__in=wanted).select_related("klass", "member"):
        if e.member_id:
            existing[(e.klass.code, "member", e.member.code)] = e
        else:
            existing[(e.klass.code, "name", e.name_key, e.birth_date or e.birth_year)] = e
    for key, row in unique.items():
        v = row.values
        klass = classes.get(v["klass"])
        if klass is None:
            ctx.error(row, "klass", _("Unknown class code: add the class to the sheet of classes."))
            continue
        member = None
        if v.get("member"):
            member = members.get(v["member"])
            if member is None:
                ctx.error(row, "member", _("Unknown member code: add the member to the sheet of members."))
                continue
        elif not v.get("full_name"):
            ctx.error(
                row,
                "full_name",
                _("Give the member code, or the full name and birth of a learner who is not a member."),
            )
            continue
        elif not v.get("birth"):
            ctx.error(row, "birth", _("The date or year of birth is required for a learner who is not a member."))
            continue
        result = v.get("result") or Enrollment.Result.IN_PROGRESS
        try:
            enrollment = existing.get(key)
            if enrollment is None:
                enrollment = services.enroll(
                    klass=klass,
                    member=member,
                    full_name=v.get("full_name") or "",
                    birth=v.get("birth"),
                    result=result,
                    by=ctx.by,
                )
                existing[key] = enrollment
                ctx.count(row, "created")
            else:
                changed = services.set_result(enrollment=enrollment, result=result, by=ctx.by)
                ctx.count(row, "updated" if changed else "unchanged")
        except DomainError as exc:
            ctx.domain_error(exc, row, LEARNER_COLUMNS.get(exc.field or ""))
            continue
        ctx.remember(enrollment, row)


def export_rows(org_ids: set[int]) -> dict[str, list[list]]:
    """The classes organized by the exported organizations, and all their learners."""
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
