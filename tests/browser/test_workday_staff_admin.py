"""A staff member and the administrator: the staff member takes the open contest round from
the to-do list; the administrator, with no work of their own, chooses the daily digest of
notices; every page in plain Vietnamese."""

import pytest
from playwright.sync_api import expect

from tests.browser.workday import build_day, read, todo
from thidua.contests.models import Attempt
from thidua.notices.models import Preference

pytestmark = pytest.mark.browser


def test_the_staff_member_takes_the_open_round(page, world, browser_login):
    build_day(world)
    staff = world.users["stan_staff"]
    browser_login(page, staff)
    page.goto("/")
    read(page, allow=(staff.username,))
    expect(todo(page).get_by_role("heading", name="Tham gia cuộc thi trực tuyến")).to_be_visible()
    todo(page).get_by_role("link", name="Vào thi").click()
    read(page, allow=(staff.username,))
    page.get_by_role("button", name="Làm bài thi").click()
    expect(page.get_by_text("Câu hỏi số").first).to_be_visible()
    read(page, allow=(staff.username,))
    assert Attempt.objects.filter(participant__person=world.people["p_staff"]).count() == 1
    page.goto("/")
    expect(todo(page).get_by_role("heading", name="Tham gia cuộc thi trực tuyến")).to_have_count(0)


def test_the_administrator_chooses_the_daily_digest(page, world, browser_login):
    build_day(world)
    admin = world.users["ada_admin"]
    browser_login(page, admin)
    page.goto("/")
    read(page, allow=(admin.username,))
    expect(todo(page).get_by_text("Hiện không có việc nào đang chờ bạn.")).to_be_visible()
    page.get_by_role("link", name="Thông báo: 0 chưa đọc").click()
    read(page, allow=(admin.username,))
    page.get_by_label("Nhận thư tổng hợp mỗi ngày một lần").check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu cách nhận thư thông báo.")).to_be_visible()
    assert Preference.objects.get(user=admin).daily_digest
