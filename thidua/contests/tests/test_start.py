"""Starting an attempt: the draw, one active attempt, attempts per round, open rounds only."""

import pytest
from django.urls import reverse

from thidua.contests.models import Attempt
from thidua.contests.testing import make_contest, make_round

pytestmark = pytest.mark.django_db


def test_it_draws_n_questions_with_shuffled_options_and_resumes(world, login):
    contest = make_contest(world.units["X1"], questions=6, per_attempt=4)
    round_ = make_round(contest)
    client = login(world.users["stan_staff"])
    first = client.post(reverse("contests:start", args=[round_.pk]))
    again = client.post(reverse("contests:start", args=[round_.pk]))
    attempt = Attempt.objects.get()
    assert first["Location"] == again["Location"] == reverse("contests:attempt", args=[attempt.pk])
    assert len(attempt.questions) == 4 and len({q for q, _ in attempt.questions}) == 4
    assert all(len(options) == 4 for _, options in attempt.questions)


def test_it_counts_attempts_per_round(world, login):
    from thidua.contests import services

    contest = make_contest(world.units["X1"], attempts_per_round=1)
    round_ = make_round(contest)
    client = login(world.users["stan_staff"])
    client.post(reverse("contests:start", args=[round_.pk]))
    attempt = Attempt.objects.get()
    token = services.read_token(services.attempt_token(attempt))
    services.submission_record(token=token, client_token="abcdefgh", answers={})
    response = client.post(reverse("contests:start", args=[round_.pk]), follow=True)
    assert "hết 1 lượt thi" in response.content.decode()
    assert Attempt.objects.count() == 1


def test_it_refuses_a_closed_round(world, login):
    round_ = make_round(make_contest(world.units["X1"]), open_now=False)
    response = login(world.users["stan_staff"]).post(reverse("contests:start", args=[round_.pk]), follow=True)
    assert "chưa mở hoặc đã đóng" in response.content.decode()
    assert not Attempt.objects.exists()


def test_it_rejects_staff_of_another_unit(world, login):
    round_ = make_round(make_contest(world.units["X3"]))
    response = login(world.users["stan_staff"]).post(reverse("contests:start", args=[round_.pk]))
    assert response.status_code == 403
