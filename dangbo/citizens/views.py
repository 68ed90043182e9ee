"""The citizens pages: a committee's reception sessions and petitions, the worklists,
a petition with its due dates explained, the deadline table, public comments to take
up. Views parse input, check access (accounts.access), call one service, render."""

import datetime as dt
import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangbo.accounts import access
from dangbo.core.errors import DomainError
from dangbo.interchange.exporter import write_workbook
from dangbo.lib.vntext import fold, short_date
from dangbo.organizations.selectors import name_on, roots_on

from . import deadlines, selectors, services
from .forms import (
    AcceptForm,
    CloseForm,
    CommentPetitionForm,
    DeadlineRuleForm,
    ExtendForm,
    MinimumForm,
    PetitionForm,
    ReasonForm,
    ReceptionEditForm,
    ReceptionForm,
)
from .models import DeadlineRule, Petition

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATES = ("open", "closed", "overdue", "all")


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _member(request, form, field: str):
    """The member a form names by code, among those the user may name; None when empty,
    False (with the error on the field) when unknown."""
    code = (form.cleaned_data.get(field) or "").strip()
    if not code:
        return None
    member = access.citizens_members(request.user).filter(code=code).first()
    if member is None:
        form.add_error(field, _("Unknown member code."))
        return False
    return member


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 1900 <= year <= 2100 else timezone.localdate().year


# -- A committee ----------------------------------------------------------------------------


def index(request):
    """The user's own committee, or the roots of the tree to choose from."""
    if request.user.organization_id and access.citizens_organizations(request.user).filter(
        pk=request.user.organization_id
    ).exists():
        return redirect("citizens:organization", request.user.organization.code)
    roots = roots_on(timezone.localdate()) if request.user.is_admin else []
    if not roots and not request.user.is_admin:
        access.require(False)
    return render(request, "citizens/index.html", {"roots": roots})


def organization(request, code):
    """A committee's worklists: petitions due in the next 5 working days, overdue ones,
    and this month's reception days against the minimum of each committee."""
    org = access.get_citizens_organization_for_user(request.user, code)
    today = timezone.localdate()
    committees = selectors.committees_under(org, today)
    return render(request, "citizens/organization.html", {
        "org": org,
        "today": today,
        "due_soon": list(selectors.due_soon(org, today)),
        "overdue": list(selectors.overdue(org, today)),
        "months": selectors.month_receptions(committees, today),
        "can_write": access.can_write_citizens(request.user, org),
        "working_days": selectors.DUE_SOON_WORKING_DAYS,
    })


def petitions(request, code):
    org = access.get_citizens_organization_for_user(request.user, code)
    year = _year(request)
    state = request.GET.get("state", "all")
    state = state if state in STATES else "all"
    kind = request.GET.get("kind", "")
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    qs = selectors.petitions_in_scope(org, start, end).select_related("organization")
    if kind in Petition.Kind.values:
        qs = qs.filter(kind=kind)
    today = timezone.localdate()
    if state == "open":
        qs = qs.filter(closed_on__isnull=True)
    elif state == "closed":
        qs = qs.filter(closed_on__isnull=False)
    elif state == "overdue":
        qs = qs.filter(closed_on__isnull=True, due_on__lt=today)
    q = request.GET.get("q", "").strip()
    rows = qs.order_by("-received_on", "code")
    if q:  # code or summary, without diacritics (never the sender); a year of one subtree's petitions
        key = fold(q)
        rows = [p for p in rows if key in fold(p.code) or key in fold(p.content)]
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "citizens/petitions.html", {
        "org": org, "org_name": name_on(org, end), "year": year, "state": state, "kind": kind, "q": q,
        "page": page, "kinds": Petition.Kind.choices, "today": today,
        "can_write": access.can_write_citizens(request.user, org),
        "states": [("all", _("All")), ("open", _("Open")), ("overdue", _("Overdue")), ("closed", _("Closed"))],
    })


def receptions(request, code):
    org = access.get_citizens_organization_for_user(request.user, code)
    year = _year(request)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    sessions = list(selectors.sessions_in_scope(org, start, end).select_related("organization", "presided_by")
                    .order_by("-date", "organization__code"))
    return render(request, "citizens/receptions.html", {
        "org": org, "org_name": name_on(org, end), "year": year, "sessions": sessions,
        "figures": selectors.citizens_figures(org, year),
        "can_write": access.can_write_citizens(request.user, org),
    })


def reception_new(request, code):
    org = access.get_citizens_organization_for_user(request.user, code)
    access.require(access.can_write_citizens(request.user, org))
    form = ReceptionForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        presided = _member(request, form, "presided_by")
        if presided is not False:
            d = form.cleaned_data
            try:
                session = services.record_receptions(items=[services.ReceptionData(
                    organization=org, date=d["date"], form=d["form"], presided_by=presided,
                    citizens=d["citizens"] or 0, content=d["content"], note=d["note"],
                )], by=request.user)[0]
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The session of %(date)s has been recorded.")
                                 % {"date": short_date(session.date)})
                return redirect("citizens:receptions", org.code)
    return render(request, "citizens/reception_form.html", {"org": org, "form": form})


def reception(request, pk):
    session = access.get_reception_for_user(request.user, pk)
    org = session.organization
    can_write = access.can_write_citizens(request.user, org) and session.voided_at is None
    initial = {"date": session.date, "form": session.form, "citizens": session.citizens, "content": session.content,
               "note": session.note, "presided_by": session.presided_by.code if session.presided_by_id else ""}
    form = ReceptionEditForm(request.POST or None, initial=initial)
    if request.method == "POST":
        access.require(can_write)
        if form.is_valid():
            presided = _member(request, form, "presided_by")
            if presided is not False:
                d = form.cleaned_data
                try:
                    services.update_receptions(changes=[(session, services.ReceptionData(
                        organization=org, date=session.date, form=session.form, presided_by=presided,
                        citizens=d["citizens"] or 0, content=d["content"], note=d["note"],
                    ))], by=request.user)
                except DomainError as exc:
                    _form_error(form, exc)
                else:
                    messages.success(request, _("The session has been saved."))
                    return redirect("citizens:reception", session.pk)
    return render(request, "citizens/reception.html", {
        "session": session, "org": org, "form": form, "can_write": can_write, "void_form": ReasonForm(),
    })


@require_POST
def reception_void(request, pk):
    session = access.get_reception_for_user(request.user, pk)
    access.require(access.can_write_citizens(request.user, session.organization))
    form = ReasonForm(request.POST)
    if form.is_valid():
        services.void_reception(session=session, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("The session has been voided."))
    else:
        messages.error(request, _("Give the reason for voiding."))
    return redirect("citizens:reception", session.pk)


# -- Petitions ----------------------------------------------------------------------------


def _petition_data(request, form, org, petition: Petition | None) -> services.PetitionData | None:
    member = _member(request, form, "member")
    if member is False:
        return None
    d = form.cleaned_data
    return services.PetitionData(
        code=petition.code if petition else d["code"], received_on=d["received_on"], organization=org,
        kind=d["kind"], content=d["content"], sender=d["sender"] if "sender" in form.fields else None,
        channel=d["channel"], member=member, complexity=d["complexity"], remote=d["remote"],
        accepted_on=petition.accepted_on if petition else None, closed_on=petition.closed_on if petition else None,
        result=petition.result if petition else "", document_number=d["document_number"], note=d["note"],
    )


def petition_new(request, code):
    org = access.get_citizens_organization_for_user(request.user, code)
    access.require(access.can_write_citizens(request.user, org))
    today = timezone.localdate()
    form = PetitionForm(request.POST or None,
                        initial={"received_on": today, "code": services.next_code(org, today.year)})
    if request.method == "POST" and form.is_valid():
        item = _petition_data(request, form, org, None)
        if item is not None:
            try:
                petition = services.record_petitions(items=[item], by=request.user)[0]
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Petition %(code)s recorded.") % {"code": petition.code})
                return redirect("citizens:petition", petition.pk)
    return render(request, "citizens/petition_form.html", {"org": org, "form": form, "petition": None})


def petition(request, pk):
    p = access.get_petition_for_user(request.user, pk)
    rules = deadlines.Rules()
    dues = deadlines.petition_dues(p, rules)
    can_write = access.can_write_citizens(request.user, p.organization) and p.voided_at is None
    today = timezone.localdate()
    return render(request, "citizens/petition.html", {
        "p": p, "org": p.organization,
        "accept_due": dues.accept, "accept_text": deadlines.explain(dues.accept),
        "close_due": dues.close, "close_text": deadlines.explain(dues.close) if dues.close else "",
        "overdue": p.is_open and p.due_on is not None and p.due_on < today,
        "sender_shown": p.sender if not p.is_denunciation else None,
        "may_reveal": p.is_denunciation and bool(p.sender) and access.can_see_sender(request.user, p),
        "extensions": list(p.extensions.filter(voided_at__isnull=True)),
        "can_write": can_write,
        "can_extend": can_write and p.is_open and p.accepted_on is not None
        and p.kind in services.EXTENSION_STEPS and p.complexity != services.EXTENSION_STEPS[p.kind][-1],
        "accept_form": AcceptForm(initial={"accepted_on": today}),
        "close_form": CloseForm(initial={"closed_on": today}),
        "extend_form": ExtendForm(initial={"decided_on": today}),
        "void_form": ReasonForm(),
        "history": _history(p),
        "comment": p.source_comment,
    })


def _history(p: Petition) -> list[dict]:
    """Who changed what and when; the sender's value never shows (it may be a denouncer's)."""
    entries = list(p.history.select_related("history_user").order_by("history_date", "history_id"))
    labels = {f.name: f.verbose_name for f in Petition._meta.fields}
    hidden = {"sender"}
    projection = set(services.DUE_FIELDS)
    out, previous = [], None
    for entry in entries:
        changes = []
        if previous is not None:
            for change in entry.diff_against(previous).changes:
                if change.field in projection:
                    continue
                shown = change.field not in hidden
                old = change.old if shown else "…"
                new = change.new if shown else "…"
                changes.append((labels.get(change.field, change.field), _shown(old), _shown(new)))
        out.append({"entry": entry, "created": previous is None, "changes": changes})
        previous = entry
    return [e for e in reversed(out) if e["created"] or e["changes"]]


def _shown(value):
    if value in (None, ""):
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return value


def petition_edit(request, pk):
    p = access.get_petition_for_user(request.user, pk)
    access.require(access.can_write_citizens(request.user, p.organization) and p.voided_at is None)
    with_sender = access.can_see_sender(request.user, p)
    initial = {f: getattr(p, f) for f in ("code", "received_on", "kind", "content", "channel", "complexity",
                                          "remote", "document_number", "note")}
    initial["member"] = p.member.code if p.member_id else ""
    if with_sender:
        initial["sender"] = p.sender
    form = PetitionForm(request.POST or None, initial=initial, with_sender=with_sender, editing=True)
    if request.method == "POST" and form.is_valid():
        item = _petition_data(request, form, p.organization, p)
        if item is not None:
            try:
                services.update_petitions(changes=[(p, item)], by=request.user)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The petition has been saved."))
                return redirect("citizens:petition", p.pk)
    return render(request, "citizens/petition_form.html", {"org": p.organization, "form": form, "petition": p})


def _act(request, pk, form_class, action):
    """A POST that changes a petition through one service; errors come back as messages."""
    p = access.get_petition_for_user(request.user, pk)
    access.require(access.can_write_citizens(request.user, p.organization))
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("citizens:petition", p.pk)
    try:
        text = action(p, form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, text)
    return redirect("citizens:petition", p.pk)


@require_POST
def petition_accept(request, pk):
    def accept(p, d):
        services.accept_petition(petition=p, accepted_on=d["accepted_on"], by=request.user)
        return _("Accepted on %(date)s.") % {"date": short_date(p.accepted_on)}

    return _act(request, pk, AcceptForm, accept)


@require_POST
def petition_close(request, pk):
    def close(p, d):
        services.close_petition(petition=p, by=request.user, **d)
        return _("Closed on %(date)s.") % {"date": short_date(p.closed_on)}

    return _act(request, pk, CloseForm, close)


@require_POST
def petition_extend(request, pk):
    def extend(p, d):
        services.extend_petition(petition=p, by=request.user, **d)
        return _("Extended: now due on %(date)s.") % {"date": short_date(p.close_due) if p.close_due else "—"}

    return _act(request, pk, ExtendForm, extend)


@require_POST
def petition_void(request, pk):
    def void(p, d):
        services.void_petition(petition=p, reason=d["reason"], by=request.user)
        return _("The petition has been voided.")

    return _act(request, pk, ReasonForm, void)


def petition_sender(request, pk):
    """Show the sender of a denunciation to a person entitled to it, and log the view.
    A fragment for HTMX, a page otherwise."""
    p = access.get_petition_for_user(request.user, pk)
    access.require(access.can_see_sender(request.user, p))
    sender = services.reveal_sender(petition=p, by=request.user)
    template = "citizens/_sender.html" if request.htmx else "citizens/sender.html"
    return render(request, template, {"p": p, "sender": sender, "org": p.organization})


def export(request, code):
    """The committee's sessions and petitions as the interchange workbook's two sheets.
    The senders of denunciations go out only to a role entitled to them, and are logged."""
    from dangbo.interchange.exporter import ExportScope, subtree_ever

    from . import interchange

    org = access.get_citizens_organization_for_user(request.user, code)
    subtree = frozenset(subtree_ever(org))
    rows = interchange.export_rows(ExportScope(subtree, subtree, user=request.user))
    buffer = io.BytesIO()
    write_workbook(rows, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="don-thu-{org.code}.xlsx"'
    return response


# -- Settings -------------------------------------------------------------------------------


def minimum(request, code):
    """The minimum of reception days of a committee: the rule of its level, or its own."""
    org = access.get_citizens_organization_for_user(request.user, code)
    can_write = access.can_write_citizens(request.user, org)
    today = timezone.localdate()
    form = MinimumForm(request.POST or None, initial={"effective_from": today.replace(day=1)})
    if request.method == "POST":
        access.require(can_write)
        if form.is_valid():
            try:
                services.set_reception_minimum(organization=org, by=request.user, **form.cleaned_data)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The minimum has been saved."))
                return redirect("citizens:minimum", org.code)
    days, source = selectors.minimum_on(org, today)
    return render(request, "citizens/minimum.html", {
        "org": org, "form": form, "can_write": can_write, "days": days, "source": source,
        "settings": org.reception_minimums.order_by("-effective_from"),
    })


def rules(request):
    """The deadline table: every line with its source and dates; administrators add lines."""
    access.require(request.user.is_admin or bool(access.citizens_organizations(request.user).exists()))
    form = DeadlineRuleForm(request.POST or None)
    if request.method == "POST":
        access.require(request.user.is_admin)
        if form.is_valid():
            try:
                services.add_deadline_rule(by=request.user, **form.cleaned_data)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The line has been added; the due dates have been written again."))
                return redirect("citizens:rules")
    return render(request, "citizens/rules.html", {
        "rules": DeadlineRule.objects.all(), "form": form, "can_write": request.user.is_admin,
    })


# -- Public comments -------------------------------------------------------------------------


def _comments_scope(user):
    from dangbo.news.models import Comment

    comments = Comment.objects.select_related("article", "article__organization")
    if not user.is_admin:
        comments = comments.filter(article__organization__in=access.citizens_organizations(user).values("pk"))
    return comments


def comments(request):
    """Public comments marked for follow-up on the articles of the user's committees,
    to be taken up as petitions; and the ones taken up already."""
    access.require(access.may_convert_comments(request.user) and request.user.role != "EDITOR")
    scope = _comments_scope(request.user)
    waiting = list(scope.filter(needs_follow_up=True, petition__isnull=True).order_by("created_at")[:200])
    taken = list(scope.filter(petition__isnull=False).select_related("petition").order_by("-created_at")[:50])
    return render(request, "citizens/comments.html", {"waiting": waiting, "taken": taken,
                                                      "form": CommentPetitionForm()})


@require_POST
def comment_to_petition(request, pk):
    """One click: the comment becomes a petition of the kind chosen, linked both ways."""
    from dangbo.news.models import Comment

    access.require(access.may_convert_comments(request.user))
    if request.user.role == "EDITOR" or request.user.is_admin:
        comment = Comment.objects.select_related("article").filter(pk=pk).first()
    else:
        comment = _comments_scope(request.user).filter(pk=pk).first()
    access.require(comment is not None)
    form = CommentPetitionForm(request.POST)
    back = request.POST.get("next") or reverse("citizens:comments")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("citizens:comments")
    if not form.is_valid():
        messages.error(request, _("Choose feedback or recommendation."))
        return redirect(back)
    organization = None
    if request.user.organization_id and access.can_write_citizens(request.user, request.user.organization):
        organization = request.user.organization
    try:
        petition = services.petition_from_comment(comment=comment, kind=form.cleaned_data["kind"],
                                                  organization=organization, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(request, _("The comment is now petition %(code)s.") % {"code": petition.code})
    if access.visible_petitions(request.user).filter(pk=petition.pk).exists():
        return redirect("citizens:petition", petition.pk)
    return redirect(back)


# -- Panels of other pages -----------------------------------------------------------------


def dashboard_panel(request) -> dict | None:
    """On the dashboard of those responsible (who record petitions for a committee): what
    is due, what is overdue, this month's reception days against the minimum."""
    user = request.user
    if user.role not in access.CITIZENS_WRITERS or not user.organization_id or user.is_admin:
        return None
    org = user.organization
    today = timezone.localdate()
    months = selectors.month_receptions(selectors.committees_under(org, today), today)
    own = next((m for m in months if m["organization"].pk == org.pk), None)
    return {
        "org": org,
        "due_soon": selectors.due_soon(org, today).count(),
        "overdue": selectors.overdue(org, today).count(),
        "own": own,
        "short": sum(1 for m in months if m["short"]),
        "working_days": selectors.DUE_SOON_WORKING_DAYS,
    }


def organization_panel(request, org, day) -> dict | None:
    if not access.citizens_organizations(request.user).filter(pk=org.pk).exists():
        return None
    return {"org": org, "year": day.year, "figures": selectors.citizens_figures(org, day.year)}


def comment_actions(request, comments) -> dict | None:
    """The moderation page's button to turn a comment into a petition, and the link to
    the petition of a comment taken up already (one query)."""
    if not access.may_convert_comments(request.user):
        return None
    taken = {p.source_comment_id: p for p in Petition.objects.filter(source_comment__in=[c.pk for c in comments])}
    return {"petitions": taken, "next": request.get_full_path(),
            "can_open": access.visible_petitions(request.user).exists() or request.user.is_admin}

