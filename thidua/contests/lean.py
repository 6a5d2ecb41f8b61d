"""The two endpoints called while an attempt runs: autosave and the final submission.

They are the contest's hot path at a deadline peak, so they stay lean: the browser calls them
with `credentials: "omit"` (no cookie, so no session or user lookup), the signed attempt token in
the `X-Attempt-Token` header is the credential (it binds attempt, participant, person and
deadline), CSRF does not apply (no cookie is trusted), and each does one idempotent statement.

`handle_submit` / `handle_autosave` take the header and the body and return (status, payload);
the Django views below and the WSGI fast path (thidua/contests/fastpath.py) both call them, so the
two doors behave the same.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from thidua.accounts.access import Denied
from thidua.contests import services
from thidua.core.guard import guard

MAX_BODY = 32 * 1024
SAVES_PER_MINUTE = 120
SUBMITS_PER_MINUTE = 20

Outcome = tuple[int, dict[str, Any]]


def _within_rate(key: str, limit: int) -> bool:
    """A fixed one-minute window per attempt in the cache (Redis in production)."""
    cache.add(key, 0, 60)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the window expired between add and incr
        cache.add(key, 1, 60)
        return True


def _parse(body: bytes) -> dict[str, Any]:
    if len(body) > MAX_BODY:
        raise ValidationError("Dữ liệu gửi lên quá lớn.")
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        raise ValidationError("Dữ liệu gửi lên không phải JSON.") from None
    if not isinstance(data, dict):
        raise ValidationError("Dữ liệu gửi lên không hợp lệ.")
    return data


def _authorise(header: str | None, kind: str, limit: int) -> services.AttemptToken | Outcome:
    try:
        token = services.read_token(header)
    except Denied as exc:
        return 403, {"ok": False, "error": str(exc)}
    if not _within_rate(f"contests:{kind}:{token.attempt_id}", limit):
        return 429, {"ok": False, "error": "Gửi quá nhiều lần, hãy thử lại sau ít giây."}
    return token


def handle_autosave(header: str | None, body: bytes) -> Outcome:
    token = _authorise(header, "save", SAVES_PER_MINUTE)
    if isinstance(token, tuple):
        return token
    try:
        data = _parse(body)
        saved = services.answers_autosave(token=token, answers=data.get("answers"), seq=data.get("seq"))
    except ValidationError as exc:
        return 400, {"ok": False, "error": " ".join(exc.messages)}
    return 200, {"ok": True, "saved": saved}


def handle_submit(header: str | None, body: bytes) -> Outcome:
    token = _authorise(header, "submit", SUBMITS_PER_MINUTE)
    if isinstance(token, tuple):
        return token
    try:
        data = _parse(body)
        client_token = data.get("t")
        receipt = services.submission_record(token=token, client_token=client_token,
                                             answers=data.get("answers", {}),
                                             prediction=data.get("prediction"))
    except ValidationError as exc:
        return 400, {"ok": False, "error": " ".join(exc.messages)}
    if not receipt.accepted:
        return 409, {"ok": False, "a": token.attempt_id,
                     "error": "Lượt thi này đã được nộp từ một lần gửi khác."}
    return 200, {"ok": True, "a": token.attempt_id, "t": client_token, "duplicate": receipt.duplicate}


def dumps(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode()


def _respond(outcome: Outcome) -> HttpResponse:
    status, payload = outcome
    return HttpResponse(dumps(payload), status=status, content_type="application/json")


def _not_post() -> HttpResponse:
    return _respond((405, {"ok": False, "error": "Chỉ nhận yêu cầu POST."}))


@csrf_exempt
@guard("public")  # the credential is the signed attempt token, checked first in handle_autosave
def autosave(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _not_post()
    return _respond(handle_autosave(request.headers.get("X-Attempt-Token"), request.body))


@csrf_exempt
@guard("public")  # the credential is the signed attempt token, checked first in handle_submit
def submit(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _not_post()
    return _respond(handle_submit(request.headers.get("X-Attempt-Token"), request.body))
