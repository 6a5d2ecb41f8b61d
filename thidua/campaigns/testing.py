"""Test helpers of the campaigns part: a small plan, launched campaigns in the test world, and the
seed issuers for loading the five seed plans without the whole demo organisation."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from thidua.campaigns import services
from thidua.campaigns.models import Campaign, Participant
from thidua.org.models import Unit, UnitCategory, UnitKind


def small_plan(code: str, issuer_code: str, **overrides: Any) -> dict[str, Any]:
    """A plan as the edit page builds it: two contents, targets communes, a registration deadline,
    one flag with a quota per category and two criteria."""
    plan: dict[str, Any] = {
        "code": code,
        "issuer_unit_code": issuer_code,
        "issuing_body": "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG THỬ",
        "doc_type": "KẾ HOẠCH",
        "kind": "annual",
        "title": "Phát động phong trào thi đua cải cách hành chính năm 2026",
        "number_symbol": "12/KH-UBND",
        "place": "Hà Giang",
        "issued_on": date(2026, 1, 15),
        "period": {"start": date(2026, 1, 1), "end": date(2026, 12, 31),
                   "text": "Từ ngày 01/01/2026 đến ngày 31/12/2026."},
        "legal_bases": [{"text": "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;"}],
        "purposes": [{"text": "Tạo khí thế thi đua sôi nổi trong công tác cải cách hành chính."}],
        "requirements": [{"text": "Thi đua phải thiết thực, hiệu quả."}],
        "contents": [{"text": "Thi đua cải cách thủ tục hành chính."},
                     {"text": "Thi đua xây dựng chính quyền số."}],
        "targets": {"collective": {"text": "Ủy ban nhân dân các xã.", "categories": ["xa"]},
                    "individual": {"text": "Cán bộ, công chức cấp xã."}},
        "criteria": [{"subject": "collective", "letter": "a", "text": "Ban hành kế hoạch."},
                     {"subject": "collective", "letter": "b", "text": "Có sáng kiến."}],
        "award_forms": [{"code": "FLAG", "catalogue": "flag_province",
                         "name": "Cờ thi đua của Ủy ban nhân dân tỉnh", "subject": "collective",
                         "scope": "annual"}],
        "standards": [{"code": "STD-FLAG", "award_form": "FLAG", "subject": "collective",
                       "scope": "annual", "text": "Xếp loại CCHC xuất sắc.",
                       "categories": ["xa"]}],
        "quotas": [{"award_form": "FLAG", "category": "xa", "count": 1}],
        "milestones": [{"code": "registration", "label": "Đăng ký thi đua",
                        "date": date(2026, 3, 31), "bound": "on_or_before"},
                       {"code": "dossier", "label": "Nộp hồ sơ khen thưởng",
                        "relative": {"event": "results_recognised", "year": 2026, "days": 15}}],
        "dossier_components": [{"code": "proposal_letter", "label": "Tờ trình", "copies": 1,
                                "text": "Tờ trình của đơn vị."}],
        "responsibilities": [{"party": "Sở Nội vụ", "text": "Theo dõi, đôn đốc.",
                              "cascade": False},
                             {"party": "Ủy ban nhân dân các xã", "text": "Ban hành kế hoạch.",
                              "cascade": True}],
        "signature": {"authority_line": "TM. ỦY BAN NHÂN DÂN", "title_line": "CHỦ TỊCH",
                      "signer": "Nguyễn Văn A"},
        "recipients": ["Sở Nội vụ;", "UBND các xã;", "Lưu: VT."],
    }
    plan.update(overrides)
    return plan


def launched_campaign(world: Any, code: str, issuer_key: str, *, launched_on: date | None = None,
                      parent: Campaign | None = None, **overrides: Any) -> Campaign:
    """A launched campaign issued by ``world.units[issuer_key]`` (participants: its communes)."""
    issuer = world.units[issuer_key]
    plan = small_plan(code, issuer.code, **overrides)
    campaign = services.campaign_save(actor=None, plan=plan, parent=parent, check_access=False)
    launched_on = launched_on or date(2026, 1, 20)
    return services.campaign_launch(actor=None, campaign=campaign, launched_on=launched_on,
                                    cascade_due=launched_on + timedelta(days=31),
                                    check_access=False, notify=False)


def participant(campaign: Campaign, unit: Unit) -> Participant:
    return Participant.objects.get_or_create(campaign=campaign, unit=unit)[0]


SEED_ISSUERS = (
    # code, name, kind, category, parent code
    ("DNO", "Tỉnh Đăk Nông", UnitKind.PROVINCE, "tinh", None),
    ("NTH", "Tỉnh Ninh Thuận", UnitKind.PROVINCE, "tinh", None),
    ("NTH-TNA", "Huyện Thuận Nam", UnitKind.DISTRICT, "huyen", "NTH"),
    ("KGI", "Tỉnh Kiên Giang", UnitKind.PROVINCE, "tinh", None),
    ("KGI-BDT", "Ban Dân tộc tỉnh", UnitKind.DEPARTMENT, "so-nganh", "KGI"),
    ("KGI-H01", "Thành phố Rạch Giá", UnitKind.DISTRICT, "huyen", "KGI"),
    ("KGI-X001", "Phường Vĩnh Thanh Vân", UnitKind.COMMUNE, "xa", "KGI-H01"),
    ("HGI", "Tỉnh Hà Giang", UnitKind.PROVINCE, "tinh", None),
)
CATEGORY_KINDS = {"tinh": UnitKind.PROVINCE, "so-nganh": UnitKind.DEPARTMENT,
                  "huyen": UnitKind.DISTRICT, "xa": UnitKind.COMMUNE, "phong": UnitKind.DIVISION,
                  "co-quan-chuyen-trach-tinh": UnitKind.CCHC_BODY,
                  "phong-noi-vu-huyen": UnitKind.CCHC_BODY}


def seed_issuers() -> dict[str, Unit]:
    """The units the seed plans are issued by, and every unit category, for loader tests."""
    from thidua.campaigns.seedplans import UNIT_CATEGORIES

    for code, name in UNIT_CATEGORIES.items():
        UnitCategory.objects.get_or_create(code=code, defaults={"name": name,
                                                                "kind": CATEGORY_KINDS[code]})
    units: dict[str, Unit] = {}
    for code, name, kind, category, parent in SEED_ISSUERS:
        units[code] = Unit.objects.get_or_create(code=code, defaults={
            "name": name, "kind": kind, "category": UnitCategory.objects.get(code=category),
            "parent": units.get(parent) if parent else None})[0]
    return units


def editor_data(plan: dict[str, Any], *, issuer: Unit | None = None, reason: str = "",
                effective_on: date | None = None, edit_version: int | None = None
                ) -> dict[str, Any]:
    """The POST body the edit page sends for ``plan`` (what a user types, field by field).

    For a plan already saved, the page carries its current edit version (the optimistic lock)
    unless ``edit_version`` says which one the page was read at."""
    from thidua.campaigns.editor import header_initial
    from thidua.campaigns.forms import SECTIONS, row_initial
    from thidua.campaigns.models import Campaign

    def value(v: Any) -> Any:
        if isinstance(v, date):
            return v.isoformat()
        if v is None:
            return ""
        if isinstance(v, bool):
            return "on" if v else ""
        return v

    data: dict[str, Any] = {}
    for key, v in header_initial(plan).items():
        if isinstance(v, list):
            data[f"plan-{key}"] = v
        elif v not in (None, ""):
            data[f"plan-{key}"] = value(v)
    if issuer is not None:
        data["plan-issuer"] = str(issuer.pk)
    if edit_version is None:
        saved = Campaign.objects.filter(code=plan.get("code")).first()
        edit_version = saved.edit_version if saved is not None else None
    if edit_version is not None:
        data["plan-edit_version"] = str(edit_version)
    if reason:
        data["plan-reason"] = reason
    if effective_on:
        data["plan-effective_on"] = effective_on.isoformat()
    for key, _label, _form in SECTIONS:
        rows = plan.get(key) or []
        data[f"{key}-TOTAL_FORMS"] = str(len(rows))
        data[f"{key}-INITIAL_FORMS"] = str(len(rows))
        for index, row in enumerate(rows):
            for name, v in row_initial(key, row).items():
                if isinstance(v, list):
                    data[f"{key}-{index}-{name}"] = v
                elif v not in (None, "", False):
                    data[f"{key}-{index}-{name}"] = value(v)
    return data
