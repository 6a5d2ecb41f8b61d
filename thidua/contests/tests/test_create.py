"""Creating a contest and a round."""

import pytest
from django.urls import reverse

from thidua.contests.models import Contest, Round

pytestmark = pytest.mark.django_db


def test_an_officer_creates_a_contest_and_a_round(world, login):
    client = login(world.users["olga_officer"])
    client.post(reverse("contests:create"), {
        "code": "tim-hieu-cchc", "title": "Tìm hiểu CCHC", "organiser": world.units["X1"].pk,
        "questions_per_attempt": 15, "time_limit_minutes": 30, "attempts_per_round": 1,
        "has_prediction": "on"})
    contest = Contest.objects.get()
    client.post(reverse("contests:round_create", args=[contest.pk]), {
        "opens_at": "2025-03-03T08:00", "closes_at": "2025-03-09T17:00", "prize_first": 1,
        "prize_second": 2, "prize_third": 3, "prize_consolation": 5})
    assert Round.objects.get().number == 1


def test_it_refuses_an_organiser_out_of_scope(world, login):
    login(world.users["olga_officer"]).post(reverse("contests:create"), {
        "code": "x", "title": "X", "organiser": world.units["X3"].pk, "questions_per_attempt": 15,
        "time_limit_minutes": 30, "attempts_per_round": 1})
    assert not Contest.objects.exists()


def test_round_must_close_after_it_opens(world, login):
    contest = Contest.objects.create(code="thi", title="Thi", organiser=world.units["X1"])
    login(world.users["olga_officer"]).post(reverse("contests:round_create", args=[contest.pk]), {
        "opens_at": "2025-03-09T08:00", "closes_at": "2025-03-03T17:00", "prize_first": 1,
        "prize_second": 2, "prize_third": 3, "prize_consolation": 5})
    assert not Round.objects.exists()


def test_rounds_of_a_contest_do_not_overlap_unless_the_organiser_allows_it(world, login):
    """Issue 11: a round overlapping another of the same contest is refused, with the reason
    on the page and nothing saved; ticking the organiser's box allows it."""
    contest = Contest.objects.create(code="thi", title="Thi", organiser=world.units["X1"])
    client = login(world.users["olga_officer"])
    url = reverse("contests:round_create", args=[contest.pk])
    week = {"prize_first": 1, "prize_second": 2, "prize_third": 3, "prize_consolation": 5}
    client.post(url, {"opens_at": "2025-03-03T08:00", "closes_at": "2025-03-09T17:00", **week})
    response = client.post(url, {"opens_at": "2025-03-09T08:00", "closes_at": "2025-03-16T17:00",
                                 **week})
    assert "Thời gian vòng thi trùng với Vòng 1" in response.content.decode()
    assert Round.objects.count() == 1
    # Back to back is not an overlap.
    client.post(url, {"opens_at": "2025-03-09T17:00", "closes_at": "2025-03-16T17:00", **week})
    assert Round.objects.count() == 2
    client.post(url, {"opens_at": "2025-03-05T08:00", "closes_at": "2025-03-06T17:00",
                      "overlap_allowed": "on", **week})
    assert Round.objects.filter(overlap_allowed=True).count() == 1
    assert Round.objects.count() == 3


def test_a_new_round_asks_the_organisers_staff_to_take_it(world, login):
    """The staff of the organiser's units (accounts linked to a person there) are told, with the
    round's page; a round entered after it closed tells nobody."""
    from datetime import timedelta

    from django.utils import timezone

    from thidua.notices.models import Notice

    contest = Contest.objects.create(code="thi", title="Tìm hiểu CCHC", organiser=world.units["X1"])
    client = login(world.users["olga_officer"])
    url = reverse("contests:round_create", args=[contest.pk])
    prizes = {"prize_first": 1, "prize_second": 2, "prize_third": 3, "prize_consolation": 5}
    soon = timezone.localtime() + timedelta(days=2)
    client.post(url, {"opens_at": f"{soon:%Y-%m-%d}T08:00",
                      "closes_at": f"{soon + timedelta(days=6):%Y-%m-%d}T17:00", **prizes})
    created = Round.objects.get()
    notice = Notice.objects.get(event="contest_round_created")
    assert notice.user == world.users["stan_staff"]
    assert notice.message == (
        f"Cuộc thi “Tìm hiểu CCHC” – Vòng 1: mở từ 08:00 ngày {soon:%d/%m/%Y} đến 17:00 ngày "
        f"{soon + timedelta(days=6):%d/%m/%Y}. Đề nghị tham gia.")
    assert notice.url == reverse("contests:round", args=[created.pk])
    assert login(world.users["stan_staff"]).get(notice.url).status_code == 200
    client = login(world.users["olga_officer"])
    client.post(url, {"opens_at": "2025-03-03T08:00", "closes_at": "2025-03-09T17:00", **prizes})
    assert Round.objects.count() == 2
    assert Notice.objects.filter(event="contest_round_created").count() == 1


def test_the_staff_are_called_on_the_day_the_round_opens_once(world, login, capsys):
    """Set ahead, the round is announced (with its times); on its opening day the morning job
    (`thidua send-notices`, run twice) calls each staff member of the organiser's units once,
    with the link to take it — nobody outside them."""
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from thidua.accounts.models import User
    from thidua.notices.models import Notice

    lan = User.objects.create_user(username="lan_staff", person=world.people["p_x1"])
    User.objects.create_user(username="ha_staff", person=world.people["p_y1"])  # other province
    contest = Contest.objects.create(code="thi", title="Tìm hiểu CCHC", organiser=world.units["X1"])
    opening = timezone.localdate() + timedelta(days=2)
    client = login(world.users["olga_officer"])
    client.post(reverse("contests:round_create", args=[contest.pk]), {
        "opens_at": f"{opening:%Y-%m-%d}T08:00", "closes_at": f"{opening:%Y-%m-%d}T17:00",
        "prize_first": 1, "prize_second": 2, "prize_third": 3, "prize_consolation": 5})
    created = Round.objects.get()
    assert Notice.objects.filter(event="contest_round_created").count() == 2  # stan, lan
    # `thidua send-notices` runs this command (thidua.cli; run_from_argv would close the test's
    # database connection, so it is called as the CLI calls it, in this process).
    call_command("send_notices", "--ngay", f"{opening - timedelta(days=1):%Y-%m-%d}")
    assert not Notice.objects.filter(event="contest_round_opened").exists()  # not the day yet
    capsys.readouterr()
    for _run in range(2):
        call_command("send_notices", "--ngay", f"{opening:%Y-%m-%d}")
    first, second = capsys.readouterr().out.strip().splitlines()
    assert "thông báo mở 1 vòng thi" in first
    assert "thông báo mở 0 vòng thi" in second
    opened = Notice.objects.filter(event="contest_round_opened").order_by("user_id")
    assert [n.user for n in opened] == [world.users["stan_staff"], lan]
    assert opened[0].message == (
        f"Vòng thi mở hôm nay: Cuộc thi “Tìm hiểu CCHC” – Vòng 1, từ 08:00 ngày "
        f"{opening:%d/%m/%Y} đến 17:00. Mời vào thi.")
    assert opened[0].url == reverse("contests:round", args=[created.pk])
    assert login(lan).get(opened[0].url).status_code == 200


def test_a_round_set_on_its_opening_day_calls_the_staff_at_once_and_only_once(world, login):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from thidua.notices.models import Notice

    contest = Contest.objects.create(code="thi", title="Tìm hiểu CCHC", organiser=world.units["X1"])
    now = timezone.localtime()
    client = login(world.users["olga_officer"])
    client.post(reverse("contests:round_create", args=[contest.pk]), {
        "opens_at": f"{now - timedelta(hours=1):%Y-%m-%dT%H:%M}",
        "closes_at": f"{now + timedelta(days=3):%Y-%m-%dT%H:%M}",
        "prize_first": 1, "prize_second": 2, "prize_third": 3, "prize_consolation": 5})
    assert Round.objects.count() == 1
    assert not Notice.objects.filter(event="contest_round_created").exists()
    assert Notice.objects.filter(event="contest_round_opened").count() == 1  # stan
    call_command("send_notices")
    assert Notice.objects.filter(event="contest_round_opened").count() == 1
