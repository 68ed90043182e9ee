"""The Dân vận khéo pages: a committee's register for a year with its table per field,
an entry, the list of recognition levels."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangbo.accounts import access
from dangbo.core.errors import DomainError
from dangbo.organizations.selectors import name_on

from . import selectors, services
from .forms import EntryForm, LevelForm, ReasonForm
from .models import MobilizationModel, RecognitionLevel


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 1900 <= year <= 2100 else timezone.localdate().year


def organization(request, code):
    """The entries registered for a year in the committee's subtree (at 31/12), with the
    yearly table per field."""
    import datetime as dt

    org = access.get_citizens_organization_for_user(request.user, code)
    year = _year(request)
    order = {field: i for i, field in enumerate(MobilizationModel.Field.values)}
    entries = sorted(selectors.entries_in_scope(org, year).select_related("organization"),
                     key=lambda e: (order[e.field], e.code))
    table = selectors.yearly_table(org, year)
    totals = {key: sum(r[key] for r in table) for key in ("models", "exemplars", "recognized")}
    return render(request, "mobilization/organization.html", {
        "org": org, "org_name": name_on(org, dt.date(year, 12, 31)), "year": year, "entries": entries,
        "table": table, "totals": totals, "can_write": access.can_write_citizens(request.user, org),
    })


def _levels():
    return RecognitionLevel.objects.filter(active=True)


def _data(form, org, code=None) -> services.EntryData:
    d = form.cleaned_data
    return services.EntryData(code=code or d["code"], year=d["year"], name=d["name"], type=d["type"], field=d["field"],
                              organization=org, recognized_by=d["recognized_by"], recognized_on=d["recognized_on"],
                              note=d["note"])


def new(request, code):
    org = access.get_citizens_organization_for_user(request.user, code)
    access.require(access.can_write_citizens(request.user, org))
    year = _year(request)
    form = EntryForm(request.POST or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.record_entries(items=[_data(form, org)], by=request.user)[0]
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("%(name)s has been registered.") % {"name": entry.name})
            return redirect("mobilization:detail", entry.pk)
    return render(request, "mobilization/form.html", {"org": org, "form": form, "entry": None, "levels": _levels()})


def detail(request, pk):
    entry = access.get_mobilization_for_user(request.user, pk)
    can_write = access.can_write_citizens(request.user, entry.organization) and entry.voided_at is None
    return render(request, "mobilization/detail.html", {
        "entry": entry, "org": entry.organization, "can_write": can_write, "void_form": ReasonForm(),
        "history": entry.history.select_related("history_user").order_by("-history_date")[:20],
    })


def edit(request, pk):
    entry = access.get_mobilization_for_user(request.user, pk)
    access.require(access.can_write_citizens(request.user, entry.organization) and entry.voided_at is None)
    initial = {f: getattr(entry, f) for f in ("code", "year", "name", "type", "field", "recognized_by",
                                              "recognized_on", "note")}
    form = EntryForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_entries(changes=[(entry, _data(form, entry.organization, entry.code))], by=request.user)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The entry has been saved."))
            return redirect("mobilization:detail", entry.pk)
    return render(request, "mobilization/form.html",
                  {"org": entry.organization, "form": form, "entry": entry, "levels": _levels()})


@require_POST
def void(request, pk):
    entry = access.get_mobilization_for_user(request.user, pk)
    access.require(access.can_write_citizens(request.user, entry.organization))
    form = ReasonForm(request.POST)
    if form.is_valid():
        services.void_entry(entry=entry, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("The entry has been voided."))
    else:
        messages.error(request, _("Give the reason for voiding."))
    return redirect("mobilization:detail", entry.pk)


def levels(request):
    """The recognition levels offered (configurable: they vary by province); the
    administrators change the list."""
    access.require(request.user.is_admin or access.citizens_organizations(request.user).exists())
    edit_pk = request.GET.get("edit") or request.POST.get("pk")
    level = get_object_or_404(RecognitionLevel, pk=edit_pk) if edit_pk and str(edit_pk).isdigit() else None
    initial = {"name": level.name, "order": level.order, "active": level.active} if level else None
    form = LevelForm(request.POST or None, initial=initial)
    if request.method == "POST":
        access.require(request.user.is_admin)
        if form.is_valid():
            try:
                services.save_level(level=level, by=request.user, **form.cleaned_data)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The list of levels has been saved."))
                return redirect("mobilization:levels")
    return render(request, "mobilization/levels.html", {
        "levels": RecognitionLevel.objects.all(), "form": form, "level": level, "can_write": request.user.is_admin,
    })


def organization_panel(request, org, day) -> dict | None:
    if not access.citizens_organizations(request.user).filter(pk=org.pk).exists():
        return None
    return {"org": org, "year": day.year, "figures": selectors.mobilization_figures(org, day.year)}


