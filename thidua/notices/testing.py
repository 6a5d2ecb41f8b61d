"""Test helpers of the notices app: a campaign whose deadlines sit around today."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from thidua.campaigns import services
from thidua.campaigns.models import Campaign
from thidua.campaigns.testing import small_plan


def campaign_due_in(world: Any, code: str, *, registration_in: int, cascade_in: int,
                    parameters: dict[str, Any] | None = None) -> Campaign:
    """A launched campaign of P1 (participants: its communes) whose registration deadline is
    `registration_in` days from today and whose cascade deadline is `cascade_in` days away.
    A phase campaign over this year and the next: one registration for the whole campaign."""
    today = timezone.localdate()
    plan = small_plan(code, world.units["P1"].code, kind="phase",
                      issued_on=today - timedelta(days=60),
                      period={"start": date(today.year, 1, 1), "end": date(today.year + 1, 12, 31),
                              "text": f"Giai đoạn {today.year}–{today.year + 1}."},
                      parameters=parameters or {})
    plan["milestones"] = [{"code": "registration", "label": "Đăng ký thi đua",
                           "date": today + timedelta(days=registration_in),
                           "bound": "on_or_before"}]
    campaign = services.campaign_save(actor=None, plan=plan, check_access=False)
    launched = today - timedelta(days=40)
    return services.campaign_launch(actor=None, campaign=campaign, launched_on=launched,
                                    cascade_due=today + timedelta(days=cascade_in),
                                    check_access=False, notify=False)
