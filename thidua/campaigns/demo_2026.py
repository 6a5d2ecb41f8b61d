"""Demo data of the two-level campaign: An Giang's 2026-2030 CCHC plan (issue 15).

An Giang, which absorbed Kiên Giang on 1 July 2025, launches its 2026-2030 plan under Law
06/2022 and Decree 152/2025, modelled on Kiên Giang's 2021-2025 plan (seed 002): units in two
levels (the province's departments, the communes and wards of 1 July 2025; no district),
quotas per category, registration by the new communes. Its standards are the catalogue's
`AG26` (thidua/rules/catalogue/an_giang_2026.thidua); 2026 reads the merged communes' 2023-2025
results through the lineage. Idempotent: nothing is done when the campaign exists.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import numpy as np
from django.db import transaction

from thidua.campaigns import services
from thidua.campaigns.models import Campaign
from thidua.rules import catalogue

CODE = "AG-CCHC-2026-2030"
ISSUER = "AGG"
LAUNCHED = date(2026, 1, 20)
REGISTRATION_DUE = date(2026, 3, 31)


def plan() -> dict[str, Any]:
    rules = {entry.code: entry for entry in catalogue.entries("AG26")}
    return {
        "code": CODE,
        "issuer_unit_code": ISSUER,
        "issuing_body": "ỦY BAN NHÂN DÂN TỈNH AN GIANG",
        "doc_type": "KẾ HOẠCH",
        "kind": "annual_and_phase",
        "title": ("Phát động phong trào thi đua cải cách hành chính hằng năm và giai đoạn "
                  "2026 - 2030"),
        "number_symbol": "18/KH-UBND",
        "place": "An Giang",
        "issued_on": date(2026, 1, 15),
        "period": {"start": date(2026, 1, 1), "end": date(2030, 12, 31),
                   "text": "Từ ngày 01/01/2026 đến ngày 31/12/2030."},
        "legal_bases": [
            {"text": "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;"},
            {"text": "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"},
            {"text": "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số "
                     "điều của Luật Thi đua, khen thưởng;"},
            {"text": "Căn cứ Nghị quyết số 202/2025/QH15 ngày 12 tháng 6 năm 2025 của Quốc hội "
                     "về việc sắp xếp đơn vị hành chính cấp tỉnh;"},
        ],
        "purposes": [{"text": "Tạo khí thế thi đua cải cách hành chính trong chính quyền địa "
                              "phương hai cấp của tỉnh sau sắp xếp."}],
        "requirements": [{"text": "Thi đua thiết thực, gắn với kết quả Chỉ số CCHC hằng năm; "
                                  "kế thừa thành tích của các đơn vị trước sắp xếp."}],
        "contents": [{"text": "Thi đua cải cách thủ tục hành chính, phục vụ người dân ở cấp xã."},
                     {"text": "Thi đua xây dựng chính quyền số, chính quyền hai cấp vận hành "
                              "thông suốt."}],
        "targets": {"collective": {"text": "Các sở, ban, ngành tỉnh; UBND các xã, phường, đặc "
                                           "khu.", "categories": ["so-nganh", "xa"]},
                    "individual": {"text": "Cán bộ, công chức, viên chức các cơ quan, đơn vị."}},
        "criteria": [{"subject": "collective", "letter": "a",
                      "text": "Ban hành kế hoạch và đăng ký thi đua đúng hạn."},
                     {"subject": "collective", "letter": "b",
                      "text": "Xếp loại Chỉ số CCHC xuất sắc trong năm."}],
        "award_forms": [
            {"code": "AG26-FLAG", "catalogue": "flag_province",
             "name": "Cờ thi đua của Ủy ban nhân dân tỉnh", "subject": "collective",
             "scope": "annual"},
            {"code": "AG26-MERIT", "catalogue": "merit_province_chairman",
             "name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "subject": "collective",
             "scope": "annual"},
        ],
        "standards": [
            {"code": code, "award_form": form, "subject": "collective", "scope": "annual",
             "text": rules[code].title, "clause": rules[code].clause,
             "categories": ["so-nganh", "xa"], "rule_text": rules[code].text}
            for code, form in (("AG26-A-FLAG", "AG26-FLAG"), ("AG26-A-MERIT", "AG26-MERIT"))],
        "quotas": [{"award_form": "AG26-FLAG", "category": "so-nganh", "count": 2},
                   {"award_form": "AG26-FLAG", "category": "xa", "count": 3},
                   {"award_form": "AG26-MERIT", "category": "so-nganh", "count": 3},
                   {"award_form": "AG26-MERIT", "category": "xa", "count": 5}],
        "milestones": [{"code": "registration", "label": "Đăng ký thi đua",
                        "date": REGISTRATION_DUE, "bound": "on_or_before"}],
        "dossier_components": [{"code": "proposal_letter", "label": "Tờ trình", "copies": 1,
                                "text": "Tờ trình đề nghị khen thưởng của đơn vị."}],
        "responsibilities": [
            {"party": "Sở Nội vụ", "text": "Tham mưu, theo dõi, tổng hợp kết quả.",
             "cascade": False},
            {"party": "UBND các xã, phường, đặc khu",
             "text": "Ban hành kế hoạch, đăng ký thi đua.", "cascade": True}],
        "signature": {"authority_line": "TM. ỦY BAN NHÂN DÂN", "title_line": "CHỦ TỊCH",
                      "signer": "Lâm Văn Thắng"},
        "recipients": ["Bộ Nội vụ;", "Các sở, ban, ngành tỉnh;",
                       "UBND các xã, phường, đặc khu;", "Lưu: VT."],
    }


def load(ctx: Any) -> None:
    """The demo command's entry (thidua.demo.registry)."""
    load_demo_two_level(log=ctx.log, rng=ctx.rng("campaigns-2026"))


@transaction.atomic
def load_demo_two_level(*, log: Callable[[str], None] = lambda _m: None,
                        rng: np.random.Generator | None = None) -> Campaign | None:
    from thidua.org.models import Unit

    if Campaign.objects.filter(code=CODE).exists():
        return None
    if not Unit.objects.filter(code=ISSUER).exists():
        log(f"  bỏ qua {CODE}: chưa có đơn vị {ISSUER}")
        return None
    rng = rng if rng is not None else np.random.default_rng(2026)
    campaign = services.campaign_save(actor=None, plan=plan(), check_access=False)
    services.campaign_launch(actor=None, campaign=campaign, launched_on=LAUNCHED,
                             cascade_due=LAUNCHED + timedelta(days=30), check_access=False,
                             notify=False, reason="Kế hoạch mẫu của tỉnh sau sắp xếp.")
    participants = list(campaign.participants.select_related("unit").order_by("unit__path"))
    span = (REGISTRATION_DUE - LAUNCHED).days
    registered = 0
    for participant in participants:
        if rng.random() >= 0.8:
            continue
        services.registration_submit(
            actor=None, participant=participant,
            collective_target="Xếp loại Chỉ số CCHC xuất sắc năm 2026.",
            today=LAUNCHED + timedelta(days=int(rng.integers(1, span))), check_access=False)
        registered += 1
    log(f"  phong trào {CODE}: {len(participants)} đơn vị tham gia, {registered} đã đăng ký")
    return campaign
