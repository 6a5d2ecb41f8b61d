"""Journeys of the writing contest and its judging: an entrant submits and edits before the
deadline and is refused after it; a judge scores blind; a recused judge cannot open the entry; the
organiser advances a round and publishes the results."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thidua.writing.models import Entry, WritingContest
from thidua.writing.testing import TEXT, close_submissions, judge_user, make_contest, make_entry, score_all

pytestmark = pytest.mark.browser


def _logout(page):
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/**")


def test_an_entrant_submits_and_edits_before_the_deadline_and_is_refused_after(page, world, browser_login):
    contest = make_contest(world.units["P1"])
    browser_login(page, world.users["stan_staff"])
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Cuộc thi viết").click()
    page.get_by_role("link", name=contest.title).click()
    page.get_by_role("link", name="Nộp bài dự thi").click()
    page.get_by_label("Chủ đề").select_option(label="Chuyển đổi số")
    page.get_by_label("Tên bài viết").fill("Hồ sơ điện tử cho người cao tuổi")
    page.get_by_label("Nội dung bài viết").fill(TEXT)
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator("#confirmation")).to_contain_text("Bài dự thi đã được nhận lúc")
    expect(page.locator("#entry-title")).to_have_text("Hồ sơ điện tử cho người cao tuổi")

    page.get_by_role("link", name="Sửa bài").click()
    page.get_by_label("Tên bài viết").fill("Hồ sơ điện tử cho mọi người")
    page.get_by_role("button", name="Lưu bài đã sửa").click()
    expect(page.locator("#entry-title")).to_have_text("Hồ sơ điện tử cho mọi người")
    expect(page.locator("#confirmation")).to_contain_text("sửa lần cuối lúc")

    # The edit form is open when the deadline passes on the server: the save is refused.
    page.get_by_role("link", name="Sửa bài").click()
    page.get_by_label("Tên bài viết").fill("Sửa sau hạn")
    WritingContest.objects.filter(pk=contest.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    page.get_by_role("button", name="Lưu bài đã sửa").click()
    expect(page.locator("#form-error")).to_contain_text("Đã hết hạn nộp bài lúc")
    assert Entry.objects.get().title == "Hồ sơ điện tử cho mọi người"


def test_a_judge_scores_blind_and_a_recused_judge_cannot_open_the_entry(page, world, browser_login):
    colleague = judge_user("gk-cung-xa", world.people["p_x1"])  # works in X1, like the author
    contest = make_contest(world.units["P1"], judges=[world.users["carl_council"], colleague])
    entry = make_entry(contest, world.people["p_staff"], title="Một cửa không giấy")
    author = world.people["p_staff"].full_name

    browser_login(page, world.users["carl_council"])
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Chấm thi").click()
    page.get_by_role("link", name="Sơ khảo").click()
    expect(page.locator("#my-progress")).to_have_text("đã chấm 0/1")
    page.get_by_role("link", name="Chấm bài").click()
    expect(page.get_by_role("heading", name=f"Bài {entry.judging_entry.code}")).to_be_visible()
    expect(page.locator("#entry-title")).to_have_text("Một cửa không giấy")
    expect(page.locator("body")).not_to_contain_text(author)
    expect(page.locator("body")).not_to_contain_text(world.units["X1"].name)
    page.get_by_label("Nội dung, tính mới của giải pháp").fill("35")
    page.get_by_label("Tính khả thi, hiệu quả khi áp dụng").fill("32,5")
    page.get_by_label("Bố cục, văn phong").fill("15")
    page.get_by_label("Tôi cam kết không có xung đột lợi ích").check()
    page.get_by_role("button", name="Lưu điểm").click()
    expect(page.locator("#my-progress")).to_have_text("đã chấm 1/1")
    expect(page.locator("#worklist")).to_contain_text("82,5")
    _logout(page)

    browser_login(page, colleague)
    page.goto(f"/cham-thi/vong/{contest.panel.stages.get(number=1).pk}/")
    expect(page.locator("#worklist")).to_contain_text("miễn chấm (xung đột lợi ích)")
    expect(page.locator("#worklist").get_by_role("link")).to_have_count(0)
    response = page.goto(f"/cham-thi/vong/{contest.panel.stages.get(number=1).pk}/bai/"
                         f"{entry.judging_entry_id}/")
    assert response is not None and response.status == 403
    expect(page.locator("body")).to_contain_text("Bạn đã được miễn chấm bài này")
    expect(page.locator("body")).not_to_contain_text("Một cửa không giấy")


def test_the_organiser_advances_a_round_and_publishes_the_results(page, world, browser_login):
    contest = make_contest(world.units["X1"], judges=[judge_user("gk-1"), judge_user("gk-2")],
                           min_scores=2, advance_count=1)
    entries = [make_entry(contest, world.people[k], title=t)
               for k, t in (("p_staff", "Bài viết thứ nhất"), ("p_x1", "Bài viết thứ hai"))]
    close_submissions(contest)
    score_all(contest, 1, {entries[0].pk: Decimal(88), entries[1].pk: Decimal(64)})

    browser_login(page, world.users["olga_officer"])
    page.goto(f"/cuoc-thi-viet/{contest.pk}/")
    page.get_by_role("link", name="Sơ khảo").click()
    expect(page.locator("#progress")).to_contain_text("đã chấm 2/2")
    page.get_by_role("button", name="Kết thúc vòng «Sơ khảo» và chuyển bài vào vòng sau").click()
    expect(page.locator(".messages")).to_contain_text("1 bài vào vòng «Chung khảo»")
    expect(page.locator("#progress")).to_contain_text("đã chấm 0/1")

    score_all(contest, 2, {entries[0].pk: Decimal(90)})
    page.reload()
    page.get_by_role("button", name="Kết thúc vòng «Chung khảo»").click()
    expect(page.locator(".messages")).to_contain_text("Đã kết thúc vòng «Chung khảo»")
    page.goto(f"/cuoc-thi-viet/{contest.pk}/")
    page.get_by_label("Số quyết định trao giải").fill("12/QĐ-UBND")
    page.get_by_label("Ngày quyết định").fill("2026-11-30")
    page.get_by_label("Chức vụ người ký").fill("Chủ tịch")
    page.get_by_label("Họ và tên người ký").fill("Lò Văn Sáng")
    page.get_by_role("button", name="Trao giải và công bố kết quả").click()
    expect(page.locator(".messages")).to_contain_text("Đã công bố kết quả: 1 giải.")
    expect(page.locator("#prizes")).to_contain_text("Giải Nhất")
    expect(page.locator("#prizes")).to_contain_text(world.people["p_staff"].full_name)
    page.goto("/vinh-danh/")
    expect(page.locator("body")).to_contain_text("Giải Nhất: «Bài viết thứ nhất»")


def test_the_organiser_creates_a_contest_and_seats_then_removes_a_judge(page, world, browser_login):
    from tests.plain import assert_page_plain
    from thidua.core.pickers import person_label

    officer = world.users["olga_officer"]
    now = timezone.localtime()
    browser_login(page, officer)
    page.goto("/cuoc-thi-viet/")
    page.get_by_role("link", name="Tạo cuộc thi viết").click()
    assert_page_plain(page, allow={officer.username})
    page.get_by_label("Tên cuộc thi").fill("Cuộc thi viết về chuyển đổi số")
    page.locator("#id_code").fill("viet-chuyen-doi-so")
    page.locator("#id_scope").select_option(label=world.units["P1"].name)
    page.get_by_label("Thể lệ").fill("Mỗi tác giả gửi một bài.")
    page.get_by_label("Chủ đề (mỗi dòng một chủ đề)").fill("Dịch vụ công trực tuyến\nChữ ký số")
    page.get_by_label("Nhận bài từ").fill((now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Hạn nộp bài").fill((now + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_criteria").fill("Tính mới | 0-50 | 2\nTính khả thi | 50-0")
    page.locator("#id_min_scores").fill("1")
    page.locator("#id_stages").fill("Sơ khảo | 50%\nChung khảo")
    page.get_by_role("button", name="Tạo cuộc thi").click()
    expect(page.locator("#form-error")).to_contain_text("Chưa tạo được cuộc thi")
    expect(page.locator("body")).to_contain_text("Dòng 2 (tiêu chí chấm): điểm cao nhất phải lớn hơn")
    assert not WritingContest.objects.exists()
    page.locator("#id_criteria").fill("Tính mới | 0-50 | 2\nTính khả thi | 0-50")
    page.get_by_role("button", name="Tạo cuộc thi").click()
    expect(page.locator(".messages")).to_contain_text("Đã tạo cuộc thi và ban giám khảo")
    contest = WritingContest.objects.get()
    assert (contest.scope, contest.panel.criteria.count(), contest.panel.stages.count()) == (
        world.units["P1"], 2, 2)

    page.get_by_role("link", name="Ban giám khảo: tiêu chí chấm, thêm hoặc bỏ giám khảo, cách tính điểm") \
        .click()
    staff = world.people["p_staff"]
    page.locator("#id_person").select_option(label=person_label(staff))
    page.get_by_role("button", name="Thêm giám khảo").click()
    expect(page.locator(".messages")).to_contain_text("Đã thêm giám khảo")
    judge = contest.panel.judges.get()
    assert judge.user == world.users["stan_staff"]
    assert_page_plain(page, allow={officer.username, str(judge)})
    page.get_by_role("button", name=f"Bỏ giám khảo {judge}").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã bỏ giám khảo {judge} khỏi hội đồng.")
    expect(page.locator("#giam-khao + table")).to_contain_text("đã thôi")
    judge.refresh_from_db()
    assert not judge.active
