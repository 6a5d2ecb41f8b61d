"""Unit tree and unit page: scope, lineage across the 2025 reform, audit trail."""

from datetime import date

import pytest

from thidua.org.models import Unit, UnitKind
from thidua.org.selectors import predecessors, unit_lineage_for_year
from thidua.org.services import lineage_record, person_transfer

pytestmark = pytest.mark.django_db


def merged_commune(world):
    new = Unit.objects.create(code="P1-XM1", name="Xã Lũng Cú", kind=UnitKind.COMMUNE,
                              category=world.categories["xa"], parent=world.units["P1"])
    lineage_record(actor=world.users["alice_owner"], kind="merge", effective_date=date(2025, 7, 1),
                   predecessors=[world.units["X1"], world.units["X2"]], successors=[new],
                   legal_basis="Nghị quyết số 202/2025/QH15")
    return new


def test_tree_shows_only_the_officers_subtree(world, login):
    body = login(world.users["olga_officer"]).get("/to-chuc/").content.decode()
    assert "Xã Lũng Cú" in body and "Tỉnh Hà Giang Thử" not in body


def test_tree_children_load_on_demand(world, login):
    body = login(world.users["alice_owner"]).get(
        f"/to-chuc/don-vi/{world.units['H1'].pk}/cap-duoi/").content.decode()
    assert "Xã Lũng Cú" in body and "Xã Má Lé" in body and "Xã Pải Lủng" not in body


def test_unit_search_ignores_diacritics(world, login):
    body = login(world.users["alice_owner"]).get("/to-chuc/?q=pai lung").content.decode()
    assert "Xã Pải Lủng" in body


def test_lineage_for_year(world):
    new = merged_commune(world)
    assert set(predecessors(new)) == {world.units["X1"].pk, world.units["X2"].pk}
    assert {u.code for u in unit_lineage_for_year(new, 2023)} == {"P1-X1", "P1-X2"}
    assert {u.code for u in unit_lineage_for_year(new, 2025)} == {"P1-X1", "P1-X2", "P1-XM1"}
    assert {u.code for u in unit_lineage_for_year(new, 2026)} == {"P1-XM1"}
    world.units["X1"].refresh_from_db()
    assert world.units["X1"].active_to == date(2025, 6, 30)


def test_officer_of_merged_commune_sees_predecessors(world, login):
    from thidua.accounts.models import Role, RoleAssignment

    new = merged_commune(world)
    RoleAssignment.objects.create(user=world.users["oscar_officer"], role=Role.OFFICER, unit=new)
    client = login(world.users["oscar_officer"])
    assert client.get(f"/to-chuc/don-vi/{world.units['X2'].pk}/").status_code == 200
    body = client.get(f"/to-chuc/don-vi/{new.pk}/").content.decode()
    assert "kế thừa" in body and "Nghị quyết số 202/2025/QH15" in body


def test_transfer_keeps_history_and_audit(world, login):
    person = world.people["p_x1"]
    person_transfer(actor=world.users["alice_owner"], person=person, unit=world.units["X3"],
                    start=date(2024, 3, 1), position="Phó Chủ tịch")
    memberships = list(person.memberships.order_by("start"))
    assert [m.unit.code for m in memberships] == ["P1-X1", "P1-X3"]
    assert memberships[0].end == date(2024, 2, 29)
    body = login(world.users["alice_owner"]).get(f"/to-chuc/can-bo/{person.pk}/").content.decode()
    assert "Lịch sử thay đổi" in body and "Phó Chủ tịch" in body


def test_unit_page_shows_audit(world, login):
    unit = world.units["X1"]
    unit.name = "Xã Lũng Cú (đổi tên)"
    unit.save()
    body = login(world.users["alice_owner"]).get(f"/to-chuc/don-vi/{unit.pk}/").content.decode()
    assert "Cập nhật" in body and "Xã Lũng Cú (đổi tên)" in body


def test_tree_children_need_constant_queries(world, login, django_assert_max_num_queries):
    from thidua.org.models import Unit, UnitKind

    for i in range(30):
        Unit.objects.create(code=f"P1-H1-X{i}", name=f"Xã Thử {i}", kind=UnitKind.COMMUNE,
                            category=world.categories["xa"], parent=world.units["H1"])
    client = login(world.users["alice_owner"])
    with django_assert_max_num_queries(10):
        client.get(f"/to-chuc/don-vi/{world.units['H1'].pk}/cap-duoi/")
