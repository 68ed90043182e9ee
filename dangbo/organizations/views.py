import datetime as dt

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dangbo.accounts.access import (
    can_change_tree,
    get_organization_for_user,
    may_export_dossiers,
    may_write_some_day,
    require,
    root_organizations,
    visible_organizations,
)
from dangbo.accounts.home import home_of, successors_for
from dangbo.core.errors import DomainError
from dangbo.lib.vntext import parse_date, sort_key

from . import selectors, services
from .forms import OrganizationForm, ReorganizationForm, VoidForm
from .models import Reorganization

# Panels other apps add to the organization page: (template, function(request, org, day)).
ORGANIZATION_PANELS: list = []


def _day_from(request, default: dt.date | None = None) -> tuple[dt.date, str | None]:
    """The day asked for (?day=dd/mm/yyyy), else `default` (today)."""
    default = default or timezone.localdate()
    raw = request.GET.get("day", "").strip()
    if not raw:
        return default, None
    try:
        return parse_date(raw), None
    except ValueError as exc:
        return default, str(exc)


def _default_day(org) -> dt.date:
    """Today, or the organization's last day when it has ended: its pages show it as it
    last stood rather than a today when it no longer exists."""
    today = timezone.localdate()
    last = selectors.last_day(org)
    return min(today, last) if last else today


# A search shows this many matches at most, with their ancestors.
SEARCH_LIMIT = 300


def _nest(spans, *, lazy: set[int] = frozenset(), matched: set[int] = frozenset()):
    """Turn path-ordered spans into nested nodes, in name order, the roots open.
    `lazy`: organizations whose children are not among the spans, read when the node is
    opened (`children`); `matched`: organizations a search found (marked)."""
    by_org = {}
    roots = []
    for span in spans:
        pk = span.organization_id
        node = {"span": span, "children": [], "match": pk in matched, "open": False, "lazy": pk in lazy}
        by_org[pk] = node
        parent = by_org.get(span.parent_id)
        (parent["children"] if parent else roots).append(node)

    def order(nodes):
        nodes.sort(key=lambda n: sort_key(n["span"].name))
        for n in nodes:
            order(n["children"])

    order(roots)
    for node in roots:
        node["open"] = True
    return roots


def tree(request):
    """The tree on a day: each root and the organizations right under it, the rest read
    when a branch is opened; a search looks through all of it (in the database) and shows
    the first matches with their ancestors."""
    home = home_of(request)
    day, day_error = _day_from(request, home.day)
    query = request.GET.get("q", "").strip()
    roots = root_organizations(request.user)
    spans, lazy, matched, count, more = [], set(), set(), 0, False
    if roots != [] and query:
        spans, matched, more = selectors.forest_search(day, roots, query, limit=SEARCH_LIMIT)
    elif roots != []:
        spans, lazy = selectors.forest_top(day, roots, below=1)
        count = selectors.forest_counts(day, roots)["organizations"]
    context = {
        "day": day,
        "day_error": day_error,
        "query": query,
        "nodes": _nest(spans, lazy=lazy, matched=matched),
        "count": count,
        "matches": len(matched),
        "more": more,
        "limit": SEARCH_LIMIT,
        "can_create": can_change_tree(request.user),
        "home": home,
    }
    template = "organizations/_tree.html" if request.htmx else "organizations/tree.html"
    return render(request, template, context)


@require_GET
def children(request, code):
    """The organizations right under one on a day, as the tree shows them when a branch
    is opened (HTMX); without HTMX, the organization's page, which lists them too."""
    org = get_organization_for_user(request.user, code)
    day, day_error = _day_from(request)
    if not request.htmx or day_error:
        return redirect(f"{reverse('organizations:detail', args=[org.code])}?{request.GET.urlencode()}")
    spans, lazy = selectors.forest_top(day, [org], below=1)
    own = next((node for node in _nest(spans, lazy=lazy) if node["span"].organization_id == org.pk), None)
    return render(request, "organizations/_children.html", {"nodes": own["children"] if own else [], "day": day})


def detail(request, code):
    org = get_organization_for_user(request.user, code)
    day, day_error = _day_from(request, _default_day(org))
    span = selectors.span_on(org, day)
    ancestors = []
    current = span
    while current and current.parent_id:
        current = selectors.span_on(current.parent, day)
        if current is None:
            break
        ancestors.insert(0, current)
    visible = set(visible_organizations(request.user).filter(pk__in=[a.organization_id for a in ancestors])
                  .values_list("pk", flat=True))
    ancestors = [(a, a.organization_id in visible) for a in ancestors]
    reorganizations = (
        Reorganization.objects.filter(Q(organization=org) | Q(target=org))
        .select_related("organization", "target", "created_by")
        .order_by("-effective_on", "-pk")
    )
    history = org.history.select_related("history_user").order_by("-history_date")[:50]
    panels = [(template, fn(request, org, day)) for template, fn in ORGANIZATION_PANELS]
    return render(
        request,
        "organizations/detail.html",
        {
            "org": org,
            "day": day,
            "day_error": day_error,
            "span": span,
            "ancestors": ancestors,
            "children": selectors.children_on(org, day) if span else [],
            "last_day": selectors.last_day(org),
            "reorganizations": reorganizations,
            "history": history,
            "panels": panels,
            "can_change": can_change_tree(request.user, org),
            "can_export": may_export_dossiers(request.user),
            "successors": successors_for(request.user, org) if not span else [],
        },
    )


def create(request):
    require(can_change_tree(request.user) or (request.user.organization_id is not None
                                             and may_write_some_day(request.user, request.user.organization)))
    parents = visible_organizations(request.user).order_by("code")
    form = OrganizationForm(request.POST or None, parents=parents)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["parent"] is None and not request.user.is_admin:
            form.add_error("parent", _("Choose the parent organization."))
        elif data["parent"] is not None and not can_change_tree(
            request.user, data["parent"], on=data.get("founded_on") or timezone.localdate()
        ):
            form.add_error("parent", _("On that day this parent was not in your organizations."))
        else:
            try:
                org = services.change_tree(organizations=[services.NewOrganization(**data)], by=request.user)
                org = org.organizations[0]
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Organization %(code)s created.") % {"code": org.code})
                return redirect("organizations:detail", org.code)
    return render(request, "organizations/create.html", {"form": form})


def reorganize(request, code):
    org = get_organization_for_user(request.user, code)
    require(may_write_some_day(request.user, org))
    targets = visible_organizations(request.user).exclude(pk=org.pk).order_by("code")
    form = ReorganizationForm(request.POST or None, targets=targets)
    preview = None
    if request.method == "POST" and form.is_valid() and not can_change_tree(
        request.user, org, on=form.cleaned_data["effective_on"]
    ):
        form.add_error("effective_on", _("On that day this organization was not in your organizations."))
    if request.method == "POST" and form.is_valid():
        item = services.NewReorganization(organization=org, **form.cleaned_data)
        if "confirm" in request.POST:
            try:
                services.change_tree(reorganizations=[item], by=request.user)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The reorganization has been recorded."))
                return redirect("organizations:detail", org.code)
        else:
            preview = services.preview_reorganization(item)
    return render(
        request, "organizations/reorganize.html", {"org": org, "form": form, "preview": preview}
    )


@require_POST
def void(request, pk):
    reorg = get_object_or_404(Reorganization, pk=pk)
    org = get_organization_for_user(request.user, reorg.organization.code)
    require(can_change_tree(request.user, org, on=reorg.effective_on))
    form = VoidForm(request.POST)
    if form.is_valid():
        try:
            services.void_reorganization(
                reorganization=reorg, reason=form.cleaned_data["reason"], by=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The reorganization has been voided."))
    else:
        messages.error(request, _("Give the reason for voiding."))
    return redirect("organizations:detail", org.code)

