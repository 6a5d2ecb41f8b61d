"""The initiative page: who sees it, and the award standard it feeds."""

from datetime import date

import pytest
from django.urls import reverse

from thidua.contests.models import Contest
from thidua.initiatives import services
from thidua.initiatives.testing import make_initiative

pytestmark = pytest.mark.django_db


def test_it_shows_the_standard_passing_once_recognised_at_province_level(world, login):
    Contest.objects.create(code="truc-tuyen-cchc", title="Cuộc thi trực tuyến tìm hiểu CCHC",
                           organiser=world.units["P1"])
    initiative = make_initiative(world.units["X1"], [world.people["p_staff"]], year=2025)
    officer, council = world.users["alice_owner"], world.users["carl_council"]
    client = login(world.users["stan_staff"])
    page = client.get(reverse("initiatives:detail", args=[initiative.pk])).content.decode()
    # The engine's explanation names the standard and the contests, not their codes.
    assert "Giấy khen của Trưởng Ban (cá nhân), hằng năm" in page and "Chưa đạt" in page
    assert "BDT-A-IND" not in page and "truc-tuyen-cchc" not in page
    assert "giải cuộc thi «Cuộc thi trực tuyến tìm hiểu CCHC»" in page.replace(
        "&laquo;", "«").replace("&raquo;", "»")
    assert "tiêu chuẩn «Giấy khen của Trưởng Ban (cá nhân), hằng năm» (theo" in page.replace(
        "&laquo;", "«").replace("&raquo;", "»")
    services.initiative_send_to_council(actor=officer, initiative=initiative)
    services.initiative_score(actor=council, initiative=initiative, novelty=20, effectiveness=30,
                              applicability=20)
    services.initiative_recognise(actor=officer, initiative=initiative, level="tinh",
                                  decision_number="15/QĐ-SNV", decision_date=date(2025, 11, 20))
    page = client.get(reverse("initiatives:detail", args=[initiative.pk])).content.decode()
    assert "Đã công nhận" in page and ">Đạt<" in page
    assert "Kết luận: đủ tiêu chuẩn" in page  # the rules engine's own explanation


def test_it_rejects_other_unit(world, login):
    initiative = make_initiative(world.units["X3"], [world.people["p_x3"]])
    response = login(world.users["olga_officer"]).get(reverse("initiatives:detail", args=[initiative.pk]))
    assert response.status_code == 403


def test_an_author_sees_their_initiative(world, login):
    initiative = make_initiative(world.units["X3"], [world.people["p_x3"], world.people["p_staff"]])
    response = login(world.users["stan_staff"]).get(reverse("initiatives:detail", args=[initiative.pk]))
    assert response.status_code == 200
