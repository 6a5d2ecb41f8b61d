"""An officer whose commune was merged (1 July 2025) is shown the way forward: a notice on every
page, the successor offered from the lineage, the role moved when they choose it (issue 15)."""

from datetime import date

import pytest
from auditlog.models import LogEntry

from thidua.accounts.models import RoleAssignment
from thidua.org.models import LineageKind, Unit
from thidua.org.services import lineage_record

pytestmark = pytest.mark.django_db

NOTICE = "Đơn vị bạn được phân quyền đã kết thúc hoạt động"


@pytest.fixture
def merged(world):
    """X1 and X2 merge into a new commune of P1 on 1 July 2025."""
    x1, x2 = world.units["X1"], world.units["X2"]
    new = Unit.objects.create(code="P1-XM1", name="Xã Lũng Cú Mới", kind="commune",
                              category=x1.category, parent=world.units["P1"])
    lineage_record(actor=world.users["ada_admin"], kind=LineageKind.MERGE,
                   effective_date=date(2025, 7, 1), predecessors=[x1, x2], successors=[new],
                   legal_basis="Nghị quyết số 202/2025/QH15")
    return new


def test_it_shows_the_notice_and_moves_the_role_to_the_successor(world, login, merged):
    olga = world.users["olga_officer"]
    client = login(olga)
    assert NOTICE in client.get("/").content.decode()
    page = client.get("/tai-khoan/don-vi-ke-thua/").content.decode()
    assert "Xã Lũng Cú Mới" in page and "Chuyển sang Xã Lũng Cú Mới" in page

    assignment = RoleAssignment.objects.get(user=olga)
    response = client.post("/tai-khoan/don-vi-ke-thua/",
                           {"assignment": assignment.pk, "unit": merged.pk}, follow=True)
    assert "sang Xã Lũng Cú Mới." in response.content.decode()
    assert list(RoleAssignment.objects.filter(user=olga).values_list("unit__code", flat=True)) \
        == ["P1-XM1"]
    assert LogEntry.objects.get_for_object(assignment).filter(
        action=LogEntry.Action.UPDATE).exists()
    assert NOTICE not in client.get("/").content.decode()
    # From the new commune the officer still reads the old one's history (lineage access).
    assert client.get(f"/to-chuc/don-vi/{world.units['X1'].pk}/").status_code == 200


def test_it_refuses_a_unit_that_is_not_a_successor(world, login, merged):
    olga = world.users["olga_officer"]
    client = login(olga)
    assignment = RoleAssignment.objects.get(user=olga)
    response = client.post("/tai-khoan/don-vi-ke-thua/",
                           {"assignment": assignment.pk, "unit": world.units["Y1"].pk},
                           follow=True)
    assert "không phải đơn vị kế thừa" in response.content.decode()
    assert RoleAssignment.objects.get(pk=assignment.pk).unit == world.units["X1"]


def test_it_refuses_another_users_assignment(world, login, merged):
    other = RoleAssignment.objects.get(user=world.users["olga_officer"])
    client = login(world.users["oscar_officer"])
    response = client.post("/tai-khoan/don-vi-ke-thua/",
                           {"assignment": other.pk, "unit": merged.pk})
    assert response.status_code == 404
    assert RoleAssignment.objects.get(pk=other.pk).unit == world.units["X1"]


def test_a_dissolved_unit_sends_the_officer_to_the_administrator(world, login):
    lineage_record(actor=world.users["ada_admin"], kind=LineageKind.DISSOLVE,
                   effective_date=date(2025, 7, 1), predecessors=[world.units["X3"]],
                   successors=[])
    page = login(world.users["oscar_officer"]).get("/tai-khoan/don-vi-ke-thua/").content.decode()
    assert "không có đơn vị kế thừa" in page
    assert "<button" not in page.split("<main")[1]


def test_an_officer_on_a_live_unit_sees_no_notice(world, login):
    client = login(world.users["olga_officer"])
    assert NOTICE not in client.get("/").content.decode()
    assert "đều trên đơn vị đang hoạt động" in client.get("/tai-khoan/don-vi-ke-thua/").content.decode()
