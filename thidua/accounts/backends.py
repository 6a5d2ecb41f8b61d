"""Login lockout across usernames: one address trying many accounts is stopped too.

django-axes locks a username tried from one address (AXES_FAILURE_LIMIT). Password spraying
tries one password on every account, one attempt each, so it never trips that limit; here the
failures of all usernames from one address are added up and compared with AXES_IP_FAILURE_LIMIT
(higher, so an office behind one NAT address is not locked out by a few typos).
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


def address_failures(request: HttpRequest) -> int:
    """Failed logins from the request's address within the cool-off period, over all usernames."""
    AxesProxyHandler.update_request(request)
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return 0
    attempts = AccessAttempt.objects.filter(ip_address=address)
    cool_off = get_cool_off(request)
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutBackend(AxesStandaloneBackend):
    """axes' per-username lockout, then the per-address one."""

    def authenticate(self, request: HttpRequest, username: str | None = None,  # type: ignore[override]
                     password: str | None = None, **kwargs: Any) -> None:
        super().authenticate(request, username, password, **kwargs)
        if request is not None and address_failures(request) >= settings.AXES_IP_FAILURE_LIMIT:
            request.axes_locked_out = True  # type: ignore[attr-defined]  # AxesMiddleware answers 429
            raise AxesBackendPermissionDenied("too many failed logins from this address")
