"""A commune officer's day: from the to-do list, report the plan the commune issued (it was
late), register for the campaign due in three days, then open the dossier that was returned
and read why; every page in plain Vietnamese."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.workday import build_day, read, todo

pytestmark = pytest.mark.browser


def test_the_officer_works_through_the_to_do_list(page, world, browser_login):
    day = build_day(world)
    officer = world.users["olga_officer"]
    browser_login(page, officer)
    page.goto("/")
    read(page, allow=(officer.username,))
    items = todo(page)
    expect(items.get_by_role("heading", name="Ban hành kế hoạch thực hiện")).to_be_visible()
    expect(items.get_by_text("quá hạn 2 ngày").first).to_be_visible()
    expect(items.get_by_text("còn 3 ngày")).to_be_visible()
    expect(page.locator(".topbar .count").first).to_have_text("4")

    # 1. The plan the commune issued (late): reported with its number and date.
    items.locator("li", has_text=day.campaign.title).get_by_role(
        "link", name="Báo cáo kế hoạch đã ban hành").click()
    read(page, allow=(officer.username,))
    expect(page.get_by_text("Chậm")).to_be_visible()  # the deadline passed, said before the form
    page.get_by_text("Báo cáo kế hoạch đã ban hành").click()
    page.get_by_label("Số, ký hiệu").fill("15/KH-UBND")
    page.get_by_label("Ngày ban hành").fill(timezone.localdate().isoformat())
    page.get_by_label("Tệp kế hoạch (PDF, Word)").set_input_files(files=[{
        "name": "ke-hoach.pdf", "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"}])
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã ghi nhận kế hoạch của đơn vị.")).to_be_visible()

    # 2. Registration due in three days.
    page.goto("/")
    expect(todo(page).locator("li", has_text=day.campaign.title).get_by_role(
        "link", name="Báo cáo kế hoạch đã ban hành")).to_have_count(0)
    todo(page).locator("li", has_text=day.campaign.title).get_by_role(
        "link", name="Đăng ký").click()
    read(page, allow=(officer.username,))
    page.get_by_label("Tập thể đăng ký thi đua").fill(
        "Hoàn thành xuất sắc nhiệm vụ cải cách hành chính năm nay.")
    page.get_by_role("button", name="Gửi đăng ký").click()
    expect(page.get_by_text("Đã ghi nhận đăng ký thi đua của đơn vị.")).to_be_visible()

    # 3. The dossier returned for revision: the reason is on the list and on the dossier.
    page.goto("/")
    returned = todo(page).locator("li", has_text="Lý do trả lại")
    expect(returned).to_contain_text("Thiếu báo cáo thành tích của tập thể.")
    returned.get_by_role("link", name="Bổ sung, gửi lại").click()
    expect(page.get_by_role("heading", name="Hồ sơ đề nghị khen thưởng: Xã Lũng Cú")).to_be_visible()
    read(page, allow=(officer.username,))
    page.goto("/")
    expect(page.locator(".topbar .count").first).to_have_text("2")
