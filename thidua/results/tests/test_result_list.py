"""The results page of a year: scope, filters, sort, movement, Excel export."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from thidua.results.tests.factories import result


def _seed(world):
    result(world, "X1", 2023, "80", 2, "tot")
    result(world, "X2", 2023, "90", 1, "xuat_sac")
    result(world, "X1", 2024, "92", 1, "xuat_sac")
    result(world, "X2", 2024, "85", 3, "tot")
    result(world, "X3", 2024, "88", 2, "tot")
    result(world, "Y1", 2024, "99", 1, "xuat_sac", evaluator="P2")


def test_it_lists_the_latest_year_in_scope(world, login):
    _seed(world)
    response = login(world.users["alice_owner"]).get("/ket-qua/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Kết quả Chỉ số CCHC năm 2024" in text
    assert "Xã Lũng Cú" in text and "Xã Pải Lủng" in text
    assert "Xã Đắk Búk So" not in text


def test_an_officer_sees_only_their_commune(world, login):
    _seed(world)
    text = login(world.users["olga_officer"]).get("/ket-qua/?nam=2024").content.decode()
    assert "Xã Lũng Cú" in text and "Xã Má Lé" not in text


def test_it_filters_by_classification_and_shows_rank_movement(world, login):
    _seed(world)
    response = login(world.users["alice_owner"]).get("/ket-qua/?nam=2024&xep_loai=xuat_sac")
    rows = response.context["page_obj"].object_list
    assert [m.result.unit.code for m in rows] == ["P1-X1"]
    assert rows[0].previous_rank == 2 and rows[0].change == 1


def test_it_sorts_by_score(world, login):
    _seed(world)
    response = login(world.users["alice_owner"]).get("/ket-qua/?nam=2024&sap_xep=diem-tang")
    assert [m.result.unit.code for m in response.context["page_obj"].object_list] == [
        "P1-X2", "P1-X3", "P1-X1"]


def test_it_searches_without_diacritics(world, login):
    _seed(world)
    response = login(world.users["alice_owner"]).get("/ket-qua/?nam=2024&q=pai lung")
    assert [m.result.unit.code for m in response.context["page_obj"].object_list] == ["P1-X3"]


def test_it_exports_the_filtered_list(world, login):
    _seed(world)
    response = login(world.users["alice_owner"]).get("/ket-qua/?nam=2024&xuat=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert {r[0] for r in rows} == {"P1-X1", "P1-X2", "P1-X3"}
    x2 = next(r for r in rows if r[0] == "P1-X2")
    assert x2[4] == 3 and x2[6] == 1 and x2[7] == -2


def test_staff_without_a_role_sees_no_results(world, login):
    _seed(world)
    response = login(world.users["stan_staff"]).get("/ket-qua/")
    assert response.status_code == 200
    assert "Chưa có kết quả nào" in response.content.decode()
