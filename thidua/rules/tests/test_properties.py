"""Properties of the Kiên Giang readings (issue 10) over generated provinces, without a database.

A province here has departments with their divisions and a CCHC body, districts with their
Phòng Nội vụ and communes, and (often) a commune formed on 1/7/2025 from communes of two
districts; classifications, ratings, discipline and registrations are random. Whatever the
data, an officer expects:

* nobody receives two forms for one achievement (KG-P-FLAG and KG-P-MERIT, Law 06/2022/QH15
  Art. 5.2.c);
* every person selected for KG-P-IND works in a collective selected for KG-P-FLAG, KG-P-MERIT
  or KG-P-BODY, or in a division of one (002 §IV.1.1.b);
* a new, well-rated, undisciplined member of a division never costs any unit its eligibility
  for KG-P-FLAG, KG-P-MERIT or KG-A-MERIT (members are read through divisions, Reading 1).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.rules import catalogue, evaluate
from thidua.rules.ast import Period
from thidua.rules.cases import facts_from_dict

PERIOD = Period(2021, 2025)
YEARS = list(PERIOD.years())
CLASSES = ["xuất sắc", "xuất sắc", "xuất sắc", "tốt", "tốt", "khá"]
RATINGS = ["hoàn thành xuất sắc", "hoàn thành tốt", "hoàn thành tốt", "hoàn thành tốt", "hoàn thành"]
RULES = catalogue.load("002")
PHASE = ["KG-P-FLAG", "KG-P-MERIT", "KG-P-BODY", "KG-P-IND"]


def province(seed: int) -> dict[str, Any]:
    """A small Kiên Giang-like province as a case dict (the format of cases/*.yaml)."""
    rng = np.random.default_rng(seed)
    units: list[dict[str, Any]] = [{"code": "T", "category": "tinh"}]
    people: list[dict[str, Any]] = []

    def results() -> dict[int, Any]:
        return {y: {"xếp loại": CLASSES[int(rng.integers(len(CLASSES)))],
                    "điểm": float(rng.choice([88.0, 90.5, 92.0, 95.5]))} for y in YEARS}

    def ranks() -> dict[int, int]:
        return {y: int(rng.integers(1, 6)) for y in [2020, *YEARS]}

    def staff(unit: str, n: int, years: Any = None) -> None:
        for _ in range(n):
            code = f"{unit}-N{len(people) + 1}"
            where = years if years is not None else {"kỳ": unit}
            people.append({
                "code": code, "units": where, "gender": "F" if rng.random() < 0.4 else "M",
                "ratings": {y: RATINGS[int(rng.integers(len(RATINGS)))] for y in YEARS},
                "outstanding_cchc": [y for y in YEARS if rng.random() < 0.4],
                "direct_cchc": [y for y in YEARS if rng.random() < 0.5],
            })

    for d in range(1, int(rng.integers(2, 5)) + 1):
        dept = f"S{d}"
        units.append({"code": dept, "category": "so-nganh", "parent": "T", "results": results(),
                      "female_share": float(rng.choice([0.3, 0.75]))})
        staff(dept, int(rng.integers(0, 3)))
        for k in range(1, int(rng.integers(0, 3)) + 1):
            units.append({"code": f"{dept}-P{k}", "category": "phong", "parent": dept})
            staff(f"{dept}-P{k}", int(rng.integers(0, 3)))
    units.append({"code": "CQ", "category": "co-quan-chuyen-trach-tinh", "parent": "S1",
                  "ranks": ranks()})
    staff("CQ", int(rng.integers(1, 3)))
    communes: list[tuple[str, str]] = []
    for h in range(1, int(rng.integers(2, 4)) + 1):
        dist = f"H{h}"
        units.append({"code": dist, "category": "huyen", "parent": "T", "results": results()})
        staff(dist, int(rng.integers(0, 2)))
        units.append({"code": f"{dist}-PNV", "category": "phong-noi-vu-huyen", "parent": dist,
                      "ranks": ranks()})
        staff(f"{dist}-PNV", int(rng.integers(1, 3)))
        for x in range(1, int(rng.integers(1, 4)) + 1):
            communes.append((f"{dist}-X{x}", dist))
    merged: set[str] = set()
    lineage: list[dict[str, Any]] = []
    if rng.random() < 0.7:  # two communes of two districts form one on 1/7/2025
        a = communes[0][0]
        b = next(c for c, parent in communes if parent != communes[0][1])
        merged = {a, b}
        units.append({"code": "XM", "category": "xa", "parent": "T", "active_from": 2025,
                      "results": {2025: results()[2025]}, "ranks": {2025: 1}})
        lineage.append({"successor": "XM", "predecessors": [a, b], "year": 2025})
    for code, dist in communes:
        unit: dict[str, Any] = {"code": code, "category": "xa", "parent": dist,
                                "results": results(), "ranks": {y: int(rng.integers(1, 4))
                                                                for y in YEARS}}
        if code in merged:
            unit["active_to"] = 2024
            unit["results"] = {y: v for y, v in unit["results"].items() if y < 2025}
            staff(code, int(rng.integers(0, 2)), years={"2021..2024": code, 2025: "XM"})
        else:
            staff(code, int(rng.integers(0, 2)))
        units.append(unit)

    registered: list[Any] = []
    for subject in [u["code"] for u in units if u["code"] != "T"] + [p["code"] for p in people]:
        r = rng.random()
        if r < 0.75:
            registered.append(subject)                                    # the whole campaign
        elif r < 0.9:
            registered.append({"subject": subject, "year": int(rng.choice(YEARS))})
    discipline = [{"person": p["code"], "year": int(rng.choice(YEARS))}
                  for p in people if rng.random() < 0.1]
    return {"units": units, "people": people, "registered": registered,
            "discipline": discipline, "lineage": lineage}


def run(case: dict[str, Any], year: int) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Eligible and selected codes of the phase standards (2025) and of KG-A-MERIT in `year`."""
    facts = facts_from_dict(case, PERIOD)
    phase = evaluate(RULES, facts, standards=PHASE)
    annual = evaluate(RULES, facts, evaluation_year=year, standards=["KG-A-MERIT"])
    eligible = {c: set(phase[c].eligible()) for c in PHASE}
    selected = {c: set(phase[c].selected()) for c in PHASE}
    eligible["KG-A-MERIT"] = set(annual["KG-A-MERIT"].eligible())
    return eligible, selected


def work_chain(case: dict[str, Any], person: str) -> list[str]:
    """The person's unit in 2025 and the units above it up to the first that is not a division."""
    units = {u["code"]: u for u in case["units"]}
    p = next(p for p in case["people"] if p["code"] == person)
    where = p["units"]
    code = where.get(2025) or where.get("kỳ")
    chain = [code]
    while units[code]["category"].startswith("phong") and units[code].get("parent"):
        code = units[code]["parent"]
        chain.append(code)
    return chain


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1), st.sampled_from(YEARS))
def test_one_form_per_achievement_and_individuals_of_selected_collectives(
        seed: int, year: int) -> None:
    case = province(seed)
    _, selected = run(case, year)
    assert not selected["KG-P-FLAG"] & selected["KG-P-MERIT"]
    collectives = selected["KG-P-FLAG"] | selected["KG-P-MERIT"] | selected["KG-P-BODY"]
    for person in selected["KG-P-IND"]:
        assert set(work_chain(case, person)) & collectives, person


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1), st.sampled_from(YEARS), st.data())
def test_a_good_member_of_a_division_never_costs_a_unit_its_eligibility(
        seed: int, year: int, data: st.DataObject) -> None:
    case = province(seed)
    divisions = [u["code"] for u in case["units"] if u["category"].startswith("phong")]
    division = data.draw(st.sampled_from(divisions))
    before, _ = run(case, year)
    newcomer = {"code": "NEW", "units": {"kỳ": division},
                "ratings": dict.fromkeys(YEARS, "hoàn thành tốt")}
    after, _ = run({**case, "people": [*case["people"], newcomer],
                    "registered": [*case["registered"], "NEW"]}, year)
    for code in ("KG-P-FLAG", "KG-P-MERIT", "KG-A-MERIT"):
        assert before[code] <= after[code], (code, division, before[code] - after[code])
