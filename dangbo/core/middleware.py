import logging

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _


class LanguageMiddleware:
    """Vietnamese unless the user chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many office
    machines run English-language browsers; the interface must still speak Vietnamese.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.allowed = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.allowed else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ErrorPagesMiddleware:
    """Under DEBUG, the site's own 404, 403 and 500 pages instead of Django's technical
    ones (`make run` runs with DEBUG, and people try the demo with it). Without DEBUG,
    Django's handlers render the same templates.

    Last in MIDDLEWARE: CommonMiddleware, outside it, still turns a 404 into the redirect
    to the address with a slash; the user is known, so the page has its menu.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG:
            from django.urls import Resolver404, resolve

            try:
                resolve(request.path_info)
            except Resolver404:
                from .views import error_page

                return error_page(request, 404)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not settings.DEBUG:
            return None
        from django.core import signals
        from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
        from django.http import Http404

        from .views import debug_detail, error_page

        if isinstance(exception, Http404):
            return error_page(request, 404)
        if isinstance(exception, PermissionDenied):
            return error_page(request, 403)
        if not isinstance(exception, Exception) or isinstance(exception, (BadRequest, SuspiciousOperation)):
            return None  # Django's 400 answers these
        # What Django does for an uncaught exception: tell the test client, log it.
        signals.got_request_exception.send(sender=None, request=request)
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", request.path, exc_info=exception,
            extra={"status_code": 500, "request": request},
        )
        return error_page(request, 500, detail=debug_detail(exception))
class SecurityHeadersMiddleware:
    """The headers Django's SecurityMiddleware does not send: the Content-Security-Policy
    (our own scripts and styles only: nothing inline) and the Permissions-Policy (no
    camera, microphone or location for any page). A response may set its own policy."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY
        self.permissions = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", self.permissions)
        return response


class UploadLimitMiddleware:
    """Refuse a request whose body is larger than an upload may be before anything reads
    it: Django would otherwise spool it to disk whatever its size. The limit is the
    upload limit (DANGBO_MAX_UPLOAD_BYTES) and 1 MB for the form's other fields."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.limit = settings.DANGBO_MAX_UPLOAD_BYTES + 2**20

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.limit:
            message = _("The file is larger than %(mb)d MB; split it into smaller files.") % {
                "mb": settings.DANGBO_MAX_UPLOAD_BYTES // 2**20}
            response = HttpResponse(
                f'<!doctype html><html lang="{translation.get_language()}"><meta charset="utf-8">'
                f"<title>413</title><p>{escape(message)}</p></html>",
                status=413,
            )
            response["Connection"] = "close"  # the rest of the body is not read
            return response
        return self.get_response(request)
