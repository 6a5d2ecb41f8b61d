"""Two-step login: enrolling an authenticator app (TOTP), recovery codes, checking a code.

Built on django-otp's own models (TOTPDevice, StaticDevice); a session counts as verified once
django_otp.login() has stored the device that accepted a code.
"""

from __future__ import annotations

import time
from base64 import b32encode
from typing import Any

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã dự phòng"


def new_secret() -> str:
    """A fresh TOTP key (hex, as TOTPDevice stores it); kept in the session until confirmed."""
    return default_key()


def setup_details(user: Any, key: str) -> dict[str, str]:
    """What the enrolment page shows: the otpauth:// URL as an inline SVG QR code, and the key
    in base32 (for typing into an app by hand), in groups of four."""
    device = TOTPDevice(user=user, key=key)  # never saved: only for its config_url
    secret = b32encode(device.bin_key).decode()
    return {
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff"),
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
    }


def confirm_app(user: Any, key: str, token: str) -> TOTPDevice | None:
    """Save the app's device if `token` is the code for `key` now; it replaces an older app."""
    device = TOTPDevice(user=user, key=key, name=APP_DEVICE_NAME, confirmed=True)
    if not token.isdigit():
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time()
    # Checked here rather than with device.verify_token(), which saves the device even on failure.
    if not totp.verify(int(token), tolerance=device.tolerance):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device.last_t = totp.t()  # this code may not be used again
        device.save()
    return device


def new_recovery_codes(user: Any) -> list[str]:
    """Replace the user's recovery codes with fresh ones; each works once."""
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_app(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def check_code(user: Any, token: str) -> tuple[Device | None, bool]:
    """The device that accepts `token` (an app code or a recovery code), and whether the user is
    throttled (too many wrong codes: django-otp makes each device wait longer after each one)."""
    throttled = False
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            allowed, _ = device.verify_is_allowed()
            if not allowed:
                throttled = True
                continue
            if device.verify_token(token):
                return device, False
    return None, throttled
