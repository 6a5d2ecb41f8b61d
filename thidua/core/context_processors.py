"""Template context shared by every page: the navigation the user may see."""

from django.http import HttpRequest

from thidua.accounts.access import user_roles


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    roles = user_roles(user) if user is not None and user.is_authenticated else frozenset()
    return {"nav_roles": roles}
