"""Failed-login throttling: django-axes per person and address, and per address alone.

Axes locks a user name tried from one address after `AXES_FAILURE_LIMIT` failures.
Password spraying tries one password against many accounts from one address, which that
never counts: `AddressThrottleBackend` also locks the address itself once it has
`DANGBO_LOGIN_FAILURES_PER_ADDRESS` failures within the cool-off time, whatever the
user names. The limit is higher than the per-person one, since an office's computers
often share one address. The failures are axes's own log (`AccessFailureLog`, kept in
the database, so every server process counts the same).
"""

import datetime as dt

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_client_ip_address, get_cool_off, get_credentials
from axes.models import AccessFailureLog
from django.conf import settings
from django.utils import timezone


def address_locked(request) -> bool:
    """Has the request's address failed to log in too often lately?"""
    address = get_client_ip_address(request)
    if not address:
        return False
    since = timezone.now() - (get_cool_off(request) or dt.timedelta(hours=1))
    failures = AccessFailureLog.objects.filter(ip_address=address, attempt_time__gte=since)
    return failures.count() >= settings.DANGBO_LOGIN_FAILURES_PER_ADDRESS


class AddressThrottleBackend(AxesStandaloneBackend):
    """Axes's backend, refusing first any log-in from an address that is locked."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and settings.AXES_ENABLED and address_locked(request):
            request.axes_locked_out = True  # AxesMiddleware answers with the lockout page
            request.axes_credentials = get_credentials(username=username)
            raise AxesBackendPermissionDenied("Too many failed log-ins from this address")
        return super().authenticate(request, username, password, **kwargs)
