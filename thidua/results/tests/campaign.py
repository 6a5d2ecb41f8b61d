"""A small campaign with standards written as rules, on the test world (2021–2023)."""

from __future__ import annotations

from datetime import date
from typing import Any

from thidua.results.tests.factories import result

FLAG = """tiêu chuẩn T-FLAG "Cờ thi đua thử, giai đoạn" theo "§IV.1"
  áp dụng cho tập thể thuộc khối xa
  đã đăng ký
  xếp loại CCHC >= tốt mỗi năm 2021..2023
  xếp loại CCHC = xuất sắc năm 2023
  chỉ tiêu: khối xa 1
  xếp hạng theo điểm CCHC năm 2023 giảm dần"""
ANNUAL = """tiêu chuẩn T-YEAR "Bằng khen thử, hằng năm" theo "§IV.2"
  áp dụng cho tập thể thuộc khối xa
  xếp loại CCHC = xuất sắc năm xét
  chỉ tiêu: khối xa 2
  xếp hạng theo điểm CCHC năm xét giảm dần"""


def campaign_with_rules(world: Any, *, flag: str = FLAG, annual: str = ANNUAL) -> Any:
    from thidua.campaigns.testing import launched_campaign

    return launched_campaign(
        world, "TEST-KQ", "P1", kind="annual_and_phase",
        period={"start": date(2021, 1, 1), "end": date(2023, 12, 31),
                "text": "Từ 01/01/2021 đến 31/12/2023."},
        award_forms=[
            {"code": "FLAG", "catalogue": "flag_province", "name": "Cờ thi đua của UBND tỉnh",
             "subject": "collective", "scope": "phase"},
            {"code": "MERIT", "catalogue": "merit_province_chairman", "name": "Bằng khen của Chủ tịch",
             "subject": "collective", "scope": "annual"}],
        standards=[
            {"code": "T-FLAG", "award_form": "FLAG", "subject": "collective", "scope": "phase",
             "text": "Xuất sắc năm cuối, tốt mọi năm.", "categories": ["xa"], "rule_text": flag},
            {"code": "T-YEAR", "award_form": "MERIT", "subject": "collective", "scope": "annual",
             "text": "Xuất sắc trong năm.", "categories": ["xa"], "rule_text": annual}],
        quotas=[{"award_form": "FLAG", "category": "xa", "count": 1}],
        milestones=[],
    )


def register(campaign: Any, world: Any, *keys: str) -> None:
    from django.utils import timezone

    from thidua.campaigns.models import Registration
    from thidua.campaigns.testing import participant

    for key in keys:
        unit = world.units[key]
        Registration.objects.create(campaign=campaign, unit=unit,
                                    participant=participant(campaign, unit),
                                    collective_target="Xuất sắc", submitted_at=timezone.now())


def seed_results(world: Any) -> None:
    """X1 and X3 are excellent in 2023 and good before; X2 slipped to khá in 2022."""
    table = {2021: {"X1": "88", "X2": "91", "X3": "85"},
             2022: {"X1": "90.5", "X2": "79.9", "X3": "86"},
             2023: {"X1": "93", "X2": "95", "X3": "94.5"}}
    for year, scores in table.items():
        ranked = sorted(scores, key=lambda k: -float(scores[k]))
        for key, score in scores.items():
            value = float(score)
            cls = "xuat_sac" if value >= 90 else "tot" if value >= 80 else "kha"
            result(world, key, year, score, ranked.index(key) + 1, cls)
