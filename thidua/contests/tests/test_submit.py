"""The lean submit endpoint: token-authorised, idempotent, server-timed."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.contests import services
from thidua.contests.models import Attempt, Submission
from thidua.contests.testing import make_contest, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(world):
    contest = make_contest(world.units["X1"])
    round_ = make_round(contest)
    participant = contest.participants.create(kind="staff", person=world.people["p_staff"],
                                              unit=world.units["X1"], full_name="Phạm Minh Ánh")
    return services.attempt_start(participant=participant, round_=round_)


def _post(client, attempt, body, token=None):
    return client.post(reverse("contests:submit"), data=json.dumps(body), content_type="application/json",
                       headers={"X-Attempt-Token": token or services.attempt_token(attempt)})


def _right_answers(attempt):
    from thidua.contests.models import Option

    return {str(qid): list(Option.objects.filter(question_id=qid, correct=True).values_list("id", flat=True))
            for qid, _ in attempt.questions}


def test_it_stores_the_submission_once_and_acknowledges_a_retry(client, attempt):
    body = {"t": "client-token-1", "answers": _right_answers(attempt), "prediction": 3}
    first = _post(client, attempt, body)
    again = _post(client, attempt, body)
    assert first.status_code == 200 and first.json() == {"ok": True, "a": attempt.pk, "t": "client-token-1",
                                                         "duplicate": False}
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert Submission.objects.filter(attempt=attempt).count() == 1


def test_it_refuses_a_second_submission_with_another_client_token(client, attempt):
    _post(client, attempt, {"t": "client-token-1", "answers": {}})
    other = _post(client, attempt, {"t": "client-token-2", "answers": {}})
    assert other.status_code == 409
    assert Submission.objects.get(attempt=attempt).client_token == "client-token-1"


def test_it_rejects_a_forged_or_missing_token(client, attempt):
    forged = services.attempt_token(attempt)[:-2] + "xx"
    assert _post(client, attempt, {"t": "client-token-1", "answers": {}}, token=forged).status_code == 403
    response = client.post(reverse("contests:submit"), data="{}", content_type="application/json")
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_it_refuses_a_submission_after_the_deadline(client, attempt):
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    attempt.refresh_from_db()
    response = _post(client, attempt, {"t": "client-token-1", "answers": {}})
    assert response.status_code == 400
    assert "hết giờ" in response.json()["error"].lower()


def test_it_grades_later_with_server_timing(client, attempt):
    _post(client, attempt, {"t": "client-token-1", "answers": _right_answers(attempt), "prediction": 1})
    assert services.grade_pending(round_id=attempt.round_id) == 1
    attempt.refresh_from_db()
    assert attempt.status == "submitted"
    assert attempt.correct_count == attempt.total == 4 and attempt.all_correct
    assert attempt.prediction == 1 and attempt.elapsed_ms is not None
    assert services.grade_pending(round_id=attempt.round_id) == 0


def test_get_is_not_allowed(client, attempt):
    assert client.get(reverse("contests:submit")).status_code == 405


def test_the_key_is_not_in_the_attempt_page(login, world, attempt):
    from thidua.contests.models import Option

    page = login(world.users["stan_staff"]).get(reverse("contests:attempt", args=[attempt.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "correct" not in html.lower()
    right = Option.objects.filter(question_id=attempt.questions[0][0], correct=True).get()
    assert f'value="{right.pk}"' in html  # the option is there, with nothing marking it right
