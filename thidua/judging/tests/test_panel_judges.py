"""The organiser seats judges on a panel (person picker) and takes off one who scored nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.judging import services as judging
from thidua.judging.models import Declaration, Judge
from thidua.writing.testing import judge_user, make_contest, make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest(world):
    return make_contest(world.units["X1"], scope=world.units["P1"])


def _add(client, panel, person):
    return client.post(reverse("judging:judge_add", args=[panel.pk]), {"person": person.pk}, follow=True)


def test_it_adds_a_judge_from_the_organisers_units_and_recuses_them_from_their_units_entries(
        world, login, contest):
    entry = make_entry(contest, world.people["p_x1"])
    client = login(world.users["olga_officer"])
    page = client.get(reverse("judging:panel", args=[contest.panel_id])).content.decode()
    assert "Phạm Minh Ánh — Chuyên viên" in page  # stan_staff's person, X1, has a login
    page = _add(client, contest.panel, world.people["p_staff"]).content.decode()
    assert "Đã thêm giám khảo" in page
    judge = Judge.objects.get(panel=contest.panel)
    assert (judge.user, judge.unit, judge.active) == (world.users["stan_staff"], world.units["X1"], True)
    assert Declaration.objects.filter(judge=judge, entry=entry.judging_entry, automatic=True,
                                      conflict=True).exists()
    assert "Bỏ giám khảo" in page and "Tạo mới" in page  # the seat in the panel's history
    again = client.post(reverse("judging:judge_add", args=[contest.panel_id]),
                        {"person": world.people["p_staff"].pk})
    assert again.status_code == 400 and Judge.objects.count() == 1  # no longer offered


def test_it_refuses_a_person_outside_the_organisers_units_or_without_a_login(world, login, contest):
    judge_user("gk-y1", world.people["p_y1"])  # P2, outside olga's X1
    client = login(world.users["olga_officer"])
    response = client.post(reverse("judging:judge_add", args=[contest.panel_id]),
                           {"person": world.people["p_y1"].pk})
    assert response.status_code == 400
    assert "Hãy chọn một cán bộ trong danh sách" in response.content.decode()
    assert "Lê Thị Hà" not in response.content.decode()
    assert not Judge.objects.exists()
    with pytest.raises(ValidationError, match="chưa có tài khoản đăng nhập"):
        judging.judge_appoint(actor=world.users["olga_officer"], panel=contest.panel,
                              person=world.people["p_x1"])


def test_it_removes_a_judge_who_scored_nothing_and_refuses_one_who_scored(world, login, contest):
    idle = judge_user("gk-idle")
    busy = judge_user("gk-busy")
    for user in (idle, busy):
        judging.judge_add(panel=contest.panel, user=user)
    entry = make_entry(contest, world.people["p_x1"])
    stage = contest.panel.stages.get(number=1)
    judging.sheet_save(judge=Judge.objects.get(user=busy), stage=stage, entry=entry.judging_entry,
                       no_conflict=True, values={c.pk: c.high for c in contest.panel.criteria.all()})
    client = login(world.users["olga_officer"])
    url = reverse("judging:judge_remove", args=[contest.panel_id])
    page = client.post(url, {"judge": Judge.objects.get(user=busy).pk}, follow=True).content.decode()
    assert "Không thể bỏ giám khảo gk-busy: đã chấm 1 phiếu" in page
    assert Judge.objects.get(user=busy).active
    page = client.post(url, {"judge": Judge.objects.get(user=idle).pk}, follow=True).content.decode()
    assert "Đã bỏ giám khảo gk-idle khỏi hội đồng." in page and "đã thôi" in page
    assert not Judge.objects.get(user=idle).active
    assert "Đang tham gia" in page  # the change is in the panel's history
    # Taken off, the judge no longer opens the round.
    judge_client = login(idle)
    assert judge_client.get(reverse("judging:stage", args=[stage.pk])).status_code == 403


def test_another_units_organiser_cannot_seat_or_remove_judges(world, login, contest):
    seat = judging.judge_add(panel=contest.panel, user=judge_user("gk-1"))
    client = login(world.users["oscar_officer"])  # X3's officer; the contest is X1's
    assert client.get(reverse("judging:panel", args=[contest.panel_id])).status_code == 403
    assert client.post(reverse("judging:judge_add", args=[contest.panel_id]),
                       {"person": world.people["p_x3"].pk}).status_code == 403
    assert client.post(reverse("judging:judge_remove", args=[contest.panel_id]),
                       {"judge": seat.pk}).status_code == 403
    assert list(Judge.objects.values_list("user__username", "active")) == [("gk-1", True)]
    staff = login(world.users["stan_staff"])
    assert staff.post(reverse("judging:judge_remove", args=[contest.panel_id]),
                      {"judge": seat.pk}).status_code == 403


def test_a_judge_of_another_panel_cannot_be_removed_through_this_one(world, login, contest):
    other = make_contest(world.units["X1"], code="khac", title="Cuộc thi khác")
    seat = judging.judge_add(panel=other.panel, user=get_user_model().objects.create(username="gk-khac"))
    page = login(world.users["olga_officer"]).post(
        reverse("judging:judge_remove", args=[contest.panel_id]), {"judge": seat.pk}, follow=True)
    assert "Không tìm thấy giám khảo này trong hội đồng" in page.content.decode()
    assert Judge.objects.get(pk=seat.pk).active


def test_the_pickers_search_suggests_exactly_whom_the_form_accepts(world, login, contest, settings):
    """A long picker searches on the server; with the panel's source it suggests the people with
    a login not seated yet — the form's own list — and never someone the form then refuses."""
    import html
    import re

    settings.PERSON_PICKER_THRESHOLD = 0  # every picker searches on the server
    client = login(world.users["olga_officer"])
    page = client.get(reverse("judging:panel", args=[contest.panel_id])).content.decode()
    remote = html.unescape(re.search(r'data-remote="([^"]+)"', page).group(1))
    assert remote == f"{reverse('org:person_search')}?nguon=giam-khao&hoi_dong={contest.panel_id}"

    def suggested(url, query):
        response = client.get(url + ("&" if "?" in url else "?") + f"q={query}")
        assert response.status_code == 200
        return [row["id"] for row in response.json()["results"]]

    lan, anh = world.people["p_x1"], world.people["p_staff"]  # Lan has no login, Ánh has one
    assert suggested(reverse("org:person_search"), "nguyen thi lan") == [lan.pk]  # any person
    assert suggested(remote, "nguyen thi lan") == []  # not a candidate: the form would refuse
    assert suggested(remote, "pham minh") == [anh.pk]
    assert "Đã thêm giám khảo" in _add(client, contest.panel, anh).content.decode()
    assert suggested(remote, "pham minh") == []  # seated now; the form refuses her again
    assert _add(client, contest.panel, lan).status_code == 400


def test_the_pickers_source_is_checked_on_the_server(world, login, contest):
    url = reverse("org:person_search")
    olga = login(world.users["olga_officer"])
    unknown = olga.get(url, {"q": "pham", "nguon": "moi-nguoi"})
    assert unknown.status_code == 400
    assert unknown.json() == {"error": "Không có danh sách cán bộ này để tìm."}
    assert olga.get(url, {"q": "pham", "nguon": "giam-khao", "hoi_dong": "x"}).status_code == 404
    oscar = login(world.users["oscar_officer"])  # X3's officer: not the panel's organiser
    assert oscar.get(url, {"q": "pham", "nguon": "giam-khao",
                           "hoi_dong": contest.panel_id}).status_code == 403
