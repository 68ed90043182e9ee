"""Every change to candidates, their dossiers and the admission targets goes through one
of these functions (a screen calls them with a list of one, an import with many)."""

import dataclasses
import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core.errors import DomainError
from dangbo.core.models import stamp_history
from dangbo.lib.vntext import fold, match_key, name_sort_key, normalize, short_date, split_name
from dangbo.members import services as member_services
from dangbo.members.models import Member, MembershipEvent, MembershipSpan
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import existed_on

from . import checks
from .models import AdmissionTarget, Candidate, Checkpoint, Helper


class NeedsOverride(DomainError):
    """Rule warnings: the change is made only with a recorded reason."""

    def __init__(self, warnings: list[checks.RuleWarning]):
        super().__init__(
            _("Check the warnings, and give the reason for going ahead."), field="override_reason",
            code="needs_override",
        )
        self.warnings = warnings


def _text(value, field: str, *, required: bool = False, max_length: int | None = None) -> str:
    text = " ".join(normalize(value or "").split()) if max_length else normalize(value or "").strip()
    if required and not text:
        raise DomainError(_("This field is required."), field=field)
    if max_length and len(text) > max_length:
        raise DomainError(_("At most %(n)d characters.") % {"n": max_length}, field=field)
    return text


def _past(day, field: str, what: str) -> dt.date:
    if not isinstance(day, dt.date):
        raise DomainError(_("The date is required."), field=field)
    if day > timezone.localdate():
        raise DomainError(_("%(what)s cannot be after today.") % {"what": what}, field=field)
    return day


def status_on(member: Member, day: dt.date) -> str | None:
    """The member's status on `day` in the register, or None when not a member."""
    span = MembershipSpan.objects.filter(member=member, valid_from__lte=day, valid_to__gte=day).first()
    return span.status if span else None


def live_helpers(candidate: Candidate) -> list[Member]:
    return [h.member for h in candidate.helper_records.filter(voided_at__isnull=True).select_related("member")]


@dataclasses.dataclass
class CandidateData:
    """What is recorded of a candidate when taken into the plan (and corrected later)."""

    full_name: str
    birth: dt.date | int | None
    sex: str
    organization: Organization | None
    planned_on: dt.date | None
    citizen_id: str = ""
    helpers: tuple = ()  # members
    note: str = ""


def _apply(candidate: Candidate, data: CandidateData) -> None:
    """Check `data` and set it on `candidate` (helpers aside)."""
    name = _text(data.full_name, "full_name", required=True, max_length=255)
    if isinstance(data.birth, dt.date):
        candidate.birth_date, candidate.birth_year = data.birth, data.birth.year
    elif isinstance(data.birth, int) and 1900 <= data.birth <= 2100:
        candidate.birth_date, candidate.birth_year = None, data.birth
    else:
        raise DomainError(_("The date or year of birth is required."), field="birth")
    if data.sex not in Member.Sex.values:
        raise DomainError(_("The sex must be male or female."), field="sex")
    citizen_id = _text(data.citizen_id, "citizen_id", max_length=12)
    if citizen_id and not (citizen_id.isascii() and citizen_id.isdigit() and len(citizen_id) == 12):
        raise DomainError(_("The citizen ID number has 12 digits."), field="citizen_id")
    org = data.organization
    if org is None:
        raise DomainError(_("Unknown organization code."), field="organization")
    planned_on = _past(data.planned_on, "planned_on", _("The day taken into the plan"))
    if not existed_on(org, planned_on):
        raise DomainError(
            _("The organization %(code)s did not exist on %(date)s.")
            % {"code": org.code, "date": short_date(planned_on)},
            field="organization",
        )
    helpers = list(data.helpers)
    if len({h.pk for h in helpers}) != len(helpers):
        raise DomainError(_("The same helper is named twice."), field="helpers")
    candidate.full_name = name
    candidate.sex = data.sex
    candidate.citizen_id = citizen_id
    candidate.organization = org
    candidate.planned_on = planned_on
    candidate.note = _text(data.note, "note")
    candidate.name_fold = fold(name)
    candidate.name_key = match_key(name)
    candidate.sort_key = name_sort_key(*split_name(name))


def _set_helpers(candidate: Candidate, helpers, by) -> bool:
    wanted = {h.pk: h for h in helpers}
    current = {h.member_id: h for h in candidate.helper_records.filter(voided_at__isnull=True)}
    changed = False
    for member_id, record in current.items():
        if member_id not in wanted:
            record.voided_at = timezone.now()
            record.void_reason = _("No longer helping the candidate.")
            stamp_history(record, by)
            record.save()
            changed = True
    for member_id, member in wanted.items():
        if member_id not in current:
            record = Helper(candidate=candidate, member=member, created_by=by if getattr(by, "pk", None) else None)
            stamp_history(record, by)
            record.save()
            changed = True
    return changed


@dataclasses.dataclass
class NewCandidate(CandidateData):
    code: str = ""
    certificate_on: dt.date | None = None
    override_reason: str = ""


def take_into_plan(
    *, items: list[NewCandidate], by=None, require_override: bool = True
) -> list[tuple[Candidate, list[checks.RuleWarning]]]:
    """Record candidates taken into an organization's plan, with their helpers. Rule
    warnings (age, helpers not official members) need an `override_reason` when
    `require_override` (the screen); an import records what was decided, with the
    warnings it raised."""
    done = []
    with transaction.atomic():
        for item in items:
            code = _text(item.code, "code", required=True, max_length=32)
            if Candidate.objects.filter(code=code).exists():
                raise DomainError(_("A candidate with this dossier code already exists."), field="code")
            candidate = Candidate(code=code)
            _apply(candidate, item)
            if item.certificate_on is not None:
                candidate.certificate_on = _past(item.certificate_on, "certificate_on", _("The certificate"))
            warnings = checks.intake_warnings(
                name=candidate.full_name, birth_date=candidate.birth_date, birth_year=candidate.birth_year,
                planned_on=candidate.planned_on, helpers=list(item.helpers), status_on=status_on,
                age=require_override,
            )
            reason = _text(item.override_reason, "override_reason")
            if warnings and require_override and not reason:
                raise NeedsOverride(warnings)
            candidate.intake_warnings = "\n".join(w.message for w in warnings)
            candidate.intake_override = reason if warnings else ""
            stamp_history(candidate, by)
            candidate.save()
            _set_helpers(candidate, item.helpers, by)
            done.append((candidate, warnings))
    return done


def correct_candidates(*, changes: list[tuple[Candidate, CandidateData]], by=None) -> list[Candidate]:
    """Correct what was recorded of candidates (the history keeps what it was); returns
    those that changed."""
    fields = ("full_name", "birth_date", "birth_year", "sex", "citizen_id", "organization_id", "planned_on", "note")
    changed = []
    with transaction.atomic():
        for candidate, data in changes:
            candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
            before = tuple(getattr(candidate, f) for f in fields)
            _apply(candidate, data)
            if candidate.stopped_on is not None and candidate.stopped_on < candidate.planned_on:
                raise DomainError(_("The candidate left the plan before this day."), field="planned_on")
            if candidate.admission_id and candidate.admission.date < candidate.planned_on:
                raise DomainError(_("The candidate was admitted before this day."), field="planned_on")
            moved = tuple(getattr(candidate, f) for f in fields) != before
            if moved:
                stamp_history(candidate, by)
                candidate.save()
            if _set_helpers(candidate, data.helpers, by) or moved:
                changed.append(candidate)
    return changed


def record_certificates(*, items: list[tuple[Candidate, dt.date | None]], by=None) -> list[Candidate]:
    """Record the date of each candidate's awareness-course certificate (None: none)."""
    changed = []
    with transaction.atomic():
        for candidate, day in items:
            if day is not None:
                _past(day, "certificate_on", _("The certificate"))
            if candidate.certificate_on == day:
                continue
            candidate.certificate_on = day
            stamp_history(candidate, by)
            candidate.save()
            changed.append(candidate)
    return changed


def complete_awareness_course(*, candidates: list[Candidate], klass, by=None) -> list[Candidate]:
    """The candidates completed a "nhận thức về Đảng" class: they are its learners with
    the result "completed" (the training app's record), and the class's last day is the
    date of their certificate."""
    from dangbo.training import services as training
    from dangbo.training.models import Enrollment, TrainingClass

    if klass.program != TrainingClass.Program.PARTY_AWARENESS:
        raise DomainError(_("Choose a class of the course on awareness of the Party."), field="klass")
    day = klass.end or klass.start
    with transaction.atomic():
        for candidate in candidates:
            enrollment = Enrollment.objects.filter(
                klass=klass, member__isnull=True, name_key=candidate.name_key, birth_year=candidate.birth_year
            ).first()
            if enrollment is None:
                training.enroll(
                    klass=klass, full_name=candidate.full_name,
                    birth=candidate.birth_date or candidate.birth_year, result=Enrollment.Result.COMPLETED, by=by,
                )
            else:
                training.set_result(enrollment=enrollment, result=Enrollment.Result.COMPLETED, by=by)
        return record_certificates(items=[(c, day) for c in candidates], by=by)


def record_checkpoints(*, items: list[tuple[Candidate, str, dt.date, str]], by=None) -> list[Checkpoint]:
    """Record steps of the admission dossier: (candidate, step, date, note) each. A step
    already recorded is corrected (its date and note)."""
    saved = []
    with transaction.atomic():
        for candidate, step, day, note in items:
            if step not in Checkpoint.Step.values:
                raise DomainError(_("Unknown step of the dossier."), field="step")
            _past(day, "date", _("The step"))
            birth = candidate.birth_date or dt.date(candidate.birth_year, 1, 1)
            if day < birth:
                raise DomainError(_("The date is before the date of birth."), field="date")
            note = _text(note, "note")
            checkpoint = Checkpoint.objects.filter(candidate=candidate, step=step, voided_at__isnull=True).first()
            if checkpoint is None:
                checkpoint = Checkpoint(
                    candidate=candidate, step=step, created_by=by if getattr(by, "pk", None) else None
                )
            elif (checkpoint.date, checkpoint.note) == (day, note):
                continue
            checkpoint.date, checkpoint.note = day, note
            stamp_history(checkpoint, by)
            checkpoint.save()
            saved.append(checkpoint)
    return saved


def void_checkpoint(*, checkpoint: Checkpoint, reason: str, by=None) -> None:
    reason = _text(reason, "void_reason")
    if not reason:
        raise DomainError(_("Give the reason for voiding."), field="void_reason")
    if checkpoint.voided_at is not None:
        raise DomainError(_("This step is already voided."))
    with transaction.atomic():
        checkpoint.voided_at, checkpoint.void_reason = timezone.now(), reason
        stamp_history(checkpoint, by)
        checkpoint.save()


def _admissible(candidate: Candidate, day: dt.date) -> None:
    if candidate.member_id is not None:
        raise DomainError(
            _("%(name)s has already been admitted (%(member)s): a candidate is admitted once.")
            % {"name": candidate.full_name, "member": candidate.member.code},
            field="member",
        )
    if candidate.stopped_on is not None and candidate.stopped_on <= day:
        raise DomainError(
            _("%(name)s left the plan on %(date)s.") % {"name": candidate.full_name,
                                                        "date": short_date(candidate.stopped_on)},
            field="date",
        )
    if day < candidate.planned_on:
        raise DomainError(
            _("The admission cannot come before the day the candidate was taken into the plan (%(date)s).")
            % {"date": short_date(candidate.planned_on)},
            field="date",
        )


@dataclasses.dataclass
class Admission:
    """Admitting a candidate on `date`: the member enters the register with the
    `ADMITTED` event (code `member_code`, a new member or a former one)."""

    candidate: Candidate
    date: dt.date
    member_code: str
    decision_number: str = ""
    # The higher level's decision that allows admitting someone over 60 (members.lifecycle).
    over_age_decision: str = ""
    override_reason: str = ""


def admit_candidates(*, items: list[Admission], by=None) -> list[tuple[Candidate, list[checks.RuleWarning]]]:
    """Admit candidates: each becomes a member with the `ADMITTED` event in the
    candidate's organization, through the register's one write path, and the candidate
    keeps the link. Admitting twice is refused. Warnings (certificate, helpers) need an
    `override_reason`."""
    done = []
    with transaction.atomic():
        for item in items:
            # Locks the candidate's row only (PostgreSQL locks no nullable side of a join).
            candidate = (
                Candidate.objects.select_for_update(of=("self",))
                .select_related("organization", "member")
                .get(pk=item.candidate.pk)
            )
            day = _past(item.date, "date", _("The admission"))
            _admissible(candidate, day)
            helpers = live_helpers(candidate)
            warnings = checks.admission_warnings(
                name=candidate.full_name, certificate_on=candidate.certificate_on, day=day, helpers=helpers,
                status_on=status_on,
            )
            reason = _text(item.override_reason, "override_reason")
            if warnings and not reason:
                raise NeedsOverride(warnings)
            code = _text(item.member_code, "member_code", required=True, max_length=32)
            member = Member.objects.filter(code=code).first()
            new = []
            if member is None:
                member = member_services.check_member(
                    code=code, full_name=candidate.full_name, birth=candidate.birth_date or candidate.birth_year,
                    sex=candidate.sex, citizen_id=candidate.citizen_id,
                )
                new = [member]
            elif member.name_key != candidate.name_key or member.birth_year != candidate.birth_year:
                raise DomainError(
                    _("The member %(code)s is %(name)s, born %(year)d: not this candidate.")
                    % {"code": code, "name": member.full_name, "year": member.birth_year},
                    field="member_code",
                )
            elif Candidate.objects.filter(member=member).exists():
                raise DomainError(_("This member was already admitted from another candidacy."), field="member_code")
            [event] = member_services.record_events(items=[member_services.NewEvent(
                member=member, kind=MembershipEvent.Kind.ADMITTED, date=day, organization=candidate.organization,
                decision_number=item.decision_number, admission_override=item.over_age_decision,
            )], new_members=new, by=by)
            candidate.member = Member.objects.get(code=code)
            candidate.admission = event
            candidate.admission_warnings = "\n".join(w.message for w in warnings)
            candidate.admission_override = reason if warnings else ""
            stamp_history(candidate, by)
            candidate.save()
            done.append((candidate, warnings))
    return done


def admission_event(member: Member, after: dt.date) -> MembershipEvent | None:
    """The member's admission on or after `after` (the one a candidacy led to)."""
    return (
        MembershipEvent.objects.filter(
            member=member, kind=MembershipEvent.Kind.ADMITTED, voided_at__isnull=True, date__gte=after
        )
        .order_by("date", "pk")
        .first()
    )


def link_admissions(
    *, items: list[tuple[Candidate, Member]], by=None, require_override: bool = False, override_reason: str = ""
) -> list[tuple[Candidate, list[checks.RuleWarning]]]:
    """Link candidates to the admission of a member recorded in the register already (an
    import's `Biến động` holds the event): the first `ADMITTED` event of the member on
    or after the day the candidate was taken into the plan."""
    done = []
    with transaction.atomic():
        for candidate, member in items:
            candidate = (
                Candidate.objects.select_for_update(of=("self",)).select_related("member").get(pk=candidate.pk)
            )
            if candidate.member_id == member.pk:
                continue
            event = admission_event(member, candidate.planned_on)
            if event is None:
                raise DomainError(
                    _(
                        "%(member)s has no admission on or after %(date)s, the day the candidate was taken "
                        "into the plan."
                    )
                    % {"member": member.code, "date": short_date(candidate.planned_on)},
                    field="member",
                )
            _admissible(candidate, event.date)
            if Candidate.objects.filter(member=member).exclude(pk=candidate.pk).exists():
                raise DomainError(_("This member was already admitted from another candidacy."), field="member")
            warnings = checks.admission_warnings(
                name=candidate.full_name, certificate_on=candidate.certificate_on, day=event.date,
                helpers=live_helpers(candidate), status_on=status_on, helper_count=require_override,
            )
            reason = _text(override_reason, "override_reason")
            if warnings and require_override and not reason:
                raise NeedsOverride(warnings)
            candidate.member, candidate.admission = member, event
            candidate.admission_warnings = "\n".join(w.message for w in warnings)
            candidate.admission_override = reason if warnings else ""
            stamp_history(candidate, by)
            candidate.save()
            done.append((candidate, warnings))
    return done


def stop_candidates(*, items: list[tuple[Candidate, dt.date | None, str]], by=None) -> list[Candidate]:
    """Candidates leave the plan: (candidate, date, reason) each; a date of None takes a
    candidate back into the plan (a correction, kept in the history)."""
    changed = []
    with transaction.atomic():
        for candidate, day, reason in items:
            reason = _text(reason, "stop_reason")
            if day is not None:
                _past(day, "stopped_on", _("The day the candidate left the plan"))
                if day < candidate.planned_on:
                    raise DomainError(
                        _("The candidate was taken into the plan on %(date)s, after this day.")
                        % {"date": short_date(candidate.planned_on)},
                        field="stopped_on",
                    )
                if candidate.member_id is not None:
                    raise DomainError(_("An admitted candidate does not leave the plan."), field="stopped_on")
            else:
                reason = ""
            if (candidate.stopped_on, candidate.stop_reason) == (day, reason):
                continue
            candidate.stopped_on, candidate.stop_reason = day, reason
            stamp_history(candidate, by)
            candidate.save()
            changed.append(candidate)
    return changed


def set_admission_targets(
    *, items: list[tuple[Organization, int, int]], by=None
) -> list[tuple[AdmissionTarget, bool]]:
    """Set the admission target of (organization, year, new members planned) each; returns
    each target and whether it changed."""
    from dangbo.organizations.models import OrgSpan

    done = []
    with transaction.atomic():
        for org, year, target in items:
            if not isinstance(target, int) or isinstance(target, bool) or target < 0:
                raise DomainError(_("The target is a whole number, 0 or more."), field="target")
            if not isinstance(year, int) or not 1900 <= year <= 2100:
                raise DomainError(_("The year is not plausible."), field="year")
            existed = OrgSpan.objects.filter(
                organization=org, merged_into__isnull=True,
                valid_from__lte=dt.date(year, 12, 31), valid_to__gte=dt.date(year, 1, 1),
            ).exists()
            if not existed:
                raise DomainError(
                    _("The organization %(code)s did not exist in %(year)d.") % {"code": org.code, "year": year},
                    field="organization",
                )
            record = AdmissionTarget.objects.filter(organization=org, year=year).first()
            if record is not None and record.target == target:
                done.append((record, False))
                continue
            record = record or AdmissionTarget(organization=org, year=year)
            record.target = target
            stamp_history(record, by)
            record.save()
            done.append((record, True))
    return done
