"""The member development screens: the pipeline of an organization (cell or committee),
taking a candidate into the plan, a candidate's dossier (steps, certificate, admission,
leaving the plan), and the yearly admission targets."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangbo.accounts.access import (
    can_change_tree,
    can_record_party_work,
    can_write_register,
    get_candidate_for_user,
    get_organization_for_user,
    require,
    visible_members,
    visible_organizations,
)
from dangbo.core.errors import DomainError
from dangbo.members.selectors import due_for_recognition
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import children_on, name_on

from . import rules, selectors, services
from .forms import AdmitForm, CandidateForm, CertificateForm, NewCandidateForm, StepForm, StopForm, TargetForm, VoidForm
from .models import AdmissionTarget, Checkpoint


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _helpers(request, form, codes: list[str]) -> list | None:
    """The members named as helpers, among those the user may see; None when one is unknown."""
    found = {m.code: m for m in visible_members(request.user).filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        form.add_error("helpers", _("Unknown member codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        return None
    return [found[c] for c in codes]


def organization_panel(request, org: Organization, day: dt.date) -> dict:
    """The organization page: candidates in the plan that day, the year's target."""
    return {
        "org": org,
        "day": day,
        "year": day.year,
        "in_plan": selectors.candidates_in_plan(org, day).count(),
        "target": selectors.target_of(org, day.year),
    }


def day_asked(request, org: Organization) -> dt.date:
    """The day a page shows: ?day= (day/month/year), else today, or the organization's
    last day when it no longer exists."""
    from dangbo.lib.vntext import parse_date
    from dangbo.organizations.selectors import last_day

    try:
        return parse_date(request.GET["day"])
    except (KeyError, ValueError):
        end = last_day(org)
        today = timezone.localdate()
        return min(today, end) if end else today


def pipeline(request, code):
    """The candidates of an organization's subtree in the plan on a day (today), by step;
    who is stuck, whose certificate runs out; the probationary members due for
    recognition."""
    from dangbo.reports.figures import membership_figures

    org = get_organization_for_user(request.user, code)
    today = day_asked(request, org)
    year = today.year

    return render(request, "development/pipeline.html", {
        "org": org,
        "org_name": name_on(org, today),
        "today": today,
        "year": year,
        "pipeline": selectors.pipeline(org, today),
        "target": selectors.target_of(org, year),
        "admitted": membership_figures(org, year)["admissions"],
        "recognition": due_for_recognition(org, today),
        "stuck_months": rules.STUCK_MONTHS,
        "expiry_months": rules.EXPIRY_NOTICE_MONTHS,
        "can_record": can_record_party_work(request.user, org),
        "can_change": can_change_tree(request.user, org),
    })


def _choices(request, org: Organization, day: dt.date):
    """Where the user may place a candidate of `org`: the cells and grassroots
    organizations under the user's own organization (a secretary: their cell)."""
    root = request.user.organization if request.user.organization_id else org
    spans = selectors.organizations_for_candidates(root, day)
    return spans if any(s.organization_id == org.pk for s in spans) else [
        *selectors.organizations_for_candidates(org, day), *spans]


def _org_by_code(code: str) -> Organization | None:
    """The organization chosen in a form (its choices are those the user may use)."""
    return Organization.objects.filter(code=code).first()


def candidate_new(request, code):
    org = get_organization_for_user(request.user, code)
    require(can_record_party_work(request.user, org))
    today = timezone.localdate()
    form = NewCandidateForm(request.POST or None, organizations=selectors.organizations_for_candidates(org, today),
                            initial={"organization": org.code, "planned_on": today})
    warnings = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        helpers = _helpers(request, form, data["helpers"])
        if helpers is not None:
            try:
                [(candidate, _w)] = services.take_into_plan(items=[services.NewCandidate(
                    code=data["code"], full_name=data["full_name"], birth=data["birth"], sex=data["sex"],
                    organization=_org_by_code(data["organization"]), planned_on=data["planned_on"],
                    citizen_id=data["citizen_id"], helpers=tuple(helpers), note=data["note"],
                    certificate_on=data["certificate_on"], override_reason=data["override_reason"],
                )], by=request.user)
            except services.NeedsOverride as exc:
                warnings = exc.warnings
                form.add_error("override_reason", exc.message)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("%(name)s has been taken into the plan.") % {"name": candidate.full_name})
                return redirect("development:candidate", candidate.pk)
    return render(request, "development/candidate_form.html",
                  {"org": org, "form": form, "warnings": warnings, "title": _("Take a candidate into the plan")})


def _awareness_classes(request, since: dt.date):
    """The awareness-course classes the user may see that started since `since`."""
    from dangbo.training.models import TrainingClass

    return TrainingClass.objects.filter(
        program=TrainingClass.Program.PARTY_AWARENESS, start__gte=since,
        organizer__in=visible_organizations(request.user),
    ).order_by("-start")


def _context(request, candidate, **extra) -> dict:
    today = timezone.localdate()
    org = candidate.organization
    can_record = can_record_party_work(request.user, org) and candidate.member_id is None
    classes = _awareness_classes(request, candidate.planned_on - dt.timedelta(days=730))[:30]
    context = {
        "candidate": candidate,
        "org": org,
        "row": selectors.candidate_row(candidate, today),
        "checkpoints": candidate.checkpoints.filter(voided_at__isnull=True).order_by("date", "pk"),
        "history": candidate.history.select_related("history_user").order_by("-history_date")[:50],
        "can_record": can_record,
        "can_admit": can_write_register(request.user, org) and candidate.member_id is None
        and candidate.stopped_on is None,
        "step_form": StepForm(initial={"date": today}),
        "certificate_form": CertificateForm(classes=classes, initial={"certificate_on": candidate.certificate_on}),
        "stop_form": StopForm(initial={"stopped_on": today}),
        "void_form": VoidForm(),
        "today": today,
    }
    context.update(extra)
    return context


def candidate(request, pk):
    candidate = get_candidate_for_user(request.user, pk)
    return render(request, "development/candidate.html", _context(request, candidate))


def candidate_edit(request, pk):
    candidate = get_candidate_for_user(request.user, pk)
    org = candidate.organization
    require(can_record_party_work(request.user, org) and candidate.member_id is None)
    helpers = services.live_helpers(candidate)
    initial = {
        "full_name": candidate.full_name, "birth": (candidate.birth_date.strftime("%d/%m/%Y")
                                                    if candidate.birth_date else candidate.birth_year),
        "sex": candidate.sex, "citizen_id": candidate.citizen_id, "organization": org.code,
        "planned_on": candidate.planned_on, "helpers": "; ".join(h.code for h in helpers), "note": candidate.note,
    }
    form = CandidateForm(request.POST or None, organizations=_choices(request, org, candidate.planned_on),
                         initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        found = _helpers(request, form, data["helpers"])
        if found is not None:
            try:
                services.correct_candidates(changes=[(candidate, services.CandidateData(
                    full_name=data["full_name"], birth=data["birth"], sex=data["sex"],
                    organization=_org_by_code(data["organization"]), planned_on=data["planned_on"],
                    citizen_id=data["citizen_id"], helpers=tuple(found), note=data["note"],
                ))], by=request.user)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The candidate's record has been corrected."))
                return redirect("development:candidate", candidate.pk)
    return render(request, "development/candidate_form.html",
                  {"org": org, "form": form, "warnings": [], "candidate": candidate,
                   "title": _("Correct the candidate's record")})


@require_POST
def candidate_step(request, pk):
    candidate = get_candidate_for_user(request.user, pk)
    require(can_record_party_work(request.user, candidate.organization))
    form = StepForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_checkpoints(items=[(candidate, data["step"], data["date"], data["note"])], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The step has been recorded."))
    else:
        messages.error(request, _("Choose the step and give its date (day/month/year)."))
    return redirect("development:candidate", candidate.pk)


@require_POST
def checkpoint_void(request, pk, checkpoint):
    candidate = get_candidate_for_user(request.user, pk)
    require(can_record_party_work(request.user, candidate.organization))
    record = Checkpoint.objects.filter(candidate=candidate, pk=checkpoint).first()
    require(record is not None)
    form = VoidForm(request.POST)
    try:
        services.void_checkpoint(checkpoint=record, reason=form.data.get("reason", ""), by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The step has been voided."))
    return redirect("development:candidate", candidate.pk)


@require_POST
def candidate_certificate(request, pk):
    candidate = get_candidate_for_user(request.user, pk)
    require(can_record_party_work(request.user, candidate.organization))
    classes = _awareness_classes(request, dt.date(1900, 1, 1))
    form = CertificateForm(request.POST, classes=classes)
    if not form.is_valid():
        messages.error(request, _("Give the date as day/month/year."))
        return redirect("development:candidate", candidate.pk)
    data = form.cleaned_data
    try:
        if data["klass"]:
            klass = classes.get(pk=int(data["klass"]))
            services.complete_awareness_course(candidates=[candidate], klass=klass, by=request.user)
        else:
            services.record_certificates(items=[(candidate, data["certificate_on"])], by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The awareness certificate has been recorded."))
    return redirect("development:candidate", candidate.pk)


def candidate_admit(request, pk):
    candidate = get_candidate_for_user(request.user, pk)
    require(can_write_register(request.user, candidate.organization))
    form = AdmitForm(request.POST or None, initial={"date": timezone.localdate()})
    warnings = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.admit_candidates(items=[services.Admission(candidate=candidate, **data)], by=request.user)
        except services.NeedsOverride as exc:
            warnings = exc.warnings
            form.add_error("override_reason", exc.message)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("%(name)s has been admitted.") % {"name": candidate.full_name})
            return redirect("development:candidate", candidate.pk)
    return render(request, "development/admit.html",
                  _context(request, candidate, admit_form=form, warnings=warnings))


@require_POST
def candidate_stop(request, pk):
    candidate = get_candidate_for_user(request.user, pk)
    require(can_record_party_work(request.user, candidate.organization))
    form = StopForm(request.POST)
    if "resume" in request.POST:
        items = [(candidate, None, "")]
    elif form.is_valid():
        items = [(candidate, form.cleaned_data["stopped_on"], form.cleaned_data["stop_reason"])]
    else:
        messages.error(request, _("Give the day the candidate left the plan and why."))
        return redirect("development:candidate", candidate.pk)
    try:
        services.stop_candidates(items=items, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The candidate's place in the plan has been recorded."))
    return redirect("development:candidate", candidate.pk)


def targets(request, code, year):
    """The admission targets of an organization and the organizations under it for a
    year; committee staff set them here."""
    org = get_organization_for_user(request.user, code)
    day = min(dt.date(year, 12, 31), timezone.localdate()) if year <= timezone.localdate().year else dt.date(year, 1, 1)
    spans = [s for s in [_own_span(org, day)] if s] + children_on(org, day)
    can_change = can_change_tree(request.user, org)
    form = TargetForm(request.POST or None, organizations=spans, initial={"organization": org.code})
    if request.method == "POST":
        require(can_change)
        if form.is_valid():
            target_org = Organization.objects.filter(
                code=form.cleaned_data["organization"], pk__in=[s.organization_id for s in spans]
            ).first()
            try:
                services.set_admission_targets(items=[(target_org, year, form.cleaned_data["target"])],
                                               by=request.user)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The admission target has been saved."))
                return redirect("development:targets", org.code, year)
    saved = {t.organization_id: t for t in AdmissionTarget.objects.filter(
        year=year, organization_id__in=[s.organization_id for s in spans])}
    this_year = timezone.localdate().year
    return render(request, "development/targets.html", {
        "org": org, "org_name": name_on(org, day), "year": year,
        "years": sorted({this_year + 1, this_year, this_year - 1, year}, reverse=True),
        "rows": [(s, saved.get(s.organization_id)) for s in spans],
        "form": form, "can_change": can_change,
    })


def _own_span(org: Organization, day: dt.date):
    from dangbo.organizations.selectors import span_on

    return span_on(org, day)
