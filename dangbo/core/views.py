from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dangbo.accounts.access import root_organizations, visible_organizations
from dangbo.organizations.selectors import forest_on

# Panels other apps add to the dashboard: (template, function(request) -> context or None).
DASHBOARD_PANELS: list = []


def dashboard(request):
    today = timezone.localdate()
    roots = root_organizations(request.user)
    spans = forest_on(today, roots) if roots != [] else []
    panels = [(template, context) for template, fn in DASHBOARD_PANELS if (context := fn(request))]
    return render(
        request,
        "core/dashboard.html",
        {
            "panels": panels,
            "today": today,
            "organization_count": len(spans),
            "grassroots_count": sum(1 for s in spans if s.organization.is_grassroots),
            "visible_count": visible_organizations(request.user).count(),
            "roots": _top_spans(spans, roots),
        },
    )


def _top_spans(spans, roots):
    if roots is None:
        return [s for s in spans if s.parent_id is None]
    root_ids = {r.pk for r in roots}
    return [s for s in spans if s.organization_id in root_ids]


@login_not_required
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
