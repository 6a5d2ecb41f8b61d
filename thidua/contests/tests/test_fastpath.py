"""The WSGI fast path answers the hot endpoints like the Django views, and passes the rest on."""

import io
import json
import logging
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from thidua.contests import services
from thidua.contests.fastpath import wrap
from thidua.contests.models import Submission
from thidua.contests.testing import make_contest, make_round

pytestmark = pytest.mark.django_db


def _inner(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"django"]


def _call(path, body=b"", method="POST", token=None, host=None):
    environ = {"PATH_INFO": path, "REQUEST_METHOD": method, "CONTENT_LENGTH": str(len(body)),
               "CONTENT_TYPE": "application/json", "wsgi.input": io.BytesIO(body)}
    if token:
        environ["HTTP_X_ATTEMPT_TOKEN"] = token
    if host:
        environ["HTTP_HOST"] = host
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    out = b"".join(wrap(_inner)(environ, start_response))
    return seen["status"], seen["headers"], out


@pytest.fixture
def attempt(world):
    contest = make_contest(world.units["X1"])
    participant = contest.participants.create(kind="staff", person=world.people["p_staff"],
                                              unit=world.units["X1"], full_name="Phạm Minh Ánh")
    return services.attempt_start(participant=participant, round_=make_round(contest))


def test_it_stores_once_and_acknowledges_the_retry(attempt):
    token = services.attempt_token(attempt)
    body = json.dumps({"t": "client-token-9", "answers": {}, "prediction": 2}).encode()
    status, headers, out = _call("/cuoc-thi/bai-thi/nop/", body, token=token)
    again = _call("/cuoc-thi/bai-thi/nop/", body, token=token)
    assert status == "200 OK" and json.loads(out)["duplicate"] is False
    assert json.loads(again[2])["duplicate"] is True
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Cache-Control"] == "no-store"
    assert Submission.objects.filter(attempt=attempt).count() == 1


def test_it_refuses_without_a_token_and_passes_other_requests_on(attempt):
    assert _call("/cuoc-thi/bai-thi/nop/", b"{}")[0] == "403 Forbidden"
    assert _call("/cuoc-thi/bai-thi/nop/", method="GET")[2] == b"django"
    assert _call("/cuoc-thi/", method="POST")[2] == b"django"


def test_it_autosaves(attempt):
    qid, options = attempt.questions[0]
    body = json.dumps({"answers": {str(qid): [options[0]]}, "seq": 5}).encode()
    status, _, out = _call("/cuoc-thi/bai-thi/luu/", body, token=services.attempt_token(attempt))
    assert status == "200 OK" and json.loads(out) == {"ok": True, "saved": 1}


def test_it_refuses_an_oversized_body(attempt):
    body = b'{"t": "' + b"x" * 40_000 + b'"}'
    status, _, out = _call("/cuoc-thi/bai-thi/nop/", body, token=services.attempt_token(attempt))
    assert status == "400 Bad Request" and "quá lớn" in json.loads(out)["error"]


def test_its_paths_are_the_url_maps(attempt):
    # Moving the views' URLs moves the fast path with them: nothing is spelled twice.
    from thidua.contests import lean
    from thidua.contests.fastpath import hot_paths

    assert hot_paths() == {reverse("contests:submit"): lean.handle_submit,
                           reverse("contests:autosave"): lean.handle_autosave}


def test_a_host_outside_allowed_hosts_gets_400_and_nothing_is_stored(attempt):
    token = services.attempt_token(attempt)
    body = json.dumps({"t": "client-token-h", "answers": {}}).encode()
    with override_settings(ALLOWED_HOSTS=["thidua.example.vn"]):
        status, _, out = _call(reverse("contests:submit"), body, token=token, host="evil.example.com")
        assert status == "400 Bad Request" and "Host" in json.loads(out)["error"]
        assert not Submission.objects.filter(attempt=attempt).exists()
        assert _call(reverse("contests:submit"), body, token=token,
                     host="thidua.example.vn:443")[0] == "200 OK"
    assert Submission.objects.filter(attempt=attempt).count() == 1


def test_each_request_writes_one_request_log_line(attempt, caplog):
    token = services.attempt_token(attempt)
    body = json.dumps({"t": "client-token-l", "answers": {}}).encode()
    with caplog.at_level(logging.INFO, logger="thidua.request"):
        _call(reverse("contests:submit"), body, token=token)
        _call(reverse("contests:autosave"), b"{}")
    lines = [r for r in caplog.records if r.name == "thidua.request"]
    assert [(r.getMessage(), r.path, r.status) for r in lines] == [
        (f"POST {reverse('contests:submit')}", reverse("contests:submit"), 200),
        (f"POST {reverse('contests:autosave')}", reverse("contests:autosave"), 403)]
    assert all(isinstance(r.duration_ms, float) and r.user == "" for r in lines)


def test_contest_fast_path_0_hands_everything_to_django(attempt):
    with override_settings(CONTEST_FAST_PATH=False):
        status, _, out = _call(reverse("contests:submit"), b"{}", token=services.attempt_token(attempt))
    assert (status, out) == ("200 OK", b"django")


def test_the_rate_limit_lives_in_the_shared_cache(attempt, settings):
    # Each gunicorn worker is a process: the count must be in the cache (Redis with REDIS_URL),
    # not in a worker's memory. Here: the count is read back through the cache API.
    from thidua.contests import lean

    key = f"contests:test-rate:{attempt.pk}"
    cache.delete(key)
    assert [lean._within_rate(key, 2) for _ in range(3)] == [True, True, False]
    assert cache.get(key) == 3
