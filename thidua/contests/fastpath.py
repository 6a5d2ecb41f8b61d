"""WSGI fast path for the two hot contest endpoints (autosave, submit).

At a national deadline peak these two URLs carry nearly all the traffic. Behind Django's full
request cycle (request object, URL resolution, a dozen middleware, signals) each costs about as
much CPU as any page; in front of it they cost a fraction: `wrap(application)` answers
POST /cuoc-thi/bai-thi/nop/ and /cuoc-thi/bai-thi/luu/ itself with the same functions the Django
views use (`lean.handle_submit`, `lean.handle_autosave`: signed attempt token, rate limit, one
idempotent statement), and hands every other request to Django unchanged. GET and other methods
on those URLs also go to Django (its views answer 405).

What the skipped middleware would have done does not apply here: no cookie is read or set (the
token is the credential, the page sends no cookie), nothing is rendered, and the security
headers that matter for a JSON answer (nosniff, no-store) are set below. Database connections
follow Django's rules: `close_old_connections()` runs before each request as Django's
request_started signal would, and a database error closes the connection and answers 503, so
the client retries with the same client token.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import DatabaseError, close_old_connections, connection

from thidua.contests import lean

HOT: dict[str, Callable[[str | None, bytes], lean.Outcome]] = {
    "/cuoc-thi/bai-thi/nop/": lean.handle_submit,
    "/cuoc-thi/bai-thi/luu/": lean.handle_autosave,
}
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


def serve(handler: Callable[[str | None, bytes], lean.Outcome], environ: dict[str, Any]) -> lean.Outcome:
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
    def fast(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        handler = HOT.get(environ.get("PATH_INFO", ""))
        if handler is None or environ.get("REQUEST_METHOD") != "POST":
            return application(environ, start_response)
        status, payload = serve(handler, environ)
        body = lean.dumps(payload)
        start_response(STATUS.get(status, f"{status} Error"),
                       [*HEADERS, ("Content-Length", str(len(body)))])
        return [body]

    return fast
