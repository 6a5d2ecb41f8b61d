"""Journey (issue 11): a commune officer names an initiative's author among hundreds of people —
the author picker holds only the chosen person, typing a name without diacritics asks the server,
and the person picked is the author saved; the page reads as plain Vietnamese."""

import pytest
from playwright.sync_api import expect

from tests.plain import assert_page_plain
from thidua.core.pickers import PERSON_PICKER_THRESHOLD
from thidua.core.text import fold, person_sort_key
from thidua.initiatives.models import Initiative
from thidua.org.models import Person

pytestmark = pytest.mark.browser


def _crowd(unit, count):
    people = []
    for n in range(count):
        full = f"Hoàng Văn Minh {n:03d}"
        person = Person(code=f"CB-DONG-{n:04d}", full_name=full, gender="M",
                        position="Chuyên viên", unit=unit)
        person.search_name = fold(f"{full} {person.code}")
        person.sort_key = person_sort_key(full)
        people.append(person)
    Person.objects.bulk_create(people)


def test_officer_finds_an_author_among_hundreds_by_typing(page, world, browser_login):
    x1 = world.units["X1"]
    _crowd(x1, PERSON_PICKER_THRESHOLD + 50)
    author = Person.objects.create(code="CB-HANG", full_name="Đặng Thị Thúy Hằng", gender="F",
                                   position="Công chức Văn phòng - Thống kê", unit=x1)
    officer = world.users["olga_officer"]
    browser_login(page, officer)
    page.goto("/sang-kien/moi/")
    expect(page.get_by_label("Đơn vị", exact=True)).to_have_value(str(x1.pk))  # own unit
    first = page.get_by_label("Tác giả 1", exact=True)
    assert first.evaluate("s => s.options.length") <= 2  # not hundreds of options
    search = first.locator("xpath=preceding-sibling::input[@type='search'][1]")
    expect(search).to_have_attribute("placeholder", "Gõ họ tên để tìm (không cần dấu)")
    search.fill("dang thi thuy")
    status = first.locator("xpath=preceding-sibling::*[@role='status'][1]")
    expect(status).to_have_text("Tìm thấy 1 người, chọn trong danh sách.")
    first.select_option(label=f"Đặng Thị Thúy Hằng — Công chức Văn phòng - Thống kê, "
                              f"{x1.qualified_name}")
    expect(first).to_have_value(str(author.pk))
    page.get_by_label("Tỷ lệ tác giả 1").fill("100")
    assert_page_plain(page, allow={officer.username})

    page.get_by_label("Tên sáng kiến, mô hình, giải pháp").fill("Phiếu hẹn có mã QR")
    page.get_by_label("Lĩnh vực CCHC").select_option(label="Cải cách thủ tục hành chính")
    page.get_by_label("Năm").fill("2025")
    page.get_by_label("Nội dung, mô tả giải pháp").fill("In mã QR trên phiếu hẹn.")
    page.get_by_label("Hiệu quả mang lại").fill("Giảm cuộc gọi hỏi tiến độ.")
    page.get_by_label("Phạm vi áp dụng").fill("Bộ phận một cửa")
    page.get_by_role("button", name="Nộp sáng kiến").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phiếu hẹn có mã QR")
    initiative = Initiative.objects.get(title="Phiếu hẹn có mã QR")
    assert [a.person_id for a in initiative.authors.all()] == [author.pk]
