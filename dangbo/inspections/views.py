"""Screens of inspection, supervision and discipline. Each view gets its records through
`accounts.access` (404 for what the user may not see), calls one service and renders.
Discipline is sensitive: its pages and lists ask `visible_disciplines` /
`can_see_discipline_of`."""

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangbo.accounts.access import (
    can_record_inspections,
    can_see_discipline_of,
    get_discipline_for_user,
    get_item_for_user,
    get_organization_for_user,
    require,
    root_organizations,
    visible_disciplines,
    visible_members,
    visible_organizations,
)
from dangbo.core.converters import requested_year
from dangbo.core.errors import DomainError
from dangbo.organizations.selectors import existed_on, name_on

from . import selectors, services
from .forms import ConclusionForm, DisciplineForm, ItemForm, ProgramForm, ReasonForm, RemedyDoneForm, RemedyForm
from .models import Body, Item, Program, Remedy

WORKLIST_PAGE = 50  # rows a page: each carries its own small form


def _form_error(form, exc: DomainError, fields: dict | None = None) -> None:
    field = (fields or {}).get(exc.field, exc.field)
    form.add_error(field if field in form.fields else None, exc.message)


def _messages(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _subject(request, form) -> tuple:
    """(member, organization) the form names, among those the user may see; None, None
    with the form's error otherwise."""
    data = form.cleaned_data
    if data.get("member"):
        member = visible_members(request.user).filter(code=data["member"].strip()).first()
        if member is None:
            form.add_error("member", _("Unknown member code."))
        return member, None
    org = visible_organizations(request.user).filter(code=data["subject_organization"].strip()).first()
    if org is None:
        form.add_error("subject_organization", _("Unknown organization code."))
    return None, org


# -- The year's program -------------------------------------------------------------------


def latest_year(request, code):
    org = get_organization_for_user(request.user, code)
    year = requested_year(request)
    if year is None:
        years = selectors.years_with_items(org)
        year = years[0] if years else timezone.localdate().year
    return redirect("inspections:year", org.code, year)


def year_page(request, code, year):
    org = get_organization_for_user(request.user, code)
    this_year = timezone.localdate().year
    can_record = can_record_inspections(request.user, org)
    tables = selectors.program_tables(org, year)
    for table in tables:
        program = table["program"]
        table["form"] = (
            ProgramForm(
                initial={
                    "decision_number": program.decision_number,
                    "approved_on": program.approved_on,
                    "note": program.note,
                }
            )
            if can_record and program
            else None
        )
    return render(
        request,
        "inspections/year.html",
        {
            "org": org,
            "org_name": name_on(org, dt.date(year, 12, 31)),
            "year": year,
            "years": sorted(set(selectors.years_with_items(org)) | {this_year, year}, reverse=True),
            "tables": tables,
            "lower": selectors.lower_levels(org, year),
            "figures": selectors.inspection_figures(org, year),
            "can_record": can_record,
            "can_see_discipline": can_see_discipline_of(request.user, org),
        },
    )


@require_POST
def describe_program(request, pk):
    program = Program.objects.select_related("organization").filter(pk=pk).first()
    if program is None:
        raise Http404(_("No such program."))
    org = get_organization_for_user(request.user, program.organization.code)
    require(can_record_inspections(request.user, org))
    form = ProgramForm(request.POST)
    if form.is_valid():
        try:
            services.describe_programs(
                items=[services.ProgramFields(program=program, **form.cleaned_data)], by=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The program has been saved."))
    else:
        _messages(request, form)
    return redirect("inspections:year", org.code, program.year)


def _item_fields(request, form, org, code: str) -> services.ItemFields | None:
    member, subject_org = _subject(request, form)
    if member is None and subject_org is None:
        return None
    data = form.cleaned_data
    return services.ItemFields(
        code=code,
        year=data["year"],
        kind=data["kind"],
        body=data["body"],
        organization=org,
        start=data["start"],
        subject_member=member,
        subject_organization=subject_org,
        decision_number=data["decision_number"],
        note=data["note"],
    )


ITEM_FIELDS = {"subject": "member", "organization": None}


def new_item(request, code):
    org = get_organization_for_user(request.user, code)
    require(can_record_inspections(request.user, org))
    initial = {"year": timezone.localdate().year, "body": Body.INSPECTION_COMMITTEE}
    form = ItemForm(request.POST or None, initial=initial, options_url=reverse("cadres:member_options"))
    if request.method == "POST" and form.is_valid():
        code_ = form.cleaned_data["code"].strip()
        if Item.objects.filter(code=code_).exists():
            form.add_error("code", _("This code is taken by another item."))
        elif (fields := _item_fields(request, form, org, code_)) is not None:
            try:
                [(item, _outcome, warnings)] = services.record_items(items=[fields], by=request.user)
            except DomainError as exc:
                _form_error(form, exc, ITEM_FIELDS)
            else:
                for warning in warnings:
                    messages.warning(request, warning)
                messages.success(request, _("The item %(code)s has been planned.") % {"code": item.code})
                return redirect("inspections:item", item.code)
    return render(request, "inspections/item_form.html", {"org": org, "form": form, "item": None})


def edit_item(request, item_code):
    item = get_item_for_user(request.user, item_code)
    org = get_organization_for_user(request.user, item.organization.code)
    require(can_record_inspections(request.user, org) and item.voided_at is None)
    initial = {
        "code": item.code,
        "year": item.year,
        "kind": item.kind,
        "body": item.body,
        "start": item.start,
        "member": item.subject_member.code if item.subject_member_id else "",
        "subject_organization": item.subject_organization.code if item.subject_organization_id else "",
        "decision_number": item.decision_number,
        "note": item.note,
    }
    form = ItemForm(request.POST or None, initial=initial, options_url=reverse("cadres:member_options"))
    form.fields["code"].disabled = True
    if request.method == "POST" and form.is_valid():
        fields = _item_fields(request, form, org, item.code)
        if fields is not None:
            try:
                services.record_items(items=[fields], by=request.user)
            except DomainError as exc:
                _form_error(form, exc, ITEM_FIELDS)
            else:
                messages.success(request, _("The item has been saved."))
                return redirect("inspections:item", item.code)
    return render(request, "inspections/item_form.html", {"org": org, "form": form, "item": item})


def item_page(request, item_code):
    item = get_item_for_user(request.user, item_code)
    org = item.organization
    can_record = (
        item.voided_at is None
        and visible_organizations(request.user).filter(pk=org.pk).exists()
        and can_record_inspections(request.user, org)
    )
    disciplines = selectors.disciplines_listed(visible_disciplines(request.user).filter(item=item))
    return render(
        request,
        "inspections/item.html",
        {
            "item": item,
            "org": org,
            "org_name": name_on(org, item.start),
            "subject_visible": (
                visible_members(request.user).filter(pk=item.subject_member_id).exists()
                if item.subject_member_id
                else visible_organizations(request.user).filter(pk=item.subject_organization_id).exists()
            ),
            "remedies": selectors.item_remedies(item),
            "disciplines": disciplines,
            "can_record": can_record,
            "conclusion_form": ConclusionForm(
                initial={
                    "end": item.end,
                    "conclusion": item.conclusion,
                    "strengths": item.strengths,
                    "shortcomings": item.shortcomings,
                }
            )
            if can_record
            else None,
            "remedy_form": RemedyForm() if can_record else None,
            "today": timezone.localdate(),
            "history": item.history.select_related("history_user").order_by("-history_date")[:50],
        },
    )


def _item_to_change(request, item_code) -> Item:
    item = get_item_for_user(request.user, item_code)
    require(
        visible_organizations(request.user).filter(pk=item.organization_id).exists()
        and can_record_inspections(request.user, item.organization)
    )
    return item


@require_POST
def conclude(request, item_code):
    item = _item_to_change(request, item_code)
    form = ConclusionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.conclude_items(items=[services.ItemConclusion(item=item, **data)], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("The conclusion has been saved.") if data["end"] else _("The item is in progress again.")
            )
    else:
        _messages(request, form)
    return redirect("inspections:item", item.code)


@require_POST
def add_remedy(request, item_code):
    item = _item_to_change(request, item_code)
    form = RemedyForm(request.POST)
    if form.is_valid():
        try:
            services.record_remedies(items=[services.RemedyFields(item=item, **form.cleaned_data)], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The remedy has been recorded."))
    else:
        _messages(request, form)
    return redirect("inspections:item", item.code)


def _remedy_to_change(request, pk) -> Remedy:
    remedy = Remedy.objects.select_related("item").filter(pk=pk).first()
    if remedy is None:
        raise Http404(_("No such remedy."))
    _item_to_change(request, remedy.item.code)
    return remedy


@require_POST
def remedy_done(request, pk):
    remedy = _remedy_to_change(request, pk)
    form = RemedyDoneForm(request.POST)
    if form.is_valid():
        try:
            services.complete_remedies(
                items=[services.RemedyDone(remedy=remedy, done_on=form.cleaned_data["done_on"])], by=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The remedy has been saved."))
    else:
        _messages(request, form)
    back = visible_organizations(request.user).filter(code=request.POST.get("worklist", "")).first()
    if back is not None:
        return redirect("inspections:remedies", back.code)
    return redirect("inspections:item", remedy.item.code)


@require_POST
def void_remedy(request, pk):
    remedy = _remedy_to_change(request, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.void_remedy(remedy=remedy, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The remedy has been voided."))
    else:
        messages.error(request, _("Give the reason for voiding."))
    return redirect("inspections:item", remedy.item.code)


@require_POST
def void_item(request, item_code):
    item = _item_to_change(request, item_code)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.void_item(item=item, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The item has been voided; it is no longer counted."))
    else:
        messages.error(request, _("Give the reason for voiding."))
    return redirect("inspections:item", item.code)


# -- Remedies due -------------------------------------------------------------------------


def remedies(request, code):
    """Open remedies due within 30 days or overdue, of the items of `code`'s subtree."""
    org = get_organization_for_user(request.user, code)
    today = timezone.localdate()
    page = Paginator(selectors.remedies_due(org, today), WORKLIST_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/remedies.html",
        {
            "org": org,
            "today": today,
            "days": selectors.WORKLIST_DAYS,
            "page": page,
            "can_record": can_record_inspections(request.user, org),
            "done_form": RemedyDoneForm(initial={"done_on": today}),
        },
    )


# -- Discipline ---------------------------------------------------------------------------


def disciplines_year(request, code, year):
    org = get_organization_for_user(request.user, code)
    require(can_see_discipline_of(request.user, org))
    asked = requested_year(request)
    if asked is not None and asked != year:
        return redirect("inspections:disciplines", org.code, asked)
    decisions = selectors.disciplines_listed(
        visible_disciplines(request.user).filter(pk__in=selectors.disciplines_in_scope(org, year).values("pk"))
    )
    this_year = timezone.localdate().year
    return render(
        request,
        "inspections/disciplines.html",
        {
            "org": org,
            "org_name": name_on(org, dt.date(year, 12, 31)),
            "year": year,
            "years": sorted({*range(this_year - 7, this_year + 1), year}, reverse=True),
            "decisions": decisions,
            "figures": selectors.discipline_figures(org, year),
            "can_record": can_record_inspections(request.user, org),
        },
    )


DISCIPLINE_FIELDS = {"subject": "member"}


def new_discipline(request, code):
    org = get_organization_for_user(request.user, code)
    require(can_record_inspections(request.user, org))
    form = DisciplineForm(request.POST or None, options_url=reverse("cadres:member_options"))
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member, subject_org = _subject(request, form)
        item = None
        if data["item"]:
            item = Item.objects.filter(code=data["item"].strip(), voided_at__isnull=True).first()
            if item is None or not visible_organizations(request.user).filter(pk=item.organization_id).exists():
                form.add_error("item", _("Unknown item code."))
        if not form.errors:
            try:
                [outcome] = services.record_disciplines(
                    items=[
                        services.NewDiscipline(
                            date=data["date"],
                            form=data["form"],
                            organization=org,
                            body=data["body"],
                            subject_member=member,
                            subject_organization=subject_org,
                            violation_on=data["violation_on"],
                            item=item,
                            number=data["number"],
                            reason=data["reason"],
                            override_reason=data["override_reason"],
                        )
                    ],
                    by=request.user,
                )
            except services.NeedsOverride as exc:
                warnings = exc.warnings
                form.add_error("override_reason", exc.message)
            except DomainError as exc:
                _form_error(form, exc, DISCIPLINE_FIELDS)
            else:
                for notice in outcome.notices:
                    messages.warning(request, notice)
                if outcome.outcome == "unchanged":
                    messages.info(request, _("This decision was already recorded; nothing changed."))
                else:
                    messages.success(request, _("The discipline decision has been recorded."))
                return redirect("inspections:discipline", outcome.discipline.pk)
    return render(request, "inspections/discipline_form.html", {"org": org, "form": form, "warnings": warnings})


def discipline_page(request, pk):
    discipline = get_discipline_for_user(request.user, pk)
    org = discipline.organization
    can_record = (
        discipline.voided_at is None
        and can_record_inspections(request.user, org)
        and (visible_organizations(request.user).filter(pk=org.pk).exists())
    )
    return render(
        request,
        "inspections/discipline.html",
        {
            "discipline": discipline,
            "org": org,
            "org_name": name_on(org, discipline.date),
            "subject_visible": (
                visible_members(request.user).filter(pk=discipline.subject_member_id).exists()
                if discipline.subject_member_id
                else visible_organizations(request.user).filter(pk=discipline.subject_organization_id).exists()
            ),
            "can_record": can_record,
            "history": discipline.history.select_related("history_user").order_by("-history_date")[:50],
        },
    )


@require_POST
def void_discipline(request, pk):
    discipline = get_discipline_for_user(request.user, pk)
    require(
        can_record_inspections(request.user, discipline.organization)
        and visible_organizations(request.user).filter(pk=discipline.organization_id).exists()
    )
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.void_discipline(discipline=discipline, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The decision has been voided; it is no longer counted."))
    else:
        messages.error(request, _("Give the reason for voiding."))
    return redirect("inspections:discipline", discipline.pk)


# -- Panels of other pages ----------------------------------------------------------------


def member_panel(request, member) -> dict:
    """The member page's block: the inspections of the member, and the discipline the
    viewer may see."""
    return {
        "items": list(selectors.items_about_member(member)),
        "disciplines": list(
            selectors.disciplines_listed(visible_disciplines(request.user).filter(subject_member=member))
        ),
    }


def organization_panel(request, org, day) -> dict:
    return {
        "org": org,
        "year": day.year,
        "items": list(selectors.items_about_organization(org)[:10]),
        "carried_out": Item.objects.filter(organization=org, year=day.year, voided_at__isnull=True).count(),
        "disciplines": list(
            selectors.disciplines_listed(visible_disciplines(request.user).filter(subject_organization=org))
        ),
        "can_see_discipline": can_see_discipline_of(request.user, org),
    }


def dashboard_panel(request) -> dict | None:
    """Remedies overdue and due within 30 days, for those who follow them."""
    if not can_record_inspections(request.user) or request.user.is_admin:
        return None
    roots = root_organizations(request.user)
    today = timezone.localdate()
    if not roots or not existed_on(roots[0], today):
        return None
    due = selectors.remedies_due(roots[0], today)
    return {
        "org": roots[0],
        "overdue": due.filter(due__lt=today).count(),
        "due_soon": due.filter(due__gte=today).count(),
        "days": selectors.WORKLIST_DAYS,
    }
