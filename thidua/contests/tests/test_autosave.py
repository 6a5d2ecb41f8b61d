"""Autosave: newer answers win, a replayed or late save never overwrites, other attempts refused."""

import json

import pytest
from django.urls import reverse

from thidua.contests import services
from thidua.contests.models import Answer
from thidua.contests.testing import make_contest, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(world):
    contest = make_contest(world.units["X1"])
    participant = contest.participants.create(kind="staff", person=world.people["p_staff"],
                                              unit=world.units["X1"], full_name="Phạm Minh Ánh")
    return services.attempt_start(participant=participant, round_=make_round(contest))


def _save(client, attempt, answers, seq):
    return client.post(reverse("contests:autosave"), data=json.dumps({"answers": answers, "seq": seq}),
                       content_type="application/json",
                       headers={"X-Attempt-Token": services.attempt_token(attempt)})


def test_it_keeps_the_newest_answer(client, attempt):
    qid, options = attempt.questions[0]
    assert _save(client, attempt, {str(qid): [options[0]]}, 10).status_code == 200
    assert _save(client, attempt, {str(qid): [options[1]]}, 20).status_code == 200
    assert _save(client, attempt, {str(qid): [options[2]]}, 15).status_code == 200  # late arrival
    assert _save(client, attempt, {str(qid): [options[1]]}, 20).status_code == 200  # replay
    assert Answer.objects.get(attempt=attempt, question_id=qid).choices == [options[1]]
    assert Answer.objects.filter(attempt=attempt).count() == 1


def test_it_rejects_garbage(client, attempt):
    assert _save(client, attempt, {"abc": [1]}, 1).status_code == 400
    assert _save(client, attempt, {"1": "x"}, 1).status_code == 400
    assert _save(client, attempt, {}, -1).status_code == 400


def test_timed_out_attempt_is_graded_from_autosaves(client, attempt):
    from datetime import timedelta

    from django.utils import timezone

    from thidua.contests.models import Attempt, Option

    qid, _ = attempt.questions[0]
    right = Option.objects.get(question_id=qid, correct=True)
    _save(client, attempt, {str(qid): [right.pk]}, 1)
    later = timezone.now() + timedelta(hours=2)
    assert services.grade_pending(participant_id=attempt.participant_id, now=later) == 1
    graded = Attempt.objects.get(pk=attempt.pk)
    assert graded.status == "timed_out" and graded.correct_count == 1


def test_autosave_after_submit_is_refused(client, attempt):
    """Issue 11: once the attempt is submitted, a late autosave changes nothing and says so."""
    qid, options = attempt.questions[0]
    assert _save(client, attempt, {str(qid): [options[0]]}, 1).status_code == 200
    submitted = client.post(reverse("contests:submit"),
                            data=json.dumps({"t": "nop-bai-0001", "answers": {str(qid): [options[0]]}}),
                            content_type="application/json",
                            headers={"X-Attempt-Token": services.attempt_token(attempt)})
    assert submitted.status_code == 200, submitted.content
    late = _save(client, attempt, {str(qid): [options[1]]}, 2)
    assert late.status_code == 400
    assert late.json()["error"] == "Bài thi đã nộp: không lưu thêm câu trả lời."
    assert Answer.objects.get(attempt=attempt, question_id=qid).choices == [options[0]]
