"""Optional single sign-on (OpenID Connect) into existing accounts, built on mozilla-django-oidc.

Off unless OIDC_ENABLED (its two addresses then lead to the password login). A claim of the
provider's identity (OIDC_ACCOUNT_CLAIM, e.g. preferred_username or email) is matched to an account
field (OIDC_ACCOUNT_FIELD: username or email); an identity that matches no active account is
refused, never created.

Two-step login: an SSO login is a password step like any other, so the local TOTP step still
applies to the roles that need it. Only when OIDC_IDP_ENFORCES_MFA says the provider itself
requires a second factor, and the id_token's `amr` or `acr` claim shows that one was used for this
login, does the session count as verified (SSOSecondStepMiddleware).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from thidua.core.guard import guard

# The session key holding the id of the user whose provider vouched for a second factor.
SSO_MFA_SESSION_KEY = "sso_mfa_user"
ACCOUNT_FIELDS = {"username": "username", "email": "email__iexact"}

# Why a login through the provider was refused; the page shows the sentence, the code stays internal.
REFUSALS = {
    "unknown": "Tài khoản SSO của bạn chưa gắn với tài khoản nào trong hệ thống. Hệ thống không tự tạo "
               "tài khoản: hãy liên hệ quản trị viên để được cấp hoặc đối chiếu tài khoản.",
    "claim": "Nhà cung cấp đăng nhập không gửi thông tin định danh cần thiết; hãy liên hệ quản trị viên.",
    "ambiguous": "Thông tin định danh khớp với nhiều tài khoản; hãy liên hệ quản trị viên.",
    "inactive": "Tài khoản của bạn đã bị khoá; hãy liên hệ quản trị viên.",
    "token": "Phản hồi của nhà cung cấp đăng nhập không hợp lệ hoặc đã hết hạn; hãy thử đăng nhập lại.",
    "provider": "Không liên lạc được với nhà cung cấp đăng nhập; hãy thử lại sau hoặc đăng nhập bằng "
                "mật khẩu.",
    "denied": "Nhà cung cấp đăng nhập đã từ chối hoặc huỷ việc đăng nhập.",
    "session": "Phiên đăng nhập SSO không hợp lệ hoặc đã được dùng; hãy bắt đầu đăng nhập lại.",
}


def sso_enabled() -> bool:
    return bool(getattr(settings, "OIDC_ENABLED", False))


def _refuse(request: HttpRequest | None, reason: str) -> None:
    if request is not None and not hasattr(request, "sso_refusal"):
        request.sso_refusal = reason  # type: ignore[attr-defined]


def shows_mfa(claims: dict[str, Any]) -> bool:
    """Whether the id_token says this login used a second factor (RFC 8176 `amr`, or `acr`)."""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if set(amr) & set(settings.OIDC_MFA_AMR_VALUES):
        return True
    return claims.get("acr") in set(settings.OIDC_MFA_ACR_VALUES)


class SSOBackend(OIDCAuthenticationBackend):
    """Maps the provider's identity to an existing account; checks what the library leaves out."""

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        if not sso_enabled():
            return None
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException:
            # The token or userinfo call failed (provider down, or it refused the code).
            _refuse(request, "provider")
            return None
        except SuspiciousOperation:
            _refuse(request, "token")
            return None

    def verify_token(self, token: Any, **kwargs: Any) -> dict[str, Any]:
        """The library checks the signature, expiry and nonce; the issuer and audience are checked
        here too (OpenID Connect Core 3.1.3.7), and an id_token without an expiry is refused."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        if settings.OIDC_ISSUER and payload.get("iss") != settings.OIDC_ISSUER:
            raise SuspiciousOperation("id_token issuer does not match OIDC_ISSUER")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("id_token audience does not include this client")
        expires = payload.get("exp")
        if not isinstance(expires, int | float) or expires <= time.time():
            raise SuspiciousOperation("id_token has no expiry or has expired")
        return payload

    def get_or_create_user(self, access_token: Any, id_token: Any, payload: dict[str, Any]) -> Any:
        # The id_token's claims decide the second step after login (SSOCallbackView).
        self.request.sso_id_claims = payload
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None and not user.is_active:
            _refuse(self.request, "inactive")
            return None
        return user

    def get_userinfo(self, access_token: Any, id_token: Any, payload: dict[str, Any]) -> Any:
        claims = super().get_userinfo(access_token, id_token, payload)
        # The userinfo must describe the person the id_token is about (OpenID Connect Core 5.3.2).
        if not isinstance(claims, dict) or claims.get("sub") != payload.get("sub"):
            _refuse(self.request, "token")
            raise SuspiciousOperation("userinfo subject differs from the id_token's")
        return claims

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        value = claims.get(settings.OIDC_ACCOUNT_CLAIM)
        if not isinstance(value, str) or not value.strip():
            _refuse(self.request, "claim")
            return False
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        lookup = ACCOUNT_FIELDS[settings.OIDC_ACCOUNT_FIELD]
        users = self.UserModel.objects.filter(**{lookup: claims[settings.OIDC_ACCOUNT_CLAIM].strip()})
        count = users.count()
        if count == 0:
            _refuse(self.request, "unknown")
        elif count > 1:
            _refuse(self.request, "ambiguous")
        return users

    def create_user(self, claims: dict[str, Any]) -> Any:
        raise SuspiciousOperation("single sign-on never creates accounts")  # OIDC_CREATE_USER is off

    def user_can_authenticate(self, user: Any) -> bool:
        return True  # an inactive account gets its own refusal in get_or_create_user


class SSOCallbackView(OIDCAuthenticationCallbackView):
    """The provider's redirect back: log in, or a Vietnamese page saying why not."""

    def get(self, request: HttpRequest) -> HttpResponse:  # type: ignore[override]
        if request.GET.get("error"):
            _refuse(request, "denied")
        try:
            return super().get(request)
        except SuspiciousOperation:
            # The state is not one this browser started (replayed or forged callback).
            _refuse(request, "session")
            return self.login_failure()

    def login_failure(self) -> HttpResponse:
        reason = getattr(self.request, "sso_refusal", "session")
        return render(self.request, "accounts/sso_refused.html", {"message": REFUSALS[reason]}, status=403)

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        claims = getattr(self.request, "sso_id_claims", {})
        if settings.OIDC_IDP_ENFORCES_MFA and shows_mfa(claims):
            self.request.session[SSO_MFA_SESSION_KEY] = self.user.pk
        return response


def _enabled_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def wrapper(request: HttpRequest) -> HttpResponse:
        if not sso_enabled():
            # Nothing of the provider's flow runs; an old bookmark lands on the password login.
            messages.info(request, "Hệ thống chưa bật đăng nhập một lần (SSO); hãy đăng nhập bằng mật khẩu.")
            return redirect("accounts:login")
        return view(request)
    return wrapper


sso_login = guard("public")(_enabled_only(OIDCAuthenticationRequestView.as_view()))
sso_callback = guard("public")(_enabled_only(SSOCallbackView.as_view()))


class SSOSecondStepMiddleware:
    """After OTPMiddleware: a session whose provider vouched for a second factor is verified.

    Checked on every request against the current settings, so turning OIDC_IDP_ENFORCES_MFA off
    asks those sessions for the local code again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if sso_enabled() and settings.OIDC_IDP_ENFORCES_MFA:
            user_id = request.session.get(SSO_MFA_SESSION_KEY)
            user: Any = request.user
            if user_id is not None and user.is_authenticated and user.pk == user_id:
                user.is_verified = lambda: True
        return self.get_response(request)
