"""Members of the public: register, take an attempt in their browser session, nobody else can."""

import pytest
from django.urls import reverse

from thidua.contests.models import Attempt, Participant
from thidua.contests.testing import make_contest, make_round

pytestmark = pytest.mark.django_db


def test_it_registers_and_starts(world, client):
    contest = make_contest(world.units["P1"], public_allowed=True)
    make_round(contest)
    response = client.post(reverse("contests:public_entry", args=[contest.pk]), {
        "full_name": "Hoàng Văn Nam", "phone": "0912 345 678", "commune": "Xã Lũng Cú"})
    attempt = Attempt.objects.get()
    assert response["Location"] == reverse("contests:attempt", args=[attempt.pk])
    assert Participant.objects.get().phone == "0912345678"
    assert client.get(response["Location"]).status_code == 200


def test_another_browser_cannot_open_the_attempt(world, client):
    from django.test import Client

    contest = make_contest(world.units["P1"], public_allowed=True)
    make_round(contest)
    client.post(reverse("contests:public_entry", args=[contest.pk]), {
        "full_name": "Hoàng Văn Nam", "email": "nam@example.vn", "commune": "Xã Lũng Cú"})
    attempt = Attempt.objects.get()
    assert Client().get(reverse("contests:attempt", args=[attempt.pk])).status_code == 403


def test_it_is_closed_when_the_contest_is_staff_only(world, client):
    contest = make_contest(world.units["P1"])
    make_round(contest)
    response = client.post(reverse("contests:public_entry", args=[contest.pk]), {
        "full_name": "Hoàng Văn Nam", "phone": "0912345678", "commune": "Xã Lũng Cú"})
    assert "không mở cho người dân" in response.content.decode() and not Attempt.objects.exists()
