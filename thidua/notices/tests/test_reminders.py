"""Scheduled reminders: on the days the campaign sets, never twice for one deadline, unit and
day; the morning job through the CLI and as the huey periodic task."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from thidua.campaigns.models import RegistrationException
from thidua.notices import services, tasks
from thidua.notices.models import Notice, Reminder
from thidua.notices.testing import campaign_due_in

pytestmark = pytest.mark.django_db


def test_units_are_reminded_on_the_default_days_once(world):
    campaign_due_in(world, "REM-1", registration_in=3, cascade_in=20)
    today = timezone.localdate()
    sent = services.reminders_send(today=today)
    # X1 (olga) and X3 (oscar) have officers; X2 has none, so nobody is reminded there.
    assert sent == 2
    olga = Notice.objects.get(user=world.olga_officer, event="reminder")
    assert olga.message == (
        "Nhắc hạn: đăng ký thi đua – Xã Lũng Cú – “Phát động phong trào thi đua cải cách hành "
        f"chính năm 2026”: còn 3 ngày (hạn {today + timedelta(days=3):%d/%m/%Y}).")
    assert olga.url.endswith("/dang-ky/")
    assert services.reminders_send(today=today) == 0  # run again: nothing twice
    assert Notice.objects.filter(event="reminder").count() == 2
    assert Reminder.objects.count() == 2
    # Not a reminder day (5 days before): nothing.
    assert services.reminders_send(today=today - timedelta(days=2)) == 0


def test_the_campaign_sets_its_own_days(world):
    campaign_due_in(world, "REM-2", registration_in=5, cascade_in=20,
                    parameters={"ngay_nhac_truoc_han": [5]})
    assert services.reminders_send() == 2
    campaign_due_in(world, "REM-3", registration_in=3, cascade_in=20,
                    parameters={"ngay_nhac_truoc_han": [5]})
    assert services.reminders_send() == 0


def test_an_extension_moves_the_reminder_to_its_new_date(world):
    campaign = campaign_due_in(world, "REM-4", registration_in=-1, cascade_in=20)
    x1 = campaign.participants.get(unit=world.units["X1"])
    today = timezone.localdate()
    RegistrationException.objects.create(participant=x1, valid_until=today + timedelta(days=1),
                                         reason="Sáp nhập đơn vị")
    assert services.reminders_send(today=today) == 1
    notice = Notice.objects.get(event="reminder")
    assert notice.user == world.olga_officer
    assert f"gia hạn đến {today + timedelta(days=1):%d/%m/%Y}" in notice.message


def test_the_cli_runs_the_morning_job(world, capsys):
    campaign_due_in(world, "REM-5", registration_in=7, cascade_in=1)
    call_command("send_notices")
    out = capsys.readouterr().out
    # Each of X1 and X3: the registration (7 days) and the plan (1 day).
    # ... and each province's office: last year's results to import (told once).
    assert out.strip() == ("Đã gửi 4 lượt nhắc hạn, 2 thông báo việc mới, thông báo mở 0 vòng thi "
                           "và 0 thư tổng hợp.")
    call_command("send_notices")
    assert capsys.readouterr().out.strip() == (
        "Đã gửi 0 lượt nhắc hạn, 0 thông báo việc mới, thông báo mở 0 vòng thi và 0 thư tổng "
        "hợp.")


def test_the_cli_refuses_a_bad_date(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không đúng định dạng NNNN-TT-NN"):
        call_command("send_notices", "--ngay", "23/03/2026")


def test_the_periodic_task_sends_the_reminders(world):
    """HUEY_IMMEDIATE runs the task in this process, as the consumer would each morning."""
    campaign_due_in(world, "REM-6", registration_in=1, cascade_in=30)
    tasks.morning_notices()
    assert Reminder.objects.exclude(key__startswith="moi:").count() == 2


def test_the_plan_editor_refuses_bad_reminder_days_and_keeps_good_ones(world, login):
    from thidua.campaigns.models import Campaign
    from thidua.campaigns.testing import editor_data, small_plan

    client = login(world.alice_owner)
    bad = small_plan("P1-NHAC-1", "P1", parameters={"ngay_nhac_truoc_han": [7, "ba"]})
    response = client.post("/phong-trao/moi/", editor_data(bad, issuer=world.units["P1"]))
    assert response.status_code in (200, 400)
    assert "phải là danh sách số ngày trước hạn" in response.content.decode()
    assert not Campaign.objects.filter(code="P1-NHAC-1").exists()
    good = small_plan("P1-NHAC-2", "P1", parameters={"ngay_nhac_truoc_han": [10, 2]})
    response = client.post("/phong-trao/moi/", editor_data(good, issuer=world.units["P1"]))
    assert response.status_code == 302
    assert Campaign.objects.get(code="P1-NHAC-2").parameters == {"ngay_nhac_truoc_han": [10, 2]}


def test_work_that_appears_by_a_date_passing_is_announced_once(world):
    """No step hands these over: the morning job tells the office once when they appear — the
    units still late after the cascade deadline, and last year's results to import."""
    campaign = campaign_due_in(world, "ARR-1", registration_in=10, cascade_in=-2)
    today = timezone.localdate()
    assert services.arrivals_send(today=today) == 3  # and P2's office: its results to import
    told = {n.url: n.message for n in Notice.objects.filter(event="work_appeared",
                                                            user=world.alice_owner)}
    assert told[f"/phong-trao/{campaign.pk}/theo-doi/"] == (
        f"Việc mới: đôn đốc đơn vị cấp dưới – 3 đơn vị chưa ban hành kế hoạch thực hiện "
        f"“{campaign.title}”.")
    year = today.year - 1
    assert told[f"/ket-qua/nhap/chi-so-cchc/?nam={year}"] == (
        f"Việc mới: nhập kết quả đánh giá – Kết quả Chỉ số CCHC năm {year} của các đơn vị thuộc "
        "Tỉnh Hà Giang Thử.")
    assert set(Notice.objects.filter(event="work_appeared").values_list(
        "user__username", flat=True)) == {"alice_owner", "pete_owner"}
    assert services.arrivals_send(today=today) == 0  # once
    assert services.arrivals_send(today=today + timedelta(days=1)) == 0  # still once


def test_a_closed_round_waiting_for_prizes_is_announced_to_the_organiser(world):
    from thidua.contests.testing import make_contest, make_round

    closed = make_round(make_contest(world.units["X1"]), open_now=False)
    assert services.arrivals_send() >= 1
    notice = Notice.objects.get(event="work_appeared", user=world.olga_officer)
    assert notice.message == f"Việc mới: trao giải vòng thi – {closed.contest.title} – {closed}."
    assert notice.url == f"/cuoc-thi/vong/{closed.pk}/"


def test_a_heading_inside_a_sentence_keeps_the_names_of_bodies():
    from thidua.awards.worklist import G_COUNCIL
    from thidua.notices.services import _in_sentence

    assert _in_sentence(G_COUNCIL) == "trình Hội đồng Thi đua – Khen thưởng"
