"""Engine mechanics behind the readings of issue 10 (docs/rules.md, "Readings"): members of a
collective, a person's collective, one form per achievement, yearly registration, former
parents after the 2025 reform, and what-if on the N of «ít nhất N năm». No database."""

import pytest

from thidua.rules import (
    Period,
    RuleError,
    RuleSyntaxError,
    describe_override,
    evaluate,
    parse,
    threshold_override,
    what_if,
)
from thidua.rules.cases import facts_from_dict

XS = "xuất sắc"

FLAG_AND_MERIT = """
giai đoạn 2021..2025
tiêu chuẩn FLAG "Cờ" theo "002 §IV.1.1.a"
  áp dụng cho tập thể thuộc khối so-nganh
  xếp loại CCHC = xuất sắc ít nhất 3 năm trong 2021..2025
  chỉ tiêu: khối so-nganh 1
  xếp hạng theo điểm CCHC trung bình 2021..2025 giảm dần
tiêu chuẩn MERIT "Bằng khen" theo "002 §IV.1.1.a"
  áp dụng cho tập thể thuộc khối so-nganh
  xếp loại CCHC = xuất sắc ít nhất 2 năm trong 2021..2025
  hình thức cao hơn: FLAG theo "Luật 06/2022/QH15"
  chỉ tiêu: khối so-nganh 1
  xếp hạng theo điểm CCHC trung bình 2021..2025 giảm dần
tiêu chuẩn IND "Cá nhân" theo "002 §IV.1.1.b"
  áp dụng cho cá nhân
  đơn vị công tác được chọn FLAG hoặc MERIT
  chỉ tiêu: mỗi đơn vị 1
"""


def _scores(value: float) -> dict[int, dict[str, object]]:
    return {y: {"xếp loại": XS, "điểm": value} for y in range(2021, 2026)}


def _dept_facts() -> dict:
    return {
        "units": [
            {"code": "S1", "category": "so-nganh", "kind": "department", "results": _scores(95)},
            {"code": "S2", "category": "so-nganh", "kind": "department", "results": _scores(94)},
            {"code": "S3", "category": "so-nganh", "kind": "department", "results": _scores(93)},
            {"code": "P1", "category": "phong", "kind": "division", "parent": "S1"},
        ],
        "people": [{"code": "A", "unit": "P1"}, {"code": "B", "unit": "S3"}],
    }


def test_one_form_per_achievement_and_the_next_moves_up() -> None:
    rules = parse(FLAG_AND_MERIT)
    result = evaluate(rules, facts_from_dict(_dept_facts(), Period(2021, 2025)))
    assert result["FLAG"].selected() == ["S1"]
    # S1 holds the flag: eligible for the certificate, but S2 takes its only place.
    assert result["MERIT"].eligible() == ["S2", "S3", "S1"] or \
        set(result["MERIT"].eligible()) == {"S1", "S2", "S3"}
    assert result["MERIT"].selected() == ["S2"]
    record = result["MERIT"].record("S1")
    assert record["eligible"] and not record["selected"]
    assert record["quota"]["cut"] == "higher"
    assert "nhận hình thức cao hơn (FLAG)" in result["MERIT"].explain("S1")


def test_division_staff_belong_to_their_department() -> None:
    rules = parse(FLAG_AND_MERIT)
    result = evaluate(rules, facts_from_dict(_dept_facts(), Period(2021, 2025)))
    ind = result["IND"]
    # A works in a division of S1 (flag); B in S3, which got neither form.
    assert ind.eligible() == ["A"]
    assert ind.record("A")["conditions"][0]["values"]["unit"] == "S1"


def test_higher_form_must_be_a_known_standard_of_the_same_subject() -> None:
    with pytest.raises(RuleSyntaxError, match="không biết tiêu chuẩn"):
        parse(FLAG_AND_MERIT.replace("hình thức cao hơn: FLAG", "hình thức cao hơn: FLAGX"))
    with pytest.raises(RuleSyntaxError, match="không cùng là tiêu chuẩn tập thể"):
        parse(FLAG_AND_MERIT + '  hình thức cao hơn: FLAG\n')


def test_registration_for_one_year_counts_only_that_year() -> None:
    text = """
giai đoạn 2021..2025
tiêu chuẩn A "Hằng năm" theo "004 §IV.1.a"
  áp dụng cho tập thể
  đã đăng ký
"""
    facts = facts_from_dict({
        "units": [{"code": "X", "category": "xa"}, {"code": "Y", "category": "xa"},
                  {"code": "Z", "category": "xa"}],
        "registered": ["X", {"subject": "Y", "year": 2023}],
    }, Period(2021, 2025))
    rules = parse(text)
    assert evaluate(rules, facts, evaluation_year=2023)["A"].eligible() == ["X", "Y"]
    assert evaluate(rules, facts, evaluation_year=2024)["A"].eligible() == ["X"]


REFORM = """
giai đoạn 2021..2025
tiêu chuẩn D "Huyện" theo "002"
  áp dụng cho tập thể thuộc khối huyen
  xếp loại CCHC = xuất sắc năm 2024
tiêu chuẩn C "Xã" theo "002, lưu ý"
  áp dụng cho tập thể thuộc khối xa
  nếu thuộc khối xa: đơn vị cấp trên được xét D
"""


def _reform_facts() -> dict:
    return {
        "units": [
            {"code": "T", "category": "tinh", "kind": "province"},
            {"code": "H1", "category": "huyen", "kind": "district", "parent": "T",
             "results": {2024: XS}, "active_to": 2025},
            {"code": "H2", "category": "huyen", "kind": "district", "parent": "T",
             "results": {2024: "tốt"}, "active_to": 2025},
            {"code": "X1", "category": "xa", "kind": "commune", "parent": "H1",
             "active_to": 2024},
            {"code": "X2", "category": "xa", "kind": "commune", "parent": "H2",
             "active_to": 2024},
            {"code": "XM", "category": "xa", "kind": "commune", "parent": "T",
             "active_from": 2025},
        ],
        "lineage": [{"successor": "XM", "predecessors": ["X1", "X2"], "year": 2025}],
    }


def test_a_commune_of_the_reform_reads_all_its_former_districts() -> None:
    result = evaluate(parse(REFORM), facts_from_dict(_reform_facts(), Period(2021, 2025)))
    assert result["D"].eligible() == ["H1"]
    assert result["C"].eligible() == []  # H2 was not considered
    text = result["C"].explain("XM")
    assert "trước sáp nhập" in text and "H1" in text and "H2" in text


def test_any_former_district_is_enough_when_the_campaign_says_so() -> None:
    text = REFORM + "  đơn vị cấp trên khi sáp nhập: một trong\n"
    result = evaluate(parse(text), facts_from_dict(_reform_facts(), Period(2021, 2025)))
    assert result["C"].eligible() == ["XM"]


def test_what_if_on_the_number_of_years_is_not_read_as_a_level() -> None:
    rules = parse(FLAG_AND_MERIT)
    facts = _dept_facts()
    facts["units"][2]["results"] = {y: {"xếp loại": XS if y < 2023 else "tốt", "điểm": 90}
                                    for y in range(2021, 2026)}
    result = evaluate(rules, facts_from_dict(facts, Period(2021, 2025)))
    assert "S3" not in result["FLAG"].eligible()  # 2 years of xuất sắc, 3 required
    with pytest.raises(RuleError, match="«2 năm»"):
        threshold_override(rules, "FLAG", "1", "2")
    key, value = threshold_override(rules, "FLAG", "1", "2 năm")
    assert key == ("FLAG", "1", "years") and value == 2
    after, changes = what_if(result, thresholds={key: value})
    assert "S3" in after["FLAG"].eligible()
    assert "S3" in changes["FLAG"].entered_eligible
    assert describe_override(rules, key, value).endswith("ít nhất 2 năm")
    level_key, level = threshold_override(rules, "FLAG", "1", "tốt")
    assert level_key == ("FLAG", "1") and level == "tốt"
    with pytest.raises(RuleError, match="9 năm"):
        threshold_override(rules, "FLAG", "1", "9 năm")


def test_a_district_abolished_in_the_last_year_is_judged_on_the_years_it_had() -> None:
    text = """
giai đoạn 2021..2025
tiêu chuẩn D "Huyện" theo "002"
  áp dụng cho tập thể thuộc khối huyen
  xếp loại CCHC >= tốt mỗi năm 2021..2025
  xếp loại CCHC = xuất sắc ít nhất 3 năm trong 2021..2025
  xếp loại CCHC = xuất sắc năm 2025
tiêu chuẩn C "Xã" theo "002, lưu ý"
  áp dụng cho tập thể thuộc khối xa
  nếu thuộc khối xa: đơn vị cấp trên được xét D
"""
    facts = _reform_facts()
    good = {y: XS for y in range(2021, 2025)}
    facts["units"][1]["results"] = good  # H1: no 2025 result, abolished in 2025
    facts["units"][2]["results"] = {**good, 2023: "khá"}
    facts["units"].append({"code": "H3", "category": "huyen", "kind": "district",
                           "parent": "T", "results": good})  # alive, 2025 missing: fails
    result = evaluate(parse(text), facts_from_dict(facts, Period(2021, 2025)))
    assert result["D"].eligible() == ["H1"]
    explanation = result["D"].explain("H1")
    assert "đọc năm cuối 2024" in explanation and "kết thúc hoạt động" in explanation
    assert "2025: không có kết quả" in result["D"].explain("H3")
    # The commune of the reform reads both former districts (H2 fails 2023).
    assert result["C"].eligible() == []
    any_text = text + "  đơn vị cấp trên khi sáp nhập: một trong\n"
    assert evaluate(parse(any_text), facts_from_dict(facts, Period(2021, 2025)))["C"] \
        .eligible() == ["XM"]
    record = result["D"].record("H1")
    assert record["eligible"] and not record["selected"] and record["quota"]["cut"] == "ended"
