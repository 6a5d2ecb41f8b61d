"""A person's ratings, discipline, initiatives and prizes."""

from __future__ import annotations

from datetime import date

from thidua.results.models import Discipline, PersonRating


def test_a_staff_member_sees_their_own_record(world, login):
    person = world.people["p_staff"]
    PersonRating.objects.create(person=person, year=2024, unit=world.units["X1"],
                                rating="hoan_thanh_tot", duties_well=True, outstanding_cchc=True)
    Discipline.objects.create(person=person, unit=world.units["X1"], level="khien_trach",
                              decided_on=date(2023, 6, 1))
    response = login(world.users["stan_staff"]).get(f"/ket-qua/can-bo/{person.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Hoàn thành tốt nhiệm vụ" in text and "thành tích CCHC xuất sắc" in text
    assert "Khiển trách" in text


def test_it_rejects_a_person_of_another_unit(world, login):
    response = login(world.users["olga_officer"]).get(
        f"/ket-qua/can-bo/{world.people['p_x3'].pk}/")
    assert response.status_code == 403
