"""Engine: lineage rule, quota rounding, records, what-if and facts checks (no database)."""

import json

import polars as pl
import pytest

from thidua.rules import (
    Facts,
    FactsError,
    Parameters,
    Period,
    catalogue,
    evaluate,
    percent_limit,
    prepare,
    what_if,
)
from thidua.rules.cases import facts_from_dict

PERIOD = Period(2021, 2025)
ALL_XS = {y: "xuất sắc" for y in range(2021, 2026)}


def kg_facts(units: list[dict], **extra) -> Facts:
    codes = [u["code"] for u in units]
    return facts_from_dict({"units": units, "registered": codes, **extra}, PERIOD)


def test_lineage_worst_classification_mean_score_and_no_rank() -> None:
    facts = kg_facts([
        {"code": "A", "category": "xa", "results": {2023: {"xếp loại": "xuất sắc", "điểm": 91.25,
                                                           "hạng": 1}}},
        {"code": "B", "category": "xa", "results": {2023: {"xếp loại": "tốt", "điểm": 85.3,
                                                           "hạng": 2}}},
        {"code": "C", "category": "xa", "results": {2023: {"xếp loại": "khá", "điểm": 70}}},
        {"code": "S", "category": "xa", "active_from": 2025},
    ], lineage=[{"successor": "S", "predecessors": ["A", "B"], "year": 2025}])
    prepared = prepare(facts)
    s = prepared.index_of("unit", "S")
    row = prepared.unit_years[2023].filter(pl.col("uidx") == s).row(0, named=True)
    assert row["cls"] == 4  # the worst of xuất sắc (5) and tốt (4)
    assert row["score"] == 8828  # (91.25 + 85.30) / 2 = 88.275 -> 88.28, half up
    assert row["rank"] is None


def test_lineage_needs_every_predecessor_and_chains_carry_through() -> None:
    facts = kg_facts([
        {"code": "A", "category": "xa", "results": {2021: "xuất sắc", 2022: "xuất sắc"}},
        {"code": "B", "category": "xa", "results": {2021: "tốt"}},
        {"code": "C", "category": "xa"},
        {"code": "D", "category": "xa", "results": {2021: "khá", 2022: "tốt", 2023: "tốt"}},
        {"code": "E", "category": "xa"},
    ], lineage=[{"successor": "C", "predecessors": ["A", "B"], "year": 2023},
                {"successor": "E", "predecessors": ["C", "D"], "year": 2025}])
    p = prepare(facts)
    cls = {y: dict(p.unit_years[y].select("uidx", "cls").iter_rows()) for y in (2021, 2022)}
    c, e = p.index_of("unit", "C"), p.index_of("unit", "E")
    assert cls[2021][c] == 4 and cls[2022].get(c) is None  # B has no 2022 result
    assert cls[2021][e] == 3  # worst of C (tốt, inherited) and D (khá)
    assert cls[2022].get(e) is None  # C has no 2022 value to pass on


@pytest.mark.parametrize(("size", "percent", "limit"),
                         [(13, 20, 3), (12, 20, 2), (2, 20, 1), (0, 20, 0), (5, 10, 1),
                          (25, 10, 3), (15, 10, 2), (10, 25, 3)])
def test_percentage_quota_rounds_half_up_and_gives_at_least_one(size, percent, limit) -> None:
    assert percent_limit(size, percent) == limit


def test_record_is_json_ready_and_names_every_condition(tmp_path) -> None:
    facts = kg_facts([
        {"code": "H1", "category": "huyen", "results": ALL_XS},
        {"code": "X1", "category": "xa", "parent": "H1",
         "results": {**ALL_XS, 2023: "khá"}},
    ])
    res = evaluate(catalogue.load("002"), facts, standards=["KG-P-FLAG"])["KG-P-FLAG"]
    rec = res.record("X1")
    json.dumps(rec, ensure_ascii=False)
    assert rec["candidate"] == "X1" and rec["standard"] == "KG-P-FLAG"
    assert rec["eligible"] is False and rec["quota"] is None
    failed = [c for c in rec["conditions"] if not c["passed"]]
    assert [c["id"] for c in failed] == ["2"]
    assert failed[0]["values"]["2023"] == "khá" and failed[0]["clause"] == "002 §IV.1.1.a"
    assert failed[0]["explanation"] == "2023: khá < tốt"
    assert len(list(res.records())) == 2
    out = tmp_path / "flag.jsonl"
    assert res.write_jsonl(str(out)) == 2
    assert json.loads(out.read_text("utf-8").splitlines()[1])["candidate"] == "X1"
    outcome = res.outcome_frame()
    assert outcome["candidate"].to_list() == ["H1", "X1"]
    assert outcome["c:2"].to_list() == [True, False] and outcome["cls@2023"].to_list() == [5, 3]
    assert res.record("NOBODY")["candidate_of_standard"] is False


def test_what_if_changes_a_quota_and_a_threshold_and_reports_the_difference() -> None:
    units = [{"code": "H1", "category": "huyen", "results": ALL_XS}]
    for i, score in enumerate([96, 95, 94, 93, 92], start=1):
        units.append({"code": f"X{i}", "category": "xa", "parent": "H1", "results": ALL_XS,
                      "scores": {2025: score}})
    units.append({"code": "X6", "category": "xa", "parent": "H1",
                  "results": {**ALL_XS, 2022: "khá"}, "scores": {2025: 99}})
    base = evaluate(catalogue.load("002"), kg_facts(units), standards=["KG-P-FLAG"])
    assert base["KG-P-FLAG"].selected() == ["X1", "X2", "X3", "H1"]
    after, changes = what_if(base, quotas={"KG-P-FLAG": {"xa": 4}})
    assert changes["KG-P-FLAG"].entered_selected == ["X4"]
    assert not changes["KG-P-FLAG"].left_selected
    after, changes = what_if(base, thresholds={("KG-P-FLAG", "2"): "khá"})
    assert changes["KG-P-FLAG"].entered_eligible == ["X6"]
    assert changes["KG-P-FLAG"].entered_selected == ["X6"]
    assert changes["KG-P-FLAG"].left_selected == ["X3"]
    assert "ngoài chỉ tiêu: hạng 4 trong khối xa, chỉ tiêu 3" in after["KG-P-FLAG"].explain("X3")


def test_what_if_with_an_edited_text() -> None:
    facts = kg_facts([{"code": "S1", "category": "so-nganh", "results": {
        2021: "tốt", 2022: "tốt", 2023: "xuất sắc", 2024: "xuất sắc", 2025: "xuất sắc"}}])
    rules = catalogue.load("002")
    base = evaluate(rules, facts, standards=["KG-P-FLAG"])
    assert base["KG-P-FLAG"].eligible() == ["S1"]
    edited = catalogue.text("002").replace(
        "xếp loại CCHC = xuất sắc ít nhất 3 năm trong 2021..2025\n  xếp loại CCHC = xuất sắc năm "
        "2025", "xếp loại CCHC = xuất sắc ít nhất 4 năm trong 2021..2025\n  xếp loại CCHC = "
        "xuất sắc năm 2025")
    from thidua.rules import parse

    after, changes = what_if(base, rules=parse(edited))
    assert changes["KG-P-FLAG"].left_eligible == ["S1"]


def test_an_annual_standard_is_read_in_the_evaluation_year() -> None:
    facts = kg_facts([{"code": "S1", "category": "so-nganh", "results": {
        2022: "xuất sắc", 2023: "tốt"}}])
    rules = catalogue.load("002")
    assert evaluate(rules, facts, evaluation_year=2022,
                    standards=["KG-A-MERIT"])["KG-A-MERIT"].eligible() == ["S1"]
    assert evaluate(rules, facts, evaluation_year=2023,
                    standards=["KG-A-MERIT"])["KG-A-MERIT"].eligible() == []


def test_classification_comes_from_dated_bands_when_not_published() -> None:
    facts = kg_facts([{"code": "S1", "category": "so-nganh", "scores": {2022: 86.0, 2024: 86.0}}])
    params = Parameters.from_yaml(
        "classification_bands:\n"
        "  - {valid_from: 2021-01-01, xuat_sac: 90, tot: 80, kha: 70, trung_binh: 50}\n"
        "  - {valid_from: 2024-01-01, xuat_sac: 85, tot: 75, kha: 65, trung_binh: 50}\n")
    p = prepare(facts, params)
    assert p.unit_years[2022]["cls"].to_list() == [4]  # tốt under the 2021 bands
    assert p.unit_years[2024]["cls"].to_list() == [5]  # xuất sắc under the 2024 bands


def test_facts_errors_are_clear() -> None:
    with pytest.raises(FactsError, match="thiếu cột"):
        prepare(Facts(units=pl.DataFrame({"unit_id": [1]}))).units  # noqa: B018
    facts = kg_facts([{"code": "S1", "category": "so-nganh", "results": {2022: "giỏi"}}])
    with pytest.raises(FactsError, match="giỏi"):
        prepare(facts).unit_years  # noqa: B018


def test_facts_from_row_tuples_like_a_values_list() -> None:
    facts = Facts.from_rows(
        units=(["unit_id", "code", "category", "parent_id"],
               [(10, "H1", "huyen", None), (11, "X1", "xa", 10)]),
        unit_years=(["unit_id", "year", "classification"],
                    [(u, y, "xuất sắc") for u in (10, 11) for y in range(2021, 2026)]),
        registrations=(["subject_kind", "subject_id"], [("unit", 10), ("unit", 11)]),
        people=(["person_id", "code", "gender"], []),
    )
    result = evaluate(catalogue.load("002"), facts, standards=["KG-P-FLAG"])["KG-P-FLAG"]
    assert result.selected() == ["H1", "X1"]
    with pytest.raises(FactsError, match="không có bảng"):
        Facts.from_rows(unit=(["unit_id"], []))


def test_members_of_predecessors_count_for_the_successor() -> None:
    from thidua.rules import parse

    rules = parse(
        "giai đoạn 2023..2025\n"
        'tiêu chuẩn M "Thử" theo "x"\n'
        "  áp dụng cho tập thể\n"
        "  100% thành viên xếp loại chất lượng >= hoàn thành tốt năm 2023\n"
        "  100% thành viên xếp loại chất lượng >= hoàn thành tốt năm 2025\n"
    )
    facts = facts_from_dict({
        "units": [{"code": "A", "category": "xa", "active_to": 2024},
                  {"code": "B", "category": "xa", "active_to": 2024},
                  {"code": "S", "category": "xa", "active_from": 2025}],
        "people": [
            {"code": "P1", "units": {2023: "A", 2025: "S"},
             "ratings": {2023: "hoàn thành tốt", 2025: "hoàn thành tốt"}},
            {"code": "P2", "units": {2023: "B", 2025: "S"},
             "ratings": {2023: "hoàn thành", 2025: "hoàn thành tốt"}},
        ],
        "lineage": [{"successor": "S", "predecessors": ["A", "B"], "year": 2025}],
    }, rules.period)
    result = evaluate(rules, facts)["M"]
    assert result.frame.height == 1  # A and B ended with the merger
    text = result.explain("S")
    assert "2023: 1/2 thành viên (50%) < 100%" in text
    assert "2025: 2/2 thành viên (100%) ≥ 100%" in text


def test_prior_awards_are_counted_for_units_and_people() -> None:
    from thidua.rules import parse

    rules = parse(
        "giai đoạn 2021..2025\n"
        'tiêu chuẩn U "u" theo "x"\n  áp dụng cho tập thể\n'
        "  không đã được khen flag_province trong 2021..2024\n"
        'tiêu chuẩn P "p" theo "x"\n  áp dụng cho cá nhân\n'
        "  đã được khen title_chien_si_thi_dua_co_so, title_lao_dong_tien_tien năm trước\n"
    )
    facts = facts_from_dict({
        "units": [{"code": "A", "category": "xa"}, {"code": "B", "category": "xa"}],
        "people": [{"code": "P1", "unit": "A"}, {"code": "P2", "unit": "A"}],
        "awards": [{"subject": "A", "award": "flag_province", "year": 2022},
                   {"subject": "P1", "award": "TITLE_CHIEN_SI_THI_DUA_CO_SO", "year": 2024},
                   {"subject": "P2", "award": "title_chien_si_thi_dua_co_so", "year": 2023}],
    }, rules.period)
    result = evaluate(rules, facts)
    assert result["U"].eligible() == ["B"]
    assert "1 khen thưởng flag_province (2022: 1) ≥ 1" in result["U"].explain("A")
    assert result["P"].eligible() == ["P1"]
