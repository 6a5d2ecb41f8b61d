"""Journey: a staff member submits an initiative, the officer sends it to the council, a council
member scores it, the officer records the recognition decision, and the initiative's page shows
the author now meeting the Ban Dân tộc individual standard BDT-A-IND (003 §III.2.2), evaluated by
the rules engine on the catalogue text."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _logout(page):
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/**")


def test_submit_score_recognise_and_the_standard_passes(page, world, browser_login, tmp_path):
    browser_login(page, world.users["stan_staff"])
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Sáng kiến").click()
    page.get_by_role("link", name="Nộp sáng kiến").click()
    page.get_by_label("Tên sáng kiến, mô hình, giải pháp").fill("Tra cứu tiến độ hồ sơ bằng mã QR")
    page.get_by_label("Lĩnh vực CCHC").select_option(label="Cải cách thủ tục hành chính")
    page.get_by_label("Năm").fill("2025")
    page.get_by_label("Nội dung, mô tả giải pháp").fill("In mã QR trên phiếu hẹn trả kết quả.")
    page.get_by_label("Hiệu quả mang lại").fill("Giảm 40% cuộc gọi hỏi tiến độ hồ sơ.")
    page.get_by_label("Phạm vi áp dụng").fill("Bộ phận một cửa các xã trong tỉnh")
    attachment = tmp_path / "thuyet-minh.pdf"
    attachment.write_bytes(b"%PDF-1.4 thuyet minh")
    page.get_by_label("Tệp đính kèm (không bắt buộc)").set_input_files(str(attachment))
    expect(page.get_by_label("Tác giả 1", exact=True)).to_have_value(str(world.people["p_staff"].pk))
    page.get_by_role("button", name="Nộp sáng kiến").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tra cứu tiến độ hồ sơ bằng mã QR")
    expect(page.locator("#initiative-status")).to_have_text("Đã nộp, chờ xét")
    expect(page.get_by_role("link", name="thuyet-minh.pdf")).to_be_visible()
    standard = page.locator(".standard-check")
    expect(standard).to_contain_text("Giấy khen của Trưởng Ban (cá nhân), hằng năm")
    expect(standard).to_contain_text("Chưa đạt")
    detail_url = page.url
    _logout(page)

    browser_login(page, world.users["olga_officer"])
    page.goto(detail_url)
    page.get_by_role("button", name="Chuyển Hội đồng chấm điểm").click()
    expect(page.locator("#initiative-status")).to_have_text("Hội đồng đang chấm")
    _logout(page)

    browser_login(page, world.users["carl_council"])
    page.goto(detail_url)
    page.get_by_role("link", name="Chấm điểm", exact=True).click()
    page.get_by_label("Tính mới (0–30)").fill("25")
    page.get_by_label("Tính hiệu quả (0–40)").fill("35")
    page.get_by_label("Khả năng áp dụng, nhân rộng (0–30)").fill("25")
    page.get_by_label("Nhận xét").fill("Giải pháp đơn giản, dễ nhân rộng.")
    page.get_by_role("button", name="Ghi điểm").click()
    expect(page.locator("#score-total")).to_have_text("85,0")
    _logout(page)

    browser_login(page, world.users["olga_officer"])
    page.goto(detail_url)
    page.get_by_role("link", name="Ghi kết luận, quyết định công nhận").click()
    page.get_by_label("Cấp công nhận").select_option(label="Cấp tỉnh")
    page.get_by_label("Số quyết định").fill("125/QĐ-SNV")
    page.get_by_label("Ngày quyết định").fill("2025-11-20")
    page.get_by_label("Cơ quan công nhận").fill("Sở Nội vụ")
    page.get_by_label("Đã được áp dụng trong thực tế").check()
    page.get_by_role("button", name="Công nhận sáng kiến").click()

    expect(page.locator("#initiative-status")).to_have_text("Đã công nhận")
    expect(page.get_by_text("Số 125/QĐ-SNV, ngày 20 tháng 11 năm 2025")).to_be_visible()
    standard = page.locator(".standard-check")
    expect(standard).to_contain_text("Phạm Minh Ánh")
    expect(standard.locator(".badge")).to_have_text("Đạt")
    expect(standard).to_contain_text("Kết luận: đủ tiêu chuẩn")
    expect(standard).to_contain_text("1 sáng kiến được công nhận từ cấp tỉnh (2025: 1) ≥ 1")
    history = page.get_by_role("table").filter(has_text="Sang")
    expect(history).to_contain_text("Quyết định số 125/QĐ-SNV")
