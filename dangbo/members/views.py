import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from dangbo.accounts.access import (
    can_change_tree,
    can_write_member,
    dossier_view,
    get_member_for_user,
    get_organization_for_user,
    may_see,
    may_write_member_some_day,
    may_write_some_day,
    require,
    root_organizations,
    visible_organizations,
)
from dangbo.core import attachments as files
from dangbo.core import xlsx
from dangbo.core.errors import DomainError
from dangbo.core.models import PersonalDataExport
from dangbo.core.services import log_export
from dangbo.core.versions import version_of
from dangbo.lib.vntext import sort_key
from dangbo.organizations import selectors as org_selectors
from dangbo.organizations.models import Organization

from . import ethnicities, selectors, services
from .forms import (
    ATTACHMENT_ACCEPT,
    AccessLogFilterForm,
    AttachmentsForm,
    EventForm,
    NewMemberForm,
    PhotoForm,
    RegisterFilterForm,
    SeriouslyIllForm,
    VoidEventForm,
)
from .models import EventAttachment, Member, MembershipEvent, MembershipSpan

# Panels other apps add to the member page: (template, function(request, member)).
MEMBER_PANELS: list = []
# Events whose reason is a judgement on the member: shown with the "discipline" data.
DISCIPLINE_KINDS = {MembershipEvent.Kind.EXPELLED, MembershipEvent.Kind.NAME_DELETED, MembershipEvent.Kind.LEFT}
PAGE_SIZE = 50


def _place(request) -> tuple[Organization, dt.date]:
    """The organization and day a register page is about: ?org=CODE&day=dd/mm/yyyy, by
    default the user's own organization today (or on its last day, when it has ended)."""
    code = request.GET.get("org", "").strip()
    if code:
        org = get_organization_for_user(request.user, code)
    else:
        roots = root_organizations(request.user)
        if roots is None:
            roots = [s.organization for s in org_selectors.roots_on(timezone.localdate())]
        if not roots:
            raise Http404(_("You have no organization to show."))
        org = roots[0]
    day = timezone.localdate()
    last = org_selectors.last_day(org)
    if last and last < day:
        day = last
    return org, day


def _filter_from(request, org, day) -> tuple[RegisterFilterForm, selectors.RegisterFilter]:
    form = RegisterFilterForm(request.GET or None, ethnicities=ethnicities.CHOICES)
    f = selectors.RegisterFilter(organization=org, day=day)
    if form.is_valid():
        data = form.cleaned_data
        f.day = data["day"] or day
        for name in ("status", "sex", "ethnicity", "theory_level", "age_min", "age_max",
                     "party_age_min", "party_age_max"):
            setattr(f, name, data[name] if data[name] not in ("", None) else getattr(f, name))
        f.query = data["q"].strip()
    return form, f


def _list_lines(spans, before: int, day: dt.date) -> list[dict]:
    """The lines of the member list, as the template shows them. Plain values in dicts:
    the template finds each at its first try, where a page of model instances costs it
    about twice the time. Organizations named with their parent where names repeat."""
    detail = reverse("members:detail", args=["-"])[:-2]  # one reverse, not one a line
    sex = dict(Member.Sex.choices)
    status = dict(MembershipSpan.Status.choices)
    labels = org_selectors.labels_on(day, {span.organization_id for span in spans})
    lines = []
    for n, span in enumerate(spans, start=before + 1):
        m = span.member
        born = m.birth_date.strftime("%d/%m/%Y") if m.birth_date else m.birth_year
        lines.append({
            "n": n, "url": f"{detail}{quote(m.code)}/", "name": m.full_name, "code": m.code, "born": born,
            "sex": sex.get(m.sex, ""), "organization": labels.get(span.organization_id, span.organization.name),
            "status": status[span.status],
            "exempted": span.exempted, "admitted": m.admitted_on.strftime("%d/%m/%Y") if m.admitted_on else "",
        })
    return lines


def member_list(request):
    org, day = _place(request)
    form, f = _filter_from(request, org, day)
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    found = selectors.register_page(f, number, PAGE_SIZE)
    paginator = Paginator([], PAGE_SIZE)
    paginator.count = found.counts["total"]  # known already: spare a second scan
    page = Page(_list_lines(found.spans, (found.number - 1) * PAGE_SIZE, f.day), found.number, paginator)
    counts = found.counts
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "org": org,
        "org_name": org_selectors.name_on(org, f.day),
        "form": form,
        "filter": f,
        "page": page,
        "counts": counts,
        "query": query.urlencode(),
        "can_add": can_change_tree(request.user, org),
    }
    template = "members/_list_results.html" if request.htmx else "members/list.html"
    return render(request, template, context)


def member_list_xlsx(request):
    """Every member the list's filters match (not only the page shown), streamed."""
    org, day = _place(request)
    _form, f = _filter_from(request, org, day)
    written = 0

    def fill(book):
        nonlocal written
        ws = book.create_sheet(_("Members"))
        xlsx.append(ws, [
            _("No."), _("Member code"), _("Full name"), _("Date of birth"), _("Sex"), _("Ethnicity"),
            _("Organization"), _("Status"), _("Admitted on"), _("Official since"), _("Political theory"),
        ], header=True)
        spans = selectors.register(f).select_related("member", "organization")
        sex, theory = selectors.labels_of(Member.Sex), selectors.labels_of(Member.TheoryLevel)
        status = selectors.labels_of(MembershipSpan.Status)
        for written, span in enumerate(spans.iterator(chunk_size=2000), start=1):  # noqa: B007
            m = span.member
            xlsx.append(ws, [
                written, m.code, m.full_name, m.birth_date or m.birth_year, sex.get(m.sex, ""), m.ethnicity,
                span.organization.name, status[span.status], m.admitted_on, m.official_on,
                theory.get(m.theory_level, ""),
            ])

    response = xlsx.download(f"dang-vien-{org.code}-{f.day:%Y%m%d}.xlsx", fill)
    log_export(kind=PersonalDataExport.Kind.MEMBER_LIST, by=request.user, organization=org,
               scope=request.GET.urlencode(), rows=written)
    return response


def member_detail(request, code):
    member = get_member_for_user(request.user, code)
    services.log_dossier_view(member=member, by=request.user)
    today = timezone.localdate()
    seen = dossier_view(request.user, member, today=today)
    events = (
        member.events.select_related("organization", "origin", "created_by")
        .prefetch_related(Prefetch("attachments", queryset=EventAttachment.objects.order_by("created_at", "pk")))
        .order_by("-date", "-pk")
    )
    history = member.history.select_related("history_user").order_by("-history_date")
    if not seen.whole:
        # A member who left the user's organizations: their history up to that day only.
        # ...their departure included (the next day's event from one of the user's organizations).
        departure = Q(date=seen.until + dt.timedelta(days=1), origin__in=visible_organizations(request.user))
        events = events.filter(Q(date__lte=seen.until) | departure)
        history = history.filter(history_date__lt=_day_after(seen.until))
    can_write = seen.whole and can_write_member(request.user, member)
    context = {
        "member": member,
        "seen": seen,
        "shows": seen.allowed,
        "hidden_fields": seen.hidden_fields,
        "discipline_kinds": DISCIPLINE_KINDS,
        "left": _as_on(member, seen.until) if not seen.whole else None,
        "today": today,
        "party_age": selectors.party_age(member, today if seen.whole else seen.until),
        "events": events,
        "history": history[:50],
        "views": member.views.select_related("viewed_by").order_by("-viewed_at")[:10] if seen.whole else [],
        "panels": [(template, fn(request, member)) for template, fn in MEMBER_PANELS] if seen.whole else [],
        "can_write": can_write,
        "photo_form": PhotoForm(initial={"version": version_of(member)}) if can_write else None,
        "ill_form": SeriouslyIllForm(initial={"seriously_ill_since": member.seriously_ill_since,
                                              "version": version_of(member)}) if can_write else None,
        "attachments_form": AttachmentsForm() if can_write else None,
        "attachments_accept": ATTACHMENT_ACCEPT,
    }
    return render(request, "members/detail.html", context)


@require_GET
def event_form(request, code):
    """The form to record an event, read when it is opened (HTMX) or as a page of its
    own: a province's staff may place a member in any of its 2,500 organizations, and
    listing them cost more than the rest of the member's page (docs/benchmarks.md)."""
    member = get_member_for_user(request.user, code)
    seen = dossier_view(request.user, member, today=timezone.localdate())
    if not (seen.whole and can_write_member(request.user, member)):
        raise Http404
    template = "members/_event_form.html" if request.htmx else "members/event_form.html"
    form = EventForm(organizations=_member_orgs(request.user))
    return render(request, template, {"member": member, "event_form": form})


def _day_after(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))


def _as_on(member, day: dt.date) -> MembershipSpan | None:
    """Where and how the member stood on `day` (the last day the user saw them)."""
    return (MembershipSpan.objects.filter(member=member, valid_from__lte=day).select_related("organization")
            .order_by("-valid_from").first())


def _member_orgs(user):
    """Where a member may be placed: cells and grassroots organizations the user may see."""
    return (
        visible_organizations(user)
        .exclude(kind=Organization.Kind.ABOVE_GRASSROOTS)
        .order_by("code")
    )


@require_POST
def record_event(request, code):
    member = get_member_for_user(request.user, code)
    require(may_write_member_some_day(request.user, member))
    form = EventForm(request.POST, request.FILES, organizations=_member_orgs(request.user))
    if form.is_valid():
        data = form.cleaned_data
        day, destination = data["date"], data["organization"]
        if not (can_write_member(request.user, member, on=day)
                or (destination is not None and can_change_tree(request.user, destination, on=day))):
            messages.error(request, _not_yours_on(day))
            return redirect("members:detail", member.code)
        try:
            services.record_events(items=[services.NewEvent(
                member=member, kind=data["kind"], date=data["date"], organization=data["organization"],
                status=data["status"] or "", admitted_on=data["admitted_on"], official_on=data["official_on"],
                decision_number=data["decision_number"], reason=data["reason"], note=data["note"],
                attachments=tuple(data["attachments"]),
            )], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The event has been recorded."))
    else:
        _form_errors_as_messages(request, form)
    return redirect("members:detail", member.code)


def _not_yours_on(day: dt.date) -> str:
    return _("On %(day)s this was not in your organizations: it is for the committee of that day to record.") % {
        "day": day.strftime("%d/%m/%Y")}


def _form_errors_as_messages(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@require_POST
def void_event(request, pk):
    event = get_object_or_404(MembershipEvent, pk=pk)
    member = get_member_for_user(request.user, event.member.code)
    require(can_write_member(request.user, member, on=event.date))
    form = VoidEventForm(request.POST)
    if form.is_valid():
        try:
            services.void_event(event=event, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The event has been voided."))
    else:
        messages.error(request, _("Give the reason for voiding."))
    return redirect("members:detail", member.code)


def member_photo(request, code):
    """The member's 3×4 photo, only for those who may see the member: personal data,
    never served from the public media URL."""
    member = get_member_for_user(request.user, code)
    if not member.photo or not dossier_view(request.user, member).whole:
        raise Http404(_("No photo."))
    try:
        photo = member.photo.open("rb")
    except FileNotFoundError:
        raise Http404(_("No photo.")) from None
    response = FileResponse(photo, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-cache"
    return response


@require_POST
def upload_photo(request, code):
    member = get_member_for_user(request.user, code)
    require(can_write_member(request.user, member))
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.set_member_photo(member=member, upload=form.cleaned_data["photo"],
                                      version=form.cleaned_data["version"], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The photo has been saved."))
    else:
        _form_errors_as_messages(request, form)
    return redirect("members:detail", member.code)


@require_POST
def set_seriously_ill(request, code):
    member = get_member_for_user(request.user, code)
    require(can_write_member(request.user, member))
    form = SeriouslyIllForm(request.POST)
    if form.is_valid():
        since = form.cleaned_data["seriously_ill_since"]
        try:
            changed = services.set_seriously_ill(member=member, since=since, version=form.cleaned_data["version"],
                                                 by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if changed:
                messages.success(request, _("The member's health has been recorded."))
    else:
        _form_errors_as_messages(request, form)
    return redirect("members:detail", member.code)


@require_POST
def attach_to_event(request, pk):
    event = get_object_or_404(MembershipEvent.objects.select_related("member"), pk=pk)
    member = get_member_for_user(request.user, event.member.code)
    require(can_write_member(request.user, member, on=event.date))
    form = AttachmentsForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            stored = services.attach_to_event(event=event, uploads=form.cleaned_data["attachments"], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, ngettext("%(n)d file has been attached.", "%(n)d files have been attached.",
                                               len(stored)) % {"n": len(stored)})
    else:
        _form_errors_as_messages(request, form)
    return redirect("members:detail", member.code)


def _attachment_for_user(user, pk) -> tuple[EventAttachment, object]:
    attachment = get_object_or_404(EventAttachment.objects.select_related("event__member"), pk=pk)
    return attachment, get_member_for_user(user, attachment.event.member.code)


def attachment_download(request, pk):
    """A file kept with an event, for those who may see the member. A voided file (often
    attached to the wrong member) only for those who may write the member."""
    attachment, member = _attachment_for_user(request.user, pk)
    if attachment.voided_at is not None and not can_write_member(request.user, member):
        raise Http404(_("No such file."))
    seen = dossier_view(request.user, member)
    if not seen.whole and attachment.event.date > seen.until and not (
        attachment.event.date == seen.until + dt.timedelta(days=1)
        and visible_organizations(request.user).filter(pk=attachment.event.origin_id).exists()
    ):
        raise Http404(_("No such file."))
    return files.download(attachment)


@require_POST
def void_attachment(request, pk):
    attachment, member = _attachment_for_user(request.user, pk)
    require(can_write_member(request.user, member, on=attachment.event.date))
    form = VoidEventForm(request.POST)
    if form.is_valid():
        try:
            services.void_attachment(attachment=attachment, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The attachment has been voided."))
    else:
        messages.error(request, _("Give the reason for voiding."))
    return redirect("members:detail", member.code)


def member_create(request):
    require(can_change_tree(request.user) or may_write_some_day(request.user, request.user.organization))
    form = NewMemberForm(request.POST or None, organizations=_member_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.person_kwargs()
        event = {k: data.pop(k) for k in ("event_kind", "event_date", "organization", "status", "admitted_on",
                                          "official_on", "decision_number", "admission_override")}
        try:
            if event["organization"] is not None and not can_change_tree(
                request.user, event["organization"], on=event["event_date"]
            ):
                raise DomainError(_not_yours_on(event["event_date"]), field="organization")
            if event["event_kind"] not in services.ENTRY_KINDS:
                raise DomainError(_("A person enters the register by admission, transfer in or opening balance."),
                                  field="event_kind")
            member = services.check_member(**data)
            services.record_events(items=[services.NewEvent(
                member=member, kind=event["event_kind"], date=event["event_date"],
                organization=event["organization"], status=event["status"] or "",
                admitted_on=event["admitted_on"], official_on=event["official_on"],
                decision_number=event["decision_number"], admission_override=event["admission_override"],
            )], new_members=[member], by=request.user)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("%(name)s has been added to the register.") % {"name": member.full_name})
            return redirect("members:detail", member.code)
    return render(request, "members/create.html", {"form": form})


REGISTER_PAGE_SIZE = 100


def cell_register(request, code):
    """Sổ đảng viên (Mẫu 7-HSĐV) of an organization: a page of it at a time (a city's
    register has thousands of lines), or all of it as Excel."""
    org = get_organization_for_user(request.user, code)
    day = timezone.localdate()
    last = org_selectors.last_day(org)
    day = min(day, last) if last else day
    book = selectors.RegisterBook(org)
    if request.GET.get("format") == "xlsx":
        religion = may_see(request.user, "religion")
        response = xlsx.download(f"so-dang-vien-{org.code}.xlsx",
                                 lambda wb: selectors.register_book_sheet(wb, book, religion=religion))
        log_export(kind=PersonalDataExport.Kind.REGISTER, by=request.user, organization=org,
                   rows=book.members.count())
        return response
    page = Paginator(book.members, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "members/register.html", {
        "org": org, "org_name": org_selectors.name_on(org, day), "day": day, "page": page,
        "rows": book.rows(page.object_list), "first": page.start_index(),
        "show_religion": may_see(request.user, "religion"),
    })


# The worklist shows this many members with citizen ID problems, and says how many there are.
CITIZEN_IDS_SHOWN = 200


def worklists(request):
    org, day = _place(request)
    today = min(timezone.localdate(), day)
    recognition = selectors.due_for_recognition(org, today)
    badges = selectors.badges_due(org, today.year)
    transfers_out = selectors.recent_transfers_out(org, today)
    labels = org_selectors.labels_on(
        today, {r["span"].organization_id for r in recognition + badges} | {e.origin_id for e in transfers_out}
    )
    for row in recognition + badges:
        row["where"] = labels.get(row["span"].organization_id, row["span"].organization.name)
    for event in transfers_out:
        event.where = labels.get(event.origin_id, event.origin.name if event.origin else "")
    context = {
        "org": org,
        "org_name": org_selectors.name_on(org, today),
        "today": today,
        "recognition": recognition,
        "badges": badges,
        "duplicates": selectors.suspected_duplicates(org, today),
        "citizen_ids": selectors.citizen_id_problems(org, today, limit=CITIZEN_IDS_SHOWN),
        "show_citizen_ids": may_see(request.user, "citizen_id"),
        "transfers_out": transfers_out,
    }
    return render(request, "members/worklists.html", context)


def quality(request):
    org, day = _place(request)
    today = min(timezone.localdate(), day)
    rows = selectors.quality_by_organization(org, today)
    labels = org_selectors.labels_on(today, {r["organization"].pk for r in rows})
    for row in rows:
        row["label"] = labels.get(row["organization"].pk, row["organization"].name)
    rows.sort(key=lambda r: sort_key(r["label"]))
    totals = {k: sum(r[k] for r in rows) for k in ("members", "no_citizen_id", "bad_citizen_id", "no_card",
                                                   "year_only", "duplicates")}
    return render(request, "members/quality.html", {"org": org, "org_name": org_selectors.name_on(org, today),
                                                    "rows": rows, "totals": totals, "today": today})


def access_log(request):
    """Who opened which dossier and who downloaded personal data, for administrators
    (Decree 13/2023/NĐ-CP): a page of each, newest first, with filters."""
    require(request.user.is_admin)
    form = AccessLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    views, exports = selectors.access_log(**{k: v for k, v in filters.items() if v})
    context = {
        "form": form,
        "views": Paginator(views, 100).get_page(request.GET.get("views_page")),
        "exports": Paginator(exports, 100).get_page(request.GET.get("exports_page")),
        "query": request.GET.urlencode(),
    }
    return render(request, "members/access_log.html", context)
