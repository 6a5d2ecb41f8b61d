"""A unit's results across years, with its chart, and predecessors' years after a merger."""

from __future__ import annotations

from datetime import date

from thidua.org.models import LineageEvent, LineageLink, Unit, UnitKind
from thidua.results.tests.factories import result


def test_it_shows_history_and_chart(world, login):
    result(world, "X1", 2022, "78", 3, "kha")
    result(world, "X1", 2023, "86.5", 2, "tot")
    result(world, "X1", 2024, "93", 1, "xuat_sac")
    response = login(world.users["olga_officer"]).get(f"/ket-qua/don-vi/{world.units['X1'].pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "<svg" in text and "Thứ hạng trong khối qua các năm" in text
    assert "▲ tăng 1 bậc" in text
    assert [h.year for h, _ in response.context["rows"]] == [2022, 2023, 2024]


def test_it_rejects_another_unit(world, login):
    response = login(world.users["olga_officer"]).get(f"/ket-qua/don-vi/{world.units['X3'].pk}/")
    assert response.status_code == 403


def test_a_merged_unit_answers_with_its_predecessors(world, login):
    merged = Unit.objects.create(code="P1-XM", name="Xã Lũng Cú Mới", kind=UnitKind.COMMUNE,
                                 category=world.categories["xa"], parent=world.units["P1"],
                                 active_from=date(2025, 7, 1))
    event = LineageEvent.objects.create(kind="merge", effective_date=date(2025, 7, 1))
    for key in ("X1", "X2"):
        LineageLink.objects.create(event=event, predecessor=world.units[key], successor=merged)
    result(world, "X1", 2024, "92", 1, "xuat_sac")
    result(world, "X2", 2024, "85", 3, "tot")
    result(world, "X1", 2023, "88", 1, "tot")  # X2 has no 2023 result: no mean score
    response = login(world.users["alice_owner"]).get(f"/ket-qua/don-vi/{merged.pk}/")
    rows = {h.year: h for h, _ in response.context["rows"]}
    assert rows[2024].classification == "tot"  # the worst of the two
    assert str(rows[2024].score) == "88.50"
    assert rows[2024].rank is None
    assert "Kế thừa từ" in response.content.decode()
