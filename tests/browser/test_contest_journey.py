"""Journey: an officer imports a question bank (a bad file is refused by row), opens a round; a staff
member takes an attempt with a reload in the middle that loses nothing, submits, and sees the
ranking and the unit's participation against the 100 % target."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thidua.contests.services import BANK_COLUMNS
from thidua.core.spreadsheet import write_xlsx

pytestmark = pytest.mark.browser

QUESTIONS = [
    ["CCHC-01", "Chỉ số SIPAS đo lường điều gì?", "Một đáp án", "Năng lực cạnh tranh cấp tỉnh",
     "Sự hài lòng của người dân, tổ chức", "Hiệu quả quản trị cấp tỉnh", "", "", "", "B", "Chỉ số"],
    ["CCHC-02", "Cơ quan thường trực về CCHC cấp tỉnh là cơ quan nào?", "Một đáp án", "Sở Tài chính",
     "Sở Nội vụ", "Sở Tư pháp", "", "", "", "B", "Tổ chức"],
    ["CCHC-03", "Những nội dung nào thuộc Chương trình tổng thể CCHC 2021–2030?", "Nhiều đáp án",
     "Cải cách thể chế", "Phát triển du lịch", "Cải cách tài chính công", "", "", "", "A, C", "Nội dung"],
    ["CCHC-04", "Nghị định 61/2018/NĐ-CP quy định về nội dung gì?", "Một đáp án", "Công tác văn thư",
     "Cơ chế một cửa, một cửa liên thông", "Kiểm soát thủ tục hành chính", "", "", "", "B", "Một cửa"],
]


def _bank(tmp_path, rows, name):
    path = tmp_path / name
    path.write_bytes(write_xlsx(BANK_COLUMNS, rows))
    return str(path)


def _logout(page):
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/**")


def test_import_open_take_with_reload_rank_and_participation(page, world, browser_login, tmp_path):
    browser_login(page, world.users["olga_officer"])
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("link", name="Cuộc thi", exact=True).click()
    page.get_by_role("link", name="Tạo cuộc thi").click()
    page.get_by_label("Mã cuộc thi").fill("tim-hieu-cchc-x1")
    page.get_by_label("Tên cuộc thi").fill("Tìm hiểu CCHC xã Lũng Cú")
    page.get_by_label("Đơn vị tổ chức").select_option(label="Xã Lũng Cú")
    page.get_by_label("Số câu hỏi mỗi lượt").fill("3")
    page.get_by_role("button", name="Tạo cuộc thi").click()
    expect(page.get_by_role("heading", name="Ngân hàng câu hỏi")).to_be_visible()

    bad = [*QUESTIONS, ["CCHC-05", "Câu sai", "Một đáp án", "X", "Y", "", "", "", "", "D", ""]]
    page.get_by_label("Tệp Excel").set_input_files(_bank(tmp_path, bad, "sai.xlsx"))
    page.get_by_role("button", name="Nhập câu hỏi").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Tệp bị từ chối")
    expect(alert).to_contain_text("Dòng 6, cột J (Đáp án đúng)")
    page.get_by_label("Tệp Excel").set_input_files(_bank(tmp_path, QUESTIONS, "dung.xlsx"))
    page.get_by_role("button", name="Nhập câu hỏi").click()
    expect(page.get_by_text("Đã nhập 4 câu hỏi")).to_be_visible()

    page.get_by_role("link", name="Tìm hiểu CCHC xã Lũng Cú").click()
    page.get_by_role("link", name="Mở vòng thi mới").click()
    now = timezone.localtime()
    page.get_by_label("Mở lúc").fill((now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Đóng lúc").fill((now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Mở vòng thi").click()
    expect(page.get_by_text("Đã mở Vòng 1")).to_be_visible()
    contest_url = page.url
    _logout(page)

    browser_login(page, world.users["stan_staff"])
    page.goto(contest_url)
    page.get_by_role("link", name="Vòng 1").click()
    page.get_by_role("button", name="Làm bài thi").click()
    questions = page.locator("fieldset.question")
    expect(questions).to_have_count(3)
    expect(page.locator("#timer")).to_contain_text("phút")
    assert "correct" not in page.content()  # the key never reaches the browser

    # Answer two questions, wait for the autosave, answer a third and reload at once.
    questions.nth(0).locator("input").first.check()
    questions.nth(1).locator("input").nth(1).check()
    expect(page.locator("#save-state")).to_contain_text("Đã lưu")
    questions.nth(2).locator("input").first.check()
    page.reload()
    questions = page.locator("fieldset.question")
    expect(questions.nth(0).locator("input").first).to_be_checked()
    expect(questions.nth(1).locator("input").nth(1)).to_be_checked()
    expect(questions.nth(2).locator("input").first).to_be_checked()

    page.get_by_label("Theo bạn, vòng thi này có bao nhiêu bài").fill("1")
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.get_by_role("heading", name="Kết quả lượt thi")).to_be_visible()
    expect(page.locator("#result-score")).to_contain_text(re.compile(r"\d/3"))

    page.get_by_role("link", name="Xem bảng xếp hạng").click()
    ranking = page.get_by_role("table", name="Bảng xếp hạng")
    expect(ranking.get_by_role("row").filter(has_text="Phạm Minh Ánh")).to_contain_text("Xã Lũng Cú")

    page.get_by_role("link", name="Tỷ lệ tham gia").click()
    expect(page.locator("#participation-total")).to_contain_text("1/2 cán bộ (50,0%)")
    expect(page.locator('tr[data-unit="P1-X1"]')).to_contain_text("Chưa đạt")
