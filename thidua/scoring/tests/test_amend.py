"""A draft criteria set amended on its page ("copy last year's and amend"): a sub-criterion
edited, added, removed; refused once the set is open; totals kept within 100; audited."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from thidua.scoring.models import CriteriaSet, Criterion, Field, SubCriterion
from thidua.scoring.testing import make_criteria_set

pytestmark = pytest.mark.django_db

ROWS = [  # 60 points: room to add
    ("chi_dao", "1.1", "1.1.1", "4", "self", True),
    ("chi_dao", "1.1", "1.1.2", "6", "self", False),
    ("tthc", "2.1", "2.1.1", "30", "self", False),
    ("tac_dong", "3.1", "3.1.1-sipas", "20", "survey", False),
]


@pytest.fixture
def draft(world):
    criteria_set = make_criteria_set(world.units["P1"], world.categories["xa"], [], rows=ROWS)
    criteria_set.status = CriteriaSet.Status.DRAFT
    criteria_set.self_deadline = None
    criteria_set.save()
    return criteria_set


def _action(criteria_set, action):
    return reverse("scoring:set_action", args=[criteria_set.pk, action])


def _sub(criteria_set, code):
    return criteria_set.sub_criteria.get(code=code)


def _page(response) -> str:
    return html.unescape(response.content.decode())


def test_the_owner_amends_a_sub_criterion_on_the_page(world, login, draft):
    client = login(world.users["alice_owner"])
    page = _page(client.get(reverse("scoring:set", args=[draft.pk])))
    assert "Sửa 1.1.2" in page and "Thêm tiêu chí thành phần" in page
    sub = _sub(draft, "1.1.2")
    response = client.post(_action(draft, "sua-tieu-chi"), {
        "tieu_chi_tp": sub.pk, "noi_dung": "Kiểm tra công tác CCHC", "diem_toi_da": "7.5",
        "huong_dan": "Đủ 100% kế hoạch: 7,5 điểm", "kiem_chung": "on",
        "nguon": "appraisal"}, follow=True)
    sub.refresh_from_db()
    assert (sub.name, sub.max_points, sub.guidance, sub.evidence_required, sub.source) == (
        "Kiểm tra công tác CCHC", Decimal("7.5"), "Đủ 100% kế hoạch: 7,5 điểm", True, "appraisal")
    page = _page(response)
    assert "Đã sửa tiêu chí thành phần 1.1.2." in page
    # audited on the sub-criterion (old -> new) and told in the set's own history
    entry = LogEntry.objects.get_for_object(sub).filter(action=LogEntry.Action.UPDATE).get()
    assert [Decimal(v) for v in entry.changes["max_points"]] == [Decimal(6), Decimal("7.5")]
    assert "Sửa tiêu chí thành phần 1.1.2" in page.split("Lịch sử thay đổi")[1]


def test_it_adds_a_sub_criterion_at_the_end_of_its_criterion(world, login, draft):
    client = login(world.users["alice_owner"])
    criterion = Criterion.objects.get(field__criteria_set=draft, code="1.1")
    client.post(_action(draft, "them-tieu-chi"), {
        "tieu_chi": criterion.pk, "ma": "1.1.3", "noi_dung": "Tuyên truyền CCHC",
        "diem_toi_da": "5", "huong_dan": "", "nguon": "self"})
    added = _sub(draft, "1.1.3")
    assert added.criterion == criterion and added.max_points == 5 and not added.evidence_required
    order = list(draft.sub_criteria.order_by("order").values_list("code", flat=True))
    assert order == ["1.1.1", "1.1.2", "1.1.3", "2.1.1", "3.1.1-sipas"]
    assert LogEntry.objects.get_for_object(added).filter(action=LogEntry.Action.CREATE).exists()


def test_it_refuses_a_duplicate_code_and_a_total_over_100(world, login, draft):
    client = login(world.users["alice_owner"])
    criterion = Criterion.objects.get(field__criteria_set=draft, code="2.1")
    page = _page(client.post(_action(draft, "them-tieu-chi"), {
        "tieu_chi": criterion.pk, "ma": "1.1.1", "noi_dung": "Trùng mã", "diem_toi_da": "1",
        "nguon": "self"}, follow=True))
    assert "Mã tiêu chí thành phần “1.1.1” đã có trong bộ tiêu chí." in page
    page = _page(client.post(_action(draft, "sua-tieu-chi"), {
        "tieu_chi_tp": _sub(draft, "2.1.1").pk, "noi_dung": "Công khai TTHC",
        "diem_toi_da": "75", "nguon": "self"}, follow=True))
    assert ("Tổng điểm tối đa của bộ tiêu chí sẽ là 105.00, vượt thang điểm 100; hãy giảm điểm "
            "tiêu chí khác trước.") in page
    assert _sub(draft, "2.1.1").max_points == 30  # nothing half-saved
    assert draft.sub_criteria.count() == 4
    page = _page(client.post(_action(draft, "sua-tieu-chi"), {
        "tieu_chi_tp": _sub(draft, "2.1.1").pk, "noi_dung": "Công khai TTHC",
        "diem_toi_da": "0", "nguon": "self"}, follow=True))
    assert "Điểm tối đa: " in page and _sub(draft, "2.1.1").max_points == 30


def test_removing_the_last_sub_criterion_of_a_criterion_removes_the_empty_criterion(
        world, login, draft):
    client = login(world.users["alice_owner"])
    sub = _sub(draft, "3.1.1-sipas")
    page = _page(client.post(_action(draft, "bo-tieu-chi"), {"tieu_chi_tp": sub.pk},
                             follow=True))
    assert "Đã bỏ tiêu chí thành phần 3.1.1-sipas." in page
    assert not draft.sub_criteria.filter(code="3.1.1-sipas").exists()
    assert not Criterion.objects.filter(field__criteria_set=draft, code="3.1").exists()
    assert not Field.objects.filter(criteria_set=draft, code="tac_dong").exists()
    assert LogEntry.objects.filter(object_pk=str(sub.pk), action=LogEntry.Action.DELETE,
                                   content_type__model="subcriterion").exists()
    client.post(_action(draft, "bo-tieu-chi"), {"tieu_chi_tp": _sub(draft, "1.1.1").pk})
    assert draft.sub_criteria.count() == 2


def test_an_open_set_is_not_amended(world, login):
    criteria_set = make_criteria_set(world.units["P1"], world.categories["xa"],
                                     [world.units["X1"]])
    client = login(world.users["alice_owner"])
    page = _page(client.get(reverse("scoring:set", args=[criteria_set.pk])))
    assert "Thêm tiêu chí thành phần" not in page and "Sửa 1.1.1" not in page
    sub = _sub(criteria_set, "1.1.1")
    page = _page(client.post(_action(criteria_set, "sua-tieu-chi"), {
        "tieu_chi_tp": sub.pk, "noi_dung": "Khác", "diem_toi_da": "2", "nguon": "self"},
        follow=True))
    assert ("Bộ tiêu chí đã đưa vào chấm điểm, không sửa được nữa; hãy sao chép thành phiên bản "
            "mới.") in page
    page = _page(client.post(_action(criteria_set, "bo-tieu-chi"), {"tieu_chi_tp": sub.pk},
                             follow=True))
    assert "không sửa được nữa" in page
    sub.refresh_from_db()
    assert sub.name == "Nội dung 1.1.1" and sub.max_points == 4


def test_others_may_not_amend(world, login, draft):
    sub = _sub(draft, "1.1.1")
    for user in ("olga_officer", "pete_owner"):
        client = login(world.users[user])
        response = client.post(_action(draft, "sua-tieu-chi"), {
            "tieu_chi_tp": sub.pk, "noi_dung": "Khác", "diem_toi_da": "2", "nguon": "self"})
        assert response.status_code in (403, 404)
        response = client.post(_action(draft, "bo-tieu-chi"), {"tieu_chi_tp": sub.pk})
        assert response.status_code in (403, 404)
    assert SubCriterion.objects.filter(pk=sub.pk, name="Nội dung 1.1.1").exists()
