"""The province's Home Affairs office (campaign owner): from the to-do list, remind the units late
on their plan (asked first: "Gửi nhắc nhở tới 3 đơn vị?"), receive the dossier a commune sent,
open the import of last year's PAR INDEX results; every page in plain Vietnamese."""

import pytest
from playwright.sync_api import expect

from tests.browser.workday import build_day, read, todo
from thidua.awards.models import State
from thidua.notices.models import Notice

pytestmark = pytest.mark.browser


def test_the_owner_works_through_the_to_do_list(page, world, browser_login):
    day = build_day(world)
    owner = world.users["alice_owner"]
    browser_login(page, owner)
    page.goto("/")
    read(page, allow=(owner.username,))
    items = todo(page)
    expect(items.get_by_role("heading", name="Đôn đốc đơn vị cấp dưới")).to_be_visible()
    expect(items.get_by_role("heading", name="Tiếp nhận hồ sơ")).to_be_visible()
    expect(items.get_by_role("heading", name="Nhập kết quả đánh giá")).to_be_visible()

    # 1. Units late on their plan: the reminder asks before it goes.
    items.locator("li", has_text=day.campaign.title).get_by_role(
        "link", name="Theo dõi, nhắc nhở").click()
    read(page, allow=(owner.username,))
    page.get_by_role("button", name="Gửi nhắc nhở (đơn vị được chọn, hoặc mọi đơn vị còn thiếu)"
                     ).click()
    expect(page.get_by_text("Gửi nhắc nhở tới 3 đơn vị?")).to_be_visible()
    assert not Notice.objects.filter(event="cascade_reminder").exists()  # asked first
    read(page, allow=(owner.username,))
    page.get_by_role("button", name="Gửi nhắc nhở tới 3 đơn vị").click()
    expect(page.get_by_text("Đã gửi nhắc nhở tới 3 đơn vị")).to_be_visible()
    assert Notice.objects.filter(event="cascade_reminder").count() == 2  # X1, X3 have officers

    # 2. The dossier Xã Pải Lủng sent: received.
    page.goto("/")
    todo(page).locator("li", has_text="Xã Pải Lủng").get_by_role("link", name="Tiếp nhận").click()
    read(page, allow=(owner.username,))
    page.get_by_role("button", name="Tiếp nhận", exact=True).click()
    expect(page.locator("#dossier-state")).to_contain_text("Đã tiếp nhận")
    day.submitted.refresh_from_db()
    assert day.submitted.state == State.RECEIVED
    page.goto("/")
    expect(todo(page).get_by_role("heading", name="Tiếp nhận hồ sơ")).to_have_count(0)
    expect(todo(page).get_by_role("heading", name="Thẩm định hồ sơ")).to_be_visible()

    # 3. Last year's results to import: the import page.
    todo(page).get_by_role("link", name="Nhập từ tệp Excel").click()
    expect(page.get_by_role("heading").first).to_be_visible()
    read(page, allow=(owner.username,))
