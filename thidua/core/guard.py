"""The access declaration every view carries; tests/test_access_matrix.py walks them all.

    @guard("public")                    anyone, logged in or not
    @guard("authenticated")             any logged-in user; the view shows only what they may see
    @guard("scoped")                    logged in; the view calls an access_* function on the
                                        object named by its URL (own unit allowed, other denied)
    @guard(Capability.SIGN, ...)        logged in and holding one of the capabilities somewhere
                                        (thidua.accounts.capabilities; admin passes); objects in
                                        the URL are scoped as well
    @guard("roles", Role.OWNER, ...)    the older spelling of the same, by role; prefer a capability

A view without @guard fails the access matrix test, so a new URL cannot ship unguarded.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from thidua.accounts.access import access_capability, access_role
from thidua.accounts.capabilities import Capability, roles_with


def is_htmx(request: HttpRequest) -> bool:
    """True for a request sent by htmx (django-htmx sets request.htmx)."""
    return bool(getattr(request, "htmx", False))


POLICIES = {"public", "authenticated", "scoped", "roles", "capability"}


def guard(policy: str | Capability, *more: str) -> Callable:
    capabilities: tuple[Capability, ...] = ()
    roles: tuple[str, ...] = tuple(more)
    if isinstance(policy, Capability):
        capabilities = (policy, *(Capability(c) for c in more))
        roles = tuple(sorted(roles_with(*capabilities)))
        policy = "capability"
    if policy not in POLICIES:
        raise ValueError(f"unknown access policy {policy!r}")
    if policy == "roles" and not roles:
        raise ValueError("guard('roles', ...) needs at least one role")

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if policy != "public" and not request.user.is_authenticated:
                if request.path.startswith("/api/"):
                    return HttpResponse("Chưa đăng nhập.", status=401)
                return redirect_to_login(request.get_full_path())
            if capabilities:
                access_capability(request.user, *capabilities)
            elif policy == "roles":
                access_role(request.user, *roles)
            return view(request, *args, **kwargs)

        wrapper.access_policy = policy  # type: ignore[attr-defined]
        wrapper.access_roles = roles  # type: ignore[attr-defined]
        wrapper.access_capabilities = capabilities  # type: ignore[attr-defined]
        return wrapper

    return decorate
