"""What the campaigns hand to units reaches their officers in the one inbox (thidua.notices): the
launch (issue the unit's plan, register), an amendment, a reminder — who, message, link."""

from datetime import date

import pytest

from thidua.campaigns import selectors, services
from thidua.campaigns.models import PlanIssueStatus
from thidua.campaigns.testing import launched_campaign, small_plan
from thidua.notices.models import Notice

pytestmark = pytest.mark.django_db


def told(event):
    return {n.user.username: (n.message, n.url)
            for n in Notice.objects.filter(event=event).select_related("user")}


def test_a_launch_asks_each_units_officers_with_the_units_own_page(world):
    campaign = services.campaign_save(actor=None, plan=small_plan("P1-D", world.units["P1"].code),
                                      check_access=False)
    services.campaign_launch(actor=world.alice_owner, campaign=campaign,
                             launched_on=date(2026, 1, 20), cascade_due=date(2026, 2, 20))
    x1 = campaign.participants.get(unit=world.units["X1"])
    x3 = campaign.participants.get(unit=world.units["X3"])
    message = (f"Ủy ban nhân dân tỉnh Hà Giang Thử phát động “{campaign.title}”. Đề nghị đơn vị "
               "ban hành kế hoạch thực hiện trước ngày 20 tháng 2 năm 2026 và đăng ký thi đua "
               "theo kế hoạch.")
    # X2 has no officer; the province's owner is not asked to issue a commune's plan
    assert told("campaign_launched") == {"olga_officer": (message, f"/phong-trao/tham-gia/{x1.pk}/"),
                                         "oscar_officer": (message, f"/phong-trao/tham-gia/{x3.pk}/")}


def test_an_amendment_tells_the_participating_units(world):
    campaign = launched_campaign(world, "P1-L", "P1")
    plan = selectors.campaign_plan(campaign)
    plan["quotas"][0]["count"] = 2
    services.campaign_save(actor=None, plan=plan, campaign=campaign, check_access=False,
                           reason="Tăng số cờ cho khối xã", effective_on=date(2026, 4, 1))
    x1 = campaign.participants.get(unit=world.units["X1"])
    notices = told("campaign_amended")
    assert set(notices) == {"olga_officer", "oscar_officer"}
    assert notices["olga_officer"] == (
        f"Kế hoạch “{campaign.title}” được sửa đổi, bổ sung (phiên bản 2, áp dụng từ 01/04/2026): "
        "Tăng số cờ cho khối xã", f"/phong-trao/tham-gia/{x1.pk}/")


def test_a_reminder_of_a_missing_registration_links_to_the_registration(world):
    campaign = launched_campaign(world, "P1-L", "P1")
    x1 = campaign.participants.get(unit=world.units["X1"])
    x1.plan_status = PlanIssueStatus.ISSUED
    x1.save()
    assert services.cascade_remind(actor=world.alice_owner, campaign=campaign,
                                   participants=[x1]) == 1
    assert told("cascade_reminder") == {"olga_officer": (
        f"Nhắc việc: Xã Lũng Cú chưa đăng ký thi đua (hạn 31/03/2026) theo “{campaign.title}”.",
        f"/phong-trao/tham-gia/{x1.pk}/dang-ky/")}
