"""Journey (issue 11): the organiser seats a judge through a picker searched on the server; the
search suggests only the panel's candidates (people with a login, not seated), so what is
offered is what the form accepts."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.plain import assert_page_plain
from thidua.judging.models import Judge
from thidua.writing.testing import make_contest

pytestmark = pytest.mark.browser


def test_organiser_finds_only_candidates_when_seating_a_judge(page, world, browser_login,
                                                             settings):
    settings.PERSON_PICKER_THRESHOLD = 0  # the picker asks the server as one types
    contest = make_contest(world.units["X1"], scope=world.units["P1"])
    officer = world.users["olga_officer"]
    browser_login(page, officer)
    page.goto(reverse("judging:panel", args=[contest.panel_id]))
    picker = page.get_by_label("Cán bộ làm giám khảo:", exact=True)
    search = picker.locator("xpath=preceding-sibling::input[@type='search'][1]")
    status = picker.locator("xpath=preceding-sibling::*[@role='status'][1]")
    search.fill("nguyen thi lan")  # a person of X1 without a login: the form would refuse her
    expect(status).to_have_text("Không tìm thấy ai khớp với từ đã gõ.")
    search.fill("pham minh")
    expect(status).to_have_text("Tìm thấy 1 người, chọn trong danh sách.")
    anh = world.people["p_staff"]
    picker.select_option(str(anh.pk))
    assert_page_plain(page, allow={officer.username})
    page.get_by_role("button", name="Thêm giám khảo").click()
    expect(page.get_by_text("Đã thêm giám khảo")).to_be_visible()
    assert Judge.objects.get(panel=contest.panel).user == world.users["stan_staff"]
