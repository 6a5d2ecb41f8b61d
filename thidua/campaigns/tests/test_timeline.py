"""Milestones per campaign and per unit, relative deadlines resolving once their event is
recorded, and the .ics calendars."""

from datetime import date

import pytest
from icalendar import Calendar

from thidua.campaigns import selectors, services
from thidua.campaigns.seedplans import load_seed_plan
from thidua.campaigns.testing import launched_campaign, seed_issuers

pytestmark = pytest.mark.django_db


def test_a_relative_deadline_waits_for_its_event(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    dues = {d.milestone.code: d for d in selectors.campaign_due_dates(campaign)}
    assert dues["registration"].due == date(2026, 3, 31)
    assert dues["dossier"].due is None and "chờ sự kiện" in dues["dossier"].waiting_for
    client = login(world.alice_owner)
    response = client.post(f"/phong-trao/{campaign.pk}/moc-thoi-gian/", {
        "event": "results_recognised", "year": "2026", "occurred_on": "2027-01-20"})
    assert response.status_code == 302
    dues = {d.milestone.code: d for d in selectors.campaign_due_dates(campaign)}
    assert dues["dossier"].due == date(2027, 2, 4)  # 15 days after
    html = client.get(f"/phong-trao/{campaign.pk}/moc-thoi-gian/").content.decode()
    assert "04/02/2027" in html


def test_each_year_of_the_seed_plan_gets_its_dossier_deadline(world):
    seed_issuers()
    kg = services.campaign_save(actor=None, plan=load_seed_plan("KG-CCHC-2021-2025"),
                                check_access=False)
    services.milestone_event_record(actor=None, campaign=kg, event="results_recognised",
                                    year=2022, occurred_on=date(2023, 2, 24), check_access=False)
    annual = [d for d in selectors.campaign_due_dates(kg) if d.milestone.code == "dossier_annual"]
    assert sorted(d.year for d in annual) == [2021, 2022, 2023, 2024, 2025]
    assert annual[0].year == 2022  # known dates first, waiting ones after
    assert {d.year: d.due for d in annual}[2022] == date(2023, 3, 11)
    assert selectors.registration_deadline(kg) == date(2022, 3, 30)


def test_the_officer_cannot_record_events_of_the_province(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    response = login(world.olga_officer).post(f"/phong-trao/{campaign.pk}/moc-thoi-gian/", {
        "event": "results_recognised", "year": "2026", "occurred_on": "2027-01-20"})
    assert response.status_code == 403
    assert not campaign.events.exists()


def test_the_campaign_calendar_has_one_event_per_known_date(world, login):
    campaign = launched_campaign(world, "P1-L", "P1")
    response = login(world.olga_officer).get(f"/phong-trao/{campaign.pk}/lich.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [(str(e["summary"]), e["dtstart"].dt) for e in events] == [
        ("Đăng ký thi đua – P1-L", date(2026, 3, 31))]


def test_a_unit_sees_its_deadlines_across_campaigns(world, login):
    first = launched_campaign(world, "P1-A", "P1")
    launched_campaign(world, "P1-B", "P1", milestones=[
        {"code": "registration", "label": "Đăng ký chuyên đề", "date": date(2026, 5, 15)}])
    client = login(world.olga_officer)
    html = client.get(f"/phong-trao/don-vi/{world.units['X1'].pk}/").content.decode()
    assert "P1-A" in html and "P1-B" in html
    assert "Ban hành kế hoạch của đơn vị" in html
    assert f'href="/phong-trao/{first.pk}/"' in html
    events = Calendar.from_ical(client.get(
        f"/phong-trao/don-vi/{world.units['X1'].pk}/lich.ics").content).walk("VEVENT")
    summaries = sorted(str(e["summary"]) for e in events)
    assert "Đăng ký chuyên đề – P1-B" in summaries
    assert "Ban hành kế hoạch của đơn vị – P1-A" in summaries
    assert client.get(f"/phong-trao/don-vi/{world.units['X3'].pk}/").status_code == 403


def test_an_officer_sees_what_is_asked_and_the_reminders(world, login):
    campaign = launched_campaign(world, "P1-A", "P1")
    services.cascade_remind(actor=world.alice_owner, campaign=campaign)
    client = login(world.olga_officer)
    html = client.get(f"/phong-trao/don-vi/{world.units['X1'].pk}/").content.decode()
    assert "Chưa ban hành" in html or "Chậm" in html
    inbox = client.get("/thong-bao/").content.decode()  # the reminder: in the one inbox
    assert "Có 1 thông báo chưa đọc." in inbox and "Nhắc việc: Xã Lũng Cú chưa" in inbox
