"""The two endpoints called while an attempt runs: autosave and the final submission.

They are the contest's hot path at a deadline peak, so they stay lean: the browser calls them
with `credentials: "omit"` (no cookie, so no session or user lookup), the signed attempt token in
the `X-Attempt-Token` header is the credential (it binds attempt, participant, person and
deadline), CSRF does not apply (no cookie is trusted), and each does one idempotent statement.
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


def _json(payload: dict[str, Any], status: int = 200) -> HttpResponse:
    return HttpResponse(json.dumps(payload, ensure_ascii=False), status=status,
                        content_type="application/json")


def _within_rate(key: str, limit: int) -> bool:
    """A fixed one-minute window per attempt in the cache (Redis in production)."""
    cache.add(key, 0, 60)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the window expired between add and incr
        cache.add(key, 1, 60)
        return True


def _body(request: HttpRequest) -> dict[str, Any]:
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY:
        raise ValidationError("Dữ liệu gửi lên quá lớn.")
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        raise ValidationError("Dữ liệu gửi lên không phải JSON.") from None
    if not isinstance(data, dict):
        raise ValidationError("Dữ liệu gửi lên không hợp lệ.")
    return data


def _prologue(request: HttpRequest, kind: str, limit: int) -> services.AttemptToken | HttpResponse:
    if request.method != "POST":
        return _json({"ok": False, "error": "Chỉ nhận yêu cầu POST."}, 405)
    try:
        token = services.read_token(request.headers.get("X-Attempt-Token"))
    except Denied as exc:
        return _json({"ok": False, "error": str(exc)}, 403)
    if not _within_rate(f"contests:{kind}:{token.attempt_id}", limit):
        return _json({"ok": False, "error": "Gửi quá nhiều lần, hãy thử lại sau ít giây."}, 429)
    return token


@csrf_exempt
@guard("public")  # the credential is the signed attempt token, checked in _prologue
def autosave(request: HttpRequest) -> HttpResponse:
    token = _prologue(request, "save", SAVES_PER_MINUTE)
    if isinstance(token, HttpResponse):
        return token
    try:
        data = _body(request)
        saved = services.answers_autosave(token=token, answers=data.get("answers"), seq=data.get("seq"))
    except ValidationError as exc:
        return _json({"ok": False, "error": " ".join(exc.messages)}, 400)
    return _json({"ok": True, "saved": saved})


@csrf_exempt
@guard("public")  # the credential is the signed attempt token, checked in _prologue
def submit(request: HttpRequest) -> HttpResponse:
    token = _prologue(request, "submit", SUBMITS_PER_MINUTE)
    if isinstance(token, HttpResponse):
        return token
    try:
        data = _body(request)
        client_token = data.get("t")
        receipt = services.submission_record(token=token, client_token=client_token,
                                             answers=data.get("answers", {}),
                                             prediction=data.get("prediction"))
    except ValidationError as exc:
        return _json({"ok": False, "error": " ".join(exc.messages)}, 400)
    if not receipt.accepted:
        return _json({"ok": False, "a": token.attempt_id,
                      "error": "Lượt thi này đã được nộp từ một lần gửi khác."}, 409)
    return _json({"ok": True, "a": token.attempt_id, "t": client_token, "duplicate": receipt.duplicate})
