"""Sending an initiative to the council."""

import pytest
from django.urls import reverse

from thidua.initiatives.testing import make_initiative

pytestmark = pytest.mark.django_db


def test_it_moves_to_review(world, login):
    initiative = make_initiative(world.units["X1"], [world.people["p_x1"]])
    login(world.users["olga_officer"]).post(reverse("initiatives:send", args=[initiative.pk]))
    initiative.refresh_from_db()
    assert initiative.status == "review"


def test_staff_cannot_send(world, login):
    initiative = make_initiative(world.units["X1"], [world.people["p_staff"]])
    response = login(world.users["stan_staff"]).post(reverse("initiatives:send", args=[initiative.pk]))
    assert response.status_code == 403
