"""The pages around the apps: the landing page (the panels the apps register), the help
pages, the error pages and the health check. Core imports no app: what these pages show
comes from `core.navigation`."""

import logging
import traceback

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.translation import gettext as _

from . import navigation

logger = logging.getLogger("django.request")


@login_not_required
def dashboard(request):
    """What the user does today: the panels of their role (core.navigation). An anonymous
    visitor gets the public page (the news), from which staff sign in."""
    if not request.user.is_authenticated:
        return redirect(navigation.PUBLIC_HOME[0] if navigation.PUBLIC_HOME else settings.LOGIN_URL)
    panels = navigation.panels_for(request)
    return render(request, "core/dashboard.html", {"panels": panels})


def panel(request, key):
    """A landing panel that comes after the page (HTMX); nothing when it has nothing for
    this user."""
    item = navigation.LANDING_PANELS.get(key)
    if item is None or not item.later:
        raise Http404(_("No such panel."))
    context = item.context(request)
    if context is None:
        return HttpResponse("")
    return render(request, item.template, {"panel": context})


def help_index(request):
    return render(request, "core/help_index.html", {"pages": navigation.help_pages()})


def help_page(request, key):
    page = navigation.HELP_PAGES.get(key)
    if page is None:
        raise Http404(_("No such help page."))
    return render(request, page.template, {"page": page, "pages": navigation.help_pages()})


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


# --- Error pages ------------------------------------------------------------------------
# Django's handlers render 404.html, 403.html and 500.html when DEBUG is off;
# core.middleware.ErrorPagesMiddleware renders the same pages under DEBUG, so that
# `make run` never shows Django's technical pages to a user.


def error_page(request, status: int, *, detail: str = "") -> HttpResponse:
    """The site's page for an HTTP error: in Vietnamese, with the menu when the request
    got far enough to have a user. 500 renders without the request's context (the error
    may have come from it)."""
    template = {403: "403.html", 404: "404.html"}.get(status, "500.html")
    if status == 500:
        body = loader.render_to_string(template, {"detail": detail})
    else:
        body = loader.render_to_string(template, {"detail": detail}, request=request)
    return HttpResponse(body, status=status)


@login_not_required
def csrf_failure(request, reason=""):
    """A form sent from a page that had been open too long, or after logging out and in
    again elsewhere (CSRF_FAILURE_VIEW): say so, and how to go on."""
    back = request.META.get("HTTP_REFERER", "")
    if not back.startswith(("/", request.build_absolute_uri("/"))):
        back = ""
    return render(request, "403_csrf.html", {"back": back}, status=403)


def debug_detail(exc: BaseException) -> str:
    """Under DEBUG, the traceback shown folded on the error page for the developer."""
    if not settings.DEBUG:
        return ""
    return "".join(traceback.format_exception(exc))
