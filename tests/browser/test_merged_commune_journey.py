"""Journey (issue 15): the officer of a commune merged on 1 July 2025 is told their unit has
ended, moves to the new commune the lineage offers, registers it for the province's new
campaign, and reads on the new commune's page the results of the communes it absorbed."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thidua.campaigns.testing import launched_campaign
from thidua.org.models import LineageKind, Unit
from thidua.org.services import lineage_record
from thidua.results.models import AnnualResult, ResultRound

pytestmark = pytest.mark.browser


def test_a_merged_communes_officer_registers_and_sees_the_predecessors_results(
        page, world, browser_login):
    u = world.units
    round_ = ResultRound.objects.create(evaluator=u["P1"], year=2024, published=True)
    for unit, score, cls in ((u["X1"], "93.40", "xuat_sac"), (u["X2"], "86.00", "tot")):
        AnnualResult.objects.create(round=round_, unit=unit, year=2024, category=unit.category,
                                    score=Decimal(score), rank=1, classification=cls)
    new = Unit.objects.create(code="P1-XM1", name="Xã Lũng Cú Mới", kind="commune",
                              category=u["X1"].category, parent=u["P1"])
    lineage_record(actor=world.users["ada_admin"], kind=LineageKind.MERGE,
                   effective_date=date(2025, 7, 1), predecessors=[u["X1"], u["X2"]],
                   successors=[new], legal_basis="Nghị quyết số 202/2025/QH15")
    today = timezone.localdate()
    launched_campaign(
        world, "P1-2026-2030", "P1", launched_on=today - timedelta(days=3),
        period={"start": date(2026, 1, 1), "end": date(2030, 12, 31)},
        milestones=[{"code": "registration", "label": "Đăng ký thi đua",
                     "date": today + timedelta(days=20)}])

    browser_login(page, world.users["olga_officer"])
    expect(page.get_by_text(re.compile("Đơn vị bạn được phân quyền đã kết thúc hoạt động"))) \
        .to_be_visible()
    page.get_by_role("link", name="Chọn đơn vị kế thừa").click()
    page.get_by_role("button", name="Chuyển sang Xã Lũng Cú Mới").click()
    expect(page.get_by_role("status").first).to_contain_text("sang Xã Lũng Cú Mới")

    page.goto("/phong-trao/")
    page.get_by_role("link", name="Xã Lũng Cú Mới").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Việc thi đua của Xã Lũng Cú Mới")
    page.locator("#asks").get_by_role("link", name="Chi tiết").click()
    page.get_by_role("link", name="Đăng ký thi đua").click()
    page.get_by_label("Tập thể đăng ký thi đua").fill("Hoàn thành xuất sắc nhiệm vụ CCHC năm.")
    page.get_by_role("button", name="Gửi đăng ký").click()
    expect(page.get_by_text("Đã đăng ký", exact=True)).to_be_visible()

    page.goto(f"/to-chuc/don-vi/{new.pk}/")
    results = page.get_by_role("region", name="Kết quả Chỉ số CCHC (cả các đơn vị tiền thân)")
    expect(results.get_by_role("row", name=re.compile("2024 Xã Lũng Cú; Xã Má Lé 89,70"))) \
        .to_be_visible()
    expect(page.get_by_text(re.compile("kế thừa Xã Má Lé"))).to_be_visible()
