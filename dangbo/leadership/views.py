"""The leadership screens: a committee's register of documents (with its terms and the
next number proposed), the study sessions of a year, and the key cadres it assigns to
follow grassroots organizations (and which have nobody)."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangbo.accounts.access import (
    can_change_tree,
    can_record_party_work,
    get_assignment_for_user,
    get_document_for_user,
    get_organization_for_user,
    get_study_session_for_user,
    get_term_for_user,
    require,
    visible_members,
)
from dangbo.core.errors import DomainError
from dangbo.lib.vntext import parse_date
from dangbo.organizations.models import Organization
from dangbo.organizations.selectors import name_on, subtree_spans

from . import selectors, services
from .forms import AssignmentForm, DocumentForm, EndForm, SessionForm, TermForm, VoidForm
from .models import Document, Term


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def day_asked(request, org: Organization) -> dt.date:
    """The day a page shows: ?day= (day/month/year), else today, or the organization's
    last day when it no longer exists."""
    from dangbo.organizations.selectors import last_day

    try:
        return parse_date(request.GET["day"])
    except (KeyError, ValueError):
        end = last_day(org)
        today = timezone.localdate()
        return min(today, end) if end else today


def _years(found: list[int], year: int) -> list[int]:
    this_year = timezone.localdate().year
    return sorted(set(found) | {this_year, year}, reverse=True)


def organization_panel(request, org: Organization, day: dt.date) -> dict:
    """The organization page: the year's documents and study sessions, and how many
    grassroots organizations nobody follows that day."""
    uncovered = [row for row in selectors.coverage(org, day) if not row["assignments"]]
    return {
        "org": org,
        "day": day,
        "year": day.year,
        "documents": selectors.documents_of(org, day.year).count(),
        "sessions": selectors.education_figures(org, day.year)["sessions"],
        "uncovered": len(uncovered),
        "grassroots": bool(uncovered) or selectors.grassroots_on(org, day).exists(),
    }


# -- documents ---------------------------------------------------------------------------


def documents(request, code, year):
    org = get_organization_for_user(request.user, code)
    can_change = can_change_tree(request.user, org)
    docs = selectors.documents_of(org, year)
    kind = request.GET.get("kind", "")
    if kind in Document.Kind.values:
        docs = docs.filter(kind=kind)
    proposal_url = reverse("leadership:document_proposal", args=[org.code])
    form = DocumentForm(request.POST or None, proposal_url=proposal_url, initial={"date": timezone.localdate()})
    warnings: list[str] = []
    if request.method == "POST":
        require(can_change)
        if form.is_valid():
            data = form.cleaned_data
            try:
                [(doc, warnings)] = services.register_documents(items=[services.NewDocument(
                    organization=org, kind=data["kind"], date=data["date"], subject=data["subject"],
                    number=data["number"], symbol=data["symbol"], note=data["note"],
                )], by=request.user)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Document %(ref)s has been registered.") % {"ref": doc.reference})
                for warning in warnings:
                    messages.warning(request, warning)
                return redirect("leadership:documents", org.code, doc.date.year)
    return render(request, "leadership/documents.html", {
        "org": org,
        "org_name": name_on(org, dt.date(year, 12, 31)),
        "year": year,
        "years": _years(selectors.years_with_documents(org), year),
        "documents": docs,
        "figures": selectors.document_figures(org, year),
        "kinds": Document.Kind.choices,
        "kind": kind,
        "terms": Term.objects.filter(organization=org, voided_at__isnull=True).order_by("-start"),
        "form": form,
        "term_form": TermForm(),
        "proposal": _proposal(org, Document.Kind.RESOLUTION, timezone.localdate()),
        "can_change": can_change,
    })


def _proposal(org: Organization, kind: str, day: dt.date) -> dict:
    symbol, warning = selectors.symbol_for(org, kind, day)
    term = selectors.term_on(org, day)
    return {"number": selectors.next_number(org, kind, day), "symbol": symbol, "warning": warning, "term": term,
            "day": day}


def document_proposal(request, code):
    """The number and symbol proposed for a type and date (HTMX, as the form changes)."""
    org = get_organization_for_user(request.user, code)
    kind = request.GET.get("kind", "")
    try:
        day = parse_date(request.GET.get("date", ""))
    except ValueError:
        day = timezone.localdate()
    if kind not in Document.Kind.values:
        kind = Document.Kind.RESOLUTION
    return render(request, "leadership/_proposal.html", {"proposal": _proposal(org, kind, day)})


def document(request, pk):
    doc = get_document_for_user(request.user, pk)
    return render(request, "leadership/document.html", {
        "doc": doc,
        "org": doc.organization,
        "history": doc.history.select_related("history_user").order_by("-history_date")[:50],
        "can_change": can_change_tree(request.user, doc.organization) and doc.voided_at is None
        and doc.report_id is None,
        "void_form": VoidForm(),
    })


@require_POST
def document_void(request, pk):
    doc = get_document_for_user(request.user, pk)
    require(can_change_tree(request.user, doc.organization))
    try:
        services.void_document(document=doc, reason=request.POST.get("reason", ""), by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The document has been voided."))
    return redirect("leadership:document", doc.pk)


@require_POST
def term_add(request, code):
    org = get_organization_for_user(request.user, code)
    require(can_change_tree(request.user, org))
    form = TermForm(request.POST)
    if form.is_valid():
        try:
            services.record_terms(items=[services.NewTerm(organization=org, **form.cleaned_data)], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The term has been recorded."))
    else:
        messages.error(request, _("Give the first day of the term (day/month/year)."))
    return redirect("leadership:documents", org.code, timezone.localdate().year)


@require_POST
def term_void(request, pk):
    term = get_term_for_user(request.user, pk)
    require(can_change_tree(request.user, term.organization))
    try:
        services.void_term(term=term, reason=request.POST.get("reason", ""), by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The term has been voided."))
    return redirect("leadership:documents", term.organization.code, timezone.localdate().year)


# -- study sessions ----------------------------------------------------------------------


def _organizers(org: Organization, day: dt.date) -> list:
    from dangbo.lib.vntext import sort_key

    spans = list(subtree_spans(org, day).select_related("organization"))
    own = [s for s in spans if s.organization_id == org.pk]
    return own + sorted((s for s in spans if s.organization_id != org.pk), key=lambda s: sort_key(s.name))


def _attendees(request, form, codes: list[str]) -> tuple | None:
    found = {m.code: m for m in visible_members(request.user).filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        form.add_error("attendees", _("Unknown member codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        return None
    return tuple(found[c] for c in codes)


def sessions(request, code, year):
    org = get_organization_for_user(request.user, code)
    can_record = can_record_party_work(request.user, org)
    today = timezone.localdate()
    form = SessionForm(request.POST or None, organizations=_organizers(org, today),
                       initial={"organization": org.code, "date": today})
    if request.method == "POST":
        require(can_record)
        if form.is_valid():
            data = form.cleaned_data
            attendees = _attendees(request, form, data["attendees"])
            organizer = Organization.objects.filter(code=data["organization"]).first()
            if attendees is not None:
                try:
                    [session] = services.record_study_sessions(items=[services.StudyData(
                        code=data["code"], name=data["name"], kind=data["kind"], organization=organizer,
                        date=data["date"], attendance=data["attendance"], attendees=attendees or None,
                    )], by=request.user)
                except DomainError as exc:
                    _form_error(form, exc)
                else:
                    messages.success(request, _("Study session %(code)s recorded.") % {"code": session.code})
                    return redirect("leadership:session", session.pk)
    return render(request, "leadership/sessions.html", {
        "org": org,
        "org_name": name_on(org, dt.date(year, 12, 31)),
        "year": year,
        "years": _years(selectors.years_with_sessions(org), year),
        "sessions": selectors.sessions_in_scope(org, year),
        "figures": selectors.education_figures(org, year),
        "form": form,
        "can_record": can_record,
    })


def session(request, pk):
    record = get_study_session_for_user(request.user, pk)
    org = record.organization
    can_record = can_record_party_work(request.user, org)
    attendees = selectors.attendees(record)
    form = SessionForm(request.POST or None, organizations=_organizers(org, record.date), initial={
        "code": record.code, "name": record.name, "kind": record.kind, "organization": org.code,
        "date": record.date, "attendance": record.attendance, "attendees": "; ".join(m.code for m in attendees),
    })
    form.fields["code"].disabled = True
    if request.method == "POST":
        require(can_record)
        if form.is_valid():
            data = form.cleaned_data
            found = _attendees(request, form, data["attendees"])
            if found is not None:
                try:
                    services.correct_study_sessions(changes=[(record, services.StudyData(
                        code=record.code, name=data["name"], kind=data["kind"],
                        organization=Organization.objects.filter(code=data["organization"]).first(),
                        date=data["date"], attendance=data["attendance"], attendees=found,
                    ))], by=request.user)
                except DomainError as exc:
                    _form_error(form, exc)
                else:
                    messages.success(request, _("The study session has been saved."))
                    return redirect("leadership:session", record.pk)
    return render(request, "leadership/session.html", {
        "record": record,
        "org": org,
        "attendees": attendees,
        "history": record.history.select_related("history_user").order_by("-history_date")[:50],
        "form": form,
        "can_record": can_record,
    })


# -- assignments -------------------------------------------------------------------------


def assignments(request, code):
    org = get_organization_for_user(request.user, code)
    can_change = can_change_tree(request.user, org)
    day = day_asked(request, org)
    coverage = selectors.coverage(org, day)
    form = AssignmentForm(request.POST or None, organizations=[r["span"] for r in coverage], initial={"start": day})
    if request.method == "POST":
        require(can_change)
        if form.is_valid():
            data = form.cleaned_data
            member = visible_members(request.user).filter(code=data["member"].strip()).first()
            if member is None:
                form.add_error("member", _("Unknown member code."))
            else:
                try:
                    services.assign_cadres(items=[services.NewAssignment(
                        member=member, organization=Organization.objects.filter(code=data["organization"]).first(),
                        assigned_by=org, start=data["start"], end=data["end"], note=data["note"],
                    )], by=request.user)
                except DomainError as exc:
                    _form_error(form, exc)
                else:
                    messages.success(request, _("%(name)s has been assigned.") % {"name": member.full_name})
                    return redirect("leadership:assignments", org.code)
    in_force = selectors.assignments_in(org, day.year).filter(start__lte=day)
    return render(request, "leadership/assignments.html", {
        "org": org,
        "org_name": name_on(org, day),
        "day": day,
        "coverage": coverage,
        "uncovered": [r for r in coverage if not r["assignments"]],
        "assignments": [a for a in in_force if a.end is None or a.end >= day],
        "form": form,
        "end_form": EndForm(),
        "can_change": can_change,
    })


@require_POST
def assignment_end(request, pk):
    assignment = get_assignment_for_user(request.user, pk)
    require(can_change_tree(request.user, assignment.assigned_by))
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            services.end_assignments(items=[(assignment, form.cleaned_data["end"])], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The assignment has been updated."))
    else:
        messages.error(request, _("Give the date as day/month/year."))
    return redirect("leadership:assignments", assignment.assigned_by.code)
