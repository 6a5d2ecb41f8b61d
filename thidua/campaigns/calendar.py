"""Deadlines as an .ics calendar (icalendar): one all-day event per known date, per campaign or
for a unit across every campaign that concerns it."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from thidua.campaigns.models import Campaign
from thidua.campaigns.selectors import DueDate, campaign_due_dates, unit_timeline
from thidua.org.models import Unit

PRODID = "-//thidua//Phong trào thi đua CCHC//VI"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    return cal


def _event(campaign: Campaign, due: DueDate, uid: str) -> Event | None:
    if due.due is None:
        return None
    event = Event()
    event.add("uid", f"{uid}@thidua")
    event.add("dtstamp", timezone.now())
    event.add("summary", f"{due.label} – {campaign.code}")
    start = due.start or due.due
    event.add("dtstart", start)
    event.add("dtend", due.due + timedelta(days=1))
    clause = due.milestone.clause
    description = " ".join(due.milestone.text.replace("*", "").split())
    event.add("description", f"{campaign.title}\n{clause} {description}".strip())
    return event


def campaign_calendar(campaign: Campaign) -> bytes:
    cal = _calendar(f"{campaign.code}: các mốc thời gian")
    for due in campaign_due_dates(campaign):
        uid = f"{campaign.code}-{due.milestone.code}-{due.year or 'x'}"
        event = _event(campaign, due, uid)
        if event is not None:
            cal.add_component(event)
    return cal.to_ical()


def unit_calendar(unit: Unit) -> bytes:
    cal = _calendar(f"{unit.name}: hạn thi đua")
    for entry in unit_timeline(unit):
        uid = f"{entry.campaign.code}-{entry.due.milestone.code}-{entry.due.year or 'x'}-{unit.code}"
        event = _event(entry.campaign, entry.due, uid)
        if event is not None:
            cal.add_component(event)
    return cal.to_ical()
