"""Template context shared by every page: the navigation the user may see."""

from django.http import HttpRequest
from django_otp import user_has_device

from thidua.accounts.access import requires_two_factor, user_roles


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    roles = user_roles(user) if user is not None and user.is_authenticated else frozenset()
    # The counts come once the user is fully in (not on the second-step or password pages).
    ready = False
    if user is not None and user.is_authenticated:
        # As thidua.accounts.middleware decides: a second step is owed by the roles that need
        # it and by anyone with an enrolled device, until the session is verified.
        verified = getattr(user, "is_verified", lambda: False)()
        owes_step = not verified and (requires_two_factor(user) or user_has_device(user))
        ready = not owes_step and not getattr(user, "must_change_password", False)
    return {"nav_roles": roles, "nav_work": _LazyCount(request), "nav_counts": ready}


class _LazyCount:
    """The number of to-do items, counted only when a template shows it."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def __str__(self) -> str:
        return str(self.count)

    @property
    def count(self) -> int:
        from thidua.core.worklist_registry import request_worklist

        return len(request_worklist(self.request))
