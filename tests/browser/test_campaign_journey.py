"""Journey: an owner writes a plan from scratch in the browser (a bad deadline is refused next to
its field), launches it, sees the cascade, reminds the communes and downloads the plan as .docx
and PDF; a commune officer sees what is asked of the unit and registers with a person."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def add_row(page, section, label):
    page.locator(f"#section-{section}").get_by_role("button", name=label).click()


def test_owner_writes_launches_and_a_commune_registers(page, world, browser_login):
    today = timezone.localdate()
    start, end = today - timedelta(days=30), today + timedelta(days=300)
    browser_login(page, world.users["alice_owner"])
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Phong trào").click()
    page.get_by_role("link", name="Soạn kế hoạch mới").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Soạn kế hoạch phát động phong trào thi đua")

    page.get_by_label("Đơn vị ban hành", exact=True).select_option(label="Tỉnh Hà Giang Thử")
    page.get_by_label("Mã phong trào").fill("HG-THU-CCHC")
    page.get_by_label("Cơ quan ban hành (in hoa)").fill("ỦY BAN NHÂN DÂN TỈNH HÀ GIANG THỬ")
    page.get_by_label("Số, ký hiệu").fill("21/KH-UBND")
    page.get_by_label("Địa danh").fill("Hà Giang")
    page.get_by_label("Ngày ban hành").fill(start.isoformat())
    page.get_by_label("Trích yếu").fill("Phát động phong trào thi đua cải cách hành chính năm nay")
    page.get_by_label("Đối tượng thi đua: tập thể").fill("Ủy ban nhân dân các xã.")
    page.get_by_label("Xã, phường, thị trấn").check()
    page.get_by_label("Đối tượng thi đua: cá nhân").fill("Cán bộ, công chức cấp xã.")
    page.get_by_label("Thời gian thi đua từ ngày").fill(start.isoformat())
    page.get_by_label("đến ngày", exact=True).fill(end.isoformat())

    add_row(page, "contents", "Thêm dòng: nội dung thi đua")
    page.locator("#id_contents-0-text").fill("Thi đua cải cách thủ tục hành chính.")
    add_row(page, "contents", "Thêm dòng: nội dung thi đua")
    page.locator("#id_contents-1-text").fill("Thi đua xây dựng chính quyền số.")
    add_row(page, "criteria", "Thêm dòng: tiêu chí thi đua")
    page.locator("#id_criteria-0-letter").fill("a")
    page.locator("#id_criteria-0-text").fill("Ban hành kế hoạch thực hiện phong trào.")
    add_row(page, "award_forms", "Thêm dòng: hình thức khen thưởng")
    page.locator("#id_award_forms-0-code").fill("BK")
    page.locator("#id_award_forms-0-catalogue").select_option("merit_province_chairman")
    page.locator("#id_award_forms-0-name").fill("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")
    page.locator("#id_award_forms-0-subject").select_option("collective")
    page.locator("#id_award_forms-0-scope").select_option("annual")
    add_row(page, "quotas", "Thêm dòng: số lượng khen thưởng")
    page.locator("#id_quotas-0-award_form").fill("BK")
    page.locator("#id_quotas-0-category").select_option("xa")
    page.locator("#id_quotas-0-value").fill("2")
    add_row(page, "milestones", "Thêm dòng: mốc thời gian")
    page.locator("#id_milestones-0-code").fill("registration")
    page.locator("#id_milestones-0-label").fill("Đăng ký thi đua")
    page.locator("#id_milestones-0-date").fill((end + timedelta(days=40)).isoformat())
    page.get_by_role("button", name="Lưu kế hoạch").click()

    date_field = page.locator(".field", has=page.locator("#id_milestones-0-date"))
    expect(date_field.locator(".errorlist")).to_contain_text("nằm ngoài thời gian thi đua")
    assert world.units["P1"].campaigns.count() == 0
    page.locator("#id_milestones-0-date").fill((today + timedelta(days=20)).isoformat())
    page.get_by_role("button", name="Lưu kế hoạch").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Phát động phong trào thi đua")
    expect(page.locator("[data-clause='§II.2']")).to_contain_text("chính quyền số")
    expect(page.locator("#campaign-status")).to_have_text("Dự thảo")
    page.get_by_role("link", name="Phát động").click()
    page.get_by_role("button", name="Phát động").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đơn vị cấp dưới: kế hoạch và đăng ký")
    tracking = page.locator("#tracking")
    for name in ("Xã Lũng Cú", "Xã Má Lé", "Xã Pải Lủng"):
        expect(tracking.get_by_role("link", name=name)).to_be_visible()
    page.get_by_role("button", name=re.compile("Gửi nhắc nhở")).click()
    # The office confirms, seeing how many units and which, before anything is sent.
    expect(page.get_by_text("Gửi nhắc nhở tới 3 đơn vị?")).to_be_visible()
    page.get_by_role("button", name="Gửi nhắc nhở tới 3 đơn vị").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi nhắc nhở tới 3 đơn vị")

    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    with page.expect_download() as docx:
        page.get_by_role("link", name="Tải văn bản (.docx)").click()
    assert docx.value.suggested_filename == "HG-THU-CCHC.docx"
    with open(docx.value.path(), "rb") as f:
        assert f.read(2) == b"PK"
    with page.expect_download(timeout=120_000) as pdf:
        page.get_by_role("link", name="Tải văn bản (.pdf)").click()
    with open(pdf.value.path(), "rb") as f:
        assert f.read(4) == b"%PDF"

    page.get_by_role("button", name="Đăng xuất").click()
    browser_login(page, world.users["olga_officer"])
    page.goto("/phong-trao/")
    page.get_by_role("link", name="Xã Lũng Cú").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Việc thi đua của Xã Lũng Cú")
    # The launch and the reminder are in the one inbox; the reminder opens the unit's part.
    page.get_by_role("link", name="Thông báo: 2 chưa đọc").click()
    page.get_by_role("link", name=re.compile("Nhắc việc: Xã Lũng Cú chưa ban hành kế hoạch")).click()
    page.get_by_role("link", name="Đăng ký thi đua").click()
    page.get_by_label("Tập thể đăng ký thi đua").fill("Hoàn thành xuất sắc nhiệm vụ CCHC năm.")
    page.get_by_role("button", name="Thêm cá nhân").click()
    page.locator("#id_people-0-person").select_option(label="Nguyễn Thị Lan")
    page.locator("#id_people-0-target").fill("Có sáng kiến được công nhận.")
    page.get_by_role("button", name="Gửi đăng ký").click()
    expect(page.get_by_text("Đã đăng ký", exact=True)).to_be_visible()
    expect(page.get_by_text("Nguyễn Thị Lan — Có sáng kiến được công nhận.")).to_be_visible()
    with page.expect_download() as form:
        page.get_by_role("link", name="Mẫu đăng ký (.docx)").click()
    assert form.value.suggested_filename.startswith("dang-ky-P1-X1-")

    page.get_by_role("button", name="Đăng xuất").click()
    browser_login(page, world.users["alice_owner"])
    campaign = world.units["P1"].campaigns.get()
    page.goto(f"/phong-trao/{campaign.pk}/dang-ky/")
    expect(page.get_by_text(re.compile("1/3 đơn vị đã đăng ký, 1 cá nhân"))).to_be_visible()
