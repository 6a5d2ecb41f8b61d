"""Council scoring."""

import pytest
from django.urls import reverse

from thidua.initiatives import services
from thidua.initiatives.models import Score
from thidua.initiatives.testing import make_initiative

pytestmark = pytest.mark.django_db


def test_it_records_and_revises_a_members_score(world, login):
    initiative = make_initiative(world.units["X1"], [world.people["p_x1"]])
    services.initiative_send_to_council(actor=world.users["alice_owner"], initiative=initiative)
    client = login(world.users["carl_council"])
    url = reverse("initiatives:score", args=[initiative.pk])
    client.post(url, {"novelty": 20, "effectiveness": 30, "applicability": 25})
    client.post(url, {"novelty": 25, "effectiveness": 30, "applicability": 25, "comment": "Tốt"})
    score = Score.objects.get()
    assert score.total == 80 and score.comment == "Tốt"


def test_it_refuses_scores_out_of_range_and_before_review(world, login):
    initiative = make_initiative(world.units["X1"], [world.people["p_x1"]])
    client = login(world.users["carl_council"])
    url = reverse("initiatives:score", args=[initiative.pk])
    response = client.post(url, {"novelty": 20, "effectiveness": 30, "applicability": 25})
    assert "Chỉ chấm điểm khi" in response.content.decode()
    services.initiative_send_to_council(actor=world.users["alice_owner"], initiative=initiative)
    client.post(url, {"novelty": 99, "effectiveness": 30, "applicability": 25})
    assert not Score.objects.exists()


def test_it_rejects_a_council_member_of_another_province(world, login):
    from thidua.accounts.models import RoleAssignment, User

    other = User.objects.create_user(username="dan_council2")
    RoleAssignment.objects.create(user=other, role="council", unit=world.units["P2"])
    initiative = make_initiative(world.units["X1"], [world.people["p_x1"]])
    assert login(other).get(reverse("initiatives:score", args=[initiative.pk])).status_code == 403
