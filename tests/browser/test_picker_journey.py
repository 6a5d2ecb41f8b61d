"""Journey (issue 11): an owner narrows a long unit picker by typing without diacritics; the
units show their parent where names repeat; the page and the change history read as plain
Vietnamese."""

import pytest
from playwright.sync_api import expect

from tests.plain import assert_page_plain
from thidua.org.models import Unit, UnitKind

pytestmark = pytest.mark.browser


def test_owner_finds_a_unit_in_the_picker_by_typing(page, world, browser_login):
    for key in ("X1", "X2"):
        parent = world.units[key]
        Unit.objects.create(code=f"{parent.code}-VP", name="Văn phòng", kind=UnitKind.DIVISION,
                            category=parent.category, parent=parent)
    owner = world.users["alice_owner"]
    browser_login(page, owner)
    page.goto("/to-chuc/can-bo/")
    picker = page.locator("#id_don_vi")
    search = page.get_by_label("Gõ để tìm (không cần dấu)")
    expect(search).to_be_visible()
    search.fill("van phong lung cu")
    shown = picker.evaluate(
        "s => Array.from(s.options).filter(o => !o.hidden && o.value).map(o => o.text)")
    assert shown == [f"Văn phòng — {world.units['X1'].name}"]
    search.fill("")
    everything = picker.evaluate("s => Array.from(s.options).filter(o => !o.hidden).length")
    assert everything > 3
    assert_page_plain(page, allow={owner.username})
    page.goto(f"/to-chuc/don-vi/{world.units['X1'].pk}/")
    expect(page.get_by_role("heading", name="Lịch sử thay đổi")).to_be_visible()
    assert_page_plain(page, allow={owner.username})
