"""Rank movement year to year."""

from __future__ import annotations

from thidua.results.tests.factories import result


def test_it_lists_the_biggest_movers_first(world, login):
    result(world, "X1", 2023, "80", 3, "tot")
    result(world, "X2", 2023, "90", 1, "xuat_sac")
    result(world, "X3", 2023, "85", 2, "tot")
    result(world, "X1", 2024, "95", 1, "xuat_sac")
    result(world, "X2", 2024, "85", 3, "tot")
    result(world, "X3", 2024, "88", 2, "tot")
    response = login(world.users["alice_owner"]).get("/ket-qua/bien-dong/?nam=2024")
    rows = response.context["page_obj"].object_list
    assert [(m.result.unit.code, m.change) for m in rows] == [("P1-X1", 2), ("P1-X2", -2),
                                                          ("P1-X3", 0)]
    down = login(world.users["alice_owner"]).get("/ket-qua/bien-dong/?nam=2024&huong=xuong")
    assert [m.result.unit.code for m in down.context["page_obj"].object_list] == ["P1-X2"]
