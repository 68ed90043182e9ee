"""Every change to training classes and their learners goes through one of these functions."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.core.versions import check_unchanged
from dangbo.lib.vntext import match_key, name_sort_key, normalize, short_date, split_name
from dangbo.members import services as member_services
from dangbo.members.models import Member
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import existed_on
from dangbo.organizations.services import validate_code

from .models import Enrollment, TrainingClass

Program, Result = TrainingClass.Program, Enrollment.Result
THEORY_ORDER = [level.value for level in Member.TheoryLevel]  # BASIC < INTERMEDIATE < ADVANCED < BACHELOR
CLASS_FIELDS = ("name", "program", "organizer", "start", "end", "place")


def _text(value, field: str, *, required: bool = False, max_length: int = 255) -> str:
    text = " ".join(normalize(value or "").split())
    if required and not text:
        raise DomainError(_("This field is required."), field=field)
    if len(text) > max_length:
        raise DomainError(_("At most %(n)d characters.") % {"n": max_length}, field=field)
    return text


def _class_fields(*, name, program, organizer, start, end, place) -> dict:
    if program not in Program.values:
        raise DomainError(_("Unknown training program."), field="program")
    if not isinstance(start, dt.date):
        raise DomainError(_("The start date is required."), field="start")
    if end is not None and end < start:
        raise DomainError(_("The end date is before the start date."), field="end")
    if organizer is None:
        raise DomainError(_("Unknown organization code."), field="organizer")
    if not existed_on(organizer, start):
        raise DomainError(
            _("The organization %(code)s did not exist on %(date)s.")
            % {"code": organizer.code, "date": short_date(start)},
            field="organizer",
        )
    return {
        "name": _text(name, "name", required=True),
        "program": program,
        "organizer": organizer,
        "start": start,
        "end": end,
        "place": _text(place, "place"),
    }


def create_class(
    *,
    code: str,
    name: str,
    program: str,
    organizer: Organization,
    start: dt.date,
    end: dt.date | None = None,
    place: str = "",
    by=None,
) -> TrainingClass:
    code = validate_code(code)
    with transaction.atomic():
        fields = _class_fields(name=name, program=program, organizer=organizer, start=start, end=end, place=place)
        if TrainingClass.objects.filter(code=code).exists():
            raise DomainError(_("A class with this code already exists."), field="code")
        klass = TrainingClass(code=code, **fields)
        stamp_history(klass, by)
        klass.save()
    return klass


def update_class(
    *,
    klass: TrainingClass,
    name: str,
    program: str,
    organizer: Organization,
    start: dt.date,
    end: dt.date | None = None,
    place: str = "",
    by=None,
) -> bool:
    """Correct a class; True when something changed (recorded in the history)."""
    with transaction.atomic():
        fields = _class_fields(name=name, program=program, organizer=organizer, start=start, end=end, place=place)
        if all(getattr(klass, k) == v for k, v in fields.items()):
            return False
        for key, value in fields.items():
            setattr(klass, key, value)
        stamp_history(klass, by)
        klass.save()
    return True


def _raise_theory_level(enrollment: Enrollment, *, by=None) -> None:
    """Completing a theory class gives the member that level, never a lower one; through
    the members service, so the member's history records it."""
    level = TrainingClass.THEORY_LEVELS.get(enrollment.klass.program)
    member = enrollment.member
    if level is None or member is None or enrollment.result != Result.COMPLETED:
        return
    current = member.theory_level
    if current and THEORY_ORDER.index(current) >= THEORY_ORDER.index(level):
        return
    profile = {name: getattr(member, name) for name in member_services.PROFILE_FIELDS}
    profile["theory_level"] = level
    member_services.update_members(changes=[(member, {
        "full_name": member.full_name,
        "family_name": member.family_name,
        "middle_name": member.middle_name,
        "given_name": member.given_name,
        "birth": member.birth_date or member.birth_year,
        "sex": member.sex,
        **profile,
    })], by=by)


def enroll(
    *,
    klass: TrainingClass,
    member: Member | None = None,
    full_name: str = "",
    birth: dt.date | int | None = None,
    result: str = Result.IN_PROGRESS,
    by=None,
) -> Enrollment:
    """Enroll a member, or someone who is not a member yet (full name and birth)."""
    if result not in Result.values:
        raise DomainError(_("Unknown result."), field="result")
    enrollment = Enrollment(klass=klass, member=member, result=result)
    if member is not None:
        enrollment.full_name = member.full_name
        enrollment.birth_date, enrollment.birth_year = member.birth_date, member.birth_year
        enrollment.sort_key = member.sort_key
    else:
        full_name = _text(full_name, "full_name", required=True)
        if isinstance(birth, dt.date):
            enrollment.birth_date, enrollment.birth_year = birth, birth.year
        elif isinstance(birth, int):
            enrollment.birth_year = birth
        else:
            raise DomainError(_("The date or year of birth is required."), field="birth")
        enrollment.full_name = full_name
        enrollment.sort_key = name_sort_key(*split_name(full_name))
    enrollment.name_key = match_key(enrollment.full_name)
    with transaction.atomic():
        if member is not None:
            twice = Enrollment.objects.filter(klass=klass, member=member).exists()
        else:
            twice = Enrollment.objects.filter(
                klass=klass,
                member__isnull=True,
                name_key=enrollment.name_key,
                birth_year=enrollment.birth_year,
                birth_date=enrollment.birth_date,
            ).exists()
        if twice:
            raise DomainError(
                _("%(name)s is already enrolled in this class.") % {"name": enrollment.full_name},
                field="member" if member is not None else "full_name",
            )
        stamp_history(enrollment, by)
        enrollment.save()
        _raise_theory_level(enrollment, by=by)
    return enrollment


def set_results(*, klass: TrainingClass, results: dict[int, str], version: str | None = None, by=None) -> int:
    """Record the results of a class's learners (enrollment id: result), all or none;
    how many changed. `version` (core.versions) covers every learner of the class: the
    results form is refused when someone changed a result after it was opened."""
    with transaction.atomic():
        enrollments = list(Enrollment.objects.filter(klass=klass).select_related("klass", "member").order_by("pk"))
        check_unchanged(version, *enrollments, fields=("result",))
        changed = 0
        for enrollment in enrollments:
            value = results.get(enrollment.pk)
            if value is not None and value != enrollment.result:
                changed += set_result(enrollment=enrollment, result=value, by=by)
    return changed


def set_result(*, enrollment: Enrollment, result: str, by=None) -> bool:
    """Record a learner's result; True when it changed."""
    if result not in Result.values:
        raise DomainError(_("Unknown result."), field="result")
    if enrollment.result == result:
        return False
    with transaction.atomic():
        enrollment.result = result
        stamp_history(enrollment, by)
        enrollment.save()
        _raise_theory_level(enrollment, by=by)
    return True
