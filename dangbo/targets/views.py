import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.accounts.access import can_change_tree, get_organization_for_user, require
from dangbo.core.converters import requested_year
from dangbo.core.errors import DomainError
from dangbo.core.versions import StaleEdit, refuse_stale, version_of
from dangbo.lib.vntext import format_number
from dangbo.organizations.selectors import name_on, within_existence

from . import selectors, services
from .forms import ActualForm, TargetEditForm, TargetForm
from .models import Target


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def latest_year(request, code):
    """The organization's targets: the year asked for (?year=), else the latest with targets."""
    org = get_organization_for_user(request.user, code)
    year = requested_year(request)
    if year is None:
        years = selectors.years_with_targets(org)
        year = within_existence(org, years[0] if years else timezone.localdate().year)
    return redirect("targets:year", org.code, year)


def _percent(target: Target) -> float | None:
    """Actual as a % of plan, so that targets in different units share one chart."""
    if target.actual is None or target.planned == 0:
        return None
    return round(float(target.actual / target.planned * 100), 1)


def year_page(request, code, year):
    org = get_organization_for_user(request.user, code)
    targets = list(selectors.targets_of(org, year))
    figures = selectors.targets_figures(org, year)
    children, lower = selectors.lower_committees_targets(org, year)
    with_targets = {org_id for by_org in lower.values() for org_id in by_org}
    lower_children = [c for c in children if c.organization_id in with_targets]
    rows = [
        {
            "target": t,
            "lower": [(c, lower.get(t.code, {}).get(c.organization_id)) for c in lower_children],
        }
        for t in targets
    ]
    this_year = timezone.localdate().year
    years = sorted(set(selectors.years_with_targets(org)) | {this_year, year}, reverse=True)
    chart = {
        "labels": [t.code for t in targets],
        "names": [t.name for t in targets],
        "plan": [100 for _t in targets],
        "actual": [_percent(t) for t in targets],
        "plan_label": _("Plan (100%)"),
        "actual_label": _("Actual, percentage of plan"),
    }
    return render(
        request,
        "targets/year.html",
        {
            "org": org,
            "org_name": name_on(org, dt.date(year, 12, 31)),
            "year": year,
            "years": years,
            "rows": rows,
            "figures": figures,
            "lower_children": lower_children,
            "chart": chart,
            "can_change": can_change_tree(request.user, org),
        },
    )


def create(request, code, year):
    org = get_organization_for_user(request.user, code)
    require(can_change_tree(request.user, org))
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            target = services.create_target(organization=org, year=year, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Target %(code)s created.") % {"code": target.code})
            return redirect("targets:year", org.code, year)
    return render(request, "targets/create.html", {"org": org, "year": year, "form": form})


def _get_target(request, pk) -> Target:
    target = get_object_or_404(Target.objects.select_related("organization"), pk=pk)
    get_organization_for_user(request.user, target.organization.code)  # 404 outside the scope
    return target


def _shown(value):
    if isinstance(value, Decimal):
        return format_number(value)
    if value in (None, ""):
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return value


def _history(target: Target) -> list[dict]:
    """Every change of the target, newest first, numbers and dates shown the Vietnamese
    way; `actual` marks the entries that changed the actual value."""
    entries = list(target.history.select_related("history_user").order_by("history_date", "history_id"))
    labels = {f.name: f.verbose_name for f in Target._meta.fields}
    choices = {"direction": dict(Target.Direction.choices)}
    out = []
    previous = None
    for entry in entries:
        changes = []
        if previous is not None:
            for change in entry.diff_against(previous).changes:
                old, new = change.old, change.new
                if change.field in choices:
                    old, new = choices[change.field].get(old, old), choices[change.field].get(new, new)
                changes.append((labels.get(change.field, change.field), _shown(old), _shown(new)))
        out.append(
            {
                "entry": entry,
                "created": previous is None,
                "changes": changes,
                "actual": (entry.actual is not None) if previous is None else previous.actual != entry.actual,
                "value": entry.actual,
            }
        )
        previous = entry
    out.reverse()
    return out


def detail(request, pk):
    """The target, its actual value (editable by the committee's staff) and its history."""
    target = _get_target(request, pk)
    can_change = can_change_tree(request.user, target.organization)
    initial = {"actual": target.actual, "actual_on": target.actual_on, "source": target.actual_source,
               "version": version_of(target)}
    form = ActualForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require(can_change)
        if form.is_valid():
            try:
                changed = services.record_actual(target=target, by=request.user, **form.cleaned_data)
            except StaleEdit as exc:
                refuse_stale(form, exc)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                if changed:
                    messages.success(request, _("The actual value has been recorded."))
                return redirect("targets:detail", target.pk)
    return render(
        request,
        "targets/detail.html",
        {
            "target": target,
            "org": target.organization,
            "form": form,
            "can_change": can_change,
            "history": _history(target),
        },
    )


def edit(request, pk):
    target = _get_target(request, pk)
    require(can_change_tree(request.user, target.organization))
    initial = {f: getattr(target, f) for f in ("name", "unit", "planned", "direction", "term", "note")}
    initial["version"] = version_of(target)
    form = TargetEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_target(target=target, by=request.user, **form.cleaned_data)
        except StaleEdit as exc:
            refuse_stale(form, exc)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The target has been saved."))
            return redirect("targets:detail", target.pk)
    return render(request, "targets/edit.html", {"target": target, "org": target.organization, "form": form})


def organization_panel(request, org, day) -> dict:
    """The figures of the year on the organization page (one query)."""
    return {"org": org, "year": day.year, "figures": selectors.targets_figures(org, day.year)}
