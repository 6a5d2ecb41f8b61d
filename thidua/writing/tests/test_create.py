"""The organiser creates a writing contest and its panel from the page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from thidua.judging.models import Criterion, Stage
from thidua.writing.models import WritingContest

pytestmark = pytest.mark.django_db


def _data(world, **changes):
    data = {
        "title": "Cuộc thi viết tìm kiếm sáng kiến CCHC năm 2026", "code": "viet-sang-kien",
        "organiser": world.units["X1"].pk, "scope": world.units["P1"].pk, "open_to_public": "on",
        "rules": "Mỗi tác giả gửi một bài viết.", "topics": "Cải cách thủ tục\n\nChuyển đổi số\n",
        "opens_at": "2026-12-01T08:00", "closes_at": "2026-12-31T17:00", "max_words": "4000",
        "criteria": "Tính mới | 0-40 | 2\nTính khả thi | 0-40\nVăn phong | 0–20 | 0,5",
        "min_scores": "2", "method": "trim", "stages": "Sơ khảo | 40%\nBán kết | 5\nChung khảo",
    }
    data.update(changes)
    return data


def test_it_creates_the_contest_with_its_panel(world, login):
    client = login(world.users["olga_officer"])
    page = client.get(reverse("writing:list")).content.decode()
    assert reverse("writing:create") in page
    response = client.post(reverse("writing:create"), _data(world), follow=True)
    contest = WritingContest.objects.get()
    assert response.redirect_chain[-1][0] == reverse("writing:detail", args=[contest.pk])
    assert "Đã tạo cuộc thi và ban giám khảo" in response.content.decode()
    assert (contest.organiser, contest.scope, contest.open_to_public, contest.max_words) == (
        world.units["X1"], world.units["P1"], True, 4000)
    assert [t.title for t in contest.topics.all()] == ["Cải cách thủ tục", "Chuyển đổi số"]
    assert contest.closes_at.isoformat() == "2026-12-31T10:00:00+00:00"  # 17:00 in Hà Nội
    panel = contest.panel
    assert (panel.min_scores, panel.method) == (2, "trim")
    assert [(c.name, c.low, c.high, c.weight) for c in Criterion.objects.filter(panel=panel)] == [
        ("Tính mới", 0, 40, 2), ("Tính khả thi", 0, 40, 1), ("Văn phong", 0, 20, Decimal("0.5"))]
    assert [(s.name, s.advance_share, s.advance_count) for s in Stage.objects.filter(panel=panel)] == [
        ("Sơ khảo", 40, None), ("Bán kết", None, 5), ("Chung khảo", None, None)]
    assert reverse("judging:panel", args=[panel.pk]) in response.content.decode()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("criteria", "Tính mới | 0-40 | 2\nTính khả thi | 40-10\nVăn phong | 0-20",
     "Dòng 2 (tiêu chí chấm): điểm cao nhất phải lớn hơn điểm thấp nhất"),
    ("criteria", "Tính mới | 0-40\n\nVăn phong | không-20",
     "Dòng 3 (tiêu chí chấm): điểm thấp nhất “không” không phải là số."),
    ("criteria", "Tính mới | 0-40 | 0", "Dòng 1 (tiêu chí chấm): hệ số phải lớn hơn 0"),
    ("criteria", "Tính mới | 0-40\nTính mới | 0-10",
     "Dòng 2 (tiêu chí chấm): tiêu chí “Tính mới” bị ghi hai lần."),
    ("stages", "Sơ khảo\nChung khảo", "Dòng 1 (vòng chấm): hãy ghi số bài hoặc tỷ lệ bài vào vòng sau"),
    ("stages", "Sơ khảo | 120%\nChung khảo", "Dòng 1 (vòng chấm): tỷ lệ bài vào vòng sau phải"),
    ("stages", "Sơ khảo | 10\nChung khảo | 3", "Dòng 2 (vòng chấm): vòng cuối không có bài vào vòng sau"),
    ("closes_at", "2026-11-30T08:00", "Hạn nộp bài phải sau thời điểm bắt đầu nhận bài."),
    ("topics", "  \n ", "Cuộc thi cần ít nhất một chủ đề."),
])
def test_it_refuses_a_bad_form_naming_the_line_and_saves_nothing(world, login, field, value, message):
    response = login(world.users["olga_officer"]).post(reverse("writing:create"),
                                                       _data(world, **{field: value}))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "Chưa tạo được cuộc thi" in page
    assert not WritingContest.objects.exists() and not Criterion.objects.exists()


def test_it_refuses_an_organiser_outside_the_officers_units(world, login):
    client = login(world.users["oscar_officer"])  # runs X3, not X1
    page = client.get(reverse("writing:create")).content.decode()
    assert world.units["X3"].name in page and world.units["X1"].name not in page
    response = client.post(reverse("writing:create"), _data(world))
    assert response.status_code == 400
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not WritingContest.objects.exists()


def test_it_refuses_a_scope_in_another_province(world, login):
    response = login(world.users["olga_officer"]).post(
        reverse("writing:create"), _data(world, scope=world.units["P2"].pk))
    assert response.status_code == 400 and not WritingContest.objects.exists()
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()


def test_staff_cannot_open_the_page(world, login):
    client = login(world.users["stan_staff"])
    assert client.get(reverse("writing:create")).status_code == 403
    assert client.post(reverse("writing:create"), _data(world)).status_code == 403
    assert reverse("writing:create") not in client.get(reverse("writing:list")).content.decode()
    assert not WritingContest.objects.exists()
