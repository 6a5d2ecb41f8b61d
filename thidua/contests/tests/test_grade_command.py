"""The grading command: claims what is pending, is harmless when run again."""

from io import StringIO

import pytest
from django.core.management import call_command

from thidua.contests import services
from thidua.contests.models import Attempt
from thidua.contests.testing import make_contest, make_round

pytestmark = pytest.mark.django_db


def test_it_grades_pending_attempts_once(world):
    contest = make_contest(world.units["X1"])
    participant = contest.participants.create(kind="staff", person=world.people["p_x1"],
                                              unit=world.units["X1"], full_name="Nguyễn Thị Lan")
    attempt = services.attempt_start(participant=participant, round_=make_round(contest))
    token = services.read_token(services.attempt_token(attempt))
    services.submission_record(token=token, client_token="abcdefgh", answers={})
    out = StringIO()
    call_command("contests_grade", stdout=out)
    call_command("contests_grade", stdout=out)
    assert out.getvalue().splitlines() == ["Đã chấm 1 lượt thi.", "Đã chấm 0 lượt thi."]
    assert Attempt.objects.get().status == "submitted"


def test_the_periodic_task_grades_too(world):
    from thidua.contests.tasks import grade_contest_attempts

    contest = make_contest(world.units["X1"])
    participant = contest.participants.create(kind="staff", person=world.people["p_x1"],
                                              unit=world.units["X1"], full_name="Nguyễn Thị Lan")
    attempt = services.attempt_start(participant=participant, round_=make_round(contest))
    services.submission_record(token=services.read_token(services.attempt_token(attempt)),
                               client_token="abcdefgh", answers={})
    grade_contest_attempts.call_local()
    assert Attempt.objects.get().status == "submitted"
