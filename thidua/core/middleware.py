"""One structured log line per request: path, status, duration and user (JSON via core.logging)."""

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("thidua.request")


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logger.info(
            "%s %s", request.method, request.path,
            extra={
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user": user.get_username() if user is not None and user.is_authenticated else "",
            },
        )
        return response


class RejectNulMiddleware:
    """Refuse request parameters containing NUL bytes: no text column may hold one (PostgreSQL
    raises on them), and no legitimate form or link sends one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponse("Yêu cầu có ký tự không hợp lệ.", status=400,
                                content_type="text/plain; charset=utf-8")
        return self.get_response(request)
