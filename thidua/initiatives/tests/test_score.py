"""Council scoring, through the shared judging module (thidua/judging)."""

import pytest
from django.urls import reverse

from thidua.initiatives import services
from thidua.initiatives.testing import make_initiative
from thidua.judging.models import Sheet

pytestmark = pytest.mark.django_db


def test_it_records_and_revises_a_members_score(world, login):
    initiative = make_initiative(world.units["X1"], [world.people["p_x1"]])
    services.initiative_send_to_council(actor=world.users["alice_owner"], initiative=initiative)
    client = login(world.users["carl_council"])
    url = reverse("initiatives:score", args=[initiative.pk])
    client.post(url, {"novelty": 20, "effectiveness": 30, "applicability": 25})
    client.post(url, {"novelty": 25, "effectiveness": 30, "applicability": 25, "comment": "Tốt"})
    sheet = Sheet.objects.get()
    assert sheet.total == 80 and sheet.comment == "Tốt" and sheet.version == 2
    assert sheet.entry.code == f"SK-{initiative.pk:05d}" and sheet.entry.panel.source == "initiatives"


def test_it_refuses_scores_out_of_range_and_before_review(world, login):
    initiative = make_initiative(world.units["X1"], [world.people["p_x1"]])
    client = login(world.users["carl_council"])
    url = reverse("initiatives:score", args=[initiative.pk])
    response = client.post(url, {"novelty": 20, "effectiveness": 30, "applicability": 25})
    assert "Chỉ chấm điểm khi" in response.content.decode()
    services.initiative_send_to_council(actor=world.users["alice_owner"], initiative=initiative)
    client.post(url, {"novelty": 99, "effectiveness": 30, "applicability": 25})
    assert not Sheet.objects.exists()


def test_it_rejects_a_council_member_of_another_province(world, login):
    from thidua.accounts.models import RoleAssignment, User

    other = User.objects.create_user(username="dan_council2")
    RoleAssignment.objects.create(user=other, role="council", unit=world.units["P2"])
    initiative = make_initiative(world.units["X1"], [world.people["p_x1"]])
    assert login(other).get(reverse("initiatives:score", args=[initiative.pk])).status_code == 403


def test_a_council_member_working_at_the_initiatives_unit_is_recused(world, login):
    from thidua.accounts.models import RoleAssignment

    member = world.users["carl_council"]
    member.person = world.people["p_x1"]  # works at X1, the initiative's unit
    member.save()
    initiative = make_initiative(world.units["X1"], [world.people["p_staff"]])
    services.initiative_send_to_council(actor=world.users["alice_owner"], initiative=initiative)
    client = login(member)
    url = reverse("initiatives:score", args=[initiative.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"novelty": 20, "effectiveness": 30, "applicability": 25}).status_code == 403
    assert not Sheet.objects.exists()
    assert RoleAssignment.objects.filter(user=member, role="council").exists()


def test_recognition_waits_for_the_councils_minimum_and_uses_its_average(world, login):
    from thidua.accounts.models import RoleAssignment, User
    from thidua.initiatives.council import council_panel, score_summary

    second = User.objects.create_user(username="dora_council")
    RoleAssignment.objects.create(user=second, role="council", unit=world.units["P1"])
    initiative = make_initiative(world.units["X1"], [world.people["p_x1"]])
    services.initiative_send_to_council(actor=world.users["alice_owner"], initiative=initiative)
    panel = council_panel(initiative.unit)
    panel.min_scores = 2
    panel.save()
    services.initiative_score(actor=world.users["carl_council"], initiative=initiative, novelty=20,
                              effectiveness=30, applicability=20)
    response = login(world.users["alice_owner"]).post(
        reverse("initiatives:decide", args=[initiative.pk]),
        {"action": "recognise", "level": "tinh", "decision_number": "1/QĐ", "decision_date": "2025-12-01"})
    assert "cần ít nhất 2 phiếu" in response.content.decode()
    services.initiative_score(actor=second, initiative=initiative, novelty=30, effectiveness=40,
                              applicability=30)
    assert score_summary(initiative).total == 85
    services.initiative_recognise(actor=world.users["alice_owner"], initiative=initiative, level="tinh",
                                  decision_number="1/QĐ", decision_date=initiative.submitted_at.date())
