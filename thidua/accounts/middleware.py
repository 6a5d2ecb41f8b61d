"""Account safety on every request: idle timeout, the two-step login and a forced password change.

Runs after django-otp's OTPMiddleware (which sets request.user.is_verified()). The checks live in a
middleware, not in each view, so that no page (and no session-authenticated API call) can be
reached half logged in; the pages needed to finish logging in are the only exceptions.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect
from django_otp import user_has_device

from thidua.accounts.access import requires_two_factor

LAST_ACTIVITY_KEY = "last_activity"
# Writing the session on every request costs a database write; a minute's precision is enough.
ACTIVITY_WRITE_INTERVAL = 60

# Pages a user who has only given a password may still open: logging in and out, the second step,
# enrolling a device, the password reset by e-mail, and the health check.
HALF_LOGGED_IN_VIEWS = frozenset({
    "accounts:login", "accounts:logout", "accounts:otp_verify", "accounts:otp_enrol",
    "accounts:password_reset", "accounts:password_reset_done", "accounts:password_reset_confirm",
    "accounts:password_reset_complete", "core:health",
})
PASSWORD_CHANGE_VIEWS = frozenset({"accounts:password_change"})


def needs_second_step(user: Any) -> bool:
    """Required by role, or chosen by the user (an enrolled device is always asked for)."""
    if user.is_verified():
        return False
    return requires_two_factor(user) or user_has_device(user)


def start_idle_clock(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    """At login (user_logged_in): the idle timer starts, so the first page need not write it."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = int(time.time())


class AccountSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._idle_timeout(request)
        return self.get_response(request)

    def _idle_timeout(self, request: HttpRequest) -> None:
        now = int(time.time())
        last = request.session.get(LAST_ACTIVITY_KEY)
        if last is not None and now - int(last) > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60:
            logout(request)  # the view then sees an anonymous user and asks for a login
            messages.info(request, "Phiên làm việc đã kết thúc vì lâu không thao tác; "
                                   "mời đăng nhập lại.")
            return
        if last is None or now - int(last) >= ACTIVITY_WRITE_INTERVAL:
            request.session[LAST_ACTIVITY_KEY] = now

    def process_view(self, request: HttpRequest, view_func: Callable, args: Any,
                     kwargs: Any) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated:
            return None
        match = request.resolver_match
        view_name = match.view_name if match is not None else ""
        if view_name in HALF_LOGGED_IN_VIEWS:
            return None
        if needs_second_step(user):
            target = "accounts:otp_verify" if user_has_device(user) else "accounts:otp_enrol"
            message = ("Tài khoản của bạn cần đăng nhập hai bước: hãy xác thực trên trang web "
                       "(trang Đăng nhập) trước khi dùng API bằng phiên đăng nhập.")
            return _send_to(request, target, message)
        if user.must_change_password and view_name not in PASSWORD_CHANGE_VIEWS:
            message = "Bạn cần đổi mật khẩu ban đầu trước khi dùng hệ thống."
            if not request.path.startswith("/api/"):
                messages.info(request, message)
            return _send_to(request, "accounts:password_change", message)
        return None


def _send_to(request: HttpRequest, view_name: str, api_message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": api_message}, status=403)
    url = reverse(view_name)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)
