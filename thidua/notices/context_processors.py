"""The header's count of unread notices (counted only when a page shows it)."""

from __future__ import annotations

from django.http import HttpRequest


class _Unread:
    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self._count: int | None = None

    def __str__(self) -> str:
        if self._count is None:
            from thidua.notices.selectors import unread_count

            self._count = unread_count(self.request.user)
        return str(self._count)


def unread(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_notices": None}
    return {"nav_notices": _Unread(request)}
