"""Journey: log in, browse the unit tree, search without diacritics, open a person, be refused
another unit's page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_officer_browses_own_unit_and_is_refused_elsewhere(page, world, browser_login):
    browser_login(page, world.users["olga_officer"])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")

    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Tổ chức").click()
    expect(page.get_by_role("heading", name="Cơ cấu tổ chức")).to_be_visible()
    tree = page.get_by_label("Cây đơn vị")
    expect(tree.get_by_role("link", name="Xã Lũng Cú")).to_be_visible()
    expect(tree.get_by_role("link", name="Xã Pải Lủng")).to_have_count(0)

    page.get_by_role("link", name="Cán bộ").first.click()
    page.get_by_label("Tìm theo tên hoặc mã (không cần dấu)").fill("nguyen thi lan")
    row_link = page.locator("#people-rows").get_by_role("link", name="Nguyễn Thị Lan")
    expect(row_link).to_be_visible()
    expect(page.locator("#people-rows")).not_to_contain_text("Phạm Minh Ánh")
    row_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Thị Lan")
    expect(page.get_by_text("Quá trình công tác")).to_be_visible()

    response = page.goto(f"/to-chuc/don-vi/{world.units['X3'].pk}/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Không có quyền truy cập")
    response = page.goto(f"/to-chuc/can-bo/{world.people['p_x3'].pk}/")
    assert response is not None and response.status == 403


def test_owner_sees_lineage_on_a_merged_commune(page, world, browser_login):
    from datetime import date

    from thidua.org.models import Unit, UnitKind
    from thidua.org.services import lineage_record

    admin = world.users["ada_admin"]
    merged = Unit.objects.create(code="P1-XM1", name="Xã Lũng Cú Mới", kind=UnitKind.COMMUNE,
                                 category=world.categories["xa"], parent=world.units["P1"])
    lineage_record(actor=admin, kind="merge", effective_date=date(2025, 7, 1),
                   predecessors=[world.units["X1"], world.units["X2"]], successors=[merged],
                   legal_basis="Nghị quyết 202/2025/QH15")
    browser_login(page, world.users["alice_owner"])
    page.goto("/to-chuc/?q=lung cu moi")
    page.get_by_role("main").get_by_role("listitem").filter(has_text="P1-XM1").get_by_role("link").click()
    expect(page.get_by_text(re.compile("kế thừa Xã Lũng Cú"))).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("Xã Lũng Cú; Xã Má Lé")).first).to_be_visible()
