"""Test helpers for the two-step login: an enrolled device, its current code, a verified session.

Tests that log a persona in with client.force_login() are about what the persona may do, not about
logging in; the shared `client` fixture (conftest.py) is a VerifiedClient, whose force_login also
completes the second step. Tests of the login itself use django.test.Client directly.
"""

from __future__ import annotations

import time
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def enrolled_device(user: Any) -> TOTPDevice:
    """The user's authenticator app (created, confirmed, if the user has none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)
    return device


def current_code(device: TOTPDevice) -> str:
    """The code the user's app shows now, computed with django-otp's own TOTP.

    A journey may sign one persona in twice within a 30-second step; the device would rightly
    refuse the same code again (replay), so the replay marker is cleared first.
    """
    device.refresh_from_db()
    if device.last_t != -1:
        device.last_t = -1
        device.save(update_fields=["last_t"])
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return str(totp.token()).zfill(device.digits)


def mark_verified(client: Client, user: Any) -> None:
    """Make the client's (already logged-in) session count as having passed the second step."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = enrolled_device(user).persistent_id
    session.save()


class VerifiedClient(Client):
    """A test client whose force_login is a complete login: password and second step."""

    def force_login(self, user: Any, backend: str | None = None) -> None:
        super().force_login(user, backend)
        mark_verified(self, user)


def browser_sign_in(tab: Any, username: str, password: str) -> Any:
    """Sign in through the real login form in a Playwright page; for a role that requires it, pass
    the second step with the current code of the user's (enrolled here if need be) app."""
    from thidua.accounts.access import requires_two_factor
    from thidua.accounts.models import User

    user = User.objects.get(username=username)
    device = enrolled_device(user) if requires_two_factor(user) else None  # before the redirect
    tab.goto("/tai-khoan/dang-nhap/")
    tab.get_by_label("Tên đăng nhập").fill(username)
    tab.get_by_label("Mật khẩu").fill(password)
    tab.get_by_role("button", name="Đăng nhập").click()
    if device is not None:
        tab.wait_for_url("**/xac-thuc-hai-buoc/**")
        tab.get_by_label("Mã xác thực").fill(current_code(device))
        tab.get_by_role("button", name="Xác nhận").click()
    tab.wait_for_url("**/")
    return tab
