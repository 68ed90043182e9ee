import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dangbo.accounts.access import (
    can_change_tree,
    get_organization_for_user,
    require,
    visible_members,
    visible_organizations,
)
from dangbo.core import attachments
from dangbo.core.converters import requested_year
from dangbo.core.errors import DomainError
from dangbo.members.models import Member, MembershipSpan, PartyStatus
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import labels_on, name_on, within_existence

from . import selectors, services
from .forms import (
    AttachmentForm,
    DecisionForm,
    EndTitleForm,
    ManagedTitleForm,
    ReasonForm,
    RemoveFromPlanForm,
    SuccessionPlanForm,
)
from .models import DecisionAttachment, ManagedTitle, PersonnelDecision, SuccessionPlan


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _report_errors(request, form) -> None:
    """The errors of a small form posted from a list, shown as messages on the list."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def latest_year(request, code):
    """The committee's decisions: the year asked for (?year=), else the latest with some."""
    org = get_organization_for_user(request.user, code)
    year = requested_year(request)
    if year is None:
        years = selectors.years_with_decisions(org)
        year = within_existence(org, years[0] if years else timezone.localdate().year)
    return redirect("cadres:year", org.code, year)


def year_page(request, code, year):
    org = get_organization_for_user(request.user, code)
    figures = selectors.cadre_figures(org, year)
    labels = {key: PersonnelDecision.Kind(kind).label for kind, key in PersonnelDecision.REPORT_KEYS.items()}
    this_year = timezone.localdate().year
    return render(
        request,
        "cadres/year.html",
        {
            "org": org,
            "org_name": name_on(org, dt.date(year, 12, 31)),
            "year": year,
            "years": sorted(set(selectors.years_with_decisions(org)) | {this_year, year}, reverse=True),
            "decisions": selectors.decisions_listed(org, year),
            "figures": figures,
            "by_kind": [(labels[key], n) for key, n in figures["by_kind"].items()],
            "can_change": can_change_tree(request.user, org),
        },
    )


def terms(request, code):
    """Appointments whose term ends within 90 working days: reappointment to prepare."""
    org = get_organization_for_user(request.user, code)
    today = timezone.localdate()
    return render(
        request,
        "cadres/terms.html",
        {"org": org, "today": today, "decisions": selectors.terms_ending(org, today)},
    )


def _member_for(user, code: str, day: dt.date) -> Member | None:
    """The member with this code, if the user may see where they belonged on `day`."""
    member = Member.objects.filter(code=(code or "").strip()).first()
    if member is None:
        return None
    spans = MembershipSpan.objects.filter(member=member, organization__in=visible_organizations(user))
    return member if spans.exists() else None


def _unit(user, text: str) -> tuple[Organization | None, str]:
    org = visible_organizations(user).filter(code=(text or "").strip()).first()
    return (org, "") if org else (None, text)


def record(request, code):
    org = get_organization_for_user(request.user, code)
    require(can_change_tree(request.user, org))
    form = DecisionForm(request.POST or None, request.FILES or None, options_url=reverse("cadres:member_options"))
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member = _member_for(request.user, data["member"], data["date"])
        if member is None:
            form.add_error("member", _("Unknown member code."))
        else:
            organization, unit_name = _unit(request.user, data["unit"])
            try:
                [(decision, _warnings)] = services.record_decisions(items=[services.NewDecision(
                    kind=data["kind"],
                    date=data["date"],
                    member=member,
                    title=data["title"],
                    managed_by=org,
                    organization=organization,
                    unit_name=unit_name,
                    number=data["number"],
                    note=data["note"],
                    end_previous=data["end_previous"],
                    override_reason=data["override_reason"],
                    files=(data["attachment"],) if data["attachment"] else (),
                )], by=request.user)
            except services.NeedsOverride as exc:
                warnings = exc.warnings
                form.add_error("override_reason", exc.message)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request, _("The decision for %(name)s has been recorded.") % {"name": decision.member.full_name}
                )
                return redirect("cadres:decision", decision.pk)
    return render(request, "cadres/record.html", {"org": org, "form": form, "warnings": warnings})


# The decision page: details, positions, warnings, attachments, voiding.


def _get_decision(request, pk) -> PersonnelDecision:
    decision = get_object_or_404(
        PersonnelDecision.objects.select_related(
            "member", "organization", "managed_by", "previous_position", "position", "created_by"
        ),
        pk=pk,
    )
    get_organization_for_user(request.user, decision.managed_by.code)  # 404 outside the scope
    return decision


def decision_detail(request, pk):
    decision = _get_decision(request, pk)
    org = decision.managed_by
    can_change = can_change_tree(request.user, org) and decision.voided_at is None
    return render(
        request,
        "cadres/decision.html",
        {
            "decision": decision,
            "org": org,
            "org_name": name_on(org, decision.date),
            "member_visible": visible_members(request.user).filter(pk=decision.member_id).exists(),
            "attachments": selectors.decision_attachments(decision),
            "can_change": can_change,
            "attach_form": AttachmentForm() if can_change else None,
            "history": decision.history.select_related("history_user").order_by("-history_date")[:50],
        },
    )


@require_POST
def void_decision(request, pk):
    decision = _get_decision(request, pk)
    require(can_change_tree(request.user, decision.managed_by))
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.void_decision(decision=decision, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The decision has been voided; the positions are as before it."))
    else:
        messages.error(request, _("Give the reason for voiding."))
    return redirect("cadres:decision", decision.pk)


@require_POST
def attach(request, pk):
    decision = _get_decision(request, pk)
    require(can_change_tree(request.user, decision.managed_by))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = services.attach_file(
                decision=decision, upload=form.cleaned_data["attachment"], by=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(name)s has been attached.") % {"name": attachment.name})
    else:
        _report_errors(request, form)
    return redirect("cadres:decision", decision.pk)


def _get_attachment(request, pk) -> DecisionAttachment:
    attachment = get_object_or_404(DecisionAttachment.objects.select_related("decision__managed_by"), pk=pk)
    get_organization_for_user(request.user, attachment.decision.managed_by.code)  # 404 outside the scope
    return attachment


@require_GET
def download_attachment(request, pk):
    """The file, to those who may see its decision; a voided attachment is no longer served."""
    attachment = _get_attachment(request, pk)
    if attachment.voided_at is not None:
        raise Http404(_("This attachment has been voided."))
    return attachments.download(attachment)


@require_POST
def void_attachment(request, pk):
    attachment = _get_attachment(request, pk)
    require(can_change_tree(request.user, attachment.decision.managed_by))
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.void_attachment(attachment=attachment, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The attachment has been voided."))
    else:
        messages.error(request, _("Give the reason for voiding."))
    return redirect("cadres:decision", attachment.decision_id)


# The management list (diện Ban Thường vụ quản lý).


def titles(request, code):
    org = get_organization_for_user(request.user, code)
    can_change = can_change_tree(request.user, org)
    form = ManagedTitleForm(request.POST or None)
    if request.method == "POST":
        require(can_change)
        if form.is_valid():
            try:
                managed = services.add_managed_title(committee=org, title=form.cleaned_data["title"], by=request.user)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("“%(title)s” is now on the list.") % {"title": managed.title})
                return redirect("cadres:titles", org.code)
    current, ended = selectors.managed_titles(org)
    today = timezone.localdate()
    return render(
        request,
        "cadres/titles.html",
        {
            "org": org,
            "org_name": name_on(org, today) or org.name,
            "current": current,
            "ended": ended,
            "form": form,
            "end_form": EndTitleForm(initial={"ended_on": today}) if can_change else None,
            "can_change": can_change,
        },
    )


@require_POST
def end_title(request, pk):
    managed = get_object_or_404(ManagedTitle.objects.select_related("committee"), pk=pk)
    org = get_organization_for_user(request.user, managed.committee.code)
    require(can_change_tree(request.user, org))
    form = EndTitleForm(request.POST)
    if form.is_valid():
        try:
            services.end_managed_title(
                managed=managed, on=form.cleaned_data["ended_on"], reason=form.cleaned_data["reason"], by=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("“%(title)s” has been taken off the list.") % {"title": managed.title})
    else:
        _report_errors(request, form)
    return redirect("cadres:titles", org.code)


# Succession plans (quy hoạch).


def plans(request, code):
    org = get_organization_for_user(request.user, code)
    can_change = can_change_tree(request.user, org)
    form = SuccessionPlanForm(request.POST or None, options_url=reverse("cadres:member_options"))
    if request.method == "POST":
        require(can_change)
        if form.is_valid():
            data = form.cleaned_data
            member = visible_members(request.user).filter(code=data["member"].strip()).first()
            if member is None:
                form.add_error("member", _("Unknown member code."))
            else:
                try:
                    plan = services.add_succession_plan(
                        member=member,
                        title=data["title"],
                        organization=org,
                        from_year=data["from_year"],
                        to_year=data["to_year"],
                        by=request.user,
                    )
                except DomainError as exc:
                    _form_error(form, exc)
                else:
                    messages.success(
                        request,
                        _("%(name)s has been added to the plan for “%(title)s”.")
                        % {"name": member.full_name, "title": plan.title},
                    )
                    return redirect("cadres:plans", org.code)
    posts, voided = selectors.succession_plans(org)
    today = timezone.localdate()
    return render(
        request,
        "cadres/plans.html",
        {
            "org": org,
            "org_name": name_on(org, today) or org.name,
            "posts": posts,
            "voided": voided,
            "titles": selectors.plan_titles(org),
            "form": form,
            "out_form": RemoveFromPlanForm(initial={"removed_on": today}) if can_change else None,
            "can_change": can_change,
            "today": today,
        },
    )


def _get_plan(request, pk) -> SuccessionPlan:
    plan = get_object_or_404(SuccessionPlan.objects.select_related("organization", "member"), pk=pk)
    require(can_change_tree(request.user, get_organization_for_user(request.user, plan.organization.code)))
    return plan


@require_POST
def take_out_of_plan(request, pk):
    plan = _get_plan(request, pk)
    form = RemoveFromPlanForm(request.POST)
    if form.is_valid():
        try:
            services.take_out_of_plan(
                plan=plan, on=form.cleaned_data["removed_on"], reason=form.cleaned_data["reason"], by=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("%(name)s has been taken out of the plan for “%(title)s”.")
                % {"name": plan.member.full_name, "title": plan.title},
            )
    else:
        _report_errors(request, form)
    return redirect("cadres:plans", plan.organization.code)


@require_POST
def void_plan(request, pk):
    plan = _get_plan(request, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.void_succession_plan(plan=plan, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The plan record has been voided."))
    else:
        messages.error(request, _("Give the reason for voiding."))
    return redirect("cadres:plans", plan.organization.code)


@require_GET
def member_options(request):
    """The member picker's suggestions (HTMX): current Party members the user may see
    whose code or name matches what was typed."""
    members = visible_members(request.user).filter(status__in=PartyStatus.values).select_related("organization")
    found = selectors.member_choices(members, request.GET.get("member", ""))
    labels = labels_on(timezone.localdate(), {m.organization_id for m in found if m.organization_id})
    for m in found:
        m.where = labels.get(m.organization_id, m.organization.name if m.organization_id else "")
    return render(request, "cadres/_member_options.html", {"members": found})
