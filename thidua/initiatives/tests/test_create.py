"""Submitting an initiative through the form."""

import pytest
from django.urls import reverse

from thidua.initiatives.models import Initiative, StatusChange

pytestmark = pytest.mark.django_db


def _form(world, **extra):
    data = {"title": "Tra cứu hồ sơ qua mã QR", "unit": world.units["X1"].pk, "field": "thu_tuc",
            "year": 2025, "description": "Dán mã QR lên phiếu hẹn.", "effect": "Giảm 40% cuộc gọi hỏi hồ sơ.",
            "scope": "Bộ phận một cửa xã", "tac_gia-TOTAL_FORMS": "4", "tac_gia-INITIAL_FORMS": "0",
            "tac_gia-MIN_NUM_FORMS": "0", "tac_gia-MAX_NUM_FORMS": "10",
            "tac_gia-0-person": world.people["p_staff"].pk, "tac_gia-0-share": "60",
            "tac_gia-1-person": world.people["p_x1"].pk, "tac_gia-1-share": "40"}
    data.update(extra)
    return data


def test_it_works_for_a_staff_member(world, login):
    response = login(world.users["stan_staff"]).post(reverse("initiatives:create"), _form(world))
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert sorted(a.share for a in initiative.authors.all()) == [40, 60]
    assert StatusChange.objects.get(initiative=initiative).to_status == "submitted"


def test_it_refuses_shares_not_adding_to_100(world, login):
    response = login(world.users["stan_staff"]).post(reverse("initiatives:create"),
                                                     _form(world, **{"tac_gia-1-share": "30"}))
    assert response.status_code == 200
    assert "phải bằng 100%" in response.content.decode()
    assert not Initiative.objects.exists()


def test_it_refuses_another_unit(world, login):
    response = login(world.users["stan_staff"]).post(reverse("initiatives:create"),
                                                     _form(world, unit=world.units["X3"].pk))
    assert response.status_code == 200 and not Initiative.objects.exists()


def test_council_cannot_submit(world, login):
    assert login(world.users["carl_council"]).get(reverse("initiatives:create")).status_code == 403
