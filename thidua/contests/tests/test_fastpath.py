"""The WSGI fast path answers the hot endpoints like the Django views, and passes the rest on."""

import io
import json
from wsgiref.util import setup_testing_defaults

import pytest

from thidua.contests import services
from thidua.contests.fastpath import wrap
from thidua.contests.models import Submission
from thidua.contests.testing import make_contest, make_round

pytestmark = pytest.mark.django_db


def _inner(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"django"]


def _call(path, body=b"", method="POST", token=None):
    environ = {"PATH_INFO": path, "REQUEST_METHOD": method, "CONTENT_LENGTH": str(len(body)),
               "CONTENT_TYPE": "application/json", "wsgi.input": io.BytesIO(body)}
    if token:
        environ["HTTP_X_ATTEMPT_TOKEN"] = token
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
