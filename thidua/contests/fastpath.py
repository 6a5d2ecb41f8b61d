"""WSGI fast path for the two hot contest endpoints (autosave, submit).

At a national deadline peak these two URLs carry nearly all the traffic. Behind Django's full
request cycle (request object, URL resolution, a dozen middleware, signals) each costs about as
much CPU as any page; in front of it they cost a fraction: `wrap(application)` answers
POST to the `contests:submit` and `contests:autosave` URLs (taken from the URL map) itself
with the same functions the Django views use (`lean.handle_submit`, `lean.handle_autosave`:
signed attempt token, rate limit, one idempotent statement), and hands every other request to
Django unchanged. GET and other methods on those URLs also go to Django (its views answer 405).

What the skipped middleware would have done does not apply here: no cookie is read or set (the
token is the credential, the page sends no cookie), nothing is rendered, and the security
headers that matter for a JSON answer (nosniff, no-store) are set below. Database connections
follow Django's rules: `close_old_connections()` runs before each request as Django's
request_started signal would, and a database error closes the connection and answers 503, so
the client retries with the same client token. What does apply is kept: the Host header is
checked against ALLOWED_HOSTS as Django's request.get_host() would (a bad one gets 400), and each
request writes one line to the same request log as RequestLogMiddleware. CONTEST_FAST_PATH=0
turns the path off: `wrap` then returns Django's application unchanged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.http.request import split_domain_port, validate_host
from django.urls import reverse

from thidua.contests import lean

Handler = Callable[[str | None, bytes], lean.Outcome]
request_log = logging.getLogger("thidua.request")  # RequestLogMiddleware's logger and format
host_log = logging.getLogger("django.security.DisallowedHost")
BAD_HOST: lean.Outcome = (400, {"ok": False, "error": "Địa chỉ máy chủ (Host) không hợp lệ."})


def hot_paths() -> dict[str, Handler]:
    return {reverse("contests:submit"): lean.handle_submit,
            reverse("contests:autosave"): lean.handle_autosave}


def host_allowed(environ: dict[str, Any]) -> bool:
    """The check of Django's HttpRequest.get_host(), on the raw WSGI environ."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        host = environ["HTTP_X_FORWARDED_HOST"]
    elif "HTTP_HOST" in environ:
        host = environ["HTTP_HOST"]
    else:
        host = environ.get("SERVER_NAME", "")
        port = str(environ.get("SERVER_PORT", ""))
        if port and port != ("443" if environ.get("wsgi.url_scheme") == "https" else "80"):
            host = f"{host}:{port}"
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    domain, _ = split_domain_port(host)
    if domain and validate_host(domain, allowed):
        return True
    host_log.warning("Invalid HTTP_HOST header on the contest fast path: %r", host)
    return False
STATUS = {200: "200 OK", 400: "400 Bad Request", 403: "403 Forbidden", 409: "409 Conflict",
          429: "429 Too Many Requests", 503: "503 Service Unavailable"}
HEADERS = [("Content-Type", "application/json"), ("X-Content-Type-Options", "nosniff"),
           ("Cache-Control", "no-store"), ("Referrer-Policy", "same-origin")]

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _body(environ: dict[str, Any]) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length <= 0:
        return b""
    # Read at most one byte past the limit: the handler refuses an oversized body.
    return environ["wsgi.input"].read(min(length, lean.MAX_BODY + 1))


def serve(handler: Handler, environ: dict[str, Any]) -> lean.Outcome:
    # As Django does per request; never inside an open transaction (a test's atomic block),
    # where closing would throw the transaction away.
    if not connection.in_atomic_block:
        close_old_connections()
    try:
        return handler(environ.get("HTTP_X_ATTEMPT_TOKEN"), _body(environ))
    except DatabaseError:
        connection.close()
        return 503, {"ok": False, "error": "Hệ thống đang bận, bài sẽ được gửi lại.", "retry": True}


def wrap(application: WSGIApp) -> WSGIApp:
    if not settings.CONTEST_FAST_PATH:
        return application
    hot = hot_paths()

    def fast(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        handler = hot.get(path)
        if handler is None or environ.get("REQUEST_METHOD") != "POST":
            return application(environ, start_response)
        started = time.perf_counter()
        status, payload = serve(handler, environ) if host_allowed(environ) else BAD_HOST
        body = lean.dumps(payload)
        request_log.info("POST %s", path, extra={
            "path": path, "status": status, "user": "",
            "duration_ms": round((time.perf_counter() - started) * 1000, 1)})
        start_response(STATUS.get(status, f"{status} Error"),
                       [*HEADERS, ("Content-Length", str(len(body)))])
        return [body]

    return fast
