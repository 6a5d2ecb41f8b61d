"""Journey: the Home Affairs officer of the Kiên Giang demo opens the campaign's final review,
downloads its .docx, follows a chart to the list behind it; then, logged out, the public opens
the honour board."""

import io
import re

import pytest
from django.core.management import call_command
from docx import Document
from playwright.sync_api import expect

from thidua.accounts.testing import browser_sign_in

pytestmark = pytest.mark.browser


def test_final_review_chart_drill_down_and_public_board(page, transactional_db):
    call_command("demo", size="tiny", stdout=io.StringIO())

    browser_sign_in(page, "noivu", "demo12345")  # an owner: with the two-step login

    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Báo cáo").click()
    row = page.get_by_role("row").filter(has_text="KG-CCHC-2021-2025")
    row.get_by_role("link", name="Tổng kết").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Báo cáo tổng kết")
    expect(page.get_by_text("Tổng kết phong trào thi đua").first).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải báo cáo (.docx)").click()
    assert download.value.suggested_filename == "tong-ket-kg-cchc-2021-2025.docx"
    document = Document(download.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and "KẾT QUẢ TRIỂN KHAI THỰC HIỆN PHONG TRÀO" in text
    assert "Tổng kết phong trào thi đua" in text

    page.get_by_role("link", name="Xem biểu đồ").click()
    chart = page.get_by_role("region", name="Đăng ký thi đua theo thời gian")
    point = chart.get_by_role("link", name=re.compile("Tháng .+ đơn vị đăng ký")).first
    label = point.get_attribute("aria-label")
    count = int(re.search(r": (\d+) đơn vị", label).group(1))
    month = re.search(r"Tháng (\d\d/\d{4})", label).group(1)
    point.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Đăng ký thi đua: tháng {month}")
    expect(page.locator("table tbody tr")).to_have_count(count)

    page.get_by_role("button", name="Đăng xuất").click()

    page.goto("/vinh-danh/")
    expect(page.get_by_role("link", name="Đăng nhập")).to_be_visible()
    page.get_by_role("link", name=re.compile("Kiên Giang")).first.click()
    expect(page).to_have_url(re.compile(r"/vinh-danh/kg-cchc-2021-2025/$"))
    expect(page.get_by_role("heading", name="Gương điển hình")).to_be_visible()
    page.locator(".story-card").first.click()
    photo = page.get_by_role("article").get_by_role("img")
    expect(photo).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", photo.element_handle()) > 0
    expect(page.get_by_text("chưa công bố")).to_have_count(0)
