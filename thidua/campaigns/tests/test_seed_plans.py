"""The five seed plans: they load, validate, and say what the originals say (no database)."""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from thidua.campaigns.seedplans import (
    PLAN_CODES,
    UNIT_CATEGORIES,
    PlanRulesError,
    iter_claused,
    load_seed_plan,
    load_seed_plans,
    normalise_text,
    plan_rules,
    source_path,
    source_text,
    validate_plan,
    verbatim_strings,
    with_rules,
)

DOMAIN_MD = Path("/work/shared/DOMAIN.md")

# Every standard label of DOMAIN.md §4, with the plan and clause it must come from.
DOMAIN_STANDARDS = {
    "KG-P-FLAG": ("KG-CCHC-2021-2025", "§IV.1.1.a"),
    "KG-P-MERIT": ("KG-CCHC-2021-2025", "§IV.1.1.a"),
    "KG-P-BODY": ("KG-CCHC-2021-2025", "§IV.1.1.a"),
    "KG-P-IND": ("KG-CCHC-2021-2025", "§IV.1.1.b"),
    "KG-A-MERIT": ("KG-CCHC-2021-2025", "§IV.1.2.a"),
    "KG-A-IND": ("KG-CCHC-2021-2025", "§IV.1.2.b"),
    "HG-A-COLL": ("HG-CCHC-2021-2025", "§IV.1.b"),
    "HG-A-IND": ("HG-CCHC-2021-2025", "§IV.1.b"),
    "HG-MID-MERIT": ("HG-CCHC-2021-2025", "§IV.2.b"),
}


@pytest.fixture(scope="module")
def plans() -> dict[str, dict[str, Any]]:
    return {plan["code"]: plan for plan in load_seed_plans()}


def by(items: list[dict[str, Any]], **match: Any) -> list[dict[str, Any]]:
    return [item for item in items if all(item.get(k) == v for k, v in match.items())]


def one(items: list[dict[str, Any]], **match: Any) -> dict[str, Any]:
    found = by(items, **match)
    assert len(found) == 1, (match, found)
    return found[0]


# ------------------------------------------------------------------ loading, validity


def test_all_five_plans_load_in_source_order(plans: dict[str, dict[str, Any]]) -> None:
    loaded = load_seed_plans()
    assert [plan["code"] for plan in loaded] == list(PLAN_CODES)
    assert [plan["source"][:3] for plan in loaded] == ["000", "001", "002", "003", "004"]
    for plan in loaded:
        assert source_path(plan).is_file(), plan["source"]
        assert isinstance(plan["period"]["start"], date)
        assert isinstance(plan["period"]["end"], date)


def test_issuer_codes(plans: dict[str, dict[str, Any]]) -> None:
    assert {code: plan["issuer_unit_code"] for code, plan in plans.items()} == {
        "DNO-CCHC-2022-2025": "DNO",
        "TNA-CCHC-2023": "NTH-TNA",
        "KG-CCHC-2021-2025": "KGI",
        "BDT-CCHC-2021-2025": "KGI-BDT",
        "HG-CCHC-2021-2025": "HGI",
    }
    bdt = plans["BDT-CCHC-2021-2025"]
    assert any("Kiên Giang" in note for note in bdt["notes"])


@pytest.mark.parametrize("code", PLAN_CODES)
def test_plan_validates(code: str) -> None:
    assert validate_plan(load_seed_plan(code)) == []


# -------------------------------------------------------------------------- fidelity


@pytest.mark.parametrize("code", PLAN_CODES)
def test_every_verbatim_field_is_in_the_original(code: str) -> None:
    plan = load_seed_plan(code)
    original = normalise_text(source_text(plan))
    missing = [
        (path, text)
        for path, text in verbatim_strings(plan)
        if normalise_text(text) and normalise_text(text) not in original
    ]
    assert missing == []


_SENTENCE_END = re.compile(r"(?<=[.;:])\s+")
_LABEL = re.compile(r"^(?:[IVX]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\)|\(\d+\)|Mẫu số \d+)\s*")


def _original_pieces(raw: str) -> list[str]:
    """Each line (and table cell) of the original without markup, bullets and labels."""
    pieces = []
    for line in raw.splitlines():
        for cell in line.split("\t"):
            text = normalise_text(cell)
            text = text.lstrip("#").strip()
            while text[:2] in ("- ", "+ ", "* "):
                text = text[2:].strip()
            text = _LABEL.sub("", text).rstrip(":").strip()
            # A line may be split between fields (a label and its value, two sentences that
            # belong to two rules): each sentence must be found, not the line in one piece.
            for sentence in _SENTENCE_END.split(text):
                sentence = sentence.rstrip(".;:")
                if len(sentence) >= 15:
                    pieces.append(sentence)
    return pieces


@pytest.mark.parametrize("code", PLAN_CODES)
def test_every_line_of_the_original_is_transcribed(code: str) -> None:
    """Completeness: no paragraph, bullet, heading or annex line of the original is left out."""
    plan = load_seed_plan(code)
    corpus = "\n".join(normalise_text(text) for _, text in verbatim_strings(plan))
    left_out = [piece for piece in _original_pieces(source_text(plan)) if piece not in corpus]
    assert left_out == []


@pytest.mark.parametrize("code", PLAN_CODES)
def test_clauses_and_categories_are_well_formed(code: str) -> None:
    plan = load_seed_plan(code)
    categories = set(plan["targets"]["collective"]["categories"])
    assert categories <= set(UNIT_CATEGORIES)
    for quota in plan["quotas"]:
        assert quota.get("category") is None or quota["category"] in categories


# ----------------------------------------------------------- 002 Kiên Giang spot checks


def test_kg_phase_quotas(plans: dict[str, dict[str, Any]]) -> None:
    quotas = plans["KG-CCHC-2021-2025"]["quotas"]
    flag = by(quotas, award_form="KG-AF-FLAG-P")
    assert one(flag, total=6)["clause"] == "§IV.2.1.a¶1"
    assert {q["category"]: q["count"] for q in flag if "category" in q} == {
        "so-nganh": 2,
        "huyen": 1,
        "xa": 3,
    }
    merit = by(quotas, award_form="KG-AF-MERIT-P-COLL")
    assert one(merit, total=15)["text"].startswith("Bằng khen của Chủ tịch UBND tỉnh")
    assert {q["category"]: q["count"] for q in merit if "category" in q} == {
        "so-nganh": 3,
        "huyen": 2,
        "xa": 6,
        "co-quan-chuyen-trach-tinh": 2,
        "phong-noi-vu-huyen": 2,
    }
    assert sum(q["count"] for q in flag if "category" in q) == 6
    assert sum(q["count"] for q in merit if "category" in q) == 15
    individuals = by(quotas, award_form="KG-AF-MERIT-P-IND")
    assert one(individuals, total=42)["clause"] == "§IV.2.1.b"
    assert one(individuals, per_collective=2)["of_award_forms"] == [
        "KG-AF-FLAG-P",
        "KG-AF-MERIT-P-COLL",
    ]
    assert one(quotas, award_form="KG-AF-MERIT-A-IND")["per_collective"] == 2
    proviso = one(plans["KG-CCHC-2021-2025"]["quota_provisos"], clause="§IV.2.1.a¶3")
    assert proviso["rule"] == "rank_desc"
    assert "từ cao xuống thấp" in proviso["text"]


def test_kg_deadlines(plans: dict[str, dict[str, Any]]) -> None:
    plan = plans["KG-CCHC-2021-2025"]
    registration = one(plan["milestones"], code="registration")
    assert registration["date"] == date(2022, 3, 30)
    assert registration["clause"] == "§III.2"
    annual = one(plan["milestones"], code="dossier_annual")
    assert annual["relative"] == {"event": "results_recognised", "year": "each", "days": 15}
    assert annual["clause"] == "§V.2¶2"
    phase = one(plan["milestones"], code="dossier_phase")
    assert phase["relative"] == {"event": "results_recognised", "year": 2025, "days": 15}
    assert plan["period"] == plan["period"] | {
        "start": date(2021, 1, 1),
        "end": date(2025, 12, 30),
        "clause": "§III.2",
    }


def test_kg_standards_and_dossier(plans: dict[str, dict[str, Any]]) -> None:
    plan = plans["KG-CCHC-2021-2025"]
    flag = one(plan["standards"], code="KG-P-FLAG")
    assert "ít nhất 03 lần và năm cuối được xếp loại xuất sắc" in flag["text"]
    assert "có đăng ký thi đua theo Kế hoạch này" in flag["preamble"]["text"]
    assert flag["provisos"][0]["categories"] == ["xa"]
    body = one(plan["standards"], code="KG-P-BODY")
    assert body["categories"] == ["co-quan-chuyen-trach-tinh", "phong-noi-vu-huyen"]
    assert "hai lần liên tiếp" in body["text"]
    annual = one(plan["standards"], code="KG-A-MERIT")
    assert annual["combine"] == "any"
    assert len(annual["parts"]) == 4
    assert "không có cá nhân bị kỷ luật" in annual["text"]
    assert [c["code"] for c in plan["dossier_components"]] == [
        "proposal_letter",
        "council_minutes",
        "achievement_report",
        "classification_decision",
    ]
    assert one(plan["dossier_components"], code="classification_decision")["applies_to"] == ["xa"]
    assert plan["signature"] == {
        "authority_line": "KT. CHỦ TỊCH",
        "title_line": "PHÓ CHỦ TỊCH",
        "signer": "Nguyễn Lưu Trung",
    }
    assert plan["theme"].strip("*").startswith("Tăng cường ứng dụng công nghệ thông tin")
    form = one(plan["annexes"], code="registration_form")
    assert form["title"] == "ĐĂNG KÝ"
    assert [s["title"] for s in form["sections"]] == ["Tập thể:...", "Cá nhân:"]


# ------------------------------------------------------------ 000 Đăk Nông spot checks


def test_dno_eight_collective_criteria(plans: dict[str, dict[str, Any]]) -> None:
    plan = plans["DNO-CCHC-2022-2025"]
    collective = by(plan["criteria"], subject="collective")
    assert [c["letter"] for c in collective] == ["a", "b", "c", "d", "đ", "e", "g", "h"]
    assert [c["clause"] for c in collective] == [f"§IV.1.{x}" for x in "abcdđegh"]
    assert collective[0]["text"].startswith("Ban hành Kế hoạch phát động phong trào thi đua")
    assert "thứ hạng" in one(collective, letter="đ")["text"]
    assert "sáng kiến" in one(collective, letter="g")["text"]
    individual = one(plan["criteria"], subject="individual")
    assert individual["clause"] == "§IV.2" and individual["letter_assigned"] is True
    assert individual["text"].startswith("Hoàn thành xuất sắc nhiệm vụ được giao")


def test_dno_standards_are_deferred_to_the_home_affairs_department(
    plans: dict[str, dict[str, Any]],
) -> None:
    plan = plans["DNO-CCHC-2022-2025"]
    assert plan["standards"] == []
    assert [f["catalogue"] for f in plan["award_forms"]] == [
        "merit_prime_minister",
        "merit_province_chairman",
        "giay_khen_unit_head",
    ]
    deferred = one(plan["deferred"], code="standards_merit")
    assert deferred["clause"] == "§V.2" and deferred["issuer"] == "Sở Nội vụ"
    assert deferred["award_forms"] == ["DNO-AF-MERIT-PM", "DNO-AF-MERIT-CHAIRMAN"]
    reviews = {m["code"]: m["window"] for m in plan["milestones"] if "window" in m}
    assert reviews == {
        "mid_term_review": {"start": date(2023, 10, 1), "end": date(2023, 12, 31)},
        "final_review": {"start": date(2025, 10, 1), "end": date(2025, 12, 31)},
    }
    assert one(plan["responsibilities"], clause="§VI.1.a")["cascade"] is True
    assert plan["signature"] == {"authority_line": None, "title_line": "CHỦ TỊCH", "signer": "Hồ Văn Mười"}
    assert plan["issued_on"] is None and plan["issued_on_note"]


# ---------------------------------------------------------- 001 Thuận Nam spot checks


def test_tna_deadlines(plans: dict[str, dict[str, Any]]) -> None:
    plan = plans["TNA-CCHC-2023"]
    dossier = one(plan["milestones"], code="dossier_due")
    assert (dossier["date"], dossier["bound"], dossier["clause"]) == (
        date(2023, 11, 30),
        "on_or_before",
        "§III.3¶1",
    )
    appraisal = one(plan["milestones"], code="appraisal")
    assert (appraisal["date"], appraisal["bound"], appraisal["clause"]) == (
        date(2023, 12, 10),
        "before",
        "§III.3¶2",
    )
    assert "trước ngày 10/12/2023" in appraisal["text"]
    assert plan["period"]["end"] == date(2023, 12, 9)
    assert plan["number_symbol"] == "/KH-UBND"
    assert plan["place_date_line"] == "Thuận Nam, ngày tháng 01 năm 2023"
    assert plan["issued_on"] is None


def test_tna_criteria_and_standards(plans: dict[str, dict[str, Any]]) -> None:
    plan = plans["TNA-CCHC-2023"]
    for subject in ("collective", "individual"):
        criteria = by(plan["criteria"], subject=subject)
        assert [c["letter"] for c in criteria] == ["a", "b", "c", "d", "đ"]
        assert (
            "được Hội đồng sáng kiến huyện công nhận" in criteria[2 if subject == "collective" else 3]["text"]
        )
        assert "kỷ luật, kỷ cương hành chính" in criteria[4]["text"]
    collective = one(plan["standards"], code="TN-2023-COLL")
    assert collective["combine"] == "all" and collective["criteria_refs"] == ["a", "b", "c", "d", "đ"]
    assert [c["code"] for c in plan["dossier_components"]] == [
        "proposal_letter",
        "council_minutes",
        "achievement_report",
    ]
    assert plan["targets"]["collective"]["categories"] == ["phong", "xa"]


# ---------------------------------------------------------- 003 Ban Dân tộc spot checks


def test_bdt_individual_annual_standard_is_one_of_two(plans: dict[str, dict[str, Any]]) -> None:
    plan = plans["BDT-CCHC-2021-2025"]
    annual = one(plan["standards"], code="BDT-A-IND")
    assert annual["clause"] == "§III.2.2" and annual["combine"] == "any"
    assert len(annual["parts"]) == 2
    assert "cuộc thi trực tuyến tìm hiểu CCHC" in annual["parts"][0]["text"]
    assert "Sở Nội vụ thẩm định" in annual["parts"][1]["text"]
    assert "có nhiều giải pháp, sáng kiến" in one(plan["standards"], code="BDT-5Y-IND")["text"]
    quiz = one(plan["contests"], code="online_cchc_quiz")
    assert quiz["participation_target"]["percent"] == 100
    assert quiz["participation_target"]["clause"] == "§I.2¶1"
    assert plan["kind"] == "thematic"
    assert plan["signature"]["title_line"] == "TRƯỞNG BAN"
    decision = one(plan["dossier_components"], code="initiative_decision")
    assert decision["optional"] is True


def test_bdt_annexes(plans: dict[str, dict[str, Any]]) -> None:
    annexes = {a["code"]: a for a in plans["BDT-CCHC-2021-2025"]["annexes"]}
    nominees = annexes["nominee_list"]
    assert nominees["columns"] == ["Số TT", "Tập thể/ cá nhân", "Ghi chú"]
    assert [r["number"] for r in nominees["rows"] if r["cell"]] == ["I", "II"]
    report = annexes["achievement_report_07"]
    assert [s["title"] for s in report["sections"]] == ["THÔNG TIN CHUNG", "THÀNH TÍCH ĐẠT ĐƯỢC"]
    assert len(report["footnotes"]) == 4


# ------------------------------------------------------------- 004 Hà Giang spot checks


def test_hg_mid_term_quotas_are_twenty_percent(plans: dict[str, dict[str, Any]]) -> None:
    plan = plans["HG-CCHC-2021-2025"]
    mid = by(plan["quotas"], award_form="HG-AF-MERIT-MID-COLL")
    assert {q["category"]: q["percent"] for q in mid} == {"so-nganh": 20, "huyen": 20}
    assert {q["clause"] for q in mid} == {"§IV.2.b¶2.1"}
    determined = [q for q in plan["quotas"] if "determined_by" in q]
    assert [q["award_form"] for q in determined] == [
        "HG-AF-GK-DEPT",
        "HG-AF-GK-DIST",
        "HG-AF-GK-COMM",
    ]
    individual = one(plan["standards"], code="HG-MID-IND")
    assert "03 năm liên tục xếp loại tốt trở lên" in individual["text"]


def test_hg_annual_standards_and_dates(plans: dict[str, dict[str, Any]]) -> None:
    plan = plans["HG-CCHC-2021-2025"]
    collective = one(plan["standards"], code="HG-A-COLL")
    assert collective["combine"] == "all"
    assert "đạt từ 80 điểm trở lên" in collective["parts"][1]["text"]
    assert "được cấp có thẩm quyền công nhận" in collective["parts"][2]["text"]
    assert collective["also_award_forms"] == ["HG-AF-GK-DIST", "HG-AF-GK-COMM"]
    individual = one(plan["standards"], code="HG-A-IND")
    assert "đạt từ 90% trở lên" in individual["parts"][0]["text"]
    assert plan["issued_on"] == date(2021, 10, 9)
    assert plan["period"] == plan["period"] | {"start": date(2021, 10, 9), "end": date(2025, 12, 31)}
    assert one(plan["milestones"], code="mid_term_review")["window"]["start"].year == 2023
    assert plan["targets"]["registration_required"] is True
    assert plan["doc_type"] == "CHƯƠNG TRÌNH"


# -------------------------------------------------------------- DOMAIN.md §4 labels


def test_every_domain_standard_is_present_with_its_clause(
    plans: dict[str, dict[str, Any]],
) -> None:
    for label, (code, clause) in DOMAIN_STANDARDS.items():
        standard = one(plans[code]["standards"], code=label)
        assert standard["clause"] == clause, label
    if DOMAIN_MD.is_file():  # the shared brief, when present, must not name labels we lack
        text = DOMAIN_MD.read_text(encoding="utf-8")
        section = text.split("## 4.", 1)[1].split("\n## ", 1)[0]
        labels = set(re.findall(r"`([A-Z]{2}-[A-Z0-9-]+)`", section))
        assert labels == set(DOMAIN_STANDARDS)


# --------------------------------------------------------------------- validation


def _kg() -> dict[str, Any]:
    return copy.deepcopy(load_seed_plan("KG-CCHC-2021-2025"))


def test_validation_deadline_outside_period() -> None:
    plan = _kg()
    one(plan["milestones"], code="registration")["date"] = date(2026, 3, 30)
    assert validate_plan(plan) == [
        "Mốc thời gian “registration” (§III.2) ngày 30/03/2026 nằm ngoài thời gian thi đua "
        "(01/01/2021 – 30/12/2025)."
    ]


def test_validation_before_bound_uses_the_day_before() -> None:
    plan = _kg()
    milestone = one(plan["milestones"], code="registration")
    milestone["date"], milestone["bound"] = date(2021, 1, 1), "before"
    assert len(validate_plan(plan)) == 1
    milestone["date"] = date(2021, 1, 2)
    assert validate_plan(plan) == []


def test_validation_quota_category_not_a_target() -> None:
    plan = _kg()
    plan["quotas"].append(
        {"award_form": "KG-AF-FLAG-P", "category": "phong", "count": 1, "clause": "§IV.2.1.a¶9"}
    )
    assert validate_plan(plan) == [
        "Số lượng khen thưởng (§IV.2.1.a¶9) dành cho khối “phong” không thuộc đối tượng thi đua của kế hoạch."
    ]


def test_validation_criterion_letter_used_twice() -> None:
    plan = copy.deepcopy(load_seed_plan("DNO-CCHC-2022-2025"))
    extra = dict(one(plan["criteria"], subject="collective", letter="b"))
    extra["clause"] = "§IV.1.x"
    plan["criteria"].append(extra)
    assert validate_plan(plan) == ["Tiêu chí b) đối với tập thể bị dùng hai lần (§IV.1.b và §IV.1.x)."]
    extra["subject"] = "individual"
    extra["letter"] = "b"
    assert validate_plan(plan) == []  # letters are unique per subject, not per plan


def test_validation_unknown_award_form() -> None:
    plan = _kg()
    one(plan["standards"], code="KG-P-IND")["award_form"] = "KG-AF-NONE"
    plan["quotas"][0]["award_form"] = "KG-AF-NONE"
    assert validate_plan(plan) == [
        "Tiêu chuẩn “KG-P-IND” (§IV.1.1.b) tham chiếu hình thức khen thưởng “KG-AF-NONE” "
        "không có trong kế hoạch.",
        "Số lượng khen thưởng (§IV.2.1.a¶1) tham chiếu hình thức khen thưởng “KG-AF-NONE” "
        "không có trong kế hoạch.",
    ]


def test_validation_missing_clause() -> None:
    plan = _kg()
    del plan["purposes"][0]["clause"]
    one(plan["standards"], code="KG-A-MERIT")["parts"][0]["clause"] = ""
    plan["award_forms"][0]["clause"] = "IV.2.1.a"
    errors = validate_plan(plan)
    assert len(errors) == 3
    assert errors[0].startswith("Mục đích “Nhằm huy động tinh thần")
    assert errors[0].endswith("thiếu điều khoản nguồn (§…).")
    assert errors[1] == (
        "Hình thức khen thưởng “KG-AF-FLAG-P”: điều khoản nguồn “IV.2.1.a” phải bắt đầu bằng “§”."
    )
    assert errors[2].startswith("Tiêu chuẩn khen thưởng “Là tập thể được Ủy ban nhân dân tỉnh")


def test_validation_other_rules() -> None:
    plan = _kg()
    plan["period"]["end"] = date(2020, 12, 31)
    plan["quotas"][1]["percent"] = 20
    plan["standards"][0]["subject"] = "individual"
    errors = validate_plan(plan)
    assert "Thời gian thi đua không hợp lệ: ngày bắt đầu 01/01/2021 sau ngày kết thúc 31/12/2020." in errors
    assert (
        "Số lượng khen thưởng (§IV.2.1.a¶1.1) phải ghi đúng một cách tính (số lượng, tỷ "
        "lệ, số cá nhân mỗi tập thể, tổng số, tất cả tập thể đạt chuẩn, hoặc cấp quyết "
        "định)." in errors
    )
    assert (
        "Tiêu chuẩn “KG-P-FLAG” (§IV.1.1.a) dành cho cá nhân nhưng hình thức "
        "“KG-AF-FLAG-P” dành cho tập thể." in errors
    )


# ------------------------------------------------------- the fidelity tests have teeth


def test_completeness_check_notices_a_dropped_clause() -> None:
    plan = copy.deepcopy(load_seed_plan("DNO-CCHC-2022-2025"))
    dropped = plan["criteria"].pop(5)  # §IV.1.e
    corpus = "\n".join(normalise_text(text) for _, text in verbatim_strings(plan))
    left_out = [p for p in _original_pieces(source_text(plan)) if p not in corpus]
    assert left_out == [normalise_text(dropped["text"]).rstrip(".")]


def test_verbatim_check_notices_a_changed_word() -> None:
    plan = copy.deepcopy(load_seed_plan("KG-CCHC-2021-2025"))
    one(plan["quotas"], category="xa", award_form="KG-AF-FLAG-P")["text"] = (
        "Ủy ban nhân dân các xã, phường, thị trấn: 04 cờ."
    )
    original = normalise_text(source_text(plan))
    changed = [p for p, t in verbatim_strings(plan) if normalise_text(t) not in original]
    assert changed == ["quotas[3].text"]


_SPECIAL_SECTIONS = {"§Mở đầu", "§Phần kết", "§Chủ đề", "§Trích yếu", "§Phụ lục 1", "§Phụ lục 2"}


@pytest.mark.parametrize("code", PLAN_CODES)
def test_every_clause_points_into_the_outline(code: str) -> None:
    """A clause names a section the document has (its outline), or the preamble/closing."""
    plan = load_seed_plan(code)
    sections = {o["clause"] for o in plan["outline"]} | _SPECIAL_SECTIONS
    for _, element in iter_claused(plan):
        clause = element["clause"]
        root = re.split(r"[.¶(]", clause, maxsplit=1)[0]
        assert root in sections, clause


# --------------------------------------------------------------------- rules of the standards


@pytest.mark.parametrize("code", PLAN_CODES)
def test_every_standard_the_catalogue_covers_gets_its_rule(code: str) -> None:
    """Rules are matched by code: each standard of a plan with a catalogue gets its rule, or
    says why none can be computed; each rule is the standard's own (issue 10)."""
    from thidua.rules import parse
    from thidua.rules.ast import Period
    from thidua.rules.catalogue import compose

    plan = with_rules(load_seed_plan(code))
    period = Period(plan["period"]["start"].year, plan["period"]["end"].year)
    ruled = [s for s in plan["standards"] if not s.get("no_rule")]
    assert all("rule_text" not in s for s in plan["standards"] if s.get("no_rule"))
    # The stored texts, composed as the eligibility run composes them, define each standard.
    rules = parse(compose(period, [s["rule_text"] for s in ruled]))
    for standard in ruled:
        assert standard["rule_text"].startswith(f"tiêu chuẩn {standard['code']} ")
        assert standard["subject"] in ("both", rules[standard["code"]].subject), standard["code"]


def test_hg_mid_term_individual_standard_has_its_rule() -> None:
    plan = with_rules(load_seed_plan("HG-CCHC-2021-2025"))
    individual = one(plan["standards"], code="HG-MID-IND")
    assert individual["rule_text"].startswith("tiêu chuẩn HG-MID-IND")


def test_a_standard_named_with_no_rule_is_refused_at_load_time() -> None:
    plan = copy.deepcopy(load_seed_plan("HG-CCHC-2021-2025"))
    one(plan["standards"], code="HG-MID-IND")["code"] = "HG-MID-MERIT-IND"
    with pytest.raises(PlanRulesError) as error:
        with_rules(plan)
    message = str(error.value)
    assert "Tiêu chuẩn “HG-MID-MERIT-IND” (§IV.2.b)" in message
    assert "không có quy tắc trong danh mục 004_ha_giang.thidua" in message
    assert "danh mục có HG-MID-IND cho cùng điều khoản: hãy dùng đúng mã" in message


def test_no_rule_is_refused_where_the_catalogue_has_one() -> None:
    plan = copy.deepcopy(load_seed_plan("KG-CCHC-2021-2025"))
    one(plan["standards"], code="KG-P-FLAG")["no_rule"] = "xét theo hồ sơ"
    with pytest.raises(PlanRulesError, match="KG-P-FLAG.*danh mục 002_kien_giang.thidua có quy"):
        with_rules(plan)


def test_a_plan_without_catalogue_has_no_rules() -> None:
    plan = dict(copy.deepcopy(load_seed_plan("KG-CCHC-2021-2025")), source="typed-in")
    assert plan_rules(plan) == {}
    assert all("rule_text" not in s for s in with_rules(plan)["standards"])
