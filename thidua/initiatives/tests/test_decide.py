"""Recognition decision and rejection; the status history."""

import pytest
from django.urls import reverse

from thidua.initiatives import services
from thidua.initiatives.models import Initiative
from thidua.initiatives.testing import make_initiative

pytestmark = pytest.mark.django_db


def _reviewed(world):
    initiative = make_initiative(world.units["X1"], [world.people["p_x1"]])
    services.initiative_send_to_council(actor=world.users["olga_officer"], initiative=initiative)
    return initiative


def test_it_needs_the_council_score_first(world, login):
    initiative = _reviewed(world)
    response = login(world.users["olga_officer"]).post(reverse("initiatives:decide", args=[initiative.pk]), {
        "action": "recognise", "level": "co_quan", "decision_number": "3/QĐ", "decision_date": "2025-05-02"})
    assert "chưa chấm điểm" in response.content.decode()
    assert Initiative.objects.get().status == "review"


def test_it_recognises_with_level_and_number(world, login):
    initiative = _reviewed(world)
    services.initiative_score(actor=world.users["carl_council"], initiative=initiative, novelty=20,
                              effectiveness=20, applicability=20)
    login(world.users["olga_officer"]).post(reverse("initiatives:decide", args=[initiative.pk]), {
        "action": "recognise", "level": "huyen", "decision_number": "3/QĐ-UBND",
        "decision_date": "2025-05-02", "applied": "on"})
    initiative.refresh_from_db()
    assert (initiative.status, initiative.level, initiative.decision_number, initiative.applied) == (
        "recognised", "huyen", "3/QĐ-UBND", True)
    assert [c.to_status for c in initiative.status_changes.all()] == ["review", "recognised"]


def test_it_rejects_with_a_reason(world, login):
    initiative = _reviewed(world)
    login(world.users["olga_officer"]).post(reverse("initiatives:decide", args=[initiative.pk]),
                                            {"action": "reject", "reason": "Chưa có tính mới"})
    assert Initiative.objects.get().status == "rejected"


def test_it_rejects_other_unit(world, login):
    initiative = make_initiative(world.units["X3"], [world.people["p_x3"]])
    response = login(world.users["olga_officer"]).get(reverse("initiatives:decide", args=[initiative.pk]))
    assert response.status_code == 403
