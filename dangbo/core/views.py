from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
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
    """Each dependency's state, for the load balancer and the monitoring: 200 while the
    database answers ("degraded" when Redis or the replica does not, and the app works
    around them), 503 when it does not."""
    from django.core.cache import cache

    from . import replica

    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # reported, not raised: this page is how it is noticed
        checks["database"] = f"down ({type(exc).__name__})"
    ping = getattr(cache, "ping", None)  # core.cache.ResilientRedisCache
    if ping is None:
        checks["cache"] = "local"  # no shared cache: one server
    else:
        answer = ping()
        checks["cache"] = "ok" if answer == "ok" else f"down, rate limits per process ({answer})"
    usable, why = replica.status(fresh=True)
    checks["replica"] = "ok" if usable else why
    if checks["database"] != "ok":
        state = "down"
    elif checks["cache"] in ("ok", "local") and checks["replica"] in ("ok", "not configured"):
        state = "ok"
    else:
        state = "degraded"
    return JsonResponse({"status": state, **checks}, status=503 if state == "down" else 200)
