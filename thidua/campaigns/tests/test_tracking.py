"""The cascade tracking page: who issued their plan, who is late, reminders, more units."""

from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.campaigns.models import PlanIssueStatus
from thidua.campaigns.testing import launched_campaign
from thidua.notices.models import Notice

pytestmark = pytest.mark.django_db


def test_it_shows_issued_late_and_registered_units(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")  # cascade due 20/02/2026
    x1 = campaign.participants.get(unit=world.units["X1"])
    x1.plan_status, x1.plan_number, x1.plan_issued_on = "issued", "05/KH-UBND", date(2026, 2, 2)
    x1.save()
    html = login(world.carl_council).get(f"/phong-trao/{campaign.pk}/theo-doi/").content.decode()
    assert "1/3 đơn vị đã ban hành kế hoạch" in html
    assert "2 đơn vị chậm" in html
    assert "05/KH-UBND ngày 02/02/2026" in html
    assert "Gửi nhắc nhở" not in html  # council members read, they do not remind


def test_it_reminds_late_units_in_the_app_and_by_e_mail(world, login, settings,
                                                        django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.oscar_officer.email = "oscar@example.vn"
    world.oscar_officer.save()
    campaign = launched_campaign(world, "P1-L", "P1")
    client = login(world.alice_owner)
    url = f"/phong-trao/{campaign.pk}/theo-doi/"
    asked = client.post(url, {"action": "remind"})  # first the question, nothing sent
    count = campaign.participants.count()
    assert f"Gửi nhắc nhở tới {count} đơn vị?" in asked.content.decode()
    assert not Notice.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "remind", "confirm": str(count)})
    assert response.status_code == 302
    notice = Notice.objects.get(user=world.oscar_officer, event="cascade_reminder")
    assert "chưa ban hành kế hoạch thực hiện (hạn 20/02/2026)" in notice.message
    assert "đăng ký thi đua (hạn 31/03/2026)" in notice.message
    x3 = campaign.participants.get(unit=world.units["X3"])
    assert notice.url == f"/phong-trao/tham-gia/{x3.pk}/"
    assert [m.to for m in mail.outbox] == [["oscar@example.vn"]]
    assert campaign.participants.get(unit=world.units["X3"]).reminder_count == 1


def test_a_reminder_without_the_confirmed_number_is_not_sent(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    client = login(world.alice_owner)
    url = f"/phong-trao/{campaign.pk}/theo-doi/"
    count = campaign.participants.count()
    stale = client.post(url, {"action": "remind", "confirm": str(count + 1)})
    assert stale.status_code == 200
    page = stale.content.decode()
    assert "Số đơn vị cần nhắc vừa thay đổi" in page
    assert f"Gửi nhắc nhở tới {count} đơn vị?" in page
    assert not Notice.objects.exists()
    assert campaign.participants.filter(reminder_count__gt=0).count() == 0


def test_it_refuses_reminders_from_a_council_member(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    response = login(world.carl_council).post(f"/phong-trao/{campaign.pk}/theo-doi/",
                                              {"action": "remind"})
    assert response.status_code == 403
    assert not Notice.objects.exists()


def test_it_refuses_an_officer_the_province_tracking(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    assert login(world.olga_officer).get(f"/phong-trao/{campaign.pk}/theo-doi/").status_code == 403


def test_a_unit_reports_its_plan_with_the_file(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    part = campaign.participants.get(unit=world.units["X1"])
    client = login(world.olga_officer)
    response = client.post(f"/phong-trao/tham-gia/{part.pk}/", {
        "number": "07/KH-UBND", "issued_on": "2026-02-10",
        "file": SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 ke hoach", "application/pdf")})
    assert response.status_code == 302
    part.refresh_from_db()
    assert part.plan_status == PlanIssueStatus.ISSUED and part.plan_file.name.endswith(".pdf")
    tracking = login(world.alice_owner).get(f"/phong-trao/{campaign.pk}/theo-doi/").content.decode()
    assert "07/KH-UBND ngày 10/02/2026" in tracking


def test_a_unit_report_needs_a_file_or_a_plan_here(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    part = campaign.participants.get(unit=world.units["X1"])
    response = login(world.olga_officer).post(f"/phong-trao/tham-gia/{part.pk}/", {
        "number": "07/KH-UBND", "issued_on": "2026-02-10"})
    assert response.status_code == 200
    assert "Hãy đính kèm tệp kế hoạch" in response.content.decode()
    part.refresh_from_db()
    assert part.plan_status == PlanIssueStatus.PENDING


def test_another_commune_cannot_report_for_x1(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    part = campaign.participants.get(unit=world.units["X1"])
    assert login(world.oscar_officer).get(f"/phong-trao/tham-gia/{part.pk}/").status_code == 403


def test_the_owner_adds_a_unit_to_the_cascade(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    response = login(world.alice_owner).post(f"/phong-trao/{campaign.pk}/theo-doi/", {
        "action": "add", "units": [world.units["D1"].pk]})
    assert response.status_code == 302
    assert campaign.participants.filter(unit=world.units["D1"]).exists()
