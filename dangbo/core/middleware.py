import logging

from django.conf import settings
from django.utils import translation


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
