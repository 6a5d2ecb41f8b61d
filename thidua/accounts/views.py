"""The user's own account pages: overview, password change and reset, two-step login, API token."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from rest_framework.authtoken.models import Token

from thidua.accounts import sso, two_factor
from thidua.accounts.access import requires_two_factor
from thidua.accounts.forms import (
    SecondStepForm,
    VietnamesePasswordChangeForm,
    VietnamesePasswordResetForm,
    VietnameseSetPasswordForm,
)
from thidua.core.guard import guard

PENDING_KEY_SESSION = "otp_pending_key"


def _next_url(request: HttpRequest, default: str = "core:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return target
    return reverse(default)


def _with_next(view_name: str, target: str) -> str:
    return f"{reverse(view_name)}?{urlencode({'next': target})}"


def token_expires(token: Token) -> Any:
    return token.created + timedelta(days=settings.API_TOKEN_TTL_DAYS)


@guard("authenticated")
def account(request: HttpRequest) -> HttpResponse:
    """Overview: password, two-step login, API token."""
    user: Any = request.user  # OTPMiddleware adds is_verified()
    token = Token.objects.filter(user=user).first()
    return render(request, "accounts/account.html", {
        "two_factor_required": requires_two_factor(user),
        "has_app": two_factor.has_app(user),
        "codes_left": two_factor.recovery_codes_left(user),
        "token": token, "token_expires": token_expires(token) if token else None,
    })


class LoginView(auth_views.LoginView):
    """Django's login page; offers single sign-on when it is enabled."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "sso_enabled": sso.sso_enabled()}


# --- two-step login ------------------------------------------------------------------------


@guard("authenticated")
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The step after the password: a code from the app or one recovery code."""
    user: Any = request.user  # OTPMiddleware adds is_verified()
    if user.is_verified():
        return redirect(_next_url(request))
    if not two_factor.has_app(user) and not two_factor.recovery_codes_left(user):
        return redirect(_with_next("accounts:otp_enrol", _next_url(request)))
    form = SecondStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, throttled = two_factor.check_code(user, form.cleaned_data["token"])
        if device is not None:
            request.session.cycle_key()  # a new session id for the fully logged-in session
            django_otp.login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", "Đã nhập sai nhiều lần; hãy chờ ít phút rồi thử lại." if throttled
                       else "Mã xác thực không đúng, đã hết hạn hoặc đã được dùng.")
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next_url(request)})


@guard("authenticated")
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """Set up (or replace) the authenticator app; shows the recovery codes once it works."""
    user: Any = request.user  # OTPMiddleware adds is_verified()
    if two_factor.has_app(user) and not user.is_verified():
        # Replacing the app needs the second step first, or a stolen password would be enough.
        return redirect(_with_next("accounts:otp_verify", reverse("accounts:otp_enrol")))
    key = request.session.get(PENDING_KEY_SESSION)
    if key is None:
        key = request.session[PENDING_KEY_SESSION] = two_factor.new_secret()
    form = SecondStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.confirm_app(user, key, form.cleaned_data["token"])
        if device is not None:
            del request.session[PENDING_KEY_SESSION]
            codes = two_factor.new_recovery_codes(user)
            request.session.cycle_key()
            django_otp.login(request, device)
            return render(request, "accounts/recovery_codes.html",
                          {"codes": codes, "next": _next_url(request), "enrolled": True})
        form.add_error("token", "Mã không khớp: kiểm tra giờ trên điện thoại và nhập mã đang hiển thị.")
    return render(request, "accounts/otp_enrol.html", {
        "form": form, "next": _next_url(request), "replacing": two_factor.has_app(user),
        **two_factor.setup_details(user, key),
    })


@guard("authenticated")
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """How many recovery codes are left; POST makes a new set (the old ones stop working)."""
    user: Any = request.user  # OTPMiddleware adds is_verified()
    if request.method == "POST":
        if not two_factor.has_app(user):
            messages.error(request, "Hãy cài ứng dụng xác thực trước khi tạo mã dự phòng.")
            return redirect("accounts:otp_enrol")
        codes = two_factor.new_recovery_codes(user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "enrolled": False,
                                                                "next": reverse("accounts:account")})
    return render(request, "accounts/recovery_codes.html",
                  {"codes_left": two_factor.recovery_codes_left(user), "has_app": two_factor.has_app(user)})


# --- password --------------------------------------------------------------------------------


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = VietnamesePasswordChangeForm
    template_name = "accounts/password_change.html"

    def get_success_url(self) -> str:
        return _next_url(self.request, "accounts:account")

    def form_valid(self, form: Any) -> HttpResponse:
        form.user.must_change_password = False  # saved with the new password
        messages.success(self.request, "Đã đổi mật khẩu.")
        return super().form_valid(form)  # also keeps this session logged in


class PasswordResetView(auth_views.PasswordResetView):
    form_class = VietnamesePasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = VietnameseSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        form.user.must_change_password = False  # the owner chose this password
        return super().form_valid(form)


# --- API token -------------------------------------------------------------------------------


@guard("authenticated")
def api_token(request: HttpRequest) -> HttpResponse:
    """Show the user's API token; POST issues a new one or revokes it (the old one stops working)."""
    if request.method == "POST":
        Token.objects.filter(user=request.user).delete()
        if request.POST.get("action") == "revoke":
            messages.success(request, "Đã thu hồi mã token; các chương trình dùng mã này không truy cập "
                                      "được nữa.")
        else:
            Token.objects.create(user=request.user)
            messages.success(request, "Đã cấp mã token mới; mã cũ không còn hiệu lực.")
        return redirect("accounts:api_token")
    token = Token.objects.filter(user=request.user).first()
    return render(request, "accounts/api_token.html",
                  {"token": token, "token_expires": token_expires(token) if token else None,
                   "ttl_days": settings.API_TOKEN_TTL_DAYS})


# --- roles over units a reorganisation ended ------------------------------------------------


@guard("authenticated")
def successor_unit(request: HttpRequest) -> HttpResponse:
    """The way forward for an officer whose unit was merged or dissolved: the units that carry
    it on (from the lineage), one button each; the role moves when they choose (audited)."""
    from django.core.exceptions import ValidationError
    from django.shortcuts import get_object_or_404
    from django.utils import timezone

    from thidua.accounts.models import RoleAssignment
    from thidua.accounts.selectors import stranded_assignments
    from thidua.accounts.services import role_assignment_move
    from thidua.org.models import Unit

    def number(name: str) -> int:
        value = request.POST.get(name, "")
        return int(value) if value.isdigit() else 0

    today = timezone.localdate()
    if request.method == "POST":
        # Only the user's own assignments can be named (another's is a 404).
        assignment = get_object_or_404(RoleAssignment, pk=number("assignment"),
                                       user_id=int(request.user.pk or 0))
        unit = get_object_or_404(Unit, pk=number("unit"))
        try:
            moved = role_assignment_move(actor=request.user, assignment=assignment, unit=unit)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Đã chuyển vai trò {moved.get_role_display().lower()} "
                                      f"sang {unit.name}.")
        remember_stranded_roles(request, day=today)
        return redirect("accounts:successor_unit")
    stranded = stranded_assignments(request.user, day=today)
    remember_stranded_roles(request, day=today, count=len(stranded))
    return render(request, "accounts/successor_unit.html", {"stranded": stranded})


STRANDED_KEY = "thidua_stranded_roles"


def remember_stranded_roles(request: HttpRequest, *, user: Any = None, day: Any = None,
                            count: int | None = None) -> None:
    """Keep in the session how many of the user's roles sit on ended units, so every page can
    show the notice without a query (set at login, refreshed on the successor page)."""
    from django.utils import timezone

    from thidua.accounts.selectors import assignments_on_ended_units

    if count is None:
        count = assignments_on_ended_units(day=day or timezone.localdate()).filter(
            user_id=int((user or request.user).pk or 0)).count()
    if count:
        request.session[STRANDED_KEY] = count
    else:
        request.session.pop(STRANDED_KEY, None)


def remember_stranded_roles_at_login(sender: Any, request: HttpRequest, user: Any,
                                     **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        remember_stranded_roles(request, user=user)
