"""Template context shared by every page: the navigation the user may see."""

from django.http import HttpRequest

from thidua.accounts.access import user_roles


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    roles = user_roles(user) if user is not None and user.is_authenticated else frozenset()
    # The counts come once the user is fully in (not on the second-step or password pages).
    ready = bool(roles) or (user is not None and user.is_authenticated)
    if ready:
        from thidua.accounts.middleware import needs_second_step

        ready = not needs_second_step(user) and not getattr(user, "must_change_password", False)
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
