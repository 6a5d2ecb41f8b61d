"""Participation per unit against 100 % of staff."""

import pytest
from django.urls import reverse

from thidua.contests import services
from thidua.contests.selectors import participation
from thidua.contests.testing import make_contest, make_round

pytestmark = pytest.mark.django_db


def test_it_counts_staff_who_finished_per_unit(world, login):
    contest = make_contest(world.units["P1"])
    round_ = make_round(contest)
    participant = contest.participants.create(kind="staff", person=world.people["p_staff"],
                                              unit=world.units["X1"], full_name="Phạm Minh Ánh")
    attempt = services.attempt_start(participant=participant, round_=round_)
    services.submission_record(token=services.read_token(services.attempt_token(attempt)),
                               client_token="abcdefgh", answers={})
    page = login(world.users["alice_owner"]).get(reverse("contests:participation", args=[contest.pk]))
    assert page.status_code == 200
    data = participation(contest)
    x1 = next(row for row in data.units if row.unit.code == "P1-X1")
    assert (x1.staff, x1.took_part, x1.percent, x1.reached) == (2, 1, 50.0, False)
    assert (data.staff, data.took_part) == (3, 1)  # X1: 2, X3: 1 (Y1 is in another province)


def test_it_rejects_other_province(world, login):
    contest = make_contest(world.units["Y1"])
    response = login(world.users["alice_owner"]).get(reverse("contests:participation", args=[contest.pk]))
    assert response.status_code == 403
